/** Which course offerings are CTE, and which program areas they cover (rules and checklist figures). */
import { programAreaOf, splitMultiValue } from "./codes";
import { normalizeRosterCode, normalizeYesNo } from "./normalize";
import { DataRow, ExportTable } from "./table";

/** Is this course-offering row a CTE course? Its own CTE Course flag, else the DPI catalog; null if unknown. */
export function isCteOffering(t: ExportTable, r: DataRow, catalogCte: (code: string) => boolean | null): boolean | null {
  if (t.has("cteCourse")) {
    const flag = normalizeYesNo(t.raw(r, "cteCourse") ?? null);
    if (flag === true || flag === false) return flag;
  }
  const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
  return code === null ? null : catalogCte(code);
}

/** Canonical names of program areas with at least one CTE course offering. */
export function programAreasOffered(tables: readonly ExportTable[], catalogCte: (code: string) => boolean | null): Set<string> {
  const covered = new Set<string>();
  for (const t of tables)
    for (const r of t.rows) {
      if (isCteOffering(t, r, catalogCte) === false) continue;
      const text = t.present(r, "cteDepartment");
      if (text === null) continue;
      for (const part of splitMultiValue(text)) {
        const area = programAreaOf(part);
        if (area) covered.add(area.name);
      }
    }
  return covered;
}
