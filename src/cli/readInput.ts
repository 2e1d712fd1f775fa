/**
 * Node-side input adapter: turns a .xlsx/.xlsm workbook or a .csv file into `SheetInput`s for the engine.
 * Every failure becomes an `InputError` whose message is one plain sentence naming the file; no exceljs or
 * fs stack trace escapes. Values follow what Office.js hands the task pane, so both adapters agree:
 * formulas give their cached result, errors are `{ error }`, merged cells keep the value in the master only.
 */
import { promises as fsp } from "fs";
import * as path from "path";
// Loaded only when a workbook is read: a CSV run does not pay exceljs's start-up.
import type ExcelJS from "exceljs";
import { a1 } from "../core/address";
import { type CellValue, type SheetInput, isBlank } from "../core/cells";
import { parseCsv } from "../core/csv";
import { excelSerialToDate } from "../core/excelDates";
import { decodeTextWithEncoding } from "../io/decodeText";
import { InputError } from "./inputError";
import { inspectWorkbook } from "./xlsxGuard";

export { InputError };

export type SpreadsheetFormat = "xlsx" | "csv";

export interface SpreadsheetInput {
  /** The path as the caller gave it. */
  path: string;
  format: SpreadsheetFormat;
  sheets: SheetInput[];
  /** The loaded workbook, kept only when asked (`keepWorkbook`) so an annotated copy need not load it twice. */
  workbook?: ExcelJS.Workbook;
}

export interface ReadOptions {
  /** Called once per sheet with more than `LARGE_SHEET_ROWS` rows: "read <sheet>: N rows". */
  onProgress?: (message: string) => void;
  /** Keep the exceljs workbook on the result (the CLI does when it will write --out). */
  keepWorkbook?: boolean;
}

export const LARGE_SHEET_ROWS = 20_000;

export const SUPPORTED_EXTENSIONS = [".xlsx", ".xlsm", ".csv"] as const;

/**
 * Reads one workbook or CSV file. `options` may also be the progress callback itself.
 * @throws InputError for anything the user can fix (missing file, wrong type, damaged, empty).
 */
export async function readSpreadsheet(file: string, options: ReadOptions | ((message: string) => void) = {}): Promise<SpreadsheetInput> {
  const onProgress = typeof options === "function" ? options : options.onProgress;
  const keepWorkbook = typeof options === "function" ? false : options.keepWorkbook === true;
  const format = formatOf(file);
  const bytes = await readBytes(file);
  try {
    let workbook: ExcelJS.Workbook | undefined;
    let sheets: SheetInput[];
    if (format === "csv") sheets = readCsv(file, bytes, onProgress);
    else ({ sheets, workbook } = await readWorkbook(file, bytes));
    if (onProgress) {
      for (const sheet of sheets) {
        if (sheet.rows.length > LARGE_SHEET_ROWS) onProgress(`read ${sheet.name}: ${sheet.rows.length} rows`);
      }
    }
    return keepWorkbook && workbook ? { path: file, format, sheets, workbook } : { path: file, format, sheets };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`'${file}' could not be read: ${shortReason(err)}.`);
  }
}

