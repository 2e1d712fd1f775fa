/**
 * Cell values as every adapter hands them to the engine.
 * The CLI converts exceljs cells, the task pane converts Office.js `values`, and the
 * custom functions pass their `any[][]` arguments: all end up as `CellValue`.
 */

/** An Excel error value (#N/A, #REF! ...) kept apart from data so no rule mistakes it for text. */
export interface CellError {
  readonly error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null | undefined;

/** Error literals Excel shows; Office.js returns error cells as these strings. */
const EXCEL_ERROR_LITERALS = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
]);

export function isCellError(value: unknown): value is CellError {
  return typeof value === "object" && value !== null && !(value instanceof Date) && typeof (value as CellError).error === "string";
}

/** The error literal of a cell (an error object, or a string that is exactly an Excel error), else null. */
export function cellErrorText(value: CellValue): string | null {
  if (isCellError(value)) return value.error;
  if (typeof value === "string" && value.length <= 16 && value.includes("#")) {
    const t = value.trim().toUpperCase();
    if (EXCEL_ERROR_LITERALS.has(t)) return t;
  }
  return null;
}

export function isBlank(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

/** Plain text of a cell for matching and messages; errors become their literal, dates ISO (yyyy-mm-dd). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (isCellError(value)) return value.error;
  return "";
}

/** One worksheet (or CSV file) as values. `rows[0]` is worksheet row `firstRow`, column 0 is `firstColumn`. */
export interface SheetInput {
  /** Sheet name; for a CSV file, its base name without extension. */
  readonly name: string;
  readonly rows: readonly (readonly CellValue[])[];
  /** 1-based worksheet row of rows[0] (a used range may start below row 1). Default 1. */
  readonly firstRow?: number;
  /** 1-based worksheet column of column 0. Default 1. */
  readonly firstColumn?: number;
  /** "csv" values are always text, so a number there never means Excel mangled it. Default "workbook". */
  readonly source?: "workbook" | "csv";
}
