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
import { a1 } from "../core/address";

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

const SHEET_OPTIONS = {
  views: [{ state: "frozen", ySplit: 1 }],
  // Printed as a list to work through: landscape, one page wide, the header on every page.
  pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
} satisfies Partial<ExcelJS.AddWorksheetOptions>;

/** The data rows written: an empty table gets one blank row (Excel's tables have at least one data row). */
function dataRows(spec: TableSheetSpec): readonly (readonly TableCell[])[] {
  return spec.rows.length > 0 ? spec.rows : [new Array<TableCell>(spec.header.length).fill(null)];
}

/**
 * Formats data row `values` (worksheet row `row`): text cells get number format "@" (a student id stays text
 * when edited), wrapped columns wrap and the row is made tall enough for them.
 */
// One style object per kind of data cell, shared by every cell of that kind: exceljs keeps a style object per
// cell otherwise (a third of the copy's memory at 14,000 findings). Nothing writes into a data cell's style later.
const DATA_STYLES = {
  textWrap: { numFmt: "@", alignment: { wrapText: true, vertical: "top" } },
  textTop: { numFmt: "@", alignment: { vertical: "top" } },
  text: { numFmt: "@" },
  otherWrap: { alignment: { wrapText: true, vertical: "top" } },
  otherTop: { alignment: { vertical: "top" } },
} as const satisfies Record<string, Partial<ExcelJS.Style>>;

function formatDataRow(row: ExcelJS.Row, values: readonly TableCell[], spec: TableSheetSpec, wrap: ReadonlySet<number>): void {
  let lines = 1;
  for (let c = 0; c < spec.header.length; c++) {
    const value = values[c];
    const cell = row.getCell(c + 1);
    const text = typeof value === "string" || value === null || value === undefined;
    if (wrap.has(c)) {
      cell.style = (text ? DATA_STYLES.textWrap : DATA_STYLES.otherWrap) as Partial<ExcelJS.Style>;
      const chars = Math.max(1, (spec.columnWidths?.[c] ?? 10) - 1);
      lines = Math.max(lines, Math.ceil((typeof value === "string" ? value.length : 0) / chars));
    } else if (wrap.size > 0) cell.style = (text ? DATA_STYLES.textTop : DATA_STYLES.otherTop) as Partial<ExcelJS.Style>;
    else if (text) cell.style = DATA_STYLES.text as Partial<ExcelJS.Style>;
  }
  // Files written by exceljs carry no row heights, and wrapped text is not re-fitted on open everywhere.
  if (lines > 1) row.height = LINE_HEIGHT * Math.min(lines, MAX_ROW_LINES);
}

function formatSheet(ws: ExcelJS.Worksheet, spec: TableSheetSpec): void {
  spec.columnWidths?.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
}

/**
 * `wanted`, or with "2", "3"… appended when a table the copy keeps from the input already has it: Excel
 * requires table names to be unique in a workbook (case-insensitive) and repairs the file otherwise.
 */
function freeTableName(wanted: string, workbook: ExcelJS.Workbook): string {
  const taken = new Set<string>();
  for (const ws of workbook.worksheets) {
    const tables = (ws as unknown as { tables?: Record<string, unknown> }).tables ?? {};
    for (const name of Object.keys(tables)) taken.add(name.toLowerCase());
  }
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
  return name;
}

/** Adds a worksheet holding one Excel table from A1 (header row, banded rows, filter buttons). */
export function addTableSheet(workbook: ExcelJS.Workbook, spec: TableSheetSpec, usedNames: Set<string>): ExcelJS.Worksheet {
  const tableName = freeTableName(spec.tableName, workbook);
  const ws = workbook.addWorksheet(uniqueSheetName(xmlSafeText(spec.name), usedNames), SHEET_OPTIONS);
  const width = spec.header.length;
  const rows = dataRows(spec);
  ws.addTable({
    name: tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: (spec.style ?? DEFAULT_STYLE) as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: spec.header.map((name) => ({ name: cellSafeText(name), filterButton: true })),
    rows: rows.map((row) => Array.from({ length: width }, (_, c) => tableValue(row[c] ?? null))),
  });
  // Bold even where a viewer does not draw Excel's table styles (LibreOffice shows the plain cells).
  ws.getRow(1).font = { bold: true };
  const wrap = new Set(spec.wrapColumns ?? []);
  rows.forEach((values, r) => formatDataRow(ws.getRow(r + 2), values, spec, wrap));
  formatSheet(ws, spec);
  return ws;
}

