/**
 * A recognised export: its header row, column map and data rows, with per-column value caches so
 * every rule reads a normalised column once (the engine's cost stays near one pass over the cells).
 */
import { a1, columnLetters } from "./address";
import { clipForMatching } from "./boundedText";
import { CellValue, SheetInput, cellErrorText, cellText, isBlank } from "./cells";
import { ColumnMapping, Field, Recognition, SENSITIVE_FIELDS } from "./recognize";
import { isSummaryRow } from "./summaryRow";
import { ExportKind } from "./report";

export interface DataRow {
  /** 0-based index into the sheet's rows */
  readonly index: number;
  /** worksheet row number as Excel shows it */
  readonly row: number;
  readonly cells: readonly CellValue[];
}

/** A CSV record whose field count differs from its header record's (RECORD-FIELD-COUNT). */
export interface MisshapenRecord extends DataRow {
  /** how many fields the record has */
  readonly fields: number;
  /** how many fields the header record has */
  readonly headerFields: number;
}

/**
 * Whether a CSV record lines up with its header record: the same number of fields, or more whose extras
 * are all empty (a trailing separator). Otherwise a separator is missing or extra somewhere and any value
 * may sit under a neighbour's column.
 */
function fitsHeader(cells: readonly CellValue[], headerFields: number): boolean {
  if (cells.length < headerFields) return false;
  for (let c = headerFields; c < cells.length; c++) if (!isBlank(cells[c])) return false;
  return true;
}

/** Blank rows are skipped, and so are summary rows: a total label and numbers only. */
export function isSkippableRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => isBlank(c)) || isSummaryRow(cells);
}

/**
 * Header texts of a sheet: its header row's cells, or "Column A", "Column B"… when the sheet has no
 * header row (headerIndex -1: a kind the user chose for a sheet without known headers), so no data
 * value is ever shown as a column name.
 */
export function headerTexts(input: SheetInput, headerIndex: number): string[] {
  if (headerIndex >= 0) return (input.rows[headerIndex] ?? []).map((c) => cellText(c));
  const width = input.rows.reduce((w, r) => Math.max(w, r.length), 0);
  return Array.from({ length: width }, (_, c) => `Column ${columnLetters((input.firstColumn ?? 1) + c)}`);
}

/** Runs of whitespace as one space; the text itself (no copy) when it has none to fold, as most cells. */
function foldSpaces(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, " ") : text;
}

export class ExportTable {
  readonly sheet: string;
  readonly kind: ExportKind;
  readonly headerIndex: number;
  readonly columns: Readonly<Partial<Record<Field, number>>>;
  readonly headers: readonly string[];
  readonly rows: readonly DataRow[];
  /**
   * CSV records with more or fewer fields than the header record. They are left out of `rows`: their values
   * may sit under the wrong columns, and a single-parent or homeless value must never be read as another field.
   */
  readonly misshapenRecords: readonly MisshapenRecord[];
  readonly source: "workbook" | "csv";
  private readonly firstRow: number;
  private readonly firstColumn: number;
  private readonly textCache = new Map<Field, string[]>();

  constructor(
    input: SheetInput,
    kind: ExportKind,
    recognition: { readonly headerIndex: number; readonly mapping: ColumnMapping } & Partial<Omit<Recognition, "headerIndex" | "mapping">>,
  ) {
    this.sheet = input.name;
    this.kind = kind;
    this.headerIndex = recognition.headerIndex;
    this.columns = recognition.mapping.columns;
    this.source = input.source ?? "workbook";
    this.firstRow = input.firstRow ?? 1;
    this.firstColumn = input.firstColumn ?? 1;
    this.headers = headerTexts(input, recognition.headerIndex);
    const rows: DataRow[] = [];
    const misshapen: MisshapenRecord[] = [];
    const headerFields = this.source === "csv" && recognition.headerIndex >= 0 ? (input.rows[recognition.headerIndex] ?? []).length : null;
    for (let i = recognition.headerIndex + 1; i < input.rows.length; i++) {
      const cells = input.rows[i] ?? [];
      if (isSkippableRow(cells)) continue;
      if (headerFields !== null && !fitsHeader(cells, headerFields)) {
        misshapen.push({ index: i, row: this.firstRow + i, cells: [], fields: cells.length, headerFields });
        continue;
      }
      rows.push({ index: i, row: this.firstRow + i, cells });
    }
    this.rows = rows;
    this.misshapenRecords = misshapen;
  }

  /** The header's worksheet row; a sheet without a header row puts sheet-level findings on its first row. */
  get headerRow(): number {
    return this.firstRow + Math.max(0, this.headerIndex);
  }

  get hasHeaderRow(): boolean {
    return this.headerIndex >= 0;
  }

  has(field: Field): boolean {
    return this.columns[field] !== undefined;
  }

  raw(r: DataRow, field: Field): CellValue {
    const c = this.columns[field];
    return c === undefined ? undefined : r.cells[c];
  }

  isError(r: DataRow, field: Field): boolean {
    return cellErrorText(this.raw(r, field)) !== null;
  }

  /** True when the cell is empty (an error value is not blank: it is reported as VALUE-ERROR instead). */
  blank(r: DataRow, field: Field): boolean {
    return this.has(field) && isBlank(this.raw(r, field));
  }

  /** Trimmed text, "" for blanks and error values (cached per column). */
  text(r: DataRow, field: Field): string {
    let col = this.textCache.get(field);
    if (!col) {
      col = new Array<string>(0);
      const c = this.columns[field];
      for (const row of this.rows) {
        const v = c === undefined ? undefined : row.cells[c];
        // Cut first: rules match and quote this text, and no value a rule reads needs more than the bound.
        col[row.index] = cellErrorText(v) === null ? foldSpaces(clipForMatching(cellText(v))) : "";
      }
      this.textCache.set(field, col);
    }
    return col[r.index] ?? "";
  }

  /** Text of a non-blank, non-error cell; null otherwise (so a rule validates only real values). */
  present(r: DataRow, field: Field): string | null {
    const t = this.text(r, field);
    return t === "" ? null : t;
  }

  headerOf(field: Field): string | undefined {
    const c = this.columns[field];
    return c === undefined ? undefined : this.headers[c] || undefined;
  }

  isSensitive(field: Field): boolean {
    return SENSITIVE_FIELDS.has(field);
  }

  /** A1 address of a row's cell in a 0-based column of the sheet's rows. */
  address(row: number, column: number): string {
    return a1(row, this.firstColumn + column);
  }

  /** The column a row-level finding points at: the given field's, else the student id / title / first column. */
  anchorColumn(field?: Field): number {
    for (const f of [field, "studentId", "localCourseTitle", "rosterCode", "iac"] as (Field | undefined)[]) {
      if (f !== undefined && this.columns[f] !== undefined) return this.columns[f] as number;
    }
    return 0;
  }
}
