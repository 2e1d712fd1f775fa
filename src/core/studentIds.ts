/** Student ids of the exports, indexed once per table: several rules and checklist figures ask for them. */
import { ExportTable } from "./table";

/** Each table's id set and how many rows have an id, built once: several rules and figures ask for them. */
const idsOfTable = new WeakMap<ExportTable, { ids: ReadonlySet<string>; rowsWithId: number }>();

function tableIdInfo(t: ExportTable): { ids: ReadonlySet<string>; rowsWithId: number } {
  let info = idsOfTable.get(t);
  if (!info) {
    const ids = new Set<string>();
    let rowsWithId = 0;
    for (const r of t.rows) {
      const id = t.present(r, "studentId");
      if (id === null) continue;
      ids.add(id);
      rowsWithId++;
    }
    idsOfTable.set(t, (info = { ids, rowsWithId }));
  }
  return info;
}

function tableIds(t: ExportTable): ReadonlySet<string> {
  return tableIdInfo(t).ids;
}

/** True when no student id appears on two rows across the tables (then rows count students). */
export function idsAreUnique(tables: readonly ExportTable[]): boolean {
  const rows = tables.reduce((n, t) => n + tableIdInfo(t).rowsWithId, 0);
  return studentIds(tables).size === rows;
}

/** Student ids of one kind across its sheets (ids compared as trimmed text, leading zeros kept). */
export function studentIds(tables: readonly ExportTable[]): ReadonlySet<string> {
  if (tables.length === 1) return tableIds(tables[0]);
  const ids = new Set<string>();
  for (const t of tables) for (const id of tableIds(t)) ids.add(id);
  return ids;
}
