/**
 * `--out`: writes an annotated copy of the checked files (README "Command line"); the user's values are never changed.
 * - The first workbook input is loaded again from disk, so the user's formatting is kept; every other
 *   input sheet (CSV files, further workbooks) is appended as a value-only worksheet.
 * - Each flagged cell gets a fill (error red, warning amber; info none) and one note listing its findings,
 *   severity word first; a note the user already had is kept below "— your note —".
 * - A "Snapshot Checklist" sheet mirrors DPI's DEMO / Blank Copy page (with the snapshot date, the days left
 *   and the run history when the run has them).
 * - A "Findings" sheet lists every finding as an Excel table to work through, and the hidden "CTE Check Log"
 *   keeps the snapshot date, the acknowledgements and the run history (this run appended).
 * - Acknowledged findings are neither highlighted nor noted: they are counted apart.
 * - Sheets an earlier run wrote (checklist, Findings, log; told by content) are replaced, never duplicated.
 * - The copy is written to a temporary file next to `outPath` and renamed, so a failure never leaves a
 *   partial file; no input path is ever written.
 */
import { createWriteStream, promises as fsp } from "fs";
import * as path from "path";
import { randomBytes } from "crypto";
import type { Writable } from "stream";
import ExcelJS from "exceljs";
import { type CellValue, type SheetInput, isCellError } from "../core/cells";
import type { Finding, Report, Severity, TopicSummary } from "../core/report";
import { CHECKLIST_COLUMNS, CHECKLIST_COLUMN_WIDTHS, checklistLayout } from "../core/checklistSheet";
import { parseA1 } from "../core/address";
import { neutralizeFormulaText, uniqueSheetName } from "../core/text";
import { cellSafeText, xmlSafeText } from "../core/xmlText";
import { InputError, type SpreadsheetInput, loadWorkbook, shortReason } from "./readInput";
import { isChecklistSheet } from "../core/checklistSheet";
import { localDate } from "../core/countdown";
import { findingsSheetLayout, isFindingsSheet } from "../core/findingsSheet";
import { isLogSheet, logSheetLayout } from "../core/workbookLog";
import type { Tracking, WorklistRow } from "../core/tracking";
import { type TableCell, type TableSheetSpec, addHiddenSheet, addTableSheet, removeOurSheets, streamTableSheet } from "./worklistSheets";

export interface AnnotateOptions {
  inputs: SpreadsheetInput[];
  report: Report;
  outPath: string;
  /** Printed after "Team Members:"; left as a line to fill in when absent. */
  teamMembers?: string;
  /** "Date of Data Check:" (local calendar date, yyyy-mm-dd). */
  checkedOn: Date;
  /** Further files that must never be overwritten, e.g. --reference files (inputs are always protected). */
  protectedPaths?: readonly string[];
  /** the run's worklist, history and countdown: the Findings and log sheets are written from it */
  tracking?: Tracking;
}

export interface AnnotateResult {
  /** Cells that got a highlight fill (an error or a warning on them). */
  flaggedCells: number;
  /** Notes written (every cell with a finding, info-only cells included). */
  notes: number;
  /** Findings whose sheet is not among the inputs (nothing was written for them). */
  unplacedFindings: number;
}

export const CHECKLIST_SHEET_NAME = "Snapshot Checklist";
export const USER_NOTE_SEPARATOR = "— your note —";
export const MAX_NOTE_LINES = 30;

export const FILL_ARGB = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  pass: "FFC6EFCE",
  noData: "FFD9D9D9",
} as const;

