/**
 * Writes the empty "Pathway Plan" sheet (core's pathwayPlanLayout, the same the CLI's --template writes)
 * with Office.js.
 *
 * The Text format ("@") is set before the header is written and on a block of rows below it, so what the
 * user types or pastes there keeps its zeros (Excel would read 01.10 as 1.1 and 00123 as 123).
 * Cell notes need ExcelApi 1.18 (Worksheet.notes), above the add-in's minimum of 1.9: on an older host the
 * explanations are written as a wrapped row above the header instead, which the engine skips as a title row.
 */
import { a1 } from "../core/address";
import { TEXT_NUMBER_FORMAT, pathwayPlanLayout } from "../core/pathwayPlanTemplate";
import { uniqueSheetName } from "../core/text";

export interface TemplateSheetResult {
  /** the sheet written (a new one; an existing sheet is never overwritten) */
  readonly sheet: string;
  /** where the column explanations went: notes on the header cells, or a row above the header */
  readonly explanations: "notes" | "row";
}

/** points per character of the default font, as for the Snapshot Checklist sheet */
const POINTS_PER_CHAR = 5.6;
const LINE_POINTS = 15;

/**
 * Queues the commands that add the template sheet (named after the sheets in the loaded `worksheets`,
 * "Pathway Plan (2)" when that name is taken), fill and format it, activate it and select the first cell
 * to fill. The caller syncs.
 */
export function queuePathwayPlanSheet(worksheets: Excel.WorksheetCollection, cellNotes: boolean): TemplateSheetResult {
  const layout = pathwayPlanLayout({ cellNotes });
  const name = uniqueSheetName(layout.sheetName, new Set(worksheets.items.map((w) => w.name.toLowerCase())));
  const width = layout.columnWidths.length;
  const ws = worksheets.add(name);
  const textRows = layout.textRows.last - layout.textRows.first + 1;
  ws.getRangeByIndexes(layout.textRows.first - 1, 0, textRows, width).numberFormat = Array.from({ length: textRows }, () =>
    new Array<string>(width).fill(TEXT_NUMBER_FORMAT),
  );
  ws.getRangeByIndexes(0, 0, layout.rows.length, width).values = layout.rows.map((row) => [...row]);

  const header = ws.getRangeByIndexes(layout.headerRow - 1, 0, 1, width).format;
  header.font.bold = true;
  header.fill.color = "#F2F2F2";
  header.borders.getItem("EdgeBottom").style = "Continuous";
  layout.columnWidths.forEach((chars, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(chars * POINTS_PER_CHAR + 5);
  });
  for (const note of layout.notes) ws.notes.add(a1(note.row, note.column), note.text);
  if (layout.explanationRow !== null) {
    const explanations = ws.getRangeByIndexes(layout.explanationRow - 1, 0, 1, width).format;
    explanations.wrapText = true;
    explanations.verticalAlignment = "Top";
    explanations.font.italic = true;
    // Wrapped text written by the API is not always re-fitted: size the row for the longest explanation.
    const lines = Math.max(...layout.rows[layout.explanationRow - 1].map((text, i) => Math.ceil(text.length / layout.columnWidths[i])));
    explanations.rowHeight = lines * LINE_POINTS;
  }
  ws.freezePanes.freezeRows(layout.frozenRows);
  ws.activate();
  ws.getRange(a1(layout.headerRow + 1, 1)).select();
  return { sheet: name, explanations: cellNotes ? "notes" : "row" };
}