/** Decides the format from the extension, or explains which extensions are supported. */
function formatOf(file: string): SpreadsheetFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".xls") {
    throw new InputError(
      `'${file}' is an old Excel 97-2003 workbook (.xls), which cte-check cannot read; ` +
        `open it in Excel and save it as an Excel Workbook (.xlsx).`,
    );
  }
  const what = ext === "" ? "has no file extension" : `has an unsupported file type (${ext})`;
  throw new InputError(`'${file}' ${what}; cte-check reads Excel workbooks (.xlsx, .xlsm) and CSV files (.csv).`);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fsp.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new InputError(`cannot read '${file}': no such file.`);
    if (code === "EISDIR") throw new InputError(`cannot read '${file}': it is a folder, not a file.`);
    if (code === "EACCES" || code === "EPERM") throw new InputError(`cannot read '${file}': permission denied.`);
    throw new InputError(`cannot read '${file}': ${shortReason(err)}.`);
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function readCsv(file: string, bytes: Buffer, onNote?: (message: string) => void): SheetInput[] {
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw new InputError(
      `'${file}' is an Excel workbook (or another zip file), not a CSV text file; if it is a workbook, rename it to .xlsx.`,
    );
  }
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new InputError(
      `'${file}' is an Excel 97-2003 or password-protected file, not a CSV text file; save it from Excel as "CSV UTF-8" or .xlsx.`,
    );
  }
  const { text, encoding, invalidUtf8At } = decodeTextWithEncoding(bytes);
  if (invalidUtf8At !== null && onNote) {
    const at = `byte 0x${bytes[invalidUtf8At].toString(16).toUpperCase().padStart(2, "0")} at offset ${invalidUtf8At}`;
    onNote(
      encoding === "windows-1252"
        ? `note: '${file}' is not UTF-8 (${at}); read as Windows-1252, Excel's "CSV (Comma delimited)" encoding.`
        : `note: '${file}' is UTF-8 except for stray bytes (the first: ${at}); they read as \uFFFD. ` +
            'Save it again as "CSV UTF-8" to fix them.',
    );
  }
  // A search for the first non-blank character, not a trimmed copy of the whole text.
  if (!/[^\s\uFEFF]/.test(text)) throw new InputError(`'${file}' is empty.`);
  if (text.includes("\u0000")) throw new InputError(`'${file}' is not a CSV text file: it contains binary data.`);

  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteAtRecord !== null) {
    throw new InputError(
      `'${file}' ends inside a quoted field at record ${parsed.unterminatedQuoteAtRecord}; ` +
        `the file looks truncated (or a closing quote is missing).`,
    );
  }
  // Each record's own array becomes the row (empty fields read as empty cells): no second copy per record.
  const rows: CellValue[][] = parsed.records.map((r) => {
    const cells: CellValue[] = r.fields;
    for (let c = 0; c < cells.length; c++) if (cells[c] === "") cells[c] = null;
    return cells;
  });
  // Trailing empty records (blank lines at the end) are not data; the workbook adapter trims the same way.
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
  if (!rows.some((row) => row.some((v) => !isBlank(v)))) throw new InputError(`'${file}' has no data.`);

  const name = path.basename(file, path.extname(file));
  return [{ name, rows, firstRow: 1, firstColumn: 1, source: "csv" }];
}

// ---------------------------------------------------------------------------------------------------
// Workbooks

/** Loads workbook bytes with exceljs, translating every failure into an InputError. Shared with annotate. */
export async function loadWorkbook(file: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  const notReadable = (reason: string) => new InputError(`'${file}' is not a readable Excel workbook (.xlsx): ${reason}.`);
  if (bytes.length === 0) throw new InputError(`'${file}' is empty.`);
  if (startsWith(bytes, CFB_MAGIC)) {
    throw notReadable(
      "it is password-protected or an Excel 97-2003 file renamed to .xlsx; remove the password or save it as an Excel Workbook (.xlsx)",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw notReadable(
      looksLikeText(bytes) ? "it is a text file, not a workbook (a CSV file needs the .csv extension)" : "it is not a zip-based .xlsx file",
    );
  }
  // Sizes, ratios and cell counts are checked before exceljs spends memory on them.
  const inspected = await inspectWorkbook(file, bytes);
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its parameter as its own ArrayBuffer-like `Buffer`; at run time it takes a Node Buffer.
    await workbook.xlsx.load(
      Buffer.from(inspected.bytes.buffer, inspected.bytes.byteOffset, inspected.bytes.byteLength) as unknown as Parameters<
        typeof workbook.xlsx.load
      >[0],
    );
  } catch (err) {
    throw notReadable(zipReason(err));
  }
  if (workbook.worksheets.length === 0 && !bytes.includes("xl/workbook")) {
    throw notReadable("it is a zip file but not an Excel workbook");
  }
  return workbook;
}

/** Valid UTF-8 without control characters other than tab, CR and LF in the first 4 KiB. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return false;
  }
  return true;
}

function zipReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/central directory|corrupted zip|end of data|invalid (zip|signature)|unexpected end/i.test(message)) {
    return "the file is damaged or truncated";
  }
  return `its contents could not be parsed (${shortReason(err)})`;
}

async function readWorkbook(file: string, bytes: Buffer): Promise<{ sheets: SheetInput[]; workbook: ExcelJS.Workbook }> {
  const workbook = await loadWorkbook(file, bytes);
  // exceljs loads worksheets only: chart sheets (and macro/dialog sheets) are skipped by construction.
  if (workbook.worksheets.length === 0) {
    throw new InputError(`'${file}' has no data: the workbook contains no worksheets.`);
  }
  const sheets = workbook.worksheets.map((ws) => worksheetToSheetInput(ws, file));
  if (!sheets.some((s) => s.rows.some((row) => row.some((v) => !isBlank(v))))) {
    throw new InputError(`'${file}' has no data: every worksheet is empty.`);
  }
  return { sheets, workbook };
}

/** Rows × columns of one sheet's used range that are placed in memory (the matrix costs 8 bytes a cell before any value). */
export const MAX_USED_RANGE_CELLS = 20_000_000;