const STATUS_FILL: Record<TopicSummary["status"], string> = {
  fail: FILL_ARGB.error,
  warn: FILL_ARGB.warning,
  pass: FILL_ARGB.pass,
  "no-data": FILL_ARGB.noData,
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One copy for the CLI and the task pane: src/core/text.ts. */
export { neutralizeFormulaText };

export async function writeAnnotatedCopy(opts: AnnotateOptions): Promise<AnnotateResult> {
  const { inputs, report, outPath } = opts;
  await checkOutPath(outPath, [...inputs.map((input) => input.path), ...(opts.protectedPaths ?? [])]);
  checkSheetsFit(inputs, outPath);

  // --- the workbook to annotate ------------------------------------------------------------------
  const base = inputs.find((input) => input.format === "xlsx");
  // Without a workbook to keep, the copy is written row by row: memory stays flat however many rows there are.
  if (!base) return writeStreamedCopy(opts);
  let workbook: ExcelJS.Workbook;
  /** SheetInput name (what findings refer to) -> worksheet in the copy; the first sheet of a name wins. */
  const target = new Map<string, ExcelJS.Worksheet>();
  if (base) {
    // Reading the input never changes the exceljs workbook, so one kept from the read is reused.
    workbook = base.workbook ?? (await reloadWorkbook(base.path));
    const ours = new Set<ExcelJS.Worksheet>();
    base.sheets.forEach((sheet, index) => {
      const ws = workbook.getWorksheet(sheet.name) ?? workbook.worksheets[index];
      if (ws && isOwnSheetRows(sheet.rows)) ours.add(ws);
      else if (ws && !target.has(sheet.name)) target.set(sheet.name, ws);
    });
    // What an earlier run wrote is written again below from this run (the engine has read the team's edits).
    removeOurSheets(workbook, (ws) => ours.has(ws), new Set());
  } else {
    workbook = new ExcelJS.Workbook();
    workbook.creator = "cte-check";
  }
  const usedNames = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  for (const input of inputs) {
    if (input === base) continue;
    for (const sheet of input.sheets) {
      const ws = workbook.addWorksheet(uniqueSheetName(xmlSafeText(sheet.name), usedNames));
      writeValues(ws, sheet);
      if (!target.has(sheet.name)) target.set(sheet.name, ws);
    }
  }

  // --- highlights and notes ----------------------------------------------------------------------
  const { flaggedCells, notes, unplacedFindings } = annotateFindings(unacknowledged(report.findings), target);

  // --- checklist, findings, log --------------------------------------------------------------------
  addChecklistSheet(workbook, uniqueSheetName(CHECKLIST_SHEET_NAME, usedNames), opts);
  if (opts.tracking) addWorklistSheets(workbook, opts.tracking, target, usedNames);

  // --- write atomically ----------------------------------------------------------------------------
  let buffer: Buffer;
  try {
    buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  } catch (err) {
    throw new InputError(`cannot write '${outPath}': building the annotated workbook failed (${shortReason(err)}).`);
  }
  await writeAtomically(outPath, buffer);
  return { flaggedCells, notes, unplacedFindings };
}

// ---------------------------------------------------------------------------------------------------
// paths and files

async function checkOutPath(outPath: string, inputPaths: readonly string[]): Promise<void> {
  if (path.extname(outPath).toLowerCase() !== ".xlsx") {
    throw new InputError(`cannot write '${outPath}': the annotated copy is an Excel workbook, so its name must end in .xlsx.`);
  }
  const resolvedOut = path.resolve(outPath);
  const outStat = await fsp.stat(resolvedOut).catch(() => null);
  for (const inputPath of inputPaths) {
    let same = path.resolve(inputPath) === resolvedOut;
    if (!same && outStat) {
      const inStat = await fsp.stat(inputPath).catch(() => null);
      // Same file through a symlink, a hard link or a case-insensitive file system.
      same = inStat !== null && inStat.dev === outStat.dev && inStat.ino === outStat.ino;
    }
    if (same) {
      throw new InputError(
        `refusing to write '${outPath}': it is the input file '${inputPath}', which cte-check never modifies; choose another --out name.`,
      );
    }
  }
  if (outStat?.isDirectory()) throw new InputError(`cannot write '${outPath}': it is a folder.`);
  const dir = path.dirname(resolvedOut);
  const dirStat = await fsp.stat(dir).catch(() => null);
  if (!dirStat || !dirStat.isDirectory()) {
    throw new InputError(`cannot write '${outPath}': the folder '${path.dirname(outPath)}' does not exist.`);
  }
}

async function reloadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (err) {
    throw new InputError(`cannot read '${file}' again to annotate it: ${shortReason(err)}.`);
  }
  return loadWorkbook(file, bytes);
}

