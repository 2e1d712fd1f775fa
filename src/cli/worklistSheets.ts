/**
 * The annotated copy's worklist sheets, written with exceljs from core's layouts (the task pane writes the
 * same layouts through Office.js):
 * - "Findings": one Excel table from A1 (header row, banded rows, filter buttons), its "Where" cells
 *   HYPERLINK formulas that jump to the flagged cell, every other cell text (number format "@") so ids stay text;
 * - "CTE Check Log": a hidden sheet of text rows (snapshot date, acknowledgements, run history).
 * A sheet of either kind that an earlier run wrote (recognised by content, whatever it is called now) is
 * replaced, never duplicated; a user's own sheet of the same name keeps it and ours gets a unique name.
 */
import ExcelJS from "exceljs";
import { type CellValue, cellText } from "../core/cells";
import { cellSafeText, xmlSafeText } from "../core/xmlText";
import { uniqueSheetName } from "../core/text";

/** A cell of a table layout: a value, or a formula with the text shown until it is recalculated. */
export type TableCell = string | number | null | { formula: string; text: string };

export interface TableSheetSpec {
  /** the sheet name wanted (made unique against `usedNames`) */
  name: string;
  tableName: string;
  header: readonly string[];
  rows: readonly (readonly TableCell[])[];
  /** column widths in characters, one per header column */
  columnWidths?: readonly number[];
  /** Excel's table style, e.g. TableStyleMedium2 */
  style?: string;
  /** 0-based columns whose text wraps (long messages); rows are made tall enough for them */
  wrapColumns?: readonly number[];
}

/** Excel's default row height in points, one line of 11-point text. */
const LINE_HEIGHT = 15;
/** A row is never made taller than this many lines (the cell still holds all its text). */
const MAX_ROW_LINES = 8;

/** The formula as exceljs stores it: without the leading "=". */
function formulaBody(formula: string): string {
  return formula.startsWith("=") ? formula.slice(1) : formula;
}

function tableValue(cell: TableCell): ExcelJS.CellValue {
  if (cell === null || cell === "") return null;
  if (typeof cell === "object") return { formula: formulaBody(cell.formula), result: cellSafeText(cell.text) };
  return typeof cell === "string" ? cellSafeText(cell) : cell;
}

/**
 * Adds a worksheet holding one Excel table from A1. An empty table gets one blank row: Excel's tables have
 * at least one data row. Text cells get number format "@" (a student id stays text when edited).
 */
export function addTableSheet(workbook: ExcelJS.Workbook, spec: TableSheetSpec, usedNames: Set<string>): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(uniqueSheetName(xmlSafeText(spec.name), usedNames), {
    views: [{ state: "frozen", ySplit: 1 }],
    // Printed as a list to work through: landscape, one page wide, the header on every page.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  const width = spec.header.length;
  const rows = spec.rows.length > 0 ? spec.rows : [new Array<TableCell>(width).fill(null)];
  ws.addTable({
    name: spec.tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: (spec.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: spec.header.map((name) => ({ name: cellSafeText(name), filterButton: true })),
    rows: rows.map((row) => Array.from({ length: width }, (_, c) => tableValue(row[c] ?? null))),
  });
  // Bold even where a viewer does not draw Excel's table styles (LibreOffice shows the plain cells).
  ws.getRow(1).font = { bold: true };
  const wrap = new Set(spec.wrapColumns ?? []);
  rows.forEach((row, r) => {
    let lines = 1;
    for (let c = 0; c < width; c++) {
      const value = row[c];
      const cell = ws.getCell(r + 2, c + 1);
      if (typeof value === "string" || value === null || value === undefined) cell.numFmt = "@";
      if (wrap.has(c)) {
        cell.alignment = { wrapText: true, vertical: "top" };
        const chars = Math.max(1, (spec.columnWidths?.[c] ?? 10) - 1);
        lines = Math.max(lines, Math.ceil(String(typeof value === "string" ? value : "").length / chars));
      } else if (wrap.size > 0) cell.alignment = { vertical: "top" };
    }
    // Files written by exceljs carry no row heights, and wrapped text is not re-fitted on open everywhere.
    if (lines > 1) ws.getRow(r + 2).height = LINE_HEIGHT * Math.min(lines, MAX_ROW_LINES);
  });
  spec.columnWidths?.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  return ws;
}

/** Adds a hidden worksheet of values from A1 (text as text; numbers as numbers). */
export function addHiddenSheet(workbook: ExcelJS.Workbook, name: string, rows: readonly (readonly CellValue[])[], usedNames: Set<string>) {
  const ws = workbook.addWorksheet(uniqueSheetName(xmlSafeText(name), usedNames), { state: "hidden" });
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === undefined || value === "") return;
      const cell = ws.getCell(r + 1, c + 1);
      if (typeof value === "number") cell.value = value;
      else {
        cell.value = cellSafeText(typeof value === "string" ? value : cellText(value));
        cell.numFmt = "@";
      }
    }),
  );
  return ws;
}

/** Removes the worksheets `isOurs` recognises; their names are freed in `usedNames`. */
export function removeOurSheets(
  workbook: ExcelJS.Workbook,
  isOurs: (ws: ExcelJS.Worksheet) => boolean,
  usedNames: Set<string>,
): ExcelJS.Worksheet[] {
  const removed = workbook.worksheets.filter(isOurs);
  for (const ws of removed) {
    usedNames.delete(ws.name.toLowerCase());
    workbook.removeWorksheet(ws.id);
  }
  return removed;
}