/**
 * The sheet's used range as a dense matrix: from the first to the last row and column that hold a value, as
 * Office.js's values-only used range. Formatted empty cells, and a dimension record, do not widen it.
 * @throws InputError (via the caller's file name) when the range is larger than MAX_USED_RANGE_CELLS.
 */
export function worksheetToSheetInput(ws: ExcelJS.Worksheet, file = ws.name): SheetInput {
  const date1904 = ws.workbook?.properties?.date1904 === true;
  const sparse = new Map<number, Map<number, CellValue>>();
  let firstRow = Infinity;
  let firstCol = Infinity;
  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged range's other cells report the master's value in exceljs; Office.js gives them empty.
      if (cell.master !== cell) return;
      const value = convertCellValue(cell.value, date1904);
      if (value === null || value === undefined) return;
      let cells = sparse.get(rowNumber);
      if (!cells) sparse.set(rowNumber, (cells = new Map()));
      cells.set(colNumber, value);
      if (rowNumber < firstRow) firstRow = rowNumber;
      if (rowNumber > lastRow) lastRow = rowNumber;
      if (colNumber < firstCol) firstCol = colNumber;
      if (colNumber > lastCol) lastCol = colNumber;
    });
  });
  if (lastRow === 0) return { name: ws.name, rows: [], firstRow: 1, firstColumn: 1, source: "workbook" };
  const height = lastRow - firstRow + 1;
  const width = lastCol - firstCol + 1;
  if (height * width > MAX_USED_RANGE_CELLS) {
    throw new InputError(
      `'${file}' is too large for cte-check: sheet '${ws.name}' has values from ${a1(firstRow, firstCol)} to ${a1(lastRow, lastCol)}, ` +
        `${height.toLocaleString("en-US")} rows × ${width.toLocaleString("en-US")} columns ` +
        `(the limit is ${MAX_USED_RANGE_CELLS.toLocaleString("en-US")} cells a sheet); ` +
        `delete the stray far-away values, or save the export as its own CSV file.`,
    );
  }
  const rows: CellValue[][] = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const row: CellValue[] = new Array<CellValue>(width).fill(null);
    const cells = sparse.get(r);
    if (cells) for (const [c, value] of cells) row[c - firstCol] = value;
    rows.push(row);
  }
  return { name: ws.name, rows, firstRow, firstColumn: firstCol, source: "workbook" };
}

/** exceljs cell value -> CellValue (see the module comment). Unknown shapes become null. */
export function convertCellValue(value: unknown, date1904 = false): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return sharedDate(value, date1904);
  if (typeof value !== "object") return null;
  const o = value as Record<string, unknown>;
  if ("formula" in o || "sharedFormula" in o) return o.result === undefined ? null : convertCellValue(o.result);
  if (Array.isArray(o.richText)) {
    return o.richText.map((run) => (typeof run?.text === "string" ? run.text : "")).join("");
  }
  if (typeof o.error === "string") return { error: o.error };
  if ("hyperlink" in o || "text" in o) return o.text === undefined ? null : convertCellValue(o.text);
  return null;
}

/**
 * exceljs counts every serial from 1899-12-30 (no phantom 1900-02-29, so its dates before March 1900 are a day
 * off); the serial it read is recovered and converted by the helper the task pane's reader uses, so both agree.
 */
function sharedDate(date: Date, date1904: boolean): CellValue {
  const serial = date.getTime() / 86_400_000 + 25_569 - (date1904 ? 1462 : 0);
  return excelSerialToDate(serial, date1904) ?? serial;
}

/** One line, no stack, at most 160 characters. */
export function shortReason(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  let line = raw.slice(0, 1000).split(/\r?\n/)[0].replace(/\s+/g, " ");
  // Trailing dots and spaces cut by position: /[.\s]+$/ backtracks quadratically on a long run of dots.
  let end = line.length;
  while (end > 0 && (line[end - 1] === "." || line[end - 1] === " ")) end--;
  line = line.slice(0, end).trim() || "unknown error";
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