const DEFAULT_STYLE = "TableStyleMedium2";

const xmlAttr = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The table part (xl/tables/tableN.xml) exceljs's streaming writer cannot write itself. */
export function tablePartXml(id: number, spec: TableSheetSpec, lastRow: number): string {
  const ref = `A1:${a1(lastRow, spec.header.length)}`;
  const columns = spec.header.map((name, c) => `<tableColumn id="${c + 1}" name="${xmlAttr(cellSafeText(name))}"/>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${xmlAttr(spec.tableName)}"` +
    ` displayName="${xmlAttr(spec.tableName)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${spec.header.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(spec.style ?? DEFAULT_STYLE)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    "</table>"
  );
}

/** The parts of exceljs's streaming writer used to add a table (not in its typings; checked at run time). */
interface StreamInternals {
  zip?: { append(data: string, options: { name: string }): unknown };
}
interface StreamSheetInternals {
  _sheetRelsWriter?: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData?: () => void;
  stream?: { write(text: string): unknown };
}

const TABLE_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const TABLE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/**
 * The same table sheet through exceljs's streaming writer (the copy of CSV inputs is written row by row).
 * That writer has no tables, so the table part, its relationship, its `<tableParts>` element and its content
 * type are added through the writer's own zip and relationship writers. Where those are not as expected
 * (another exceljs version), the sheet keeps the rows with a filter on its header row instead.
 */
export function streamTableSheet(writer: ExcelJS.stream.xlsx.WorkbookWriter, spec: TableSheetSpec, usedNames: Set<string>): boolean {
  const rows = dataRows(spec);
  const lastRow = rows.length + 1;
  const internals = writer as unknown as StreamInternals;
  const zip = internals.zip;
  const ws = writer.addWorksheet(uniqueSheetName(xmlSafeText(spec.name), usedNames), SHEET_OPTIONS);
  const sheet = ws as unknown as StreamSheetInternals;
  const canTable =
    typeof zip?.append === "function" &&
    typeof sheet._sheetRelsWriter?.addRelationship === "function" &&
    typeof sheet._writeLegacyData === "function" &&
    typeof sheet.stream?.write === "function";
  if (!canTable) ws.autoFilter = `A1:${a1(lastRow, spec.header.length)}`;
  formatSheet(ws, spec);
  const header = ws.getRow(1);
  spec.header.forEach((name, c) => {
    header.getCell(c + 1).value = cellSafeText(name);
  });
  header.font = { bold: true };
  header.commit();
  const wrap = new Set(spec.wrapColumns ?? []);
  rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    for (let c = 0; c < spec.header.length; c++) row.getCell(c + 1).value = tableValue(values[c] ?? null);
    formatDataRow(row, values, spec, wrap);
    // A blank row (an empty table's) is written only with a height.
    if (!row.hasValues) row.height = LINE_HEIGHT;
    row.commit();
  });
  if (canTable) {
    const rId = sheet._sheetRelsWriter!.addRelationship({ Type: TABLE_REL_TYPE, Target: "../tables/table1.xml" });
    const writeLegacyData = sheet._writeLegacyData!.bind(ws);
    // <tableParts> is the last element of a worksheet before extensions: after the legacy drawing.
    sheet._writeLegacyData = () => {
      writeLegacyData();
      sheet.stream!.write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
    };
    zip!.append(tablePartXml(1, spec, lastRow), { name: "xl/tables/table1.xml" });
    const append = zip!.append.bind(zip);
    zip!.append = (data, options) =>
      append(
        options.name === "[Content_Types].xml"
          ? data.replace("</Types>", `<Override PartName="/xl/tables/table1.xml" ContentType="${TABLE_CONTENT_TYPE}"/></Types>`)
          : data,
        options,
      );
  }
  ws.commit();
  return canTable;
}

/** Adds a hidden worksheet of values from A1 (text as text; numbers as numbers). */
export function addHiddenSheet(
  workbook: Pick<ExcelJS.Workbook, "addWorksheet">,
  name: string,
  rows: readonly (readonly CellValue[])[],
  usedNames: Set<string>,
  streamed = false,
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(uniqueSheetName(xmlSafeText(name), usedNames), { state: "hidden" });
  rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((value, c) => {
      if (value === null || value === undefined || value === "") return;
      const cell = row.getCell(c + 1);
      cell.value = typeof value === "number" ? value : cellSafeText(typeof value === "string" ? value : cellText(value));
      cell.numFmt = "@";
    });
    if (streamed) row.commit();
  });
  if (streamed) ws.commit();
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
