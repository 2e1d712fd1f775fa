/**
 * Single parent (checklist topic 10). SENSITIVE: messages never contain the value, only the rule and
 * the cell position (fillMessage refuses any field that would carry it); homeless values are never read by any rule.
 */
import { inGradeBand } from "../eligibility";
import { normalizeGrade, normalizeYesNo } from "../normalize";
import { Check, eachRow, rule } from "./types";

export const SINGLE_PARENT_INVALID = rule({
  id: "SINGLE-PARENT-INVALID",
  topic: "single-parent",
  severity: "error",
  description: "A single-parent value that is not a yes/no form (the value is never shown).",
  fix: "Correct the single-parent value in the SIS to Y or N.",
  message: "Single parent is not a yes/no value (value withheld: sensitive). Correct it in the SIS to Y or N.",
});

export const SINGLE_PARENT_GRADE = rule({
  id: "SINGLE-PARENT-GRADE",
  topic: "single-parent",
  severity: "error",
  description: "Single parent = yes for a student outside grades 11-12.",
  fix: "Review the student's record in the SIS (do not email it: sensitive).",
  message:
    "Single parent is reported outside grades 11-12, where DPI collects it. " +
    "Review the record in the SIS (do not email it: sensitive).",
});

/** Each single-parent cell is read once: a yes/no form, and a yes only in grades 11-12. */
const SINGLE_PARENT: Check = {
  emits: [SINGLE_PARENT_INVALID, SINGLE_PARENT_GRADE],
  run(ctx) {
    eachRow(ctx, ["demographics"], ["singleParent"], (t, r) => {
      if (t.isError(r, "singleParent")) return;
      const flag = normalizeYesNo(t.raw(r, "singleParent") ?? null);
      if (flag === undefined) {
        ctx.report({ table: t, at: r, field: "singleParent", rule: SINGLE_PARENT_INVALID });
        return;
      }
      if (flag !== true || !t.has("grade")) return;
      const grade = normalizeGrade(t.raw(r, "grade") ?? null);
      if (grade === null || inGradeBand("single-parent", grade)) return;
      ctx.report({ table: t, at: r, field: "singleParent", rule: SINGLE_PARENT_GRADE });
    });
  },
};

export const CHECKS: readonly Check[] = [SINGLE_PARENT];
