/**
 * Single parent (checklist topic 10). SENSITIVE: messages never contain the value, only the rule and
 * the cell position; homeless values are never read by any rule.
 */
import { inGradeBand } from "../eligibility";
import { normalizeGrade, normalizeYesNo } from "../normalize";
import { RuleDef } from "./types";

export const SINGLE_PARENT_GRADE: RuleDef = {
  id: "SINGLE-PARENT-GRADE", topic: "single-parent", severity: "error",
  description: "Single parent = yes for a student outside grades 11-12.",
};

/** SINGLE-PARENT-INVALID's pass also reports SINGLE-PARENT-GRADE. */
export const SINGLE_PARENT_INVALID: RuleDef = {
  id: "SINGLE-PARENT-INVALID", topic: "single-parent", severity: "error",
  description: "A single-parent value that is not a yes/no form (the value is never shown).",
  run(ctx) {
    for (const t of ctx.tables("demographics")) {
      if (!t.has("singleParent")) continue;
      for (const r of t.rows) {
        if (t.isError(r, "singleParent")) continue;
        const flag = normalizeYesNo(t.raw(r, "singleParent") ?? null);
        if (flag === undefined) {
          ctx.report({ table: t, at: r, field: "singleParent", message: "Single parent is not a yes/no value (value withheld: sensitive). Correct it in the SIS to Y or N." });
          continue;
        }
        if (flag !== true || !t.has("grade")) continue;
        const grade = normalizeGrade(t.raw(r, "grade") ?? null);
        if (grade !== null && !inGradeBand("single-parent", grade)) {
          ctx.report({ table: t, at: r, field: "singleParent", rule: SINGLE_PARENT_GRADE, message: "Single parent is reported outside grades 11-12, where DPI collects it. Review the record in the SIS (do not email it: sensitive)." });
        }
      }
    }
  },
};
