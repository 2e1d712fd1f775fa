/** CTE graduates: HS completion exit types and credentials (checklist topic 6). */
import { ExitType, exitTypeOf } from "../codes";
import { normalizeGrade } from "../normalize";
import { studentIds } from "../studentIds";
import { RuleDef, q } from "./types";

export const HSC_NOT_GRADE_12: RuleDef = {
  id: "HSC-NOT-GRADE-12", topic: "cte-graduates", severity: "warning", dpi: "6498",
  description: "Exit type HSC with a grade other than 12 (DPI 6498).",
};
export const HSC_CREDENTIAL_MISSING: RuleDef = {
  id: "HSC-CREDENTIAL-MISSING", topic: "cte-graduates", severity: "error", dpi: "6493",
  description: "Exit type HSC with a blank credential type, when the column exists (DPI 6493).",
};

/** EXIT-TYPE-UNKNOWN's pass reads each HS completion row once and also reports the two HSC rules. */
export const EXIT_TYPE_UNKNOWN: RuleDef = {
  id: "EXIT-TYPE-UNKNOWN", topic: "cte-graduates", severity: "error",
  description: "An exit type that is not on DPI's exit type list (HSC, TC, TNC, …), or a blank one.",
  run(ctx) {
    for (const t of ctx.tables("hs-completion")) {
      if (!t.has("exitType")) continue;
      for (const r of t.rows) {
        if (t.blank(r, "exitType")) {
          ctx.report({ table: t, at: r, field: "exitType", message: "Exit type is blank. Every row of the HS completion export needs an exit type (HSC for a graduate)." });
          continue;
        }
        const text = t.present(r, "exitType");
        if (text === null) continue;
        const exit = exitTypeOf(text);
        if (!exit) {
          ctx.report({ table: t, at: r, field: "exitType", message: `Exit type ${q(text)} is not a DPI exit type. Use a code from DPI's list (HSC = high school completion).` });
          continue;
        }
        if (exit.code !== "HSC") continue;
        if (t.has("grade") && !t.blank(r, "grade") && !t.isError(r, "grade")) {
          const grade = normalizeGrade(t.raw(r, "grade") ?? null);
          if (grade !== null && grade !== 12) {
            ctx.report({ table: t, at: r, field: "grade", rule: HSC_NOT_GRADE_12, message: `Exit type HSC with grade ${grade} (DPI 6498). Acknowledge genuine early graduates (confirm the exit date); otherwise correct the grade or exit type.` });
          }
        }
        if (t.has("credentialType") && t.blank(r, "credentialType")) {
          ctx.report({ table: t, at: r, field: "credentialType", rule: HSC_CREDENTIAL_MISSING, message: "Exit type HSC without a credential type (DPI 6493). Add the diploma type (R = regular diploma) to the academic record, or change the exit type." });
        }
      }
    }
  },
};

export const SENIOR_EXIT_MISSING: RuleDef = {
  id: "SENIOR-EXIT-MISSING", topic: "cte-graduates", severity: "warning",
  description: "A grade-12 concentrator with no HS completion row (when both exports are present).",
  run(ctx) {
    const completion = ctx.tables("hs-completion");
    // Without student ids in the HS completion export nobody can be matched (COLUMN-MISSING says so).
    if (!completion.some((t) => t.has("studentId"))) return;
    const exited = studentIds(completion);
    for (const t of ctx.tables("concentrators")) {
      if (!t.has("grade")) continue;
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        if (id === null || exited.has(id)) continue;
        if (normalizeGrade(t.raw(r, "grade") ?? null) !== 12) continue;
        ctx.report({ table: t, at: r, field: "studentId", message: `Grade-12 concentrator ${q(id)} has no row in the HS completion export. Check the senior's exit type (HSC with a regular diploma makes a CTE graduate).` });
      }
    }
  },
};

export const SENIOR_EXIT_NOT_HSC: RuleDef = {
  id: "SENIOR-EXIT-NOT-HSC", topic: "cte-graduates", severity: "info",
  description: "A grade-12 concentrator whose HS completion row has an exit type other than HSC: the student will not count as a CTE graduate (check all seniors for HSC exit type).",
  run(ctx) {
    const completion = ctx.tables("hs-completion").filter((t) => t.has("studentId") && t.has("exitType"));
    if (completion.length === 0) return;
    // Per student: whether any completion row says HSC, and the other exit types its rows give.
    const exits = new Map<string, { hsc: boolean; others: ExitType[] }>();
    for (const t of completion) for (const r of t.rows) {
      const id = t.present(r, "studentId");
      const exit = exitTypeOf(t.text(r, "exitType"));
      if (id === null || exit === null) continue; // a blank or unknown exit type is EXIT-TYPE-UNKNOWN's
      const e = exits.get(id) ?? { hsc: false, others: [] };
      if (exit.code === "HSC") e.hsc = true;
      else if (!e.others.some((o) => o.code === exit.code)) e.others.push(exit);
      exits.set(id, e);
    }
    for (const t of ctx.tables("concentrators")) {
      if (!t.has("grade")) continue;
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        const e = id === null ? undefined : exits.get(id);
        if (id === null || !e || e.hsc || e.others.length === 0) continue;
        if (normalizeGrade(t.raw(r, "grade") ?? null) !== 12) continue;
        const named = e.others.map((exit) => `${exit.code} (${exit.description})`);
        ctx.report({ table: t, at: r, field: "studentId", message: `Grade-12 concentrator ${q(id)} has exit type ${named.join(" and ")} in the HS completion export, not HSC, so will not count as a CTE graduate. If the senior completed high school, correct the exit type in the SIS.` });
      }
    }
  },
};
