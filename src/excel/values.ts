/**
 * Office.js `values` to engine input (pure). The pane must report what the CLI reports for the same data,
 * so a sheet is handed over the way the CLI's reader builds it: empty cells are null, and the rows start at
 * A1 (blank rows above and blank columns left of the used range included), which keeps the header search
 * ("within the first 20 rows") and every cell address identical.
 */
import type { CellValue, SheetInput } from "../core/cells";

/** Padding to A1 is skipped for a used range that starts further away than this (it is then offset instead). */
export const MAX_PAD_ROWS = 1000;
export const MAX_PAD_COLUMNS = 200;

/** One Office.js cell value: "" for empty; errors arrive as their literal ("#N/A"). */
export function officeCell(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

export function officeRows(values: readonly (readonly unknown[])[]): CellValue[][] {
  const out: CellValue[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const src = values[r];
    const row: CellValue[] = new Array(src.length);
    for (let c = 0; c < src.length; c++) row[c] = officeCell(src[c]);
    out[r] = row;
  }
  return out;
}

/**
 * A sheet from its used range's rows. `rowIndex`/`columnIndex` are Office's 0-based position of the used
 * range's top-left cell.
 */
export function sheetFromUsedRange(name: string, rows: CellValue[][], rowIndex: number, columnIndex: number): SheetInput {
  if (rows.length === 0) return { name, rows: [], firstRow: 1, firstColumn: 1, source: "workbook" };
  const padRows = rowIndex <= MAX_PAD_ROWS ? rowIndex : 0;
  const padColumns = columnIndex <= MAX_PAD_COLUMNS ? columnIndex : 0;
  const width = padColumns + rows.reduce((w, r) => Math.max(w, r.length), 0);
  let body = rows;
  if (padColumns > 0) {
    const lead = new Array<CellValue>(padColumns).fill(null);
    body = rows.map((r) => lead.concat(r));
  }
  const blank = () => new Array<CellValue>(width).fill(null);
  const all = padRows > 0 ? [...Array.from({ length: padRows }, blank), ...body] : body;
  return {
    name,
    rows: all,
    firstRow: rowIndex - padRows + 1,
    firstColumn: columnIndex - padColumns + 1,
    source: "workbook",
  };
}

/** Rough JSON size of some rows of values (for sizing reads under Excel on the web's 5 MB response limit). */
export function estimateJsonBytes(rows: readonly (readonly unknown[])[], sampleRows = 200): { bytes: number; cells: number } {
  if (rows.length === 0) return { bytes: 0, cells: 0 };
  const step = Math.max(1, Math.floor(rows.length / sampleRows));
  let bytes = 0;
  let cells = 0;
  for (let r = 0; r < rows.length; r += step) {
    const row = rows[r];
    for (const v of row) {
      bytes += valueBytes(v);
      cells++;
    }
  }
  return { bytes, cells };
}

export function valueBytes(v: unknown): number {
  if (typeof v === "string") return v.length + 3;
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return v ? 5 : 6;
  return 5;
}
