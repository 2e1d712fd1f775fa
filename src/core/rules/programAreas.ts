/** Program areas and CTE departments (checklist topic 5). */
import { programAreaOf, splitMultiValue } from "../codes";
import { normalizeRosterCode } from "../normalize";
import { PROGRAM_AREAS } from "../reference";
import { DataRow, ExportTable } from "../table";
import { isCteOffering, programAreasOffered } from "../programAreas";
import { RuleDef, q } from "./types";

export const PROGRAM_AREA_UNKNOWN: RuleDef = {
  id: "PROGRAM-AREA-UNKNOWN", topic: "program-areas", severity: "error",
  description: "A program area or CTE department that is not one of the six Wisconsin program areas.",
};

/** PROGRAM-AREA-MISSING's pass also reports PROGRAM-AREA-UNKNOWN for concentrators and CTE offerings. */
export const PROGRAM_AREA_MISSING: RuleDef = {
  id: "PROGRAM-AREA-MISSING", topic: "program-areas", severity: "error",
  description: "A concentrator (when a program-area column exists) or a CTE course offering without a program area / CTE department.",
  run(ctx) {
    const checkValue = (t: ExportTable, r: DataRow, field: "programArea" | "cteDepartment", what: string) => {
      if (t.blank(r, field)) {
        ctx.report({ table: t, at: r, field, message: `${what} has no ${t.headerOf(field) ?? "program area"}. Report at least one of the six program areas (in the course setup: CTE Department / Program Areas Type).` });
        return;
      }
      const text = t.present(r, field);
      if (text === null) return;
      for (const part of splitMultiValue(text)) {
        if (!programAreaOf(part)) {
          ctx.report({ table: t, at: r, field, rule: PROGRAM_AREA_UNKNOWN, message: `Program area ${q(part)} is not one of the six Wisconsin program areas (Agriculture and Natural Resources, Business and Information Technology, Marketing, Family and Consumer Science, Technology and Engineering, Health Science Education).` });
        }
      }
    };
    for (const t of ctx.tables("concentrators")) {
      if (!t.has("programArea")) continue;
      for (const r of t.rows) checkValue(t, r, "programArea", "This concentrator");
    }
    const catalog = ctx.reference.catalog;
    const catalogCte = (code: string) => catalog?.courses.get(code)?.cte ?? null;
    for (const t of ctx.tables("course-offerings")) {
      if (!t.has("cteDepartment")) continue;
      for (const r of t.rows) {
        if (isCteOffering(t, r, catalogCte) !== true) continue;
        checkValue(t, r, "cteDepartment", "This CTE course offering");
      }
    }
  },
};

export const PROGRAM_AREA_COVERAGE: RuleDef = {
  id: "PROGRAM-AREA-COVERAGE", topic: "program-areas", severity: "info",
  description: "One finding per program area with no CTE course offering (Ag, Bus, Mar, FCS, Tech Ed, Health Sci).",
  run(ctx) {
    const tables = ctx.tables("course-offerings").filter((t) => t.has("cteDepartment"));
    if (tables.length === 0) return;
    const covered = programAreasOffered(tables, ctx.reference.catalog ? (c) => ctx.reference.catalog?.courses.get(c)?.cte ?? null : () => null);
    for (const area of PROGRAM_AREAS) {
      if (covered.has(area.name)) continue;
      ctx.report({ table: tables[0], at: "header", field: "cteDepartment", message: `No CTE course offering is in ${area.name} (${area.short}). Double-check that courses taught by your ${area.short} teachers carry that CTE department.` });
    }
  },
};

export const CTE_DEPARTMENT_MISMATCH: RuleDef = {
  id: "CTE-DEPARTMENT-MISMATCH", topic: "program-areas", severity: "warning", dpi: "KA-03895",
  description: "Sections of one roster code report different CTE departments, or differ from the DPI catalog's department (KA-03895).",
  run(ctx) {
    const catalog = ctx.reference.catalog;
    const byCode = new Map<string, { t: ExportTable; r: DataRow; dept: string; shown: string }[]>();
    for (const t of ctx.tables("course-offerings")) {
      if (!t.has("cteDepartment")) continue;
      for (const r of t.rows) {
        const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
        const text = t.present(r, "cteDepartment");
        if (code === null || text === null) continue;
        const dept = splitMultiValue(text).map((p) => programAreaOf(p)?.name ?? p).sort().join("; ");
        const list = byCode.get(code) ?? [];
        list.push({ t, r, dept, shown: text });
        byCode.set(code, list);
      }
    }
    for (const [code, list] of byCode) {
      const expected = catalog?.courses.get(code)?.department ?? null;
      if (expected !== null && programAreaOf(expected)) {
        for (const e of list) {
          if (e.dept !== expected) {
            ctx.report({ table: e.t, at: e.r, field: "cteDepartment", message: `Roster code ${code} reports CTE department ${q(e.shown)}, but the DPI course catalog ties it to ${q(expected)} (KA-03895). Match the section's department to the course's.` });
          }
        }
        continue;
      }
      // Without DPI's department, the most common one among the sections is taken as intended.
      const counts = new Map<string, number>();
      for (const e of list) counts.set(e.dept, (counts.get(e.dept) ?? 0) + 1);
      if (counts.size < 2) continue;
      const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      for (const e of list) {
        if (e.dept === majority) continue;
        ctx.report({ table: e.t, at: e.r, field: "cteDepartment", message: `Sections of roster code ${code} report different CTE departments: this one says ${q(e.shown)}, most say ${q(majority)}. All sections of a course should report the same department (KA-03895).` });
      }
    }
  },
};
