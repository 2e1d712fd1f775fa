/** CTE graduates: HS completion exit types and credentials (checklist topic 6). */
import { ExitType, exitTypeOf } from "../codes";
import { normalizeGrade } from "../normalize";
import { Check, eachConcentratorAbsentFrom, eachRow, reportBlank, rule } from "./types";

export const EXIT_TYPE_UNKNOWN = rule({
  id: "EXIT-TYPE-UNKNOWN",
  topic: "cte-graduates",
  severity: "error",
  description: "An exit type that is not on DPI's exit type list (HSC, TC, TNC, …), or a blank one.",
  fix: "Use an exit type code from DPI's list (HSC = high school completion).",
  messages: {
    blank: "Exit type is blank. Every row of the HS completion export needs an exit type (HSC for a graduate).",
    unknown: "Exit type {q:value} is not a DPI exit type. Use a code from DPI's list (HSC = high school completion).",
  },
});

export const HSC_NOT_GRADE_12 = rule({
  id: "HSC-NOT-GRADE-12",
  topic: "cte-graduates",
  severity: "warning",
  dpi: "6498",
  description: "Exit type HSC with a grade other than 12 (DPI 6498).",
  fix: "Acknowledge genuine early graduates (confirm the exit date); otherwise correct the grade or the exit type.",
  message:
    "Exit type HSC with grade {grade} (DPI 6498). Acknowledge genuine early graduates (confirm the exit date); " +
    "otherwise correct the grade or exit type.",
});

export const HSC_CREDENTIAL_MISSING = rule({
  id: "HSC-CREDENTIAL-MISSING",
  topic: "cte-graduates",
  severity: "error",
  dpi: "6493",
  description: "Exit type HSC with a blank credential type, when the column exists (DPI 6493).",
  fix: "Add the diploma type (R = regular diploma) to the academic record, or change the exit type.",
  message:
    "Exit type HSC without a credential type (DPI 6493). Add the diploma type (R = regular diploma) to the academic record, " +
    "or change the exit type.",
});

/** Each HS completion row's exit type is read once; an HSC row's grade and credential are checked with it. */
const EXIT_TYPES: Check = {
  emits: [EXIT_TYPE_UNKNOWN, HSC_NOT_GRADE_12, HSC_CREDENTIAL_MISSING],
  run(ctx) {
    eachRow(ctx, ["hs-completion"], ["exitType"], (t, r) => {
      if (t.blank(r, "exitType")) {
        ctx.report({ table: t, at: r, field: "exitType", rule: EXIT_TYPE_UNKNOWN, says: "blank" });
        return;
      }
      const text = t.present(r, "exitType");
      if (text === null) return;
      const exit = exitTypeOf(text);
      if (!exit) {
        ctx.report({ table: t, at: r, field: "exitType", rule: EXIT_TYPE_UNKNOWN, says: "unknown", fields: { value: text } });
        return;
      }
      if (exit.code !== "HSC") return;
      if (t.has("grade") && !t.blank(r, "grade") && !t.isError(r, "grade")) {
        const grade = normalizeGrade(t.raw(r, "grade") ?? null);
        if (grade !== null && grade !== 12) ctx.report({ table: t, at: r, field: "grade", rule: HSC_NOT_GRADE_12, fields: { grade } });
      }
      reportBlank(ctx, t, r, "credentialType", HSC_CREDENTIAL_MISSING);
    });
  },
};

export const SENIOR_EXIT_MISSING = rule({
  id: "SENIOR-EXIT-MISSING",
  topic: "cte-graduates",
  severity: "warning",
  description: "A grade-12 concentrator with no HS completion row (when both exports are present).",
  fix: "Check the senior's exit type (HSC with a regular diploma makes a CTE graduate).",
  message:
    "Grade-12 concentrator {q:studentId} has no row in the HS completion export. " +
    "Check the senior's exit type (HSC with a regular diploma makes a CTE graduate).",
});

const SENIORS_EXITED: Check = {
  emits: [SENIOR_EXIT_MISSING],
  run(ctx) {
    eachConcentratorAbsentFrom(ctx, "hs-completion", ["grade"], (t, r, id) => {
      if (normalizeGrade(t.raw(r, "grade") ?? null) !== 12) return;
      ctx.report({ table: t, at: r, field: "studentId", rule: SENIOR_EXIT_MISSING, fields: { studentId: id } });
    });
  },
};

export const SENIOR_EXIT_NOT_HSC = rule({
  id: "SENIOR-EXIT-NOT-HSC",
  topic: "cte-graduates",
  severity: "info",
  description:
    "A grade-12 concentrator whose HS completion row has an exit type other than HSC: the student will not count " +
    "as a CTE graduate (check all seniors for HSC exit type).",
  fix: "If the senior completed high school, correct the exit type to HSC in the SIS.",
  message:
    "Grade-12 concentrator {q:studentId} has exit type {exits| and } in the HS completion export, not HSC, " +
    "so will not count as a CTE graduate. If the senior completed high school, correct the exit type in the SIS.",
});

const SENIORS_EXIT_HSC: Check = {
  emits: [SENIOR_EXIT_NOT_HSC],
  run(ctx) {
    const completion = ctx.tables("hs-completion").filter((t) => t.has("studentId") && t.has("exitType"));
    if (completion.length === 0) return;
    // Per student: whether any completion row says HSC, and the other exit types its rows give.
    const exits = new Map<string, { hsc: boolean; others: ExitType[] }>();
    for (const t of completion)
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        const exit = exitTypeOf(t.text(r, "exitType"));
        if (id === null || exit === null) continue; // a blank or unknown exit type is EXIT-TYPE-UNKNOWN's
        const e = exits.get(id) ?? { hsc: false, others: [] };
        if (exit.code === "HSC") e.hsc = true;
        else if (!e.others.some((o) => o.code === exit.code)) e.others.push(exit);
        exits.set(id, e);
      }
    eachRow(ctx, ["concentrators"], ["grade"], (t, r) => {
      const id = t.present(r, "studentId");
      const e = id === null ? undefined : exits.get(id);
      if (id === null || !e || e.hsc || e.others.length === 0) return;
      if (normalizeGrade(t.raw(r, "grade") ?? null) !== 12) return;
      const named = e.others.map((exit) => `${exit.code} (${exit.description})`);
      ctx.report({ table: t, at: r, field: "studentId", rule: SENIOR_EXIT_NOT_HSC, fields: { studentId: id, exits: named } });
    });
  },
};

export const CHECKS: readonly Check[] = [EXIT_TYPES, SENIORS_EXITED, SENIORS_EXIT_HSC];