/** Writes through `write` into a temporary file next to `outPath`, then renames it; on failure nothing is left. */
async function writeFileAtomically(outPath: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  const resolved = path.resolve(outPath);
  const tmp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const stream = createWriteStream(tmp, { flags: "wx" });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await opened;
    const closed = new Promise<void>((resolve, reject) => {
      stream.once("close", () => resolve());
      stream.once("error", reject);
    });
    await write(stream);
    await closed;
    await fsp.rename(tmp, resolved);
  } catch (err) {
    // The zip writer may still be flushing into the stream: its late errors are expected, not news.
    stream.on("error", () => undefined);
    stream.destroy();
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot write '${outPath}': ${writeReason(err)}.`);
  }
}

async function writeAtomically(outPath: string, data: Buffer): Promise<void> {
  const resolved = path.resolve(outPath);
  const tmp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fsp.writeFile(tmp, data, { flag: "wx" });
    await fsp.rename(tmp, resolved);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw new InputError(`cannot write '${outPath}': ${writeReason(err)}.`);
  }
}

function writeReason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case "ENOENT":
    case "ENOTDIR":
      return "its folder does not exist";
    case "EACCES":
      return "permission denied";
    case "EPERM":
    case "EBUSY":
      return "the file is locked (is it open in Excel?); close it and try again";
    case "EISDIR":
      return "it is a folder";
    case "ENOSPC":
      return "the disk is full";
    case "EROFS":
      return "the disk is read-only";
    default:
      return shortReason(err);
  }
}

// ---------------------------------------------------------------------------------------------------
// sheets

/** One copy for the CLI and the task pane: src/core/text.ts. */
export { uniqueSheetName };

/** Value-only copy of a sheet; CSV cells stay text exactly as read. */
function writeValues(ws: ExcelJS.Worksheet, sheet: SheetInput): void {
  const firstRow = sheet.firstRow ?? 1;
  const firstColumn = sheet.firstColumn ?? 1;
  sheet.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const written = toExcelValue(value, sheet.source === "csv");
      if (written === null) return;
      const cell = ws.getCell(firstRow + r, firstColumn + c);
      cell.value = written;
      if (written instanceof Date) cell.style = { ...cell.style, numFmt: "yyyy-mm-dd" };
    });
  });
  setColumnWidths(ws, sheet);
}

/** Column widths from the first 500 rows' text lengths, 8 to 50 characters. */
function setColumnWidths(ws: ExcelJS.Worksheet, sheet: SheetInput): void {
  const widths: number[] = [];
  sheet.rows.slice(0, 500).forEach((row) => {
    row.forEach((value, c) => {
      const written = toExcelValue(value, sheet.source === "csv");
      if (written === null) return;
      const length = written instanceof Date ? 10 : String(isCellError(written) ? written.error : written).length;
      widths[c] = Math.max(widths[c] ?? 0, length);
    });
  });
  widths.forEach((w, c) => {
    if (w !== undefined) ws.getColumn((sheet.firstColumn ?? 1) + c).width = Math.min(50, Math.max(8, w + 2));
  });
}

function toExcelValue(value: CellValue, asText: boolean): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  // Text Excel could not open (characters XML forbids, more than a cell holds) is made safe; nothing else changes.
  if (asText)
    return isCellError(value) ? value.error : value instanceof Date ? value.toISOString().slice(0, 10) : cellSafeText(String(value));
  if (isCellError(value)) return { error: value.error } as ExcelJS.CellErrorValue;
  return typeof value === "string" ? cellSafeText(value) : value;
}

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** Sheets copied into the workbook must fit an Excel worksheet; refused before anything is written. */
function checkSheetsFit(inputs: readonly SpreadsheetInput[], outPath: string): void {
  const base = inputs.find((input) => input.format === "xlsx");
  for (const input of inputs) {
    if (input === base) continue;
    for (const sheet of input.sheets) {
      const lastRow = (sheet.firstRow ?? 1) + sheet.rows.length - 1;
      const lastColumn = (sheet.firstColumn ?? 1) + sheet.rows.reduce((w, row) => Math.max(w, row.length), 0) - 1;
      const what =
        lastRow > EXCEL_MAX_ROWS
          ? `${lastRow.toLocaleString("en-US")} rows, more than the ${EXCEL_MAX_ROWS.toLocaleString("en-US")} an Excel worksheet holds`
          : lastColumn > EXCEL_MAX_COLUMNS
            ? `${lastColumn.toLocaleString("en-US")} columns, ` +
              `more than the ${EXCEL_MAX_COLUMNS.toLocaleString("en-US")} an Excel worksheet holds`
            : null;
      if (what) {
        throw new InputError(
          `cannot write '${outPath}': '${input.path}' has ${what}; check it without --out, or split it into smaller files.`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// findings

interface CellGroup {
  cell: ExcelJS.Cell;
  findings: Finding[];
}

function annotateFindings(
  findings: readonly Finding[],
  target: ReadonlyMap<string, ExcelJS.Worksheet>,
): { flaggedCells: number; notes: number; unplacedFindings: number } {
  const groups = new Map<string, CellGroup>();
  let unplacedFindings = 0;
  for (const finding of findings) {
    const ws = target.get(finding.sheet);
    if (!ws) {
      unplacedFindings++;
      continue;
    }
    let cell = ws.getCell(finding.cell);
    if (cell.isMerged) cell = cell.master;
    const key = `${ws.id}!${cell.address}`;
    const group = groups.get(key);
    if (group) group.findings.push(finding);
    else groups.set(key, { cell, findings: [finding] });
  }

  let flaggedCells = 0;
  for (const { cell, findings: cellFindings } of groups.values()) if (annotateCell(cell, cellFindings)) flaggedCells++;
  return { flaggedCells, notes: groups.size, unplacedFindings };
}

/** Fills the cell for its worst finding (error red, warning amber) and writes its note; true when it was filled. */
function annotateCell(cell: ExcelJS.Cell, cellFindings: readonly Finding[]): boolean {
  const sorted = [...cellFindings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const worst = sorted[0].severity;
  if (worst !== "info") {
    const argb = worst === "error" ? FILL_ARGB.error : FILL_ARGB.warning;
    // Loaded cells share style objects: replace the cell's style, never mutate it.
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb } } };
  }
  if (cell.type === ExcelJS.ValueType.Null && !cell.style.protection) {
    // exceljs writes an empty cell without a style as no <c> element at all: Excel still shows the note,
    // but exceljs (and so a re-check of this copy) cannot read it back. `locked: true` is Excel's default,
    // so this changes nothing the user sees and makes the cell be written.
    cell.style = { ...cell.style, protection: { locked: true } };
  }
  // Messages quote cell values: the note must hold only characters XML allows, and fit a cell's length.
  cell.note = cellSafeText(neutralizeFormulaText(noteText(sorted, userNoteText(cell.note))));
  return worst !== "info";
}

// ---------------------------------------------------------------------------------------------------
// streamed copy (CSV inputs only: every sheet is value-only, so nothing needs the whole workbook in memory)

/** Findings by sheet name, worksheet row and column. */
function findingsByCell(findings: readonly Finding[]): Map<string, Map<number, Map<number, Finding[]>>> {
  const bySheet = new Map<string, Map<number, Map<number, Finding[]>>>();
  for (const finding of findings) {
    const at = parseA1(finding.cell);
    if (!at) continue;
    let rows = bySheet.get(finding.sheet);
    if (!rows) bySheet.set(finding.sheet, (rows = new Map()));
    let cells = rows.get(at.row);
    if (!cells) rows.set(at.row, (cells = new Map()));
    const list = cells.get(at.column);
    if (list) list.push(finding);
    else cells.set(at.column, [finding]);
  }
  return bySheet;
}

async function writeStreamedCopy(opts: AnnotateOptions): Promise<AnnotateResult> {
  const { inputs, report, outPath } = opts;
  const byCell = findingsByCell(unacknowledged(report.findings));
  const placed = new Set<string>();
  let flaggedCells = 0;
  let notes = 0;
  /** SheetInput name -> the worksheet's name in the copy (the Findings sheet links to it) */
  const copyNames = new Map<string, string>();
  await writeFileAtomically(outPath, async (stream) => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    const usedNames = new Set<string>();
    for (const input of inputs) {
      for (const sheet of input.sheets) {
        const ws = writer.addWorksheet(uniqueSheetName(xmlSafeText(sheet.name), usedNames));
        if (!copyNames.has(sheet.name)) copyNames.set(sheet.name, ws.name);
        // Findings name the sheet; the first sheet of a name gets them, as in the in-memory copy.
        const findings = placed.has(sheet.name) ? undefined : byCell.get(sheet.name);
        placed.add(sheet.name);
        const counts = streamSheet(ws, sheet, findings);
        flaggedCells += counts.flaggedCells;
        notes += counts.notes;
      }
    }
    addChecklistSheet(writer, uniqueSheetName(CHECKLIST_SHEET_NAME, usedNames), opts).commit();
    if (opts.tracking) streamWorklistSheets(writer, opts.tracking, copyNames, usedNames);
    await writer.commit();
  });
  const unplacedFindings = report.findings.filter((f) => !placed.has(f.sheet) || parseA1(f.cell) === null).length;
  return { flaggedCells, notes, unplacedFindings };
}

/** One value-only sheet, row by row in order, each row annotated and committed (written out) before the next. */
function streamSheet(
  ws: ExcelJS.Worksheet,
  sheet: SheetInput,
  findings: Map<number, Map<number, Finding[]>> | undefined,
): { flaggedCells: number; notes: number } {
  const firstRow = sheet.firstRow ?? 1;
  const firstColumn = sheet.firstColumn ?? 1;
  const asText = sheet.source === "csv";
  setColumnWidths(ws, sheet);
  const findingRows = findings ? [...findings.keys()] : [];
  const startRow = Math.min(firstRow, ...findingRows);
  const lastRow = Math.max(firstRow + sheet.rows.length - 1, ...findingRows);
  let flaggedCells = 0;
  let notes = 0;
  for (let r = startRow; r <= lastRow; r++) {
    const values = sheet.rows[r - firstRow];
    const cellFindings = findings?.get(r);
    if (!values && !cellFindings) continue;
    const row = ws.getRow(r);
    values?.forEach((value, c) => {
      const written = toExcelValue(value, asText);
      if (written === null) return;
      const cell = row.getCell(firstColumn + c);
      cell.value = written;
      if (written instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
    if (cellFindings) {
      for (const [column, list] of cellFindings) {
        if (annotateCell(row.getCell(column), list)) flaggedCells++;
        notes++;
      }
      // The streaming writer skips a row without values, notes and all; Excel's default height keeps it written.
      if (!row.hasValues) row.height = 15;
    }
    row.commit();
  }
  ws.commit();
  return { flaggedCells, notes };
}

const OUR_LINE = /^(ERROR|WARNING|INFO) [A-Z0-9-]+: |^… and \d+ more$/;

/** The text of the note the cell already had, minus anything an earlier cte-check run wrote. */
function userNoteText(note: ExcelJS.Cell["note"] | undefined): string {
  if (note === undefined || note === null) return "";
  const raw = typeof note === "string" ? note : (note.texts ?? []).map((t) => (typeof t?.text === "string" ? t.text : "")).join("");
  const sep = raw.indexOf(USER_NOTE_SEPARATOR);
  if (sep >= 0) return raw.slice(sep + USER_NOTE_SEPARATOR.length).trim();
  const lines = raw.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length > 0 && lines.every((line) => OUR_LINE.test(line))) return "";
  return raw.trim();
}

function noteText(sorted: readonly Finding[], userNote: string): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const f of sorted) {
    const line = `${f.severity.toUpperCase()} ${f.rule}: ${f.message.replace(/\s*\r?\n\s*/g, " ")}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  const shown =
    lines.length > MAX_NOTE_LINES ? [...lines.slice(0, MAX_NOTE_LINES - 1), `… and ${lines.length - (MAX_NOTE_LINES - 1)} more`] : lines;
  if (userNote !== "") shown.push(USER_NOTE_SEPARATOR, userNote);
  return shown.join("\n");
}

