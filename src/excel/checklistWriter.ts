/**
 * Writes the "Snapshot Checklist" sheet (core's checklistLayout) with Office.js.
 *
 * Excel parses strings assigned to `Range.values` as if they were typed: "01.10" would become the number
 * 1.1, "2026-11-29" a date, "=…" a formula. So every text cell gets the Text number format ("@") before
 * the values are written, numbers keep "General", and the date of the data check is written as a date
 * serial number with a date format (a real date Excel can sort and filter). The snapshot date line and the run
 * history stay text ("2026-12-01 — 12 days left", "2026-11-28 14:05"): they are read, not calculated with.
 */
import {
  CHECKLIST_COLUMN_WIDTHS,
  CHECKLIST_COLUMNS,
  CHECKLIST_HISTORY_COLUMNS,
  CHECKLIST_SHEET_BASE_NAME,
  type ChecklistSheetInput,
  checklistLayout,
} from "../core/checklistSheet";
import { dayNumber } from "../core/countdown";
import { uniqueSheetName } from "../core/text";
import { HIGHLIGHT_FILL } from "./highlights";

export const TEXT_FORMAT = "@";
export const DATE_FORMAT = "yyyy-mm-dd";
const GENERAL_FORMAT = "General";
/** 1899-12-30 as days since 1970: Excel's serial day 0 in the 1900 date system (valid from 1900-03-01 on) */
const EXCEL_DAY_ZERO = Math.round(Date.UTC(1899, 11, 30) / 86_400_000);

/** The Excel serial number of a yyyy-mm-dd date, or null when it is not a real date after 1900-02-28. */
export function excelDateSerial(text: string): number | null {
  const day = dayNumber(text);
  if (day === null) return null;
  const serial = day - EXCEL_DAY_ZERO;
  return serial >= 61 ? serial : null;
}

const DATE_LABEL = "Date of Data Check:";

/**
 * Queues the commands that add and fill a new Snapshot Checklist sheet (named after the sheets in the
 * loaded `worksheets`, never overwriting one) and activate it; returns its name. The caller syncs.
 */
export function queueChecklistSheet(worksheets: Excel.WorksheetCollection, input: ChecklistSheetInput): string {
  const name = uniqueSheetName(CHECKLIST_SHEET_BASE_NAME, new Set(worksheets.items.map((w) => w.name.toLowerCase())));
  const layout = checklistLayout(input);
  const width = CHECKLIST_COLUMNS.length;
  const values: (string | number)[][] = layout.values.map((row) => [...row]);
  const formats: string[][] = values.map((row) => row.map((v) => (typeof v === "string" ? TEXT_FORMAT : GENERAL_FORMAT)));
  const serial = excelDateSerial(input.checkedOn);
  const dateRow = values.findIndex((row) => row[0] === DATE_LABEL);
  if (serial !== null && dateRow >= 0) {
    values[dateRow][1] = serial;
    formats[dateRow][1] = DATE_FORMAT;
  }

  const ws = worksheets.add(name);
  const all = ws.getRangeByIndexes(0, 0, values.length, width);
  // The formats first: they decide how Excel takes the values.
  all.numberFormat = formats;
  all.values = values;
  const title = ws.getRange("A1").format.font;
  title.bold = true;
  title.size = 14;
  ws.getRange("A2:A3").format.font.bold = true;
  ws.getRange("A4").format.font.italic = true;
  if (!layout.hasTeam) ws.getRange("B2:C2").format.borders.getItem("EdgeBottom").style = "Continuous";
  ws.getRange("B3").format.horizontalAlignment = "Left";
  const header = ws.getRangeByIndexes(layout.headerRow - 1, 0, 1, width).format;
  header.font.bold = true;
  header.fill.color = "#F2F2F2";
  const table = ws.getRangeByIndexes(layout.headerRow - 1, 0, layout.lastTopicRow - layout.headerRow + 1, width);
  table.format.wrapText = true;
  table.format.verticalAlignment = "Top";
  for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
    table.format.borders.getItem(edge).style = "Continuous";
  }
  const statusFill: Record<string, string> = {
    fail: HIGHLIGHT_FILL.error,
    warn: HIGHLIGHT_FILL.warning,
    pass: "#C6EFCE",
    "no-data": "#D9D9D9",
  };
  for (const { row, status } of layout.statuses) {
    const cell = ws.getRange(`D${row}`).format;
    cell.fill.color = statusFill[status];
    cell.font.bold = true;
  }
  // The history table (a blank row, its title and header, then its lines) comes last when there is one.
  const historyStart = layout.historyHeaderRow !== null ? layout.historyHeaderRow - 2 : layout.values.length + 1;
  if (layout.notesRow !== null) {
    ws.getRange(`A${layout.notesRow}`).format.font.bold = true;
    const notes = ws.getRangeByIndexes(layout.notesRow, 0, historyStart - 1 - layout.notesRow, width);
    notes.format.wrapText = true;
    notes.format.verticalAlignment = "Top";
  }
  if (layout.snapshotRow !== null) ws.getRange(`A${layout.snapshotRow}`).format.font.bold = true;
  if (layout.historyHeaderRow !== null && layout.historyLastRow !== null) {
    const columns = CHECKLIST_HISTORY_COLUMNS.length;
    ws.getRange(`A${layout.historyHeaderRow - 1}`).format.font.bold = true;
    const historyHeader = ws.getRangeByIndexes(layout.historyHeaderRow - 1, 0, 1, columns).format;
    historyHeader.font.bold = true;
    historyHeader.fill.color = "#F2F2F2";
    const history = ws.getRangeByIndexes(layout.historyHeaderRow - 1, 0, layout.historyLastRow - layout.historyHeaderRow + 1, columns);
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
      history.format.borders.getItem(edge).style = "Continuous";
    }
  }
  CHECKLIST_COLUMN_WIDTHS.forEach((chars, i) => {
    // columnWidth is in points; a character of the default font is about 5.6 points wide.
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(chars * 5.6 + 5);
  });
  ws.freezePanes.freezeRows(layout.headerRow);
  ws.pageLayout.orientation = "Landscape";
  ws.pageLayout.setPrintTitleRows(`$${layout.headerRow}:$${layout.headerRow}`);
  ws.activate();
  return name;
}
