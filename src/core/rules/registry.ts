/**
 * Every check, in the order they run, and the rule catalogue built from what they declare (catalogue order:
 * each check's `emits` in turn). Tests, the README, docs/rules.md, the help page and =CTE.RULE() read RULES.
 */
import * as careerEd from "./careerEd";
import * as common from "./common";
import * as concentrators from "./concentrators";
import * as courses from "./courses";
import * as graduates from "./graduates";
import * as pathways from "./pathways";
import * as programAreas from "./programAreas";
import * as singleParent from "./singleParent";
import { Check, RuleDef } from "./types";

export const CHECKS: readonly Check[] = [
  ...common.CHECKS,
  ...concentrators.CHECKS,
  ...pathways.CHECKS,
  ...programAreas.CHECKS,
  ...graduates.CHECKS,
  ...careerEd.CHECKS,
  ...singleParent.CHECKS,
  ...courses.CHECKS,
];

export const RULES: readonly RuleDef[] = CHECKS.flatMap((c) => c.emits);

export const RULES_BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return RULES_BY_ID.get(id.trim().toUpperCase());
}