// ---------------------------------------------------------------------------------------------------
// Snapshot Checklist (DPI's DEMO / Blank Copy page)

/** Writes core's checklist layout (shared with the task pane) and styles it for print. */
function addChecklistSheet(workbook: Pick<ExcelJS.Workbook, "addWorksheet">, name: string, opts: AnnotateOptions): ExcelJS.Worksheet {
  const { report, teamMembers, checkedOn } = opts;
  const layout = checklistLayout({
    report,
    teamMembers,
    checkedOn: localDate(checkedOn),
    snapshot: opts.tracking?.snapshot ?? null,
    history: opts.tracking?.nextLog.history ?? [],
  });
  const ws = workbook.addWorksheet(name, {
    pageSetup: {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${layout.headerRow}:${layout.headerRow}`,
    },
    // Given here, not assigned later: exceljs's streaming writer takes views only when the sheet is added.
    views: [{ state: "frozen", ySplit: layout.headerRow }],
  });
  const thin: Partial<ExcelJS.Borders> = {
    top: { style: "thin" },
    left: { style: "thin" },
    bottom: { style: "thin" },
    right: { style: "thin" },
  };
  const width = CHECKLIST_COLUMNS.length;
  layout.values.forEach((values, r) =>
    values.forEach((v, c) => {
      if (v !== "") ws.getCell(r + 1, c + 1).value = typeof v === "string" ? cellSafeText(v) : v;
    }),
  );

  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").font = { bold: true };
  ws.getCell("A3").font = { bold: true };
  ws.getCell("A4").font = { italic: true };
  // Without names, a line to write them on once printed.
  if (!layout.hasTeam) for (const col of ["B", "C"]) ws.getCell(`${col}2`).border = { bottom: { style: "thin" } };

  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(layout.headerRow, c);
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.border = thin;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  }
  for (let r = layout.firstTopicRow; r <= layout.lastTopicRow; r++) {
    let lines = 1;
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.alignment = { wrapText: true, vertical: "top" };
      cell.border = thin;
      lines = Math.max(lines, Math.ceil(String(layout.values[r - 1][c - 1]).length / (CHECKLIST_COLUMN_WIDTHS[c - 1] - 1)));
    }
    // Files written by exceljs carry no row heights, and wrapped text is not re-fitted on open everywhere.
    if (lines > 1) ws.getRow(r).height = 15 * lines;
  }
  for (const { row, status } of layout.statuses) {
    ws.getCell(row, 4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILL[status] } };
    ws.getCell(row, 4).font = { bold: true };
  }

  // What was not checked and why, below the table: topic | note across B:H.
  if (layout.notesRow !== null) {
    ws.getCell(layout.notesRow, 1).font = { bold: true };
    const noteWidth = CHECKLIST_COLUMN_WIDTHS.slice(1).reduce((a, b) => a + b, 0);
    // The run history (when there is one) follows the notes after a blank row and its title.
    const lastNoteRow = layout.historyHeaderRow !== null ? layout.historyHeaderRow - 3 : layout.values.length;
    for (let r = layout.notesRow + 1; r <= lastNoteRow; r++) {
      const [title, note] = layout.values[r - 1].map(String);
      ws.mergeCells(r, 2, r, width);
      ws.getCell(r, 1).alignment = { wrapText: true, vertical: "top" };
      ws.getCell(r, 2).alignment = { wrapText: true, vertical: "top" };
      // Excel does not auto-fit merged cells: size the row for the wrapped text.
      const lines = Math.max(Math.ceil(title.length / CHECKLIST_COLUMN_WIDTHS[0]), Math.ceil(note.length / noteWidth), 1);
      if (lines > 1) ws.getRow(r).height = 15 * lines;
    }
  }

  if (layout.snapshotRow !== null) ws.getCell(layout.snapshotRow, 1).font = { bold: true };
  // Run history: its title, then a bordered table of counts (no student data), newest last.
  if (layout.historyHeaderRow !== null && layout.historyLastRow !== null) {
    ws.getCell(layout.historyHeaderRow - 1, 1).font = { bold: true };
    const columns = layout.values[layout.historyHeaderRow - 1].filter((v) => v !== "").length;
    for (let r = layout.historyHeaderRow; r <= layout.historyLastRow; r++) {
      for (let c = 1; c <= columns; c++) {
        const cell = ws.getCell(r, c);
        cell.border = thin;
        if (r === layout.historyHeaderRow) {
          cell.font = { bold: true };
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
        }
      }
    }
  }

  CHECKLIST_COLUMN_WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return ws;
}

// ---------------------------------------------------------------------------------------------------
// the worklist: Findings table and hidden log

function isOwnSheetRows(rows: SheetInput["rows"]): boolean {
  return isChecklistSheet(rows) || isFindingsSheet(rows) || isLogSheet(rows);
}

function unacknowledged(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.status !== "acknowledged");
}

/** Worklist rows naming the sheets as the copy calls them, so each link jumps to its cell. */
function rowsInCopy(worklist: readonly WorklistRow[], copyName: (sheet: string) => string | undefined): WorklistRow[] {
  return worklist.map((row) => {
    const name = row.status === "fixed" ? undefined : copyName(row.sheet);
    return name === undefined || name === row.sheet ? row : { ...row, sheet: name };
  });
}

/** The Findings layout as a table sheet: the Where column a HYPERLINK formula where the layout has one. */
function findingsTableSpec(tracking: Tracking, copyNames: ReadonlyMap<string, string>): TableSheetSpec {
  const rows = rowsInCopy(tracking.worklist, (sheet) => copyNames.get(sheet));
  const layout = findingsSheetLayout(rows, { sheets: [...copyNames.values()] });
  const cells: TableCell[][] = layout.rows.map((values, r) => {
    const link = layout.where[r];
    return link.formula ? values.map((v, c) => (c === layout.whereColumn ? { formula: link.formula!, text: link.text } : v)) : values;
  });
  return {
    name: layout.name,
    tableName: layout.tableName,
    header: layout.header,
    rows: cells,
    columnWidths: layout.columnWidths,
    style: layout.style,
    wrapColumns: WRAPPED_FINDINGS_COLUMNS.map((title) => layout.header.indexOf(title)),
  };
}

/** The Findings columns whose long text wraps in the copy. */
const WRAPPED_FINDINGS_COLUMNS = ["Message", "What to fix", "Team note"] as const;

function addWorklistSheets(
  workbook: ExcelJS.Workbook,
  tracking: Tracking,
  target: ReadonlyMap<string, ExcelJS.Worksheet>,
  usedNames: Set<string>,
): void {
  const copyNames = new Map([...target].map(([name, ws]) => [name, ws.name] as const));
  addTableSheet(workbook, findingsTableSpec(tracking, copyNames), usedNames);
  const log = logSheetLayout(tracking.nextLog);
  addHiddenSheet(workbook, log.name, log.rows, usedNames);
}

/** The streamed copy (CSV inputs) gets the same Findings table and log, written row by row. */
function streamWorklistSheets(
  writer: ExcelJS.stream.xlsx.WorkbookWriter,
  tracking: Tracking,
  copyNames: ReadonlyMap<string, string>,
  usedNames: Set<string>,
): void {
  streamTableSheet(writer, findingsTableSpec(tracking, copyNames), usedNames);
  const log = logSheetLayout(tracking.nextLog);
  addHiddenSheet(writer, log.name, log.rows, usedNames, true);
}
