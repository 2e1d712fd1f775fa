/** Program areas and CTE departments (checklist topic 5). */
import { programAreaOf, splitMultiValue } from "../codes";
import { normalizeRosterCode } from "../normalize";
import { PROGRAM_AREAS } from "../reference";
import { DataRow, ExportTable } from "../table";
import { isCteOffering, programAreasOffered } from "../programAreas";
import { Check, RuleContext, eachRow, rule } from "./types";

export const PROGRAM_AREA_MISSING = rule({
  id: "PROGRAM-AREA-MISSING",
  topic: "program-areas",
  severity: "error",
  description: "A concentrator (when a program-area column exists) or a CTE course offering without a program area / CTE department.",
  fix: "Report at least one of the six program areas (course setup: CTE Department / Program Areas Type).",
  message:
    "{what} has no {column}. Report at least one of the six program areas " + "(in the course setup: CTE Department / Program Areas Type).",
});

export const PROGRAM_AREA_UNKNOWN = rule({
  id: "PROGRAM-AREA-UNKNOWN",
  topic: "program-areas",
  severity: "error",
  description: "A program area or CTE department that is not one of the six Wisconsin program areas.",
  fix: "Use one of the six Wisconsin program areas.",
  message:
    "Program area {q:value} is not one of the six Wisconsin program areas (Agriculture and Natural Resources, " +
    "Business and Information Technology, Marketing, Family and Consumer Science, Technology and Engineering, Health Science Education).",
});

function checkProgramAreas(ctx: RuleContext, t: ExportTable, r: DataRow, field: "programArea" | "cteDepartment", what: string): void {
  if (t.blank(r, field)) {
    ctx.report({ table: t, at: r, field, rule: PROGRAM_AREA_MISSING, fields: { what, column: t.headerOf(field) ?? "program area" } });
    return;
  }
  const text = t.present(r, field);
  if (text === null) return;
  for (const part of splitMultiValue(text)) {
    if (!programAreaOf(part)) ctx.report({ table: t, at: r, field, rule: PROGRAM_AREA_UNKNOWN, fields: { value: part } });
  }
}

/** Concentrators' program areas and CTE course offerings' departments: present and one of the six. */
const PROGRAM_AREAS_REPORTED: Check = {
  emits: [PROGRAM_AREA_MISSING, PROGRAM_AREA_UNKNOWN],
  run(ctx) {
    eachRow(ctx, ["concentrators"], ["programArea"], (t, r) => checkProgramAreas(ctx, t, r, "programArea", "This concentrator"));
    const catalog = ctx.reference.catalog;
    const catalogCte = (code: string) => catalog?.courses.get(code)?.cte ?? null;
    eachRow(ctx, ["course-offerings"], ["cteDepartment"], (t, r) => {
      if (isCteOffering(t, r, catalogCte) === true) checkProgramAreas(ctx, t, r, "cteDepartment", "This CTE course offering");
    });
  },
};

export const PROGRAM_AREA_COVERAGE = rule({
  id: "PROGRAM-AREA-COVERAGE",
  topic: "program-areas",
  severity: "info",
  description: "One finding per program area with no CTE course offering (Ag, Bus, Mar, FCS, Tech Ed, Health Sci).",
  fix: "Check that the courses of that area's teachers carry its CTE department.",
  message:
    "No CTE course offering is in {area} ({short}). " +
    "Double-check that courses taught by your {short} teachers carry that CTE department.",
});

const COVERAGE: Check = {
  emits: [PROGRAM_AREA_COVERAGE],
  run(ctx) {
    const tables = ctx.tables("course-offerings").filter((t) => t.has("cteDepartment"));
    if (tables.length === 0) return;
    const catalog = ctx.reference.catalog;
    const covered = programAreasOffered(tables, catalog ? (c) => catalog.courses.get(c)?.cte ?? null : () => null);
    for (const area of PROGRAM_AREAS) {
      if (covered.has(area.name)) continue;
      const fields = { area: area.name, short: area.short };
      ctx.report({ table: tables[0], at: "header", field: "cteDepartment", rule: PROGRAM_AREA_COVERAGE, fields });
    }
  },
};

export const CTE_DEPARTMENT_MISMATCH = rule({
  id: "CTE-DEPARTMENT-MISMATCH",
  topic: "program-areas",
  severity: "warning",
  dpi: "KA-03895",
  description: "Sections of one roster code report different CTE departments, or differ from the DPI catalog's department (KA-03895).",
  fix: "Give every section of a course the course's CTE department.",
  messages: {
    catalog:
      "Roster code {code} reports CTE department {q:value}, but the DPI course catalog ties it to {q:expected} (KA-03895). " +
      "Match the section's department to the course's.",
    sections:
      "Sections of roster code {code} report different CTE departments: this one says {q:value}, most say {q:expected}. " +
      "All sections of a course should report the same department (KA-03895).",
  },
});

const DEPARTMENTS_AGREE: Check = {
  emits: [CTE_DEPARTMENT_MISMATCH],
  run(ctx) {
    const catalog = ctx.reference.catalog;
    const byCode = new Map<string, { t: ExportTable; r: DataRow; dept: string; shown: string }[]>();
    eachRow(ctx, ["course-offerings"], ["cteDepartment"], (t, r) => {
      const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
      const text = t.present(r, "cteDepartment");
      if (code === null || text === null) return;
      const dept = splitMultiValue(text)
        .map((p) => programAreaOf(p)?.name ?? p)
        .sort()
        .join("; ");
      const list = byCode.get(code) ?? [];
      list.push({ t, r, dept, shown: text });
      byCode.set(code, list);
    });
    for (const [code, list] of byCode) {
      const catalogDept = catalog?.courses.get(code)?.department ?? null;
      // Without DPI's department, the most common one among the sections is taken as intended.
      const says = catalogDept !== null && programAreaOf(catalogDept) ? "catalog" : "sections";
      const expected = says === "catalog" ? catalogDept : majorityDepartment(list);
      if (expected === null) continue;
      for (const e of list) {
        if (e.dept === expected) continue;
        const fields = { code, value: e.shown, expected };
        ctx.report({ table: e.t, at: e.r, field: "cteDepartment", rule: CTE_DEPARTMENT_MISMATCH, says, fields });
      }
    }
  },
};

/** The department most sections report, or null when they all agree. */
function majorityDepartment(list: readonly { dept: string }[]): string | null {
  const counts = new Map<string, number>();
  for (const e of list) counts.set(e.dept, (counts.get(e.dept) ?? 0) + 1);
  if (counts.size < 2) return null;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

export const CHECKS: readonly Check[] = [PROGRAM_AREAS_REPORTED, COVERAGE, DEPARTMENTS_AGREE];
