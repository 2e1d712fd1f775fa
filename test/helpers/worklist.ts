/** The sample district as the worklist tests use it: loaded once, and "re-downloaded" (rows shuffled, sheets renamed). */
import * as path from "path";
import { CellValue, SheetInput } from "../../src/core/cells";
import { CheckOptions, CheckResult, runChecklist } from "../../src/core/engine";
import { findingsSheetLayout } from "../../src/core/findingsSheet";
import { reportSchema } from "../../src/core/reportSchema";
import type { WorklistRow } from "../../src/core/tracking";
import { type WorkbookLog, logSheetLayout } from "../../src/core/workbookLog";
import { readSpreadsheet } from "../../src/cli/readInput";

export const ROOT = path.join(__dirname, "..", "..");
export const SAMPLE = path.join(ROOT, "samples", "district-sample.xlsx");
export const NOW = new Date(2026, 10, 28, 9, 30);
export const LATER = new Date(2026, 11, 2, 16, 5);

export async function loadSample(): Promise<SheetInput[]> {
  return (await readSpreadsheet(SAMPLE)).sheets;
}

export function run(sheets: readonly SheetInput[], options: CheckOptions = {}): CheckResult {
  const result = runChecklist(sheets, { schoolYear: "2025-26", now: NOW, ...options });
  reportSchema.parse(result.report);
  return result;
}

/** A deterministic shuffle (a fixed linear congruential sequence), so a failure is reproducible. */
export function shuffle<T>(items: readonly T[], seed = 12345): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The sample as if downloaded again: every recognised export's data rows in another order and its sheet
 * renamed as a new download would be ("CTE Participants (2)"), the sheets themselves in reverse order.
 * Unrecognised sheets (Notes) keep their names: their findings are keyed by name, as nothing else names them.
 */
export function redownload(sheets: readonly SheetInput[], result: CheckResult): SheetInput[] {
  const out = sheets.map((sheet) => {
    const report = result.report.sheets.find((s) => s.sheet === sheet.name);
    if (!report || report.kind === null || report.headerRow === null) return sheet;
    const headerIndex = report.headerRow - (sheet.firstRow ?? 1);
    const rows = [...sheet.rows.slice(0, headerIndex + 1), ...shuffle(sheet.rows.slice(headerIndex + 1))];
    return { ...sheet, name: `${sheet.name} (2)`, rows };
  });
  return out.reverse();
}

/** Adds one row to a sheet (by name) of a copy of the sheets. */
export function withRow(sheets: readonly SheetInput[], name: string, row: CellValue[]): SheetInput[] {
  return sheets.map((s) => (s.name === name ? { ...s, rows: [...s.rows, row] } : s));
}

/** The Findings sheet as a reader hands it back: header and rows as values (Where as its shown text). */
export function findingsSheetInput(worklist: readonly WorklistRow[], name = "Findings"): SheetInput & { rows: CellValue[][] } {
  const layout = findingsSheetLayout(worklist);
  return { name, rows: [[...layout.header], ...layout.rows.map((r) => [...r])] };
}

export function logSheetInput(log: WorkbookLog, name = "CTE Check Log"): SheetInput {
  return { name, rows: logSheetLayout(log).rows };
}

/** Sets a Findings-sheet cell of the row with `key`, as a user typing into the table would. */
export function editRow(sheet: { rows: CellValue[][] }, key: string, column: string, value: CellValue): void {
  const header = sheet.rows[0];
  const keyColumn = header.indexOf("Key");
  const target = header.indexOf(column);
  const row = sheet.rows.find((r, i) => i > 0 && r[keyColumn] === key);
  if (!row || target < 0) throw new Error(`no row ${key} or column ${column}`);
  row[target] = value;
}
