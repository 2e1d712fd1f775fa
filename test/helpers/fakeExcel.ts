/**
 * A hand-written fake of the part of the Excel JavaScript API the gateway uses, with Office.js's batching
 * semantics: calls queue commands, `context.sync()` runs them in order, loaded properties can be read only
 * after the sync that loaded them ("PropertyNotLoaded" otherwise), OrNullObject getters report
 * `isNullObject`, and a failing command rejects the sync (earlier commands stay applied, as in Excel).
 *
 * It keeps cell values, number formats, the user's own fills, conditional formats and document settings,
 * and models what Microsoft documents about them:
 * - `ConditionalFormat.id` is "the priority of the conditional format in the current
 *   ConditionalFormatCollection": here the rule's position in the collection it was read from, which
 *   shifts when a rule is added (new rules go first, at the top priority) or deleted. Item proxies of a
 *   loaded collection, and `getItem(id)`, find their rule by that position when the command runs.
 * - `Worksheet.id` is stable only within a session: `reopen()` gives every sheet a new id.
 * - `Range.values` and `Range.formulas` assignments are parsed as if typed (numbers, ISO dates, TRUE/FALSE,
 *   formulas, a leading apostrophe), unless the cell's number format is Text ("@"), where even "=…" stays
 *   text; see `parseTyped`. A 2-D array must match the range's rows × columns ("InvalidArgument" otherwise).
 *   Formulas are kept as formulas (`Range.formulas` reads them back); the fake calculates only
 *   `=HYPERLINK("link","text")` with text constants, whose value is its text.
 * - Worksheets have a `visibility` ("Visible", "Hidden", "VeryHidden"); the collection lists hidden sheets too
 *   (its getCount/getFirst take a `visibleOnly` flag "skipping over any hidden ones"); the last visible sheet
 *   cannot be hidden, and a VeryHidden sheet cannot be deleted ("InvalidOperation").
 * - Tables (ExcelApi 1.1/1.3): `TableCollection.add(range or address, hasHeaders)` over existing data (with
 *   headers the first row becomes the header: blank titles become "Column1"…, repeats get a number; without,
 *   Excel inserts a header row and shifts the data down); it fails when the range overlaps a table. A new
 *   table is named "Table1", "Table2"…, styled TableStyleMedium2 with banded rows and filter buttons. A table
 *   name follows Excel's name rules (a letter, "_" or a backslash first, then letters, digits, "." or "_"; not a
 *   cell reference, not C/R; at most 255 characters) and is unique, case-insensitively, among the workbook's
 *   tables and defined names. `Table.delete()` removes the table and clears its cells (as VBA's
 *   ListObject.Delete does); deleting a sheet removes its tables; a copied sheet's tables get new names.
 * It measures what matters for Excel on
 * the web: round trips, proxy objects, request and response bytes (estimated as JSON), address lengths and
 * cells per load. Like Excel it rejects `getRange(s)` addresses over 8,192 characters and requests or
 * responses over 5 MB; a load of more than 5,000,000 cells returns `values: null` (as Excel may) and is counted.
 *
 * Self-contained on purpose (no imports): the Chromium test transpiles this file and injects it into the
 * page as the stub Excel host.
 */

export interface FakeLimits {
  maxAddressChars: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  maxCellsPerLoad: number;
}

export const DEFAULT_LIMITS: FakeLimits = {
  maxAddressChars: 8192,
  maxRequestBytes: 5 * 1024 * 1024,
  maxResponseBytes: 5 * 1024 * 1024,
  maxCellsPerLoad: 5_000_000,
};

export interface SyncRecord {
  commands: number;
  requestBytes: number;
  responseBytes: number;
  /** commands that write */
  writes: number;
  /** Excel refused it (request or response over the limit) */
  rejected?: string;
}

export interface FakeStats {
  runs: number;
  syncs: number;
  proxies: number;
  longestAddress: number;
  /** largest accepted request and response */
  largestRequestBytes: number;
  largestResponseBytes: number;
  /** round trips refused for their size */
  rejectedSyncs: number;
  largestLoadCells: number;
  /** loads over maxCellsPerLoad (they returned values: null) */
  oversizedLoads: number;
  calcSuspensions: number;
  screenSuspensions: number;
  /** workbook writes (cells, formats, conditional formats) made while events were on */
  writesWithEventsOn: number;
  syncRecords: SyncRecord[];
}

export interface FakeConditionalFormat {
  /** test-only identity (not visible through the API, which knows only positions) */
  key: string;
  type: string;
  formula: string | null;
  fill: string | null;
  /** areas, 0-based inclusive */
  areas: Rect[];
}

interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

interface Sheet {
  id: string;
  name: string;
  grid: unknown[][];
  /** user (or API) fills by "r,c" */
  fills: Map<string, string>;
  /** number formats by "r,c" (absent: "General") */
  numberFormats: Map<string, string>;
  /** formulas by "r,c" (the grid holds "" for them: the fake does not calculate) */
  formulas: Map<string, string>;
  /** in priority order: index 0 is the highest priority */
  cfs: FakeConditionalFormat[];
  /** other format writes, for assertions: "A1:H1 font.bold=true" */
  formatLog: string[];
  frozenRows: number;
  orientation: string | null;
  printTitleRows: string | null;
  visibility: SheetVisibility;
}

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

interface FakeTable {
  id: string;
  name: string;
  sheet: Sheet;
  /** the whole table, header row included when shown */
  rect: Rect;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  showHeaders: boolean;
}

/** What tests see of a table. */
export interface FakeTableInfo {
  name: string;
  sheet: string;
  address: string;
  style: string;
  showBandedRows: boolean;
  showFilterButton: boolean;
  showHeaders: boolean;
  /** the header row's texts */
  headers: string[];
  /** data rows below the header */
  rows: number;
}

export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    location = "",
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation: location };
  }
}

/** Excel's InvalidArgument error for a call that names no detail. */
function invalidArgument(location: string): FakeExcelError {
  return new FakeExcelError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", location);
}

// ------------------------------------------------------------------------------------------------
// A1 helpers

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

function columnLetters(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellName(r: number, c: number): string {
  return `${columnLetters(c)}${r + 1}`;
}

function rectName(x: Rect): string {
  const a = cellName(x.r0, x.c0);
  return x.r0 === x.r1 && x.c0 === x.c1 ? a : `${a}:${cellName(x.r1, x.c1)}`;
}

function parseCell(text: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  const r = Number(m[2]);
  if (r < 1 || r > MAX_ROWS || c < 1 || c > MAX_COLUMNS) return null;
  return { r: r - 1, c: c - 1 };
}

function parseArea(text: string): Rect | null {
  const t = text.trim().replace(/^.*!/, "");
  const [a, b] = t.split(":");
  const p = parseCell(a);
  const q = b === undefined ? p : parseCell(b);
  if (!p || !q) return null;
  return { r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
}

function parseAreas(address: string): Rect[] | null {
  const parts = address.split(",");
  const out: Rect[] = [];
  for (const part of parts) {
    const r = parseArea(part);
    if (!r) return null;
    out.push(r);
  }
  return out;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** Whether a custom rule's formula is a constant TRUE the fake can evaluate ("=TRUE", "=ISTEXT(\"…\")"). */
function alwaysTrue(formula: string | null): boolean {
  if (formula === null) return false;
  const f = formula.trim().toUpperCase();
  return f === "=TRUE" || (f.startsWith('=ISTEXT("') && f.endsWith('")') && f.indexOf('"', 9) === f.length - 2);
}

/** 1899-12-30: Excel's serial day 0 (1900 date system, from 1900-03-01 on) */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * What Excel stores for a value assigned through `Range.values` to a cell with number format `format`:
 * with Text ("@") the string as given; otherwise strings are parsed as if typed — a number ("01.10" → 1.1,
 * "1e3", "-5", "12%" → 0.12), an ISO date ("2026-11-29" → its serial number, the cell taking a date
 * format), TRUE/FALSE, a formula ("=…"), and a leading apostrophe forces text (and is not kept).
 */
export function parseTyped(value: unknown, format: string): { value: unknown; formula?: string; format?: string } {
  if (typeof value !== "string" || format === "@") return { value };
  const t = value.trim();
  if (value.startsWith("'")) return { value: value.slice(1) };
  if (value.startsWith("=") && value.length > 1) return { value: "", formula: value };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) {
    const n = Number(t.replace(/%$/, ""));
    return { value: t.endsWith("%") ? n / 100 : n };
  }
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const d = new Date(ms);
    if (d.getUTCMonth() === Number(date[2]) - 1 && d.getUTCDate() === Number(date[3])) {
      return { value: Math.round((ms - EXCEL_EPOCH_MS) / 86_400_000), format: format === "General" ? "m/d/yyyy" : format };
    }
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  return { value };
}

function jsonBytes(v: unknown): number {
  return JSON.stringify(v ?? null).length;
}

const INVALID_SHEET_NAME = /[[\]:*?/\\]/;

const TABLE_NAME_SYNTAX = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
/** A1 ("AB12") or R1C1 ("R1C1", "R2", "C3") references, which a name may not look like */
const LOOKS_LIKE_REFERENCE = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*)$/;
const BUILT_IN_TABLE_STYLE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

/** Why Excel refuses `name` for a table, or null when it takes it (uniqueness is checked by the caller). */
function tableNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 255) return "a name has 1 to 255 characters";
  if (!TABLE_NAME_SYNTAX.test(name)) return "a name starts with a letter, _ or \\ and holds only letters, digits, periods and underscores";
  if (/^[CcRr]$/.test(name) || LOOKS_LIKE_REFERENCE.test(name)) return "a name cannot look like a cell reference";
  return null;
}

const HYPERLINK_FORMULA = /^=HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:,\s*"((?:[^"]|"")*)"\s*)?\)$/i;

/** The value Excel shows for a formula the fake can calculate (HYPERLINK of text constants), else "". */
function formulaValue(formula: string): unknown {
  const m = HYPERLINK_FORMULA.exec(formula.trim());
  if (!m) return "";
  return (m[2] ?? m[1]).replace(/""/g, '"');
}

// ------------------------------------------------------------------------------------------------
// the workbook

export class FakeWorkbook {
  readonly limits: FakeLimits;
  sheets: Sheet[] = [];
  /** document settings, stored as JSON text as Excel keeps them in the file */
  readonly settings = new Map<string, string>();
  /** every table, in creation order */
  tables: FakeTable[] = [];
  /** defined names (Formulas > Name Manager): a table may not take one */
  readonly definedNames: string[] = [];
  enableEvents = true;
  activeSheetId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  stats: FakeStats = FakeWorkbook.emptyStats();
  private nextSheet = 1;
  private nextCf = 1;
  private nextTable = 1;
  private session = 1;

  constructor(limits: Partial<FakeLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  static emptyStats(): FakeStats {
    return {
      runs: 0,
      syncs: 0,
      proxies: 0,
      longestAddress: 0,
      largestRequestBytes: 0,
      largestResponseBytes: 0,
      rejectedSyncs: 0,
      largestLoadCells: 0,
      oversizedLoads: 0,
      calcSuspensions: 0,
      screenSuspensions: 0,
      writesWithEventsOn: 0,
      syncRecords: [],
    };
  }

  resetStats(): void {
    this.stats = FakeWorkbook.emptyStats();
  }

  /** Adds a sheet whose rows start at `firstRow`/`firstColumn` (1-based). */
  addSheet(name: string, rows: readonly (readonly unknown[])[] = [], at: { firstRow?: number; firstColumn?: number } = {}): string {
    const sheet = this.createSheet(name);
    const r0 = (at.firstRow ?? 1) - 1;
    const c0 = (at.firstColumn ?? 1) - 1;
    rows.forEach((row, r) => row.forEach((v, c) => this.setCell(sheet, r0 + r, c0 + c, v)));
    return sheet.id;
  }

  /** Every value of a sheet from A1 to its last used cell ("" for empty). */
  values(name: string): unknown[][] {
    const s = this.sheet(name);
    const width = Math.max(0, ...s.grid.map((r) => (r ? r.length : 0)));
    const out: unknown[][] = [];
    for (let r = 0; r < s.grid.length; r++) {
      const row = s.grid[r] ?? [];
      out.push(Array.from({ length: width }, (_, c) => (row[c] === undefined ? "" : row[c])));
    }
    return out;
  }

  cell(name: string, address: string): unknown {
    const p = parseCell(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.sheet(name).grid[p.r]?.[p.c] ?? "";
  }

  setUserFill(name: string, address: string, color: string): void {
    const s = this.sheet(name);
    for (const a of parseAreas(address) ?? []) {
      for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) s.fills.set(`${r},${c}`, color);
    }
  }

  fills(name: string): Map<string, string> {
    return new Map(this.sheet(name).fills);
  }

  addUserConditionalFormat(name: string, address: string, rule: { type?: string; formula?: string | null; fill?: string | null }): string {
    const areas = parseAreas(address);
    if (!areas) throw new Error(`bad address ${address}`);
    const cf: FakeConditionalFormat = {
      key: this.newCfKey(),
      type: rule.type ?? "Custom",
      formula: rule.formula ?? null,
      fill: rule.fill ?? null,
      areas,
    };
    // Excel gives a new rule the top priority (Home > Conditional Formatting > New Rule does too).
    this.sheet(name).cfs.unshift(cf);
    return cf.key;
  }

  /** A sheet's rules in priority order; `id` is what Excel reports for the sheet's collection (the position). */
  conditionalFormats(
    name: string,
  ): { id: string; key: string; type: string; formula: string | null; fill: string | null; address: string }[] {
    return this.sheet(name).cfs.map((cf, i) => ({
      id: String(i),
      key: cf.key,
      type: cf.type,
      formula: cf.formula,
      fill: cf.fill,
      address: cf.areas.map(rectName).join(","),
    }));
  }

  /** A cell's number format ("General" unless one was set). */
  numberFormat(name: string, address: string): string {
    const p = parseCell(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.sheet(name).numberFormats.get(`${p.r},${p.c}`) ?? "General";
  }

  /** A cell's formula, when a value written to it was taken as one. */
  formula(name: string, address: string): string | null {
    const p = parseCell(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.sheet(name).formulas.get(`${p.r},${p.c}`) ?? null;
  }

  /** The fill a cell shows: the first (highest-priority) always-true custom rule covering it, else its own fill. */
  displayedFill(name: string, address: string): string | null {
    const p = parseCell(address);
    if (!p) throw new Error(`bad address ${address}`);
    const s = this.sheet(name);
    const at: Rect = { r0: p.r, c0: p.c, r1: p.r, c1: p.c };
    for (const cf of s.cfs) {
      if (cf.type === "Custom" && alwaysTrue(cf.formula) && cf.fill && cf.areas.some((a) => intersects(a, at))) return cf.fill;
    }
    return s.fills.get(`${p.r},${p.c}`) ?? null;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  formatLog(name: string): string[] {
    return [...this.sheet(name).formatLog];
  }

  sheetInfo(name: string): { frozenRows: number; orientation: string | null; printTitleRows: string | null } {
    const s = this.sheet(name);
    return { frozenRows: s.frozenRows, orientation: s.orientation, printTitleRows: s.printTitleRows };
  }

  /** "Visible", "Hidden" or "VeryHidden". */
  visibility(name: string): SheetVisibility {
    return this.sheet(name).visibility;
  }

  /** Right-click > Hide / Unhide (or VBA for VeryHidden). */
  setVisibility(name: string, visibility: SheetVisibility): void {
    this.changeVisibility(this.sheet(name), visibility);
  }

  /** Right-click > Delete: the sheet goes, and its tables with it. */
  deleteSheet(name: string): void {
    this.removeSheet(this.sheet(name));
  }

  /** Insert > Table by the user over `address` of a sheet (with headers), named `tableName` when given. */
  addUserTable(sheetName: string, address: string, tableName?: string): string {
    const rect = parseArea(address);
    if (!rect) throw new Error(`bad address ${address}`);
    const table = this.createTable(this.sheet(sheetName), rect, true);
    if (tableName !== undefined) this.renameTable(table, tableName);
    return table.name;
  }

  /** Table Design > Table Name. */
  renameUserTable(from: string, to: string): void {
    const table = this.findTable(from);
    if (!table) throw new Error(`no table ${from}`);
    this.renameTable(table, to);
  }

  /** The tables of the workbook (or of one sheet), in creation order. */
  tableInfo(sheetName?: string): FakeTableInfo[] {
    const sheet = sheetName === undefined ? null : this.sheet(sheetName);
    return this.tables
      .filter((t) => sheet === null || t.sheet === sheet)
      .map((t) => ({
        name: t.name,
        sheet: t.sheet.name,
        address: rectName(t.rect),
        style: t.style,
        showBandedRows: t.showBandedRows,
        showFilterButton: t.showFilterButton,
        showHeaders: t.showHeaders,
        headers: t.showHeaders
          ? Array.from({ length: t.rect.c1 - t.rect.c0 + 1 }, (_, c) => String(t.sheet.grid[t.rect.r0]?.[t.rect.c0 + c] ?? ""))
          : [],
        rows: t.rect.r1 - t.rect.r0 + (t.showHeaders ? 0 : 1),
      }));
  }

  renameSheet(from: string, to: string): void {
    this.sheet(from).name = to;
  }

  /**
   * Right-click > Move or Copy > Create a copy: a new sheet (placed after the original) with its values,
   * formats and conditional formats, which Excel copies with it.
   */
  copySheet(from: string, to: string): void {
    const source = this.sheet(from);
    const copy = this.createSheet(to);
    this.sheets.splice(this.sheets.indexOf(copy), 1);
    this.sheets.splice(this.sheets.indexOf(source) + 1, 0, copy);
    copy.grid = source.grid.map((row) => (row ? [...row] : row));
    copy.fills = new Map(source.fills);
    copy.numberFormats = new Map(source.numberFormats);
    copy.formulas = new Map(source.formulas);
    copy.cfs = source.cfs.map((cf) => ({ ...cf, key: this.newCfKey(), areas: cf.areas.map((a) => ({ ...a })) }));
    // Excel keeps table names unique: the copy's tables get the first free name with a number appended.
    for (const t of this.tables.filter((x) => x.sheet === source)) {
      let n = 2;
      while (this.nameTaken(`${t.name}${n}`)) n++;
      this.tables.push({ ...t, id: String(this.nextTable++), name: `${t.name}${n}`, sheet: copy, rect: { ...t.rect } });
    }
  }

  /** Save and reopen: values, formats, rules and settings stay; every sheet gets a new id (a new session). */
  reopen(): void {
    this.session++;
    for (const s of this.sheets) s.id = this.sheetId(this.nextSheet++);
    this.enableEvents = true;
    this.selection = null;
  }

  /** `Excel.run`. */
  run = async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
    this.stats.runs++;
    const context = new FakeContext(this);
    const result = await batch(context);
    if (context.pending() > 0) await context.sync();
    return result;
  };

  // --- internals used by the proxies ----------------------------------------------------------

  sheet(nameOrId: string): Sheet {
    const s = this.findSheet(nameOrId);
    if (!s)
      throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: sheet ${nameOrId}.`, "WorksheetCollection.getItem");
    return s;
  }

  findSheet(nameOrId: string): Sheet | null {
    const key = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === key) ?? null;
  }

  createSheet(name: string): Sheet {
    if (!name || name.length > 31 || INVALID_SHEET_NAME.test(name))
      throw new FakeExcelError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format: sheet name ${name}.`,
        "WorksheetCollection.add",
      );
    if (this.findSheet(name))
      throw new FakeExcelError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists: ${name}.`,
        "WorksheetCollection.add",
      );
    const id = this.sheetId(this.nextSheet++);
    const sheet: Sheet = {
      id,
      name,
      grid: [],
      fills: new Map(),
      numberFormats: new Map(),
      formulas: new Map(),
      cfs: [],
      formatLog: [],
      frozenRows: 0,
      orientation: null,
      printTitleRows: null,
      visibility: "Visible",
    };
    this.sheets.push(sheet);
    return sheet;
  }

  changeVisibility(sheet: Sheet, visibility: SheetVisibility): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") {
      throw new FakeExcelError("InvalidArgument", `The argument is invalid: visibility ${String(visibility)}.`, "Worksheet.visibility");
    }
    if (visibility !== "Visible" && sheet.visibility === "Visible" && this.sheets.filter((s) => s.visibility === "Visible").length === 1) {
      throw new FakeExcelError("InvalidOperation", "A workbook must keep at least one visible worksheet.", "Worksheet.visibility");
    }
    sheet.visibility = visibility;
  }

  removeSheet(sheet: Sheet): void {
    if (sheet.visibility === "VeryHidden") {
      throw new FakeExcelError(
        "InvalidOperation",
        "A very hidden worksheet cannot be deleted; make it hidden or visible first.",
        "Worksheet.delete",
      );
    }
    if (sheet.visibility === "Visible" && this.sheets.filter((s) => s.visibility === "Visible").length === 1) {
      throw new FakeExcelError("InvalidOperation", "A workbook must keep at least one visible worksheet.", "Worksheet.delete");
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")?.id ?? null;
  }

  findTable(nameOrId: string): FakeTable | null {
    const key = nameOrId.toLowerCase();
    return this.tables.find((t) => t.id === nameOrId || t.name.toLowerCase() === key) ?? null;
  }

  nameTaken(name: string, except?: FakeTable): boolean {
    const key = name.toLowerCase();
    return this.tables.some((t) => t !== except && t.name.toLowerCase() === key) || this.definedNames.some((n) => n.toLowerCase() === key);
  }

  renameTable(table: FakeTable, name: string): void {
    const problem = tableNameProblem(name);
    if (problem) throw new FakeExcelError("InvalidArgument", `The argument is invalid: table name ${name} (${problem}).`, "Table.name");
    if (this.nameTaken(name, table)) {
      throw new FakeExcelError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, "Table.name");
    }
    table.name = name;
  }

  /** TableCollection.add: a table over `rect` of `sheet`, as Excel makes it. */
  createTable(sheet: Sheet, rect: Rect, hasHeaders: boolean): FakeTable {
    const cols = rect.c1 - rect.c0 + 1;
    let body = { ...rect };
    if (!hasHeaders) {
      // "Excel will automatically generate a header and shift the data down by one row."
      body = { ...rect, r0: rect.r0 + 1, r1: rect.r1 + 1 };
    } else if (rect.r0 === rect.r1) {
      // a header alone gets one empty data row
      body = { ...rect, r1: rect.r1 + 1 };
    }
    const whole: Rect = { ...body, r0: rect.r0 };
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, whole))) {
      throw new FakeExcelError("InvalidOperation", "A table cannot overlap another table.", "TableCollection.add");
    }
    if (!hasHeaders) {
      for (let r = sheet.grid.length - 1; r >= rect.r0; r--) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const v = sheet.grid[r]?.[c];
          if (v !== undefined) this.setCell(sheet, r + 1, c, v);
          this.setCell(sheet, r, c, "");
        }
      }
    }
    // Header titles are unique texts: blanks become "Column1"…, repeats get a number.
    const seen = new Set<string>();
    for (let c = 0; c < cols; c++) {
      const raw = hasHeaders ? sheet.grid[rect.r0]?.[rect.c0 + c] : "";
      let title = raw === undefined || raw === null || raw === "" ? `Column${c + 1}` : String(raw);
      for (let n = 2; seen.has(title.toLowerCase()); n++) title = `${String(raw ?? "Column")}${n}`;
      seen.add(title.toLowerCase());
      this.setCell(sheet, rect.r0, rect.c0 + c, title);
      sheet.formulas.delete(`${rect.r0},${rect.c0 + c}`);
    }
    let n = this.tables.length + 1;
    while (this.nameTaken(`Table${n}`)) n++;
    const table: FakeTable = {
      id: String(this.nextTable++),
      name: `Table${n}`,
      sheet,
      rect: whole,
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      showHeaders: true,
    };
    this.tables.push(table);
    return table;
  }

  /** Table.delete: the table goes and its cells are cleared. */
  deleteTable(table: FakeTable): void {
    this.tables = this.tables.filter((t) => t !== table);
    this.clearRect(table.sheet, table.rect, "All");
  }

  /** Range.clear. */
  clearRect(sheet: Sheet, rect: Rect, applyTo: string): void {
    const contents = applyTo === "All" || applyTo === "Contents";
    const formats = applyTo === "All" || applyTo === "Formats";
    if (!contents && !formats) throw new FakeExcelError("InvalidArgument", `The argument is invalid: clear(${applyTo}).`, "Range.clear");
    const lastRow = Math.min(rect.r1, sheet.grid.length - 1);
    for (let r = rect.r0; r <= lastRow; r++) {
      const row = sheet.grid[r];
      if (!row || !contents) continue;
      for (let c = rect.c0; c <= Math.min(rect.c1, row.length - 1); c++) row[c] = "";
    }
    const inside = (key: string) => {
      const [r, c] = key.split(",").map(Number);
      return r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
    };
    if (contents) for (const key of [...sheet.formulas.keys()]) if (inside(key)) sheet.formulas.delete(key);
    if (formats) {
      for (const key of [...sheet.numberFormats.keys()]) if (inside(key)) sheet.numberFormats.delete(key);
      for (const key of [...sheet.fills.keys()]) if (inside(key)) sheet.fills.delete(key);
    }
  }

  setCell(sheet: Sheet, r: number, c: number, v: unknown): void {
    const row = (sheet.grid[r] ??= []);
    row[c] = v === null || v === undefined ? "" : v;
  }

  private sheetId(n: number): string {
    return `{00000000-${String(this.session).padStart(4, "0")}-0000-${String(n).padStart(4, "0")}-000000000000}`;
  }

  newCfKey(): string {
    return `cf${this.nextCf++}`;
  }

  /** Stores a value assigned through `Range.values`, parsed as Excel parses it. */
  writeTyped(sheet: Sheet, r: number, c: number, v: unknown): void {
    const at = `${r},${c}`;
    const parsed = parseTyped(v, sheet.numberFormats.get(at) ?? "General");
    this.setCell(sheet, r, c, parsed.formula !== undefined ? formulaValue(parsed.formula) : parsed.value);
    if (parsed.formula !== undefined) sheet.formulas.set(at, parsed.formula);
    else sheet.formulas.delete(at);
    if (parsed.format !== undefined) sheet.numberFormats.set(at, parsed.format);
  }

  usedRect(sheet: Sheet): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    sheet.grid.forEach((row, r) => {
      if (!row) return;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === "" || v === undefined || v === null) continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    });
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  noteWrite(): void {
    if (this.enableEvents) this.stats.writesWithEventsOn++;
  }
}

// ------------------------------------------------------------------------------------------------
// request context and proxies

interface Command {
  bytes: number;
  write: boolean;
  /** returns the response bytes it produced */
  exec: () => number | void;
}

export class FakeContext {
  private queue: Command[] = [];
  readonly workbook: WorkbookProxy;
  readonly runtime: RuntimeProxy;
  readonly application: ApplicationProxy;

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    this.runtime = new RuntimeProxy(this);
    this.application = new ApplicationProxy(this);
  }

  pending(): number {
    return this.queue.length;
  }

  enqueue(command: Command): void {
    this.queue.push(command);
  }

  noteAddress(address: string): void {
    if (address.length > this.wb.stats.longestAddress) this.wb.stats.longestAddress = address.length;
  }

  async sync(): Promise<void> {
    const stats = this.wb.stats;
    stats.syncs++;
    const commands = this.queue;
    this.queue = [];
    const record: SyncRecord = { commands: commands.length, requestBytes: 200, responseBytes: 0, writes: 0 };
    for (const c of commands) {
      record.requestBytes += c.bytes;
      if (c.write) record.writes++;
    }
    stats.syncRecords.push(record);
    await Promise.resolve();
    if (record.requestBytes > this.wb.limits.maxRequestBytes) {
      record.rejected = "RequestPayloadSizeLimitExceeded";
      stats.rejectedSyncs++;
      throw new FakeExcelError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${record.requestBytes} bytes).`,
      );
    }
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, record.requestBytes);
    for (const c of commands) {
      const bytes = c.exec();
      if (typeof bytes === "number") record.responseBytes += bytes;
    }
    if (record.responseBytes > this.wb.limits.maxResponseBytes) {
      record.rejected = "ResponsePayloadSizeLimitExceeded";
      stats.rejectedSyncs++;
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
      );
    }
    stats.largestResponseBytes = Math.max(stats.largestResponseBytes, record.responseBytes);
  }
}

abstract class ProxyBase {
  protected readonly loaded = new Map<string, unknown>();

  constructor(protected readonly ctx: FakeContext) {
    ctx.wb.stats.proxies++;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, ` +
          'call the load method on the containing object and call "context.sync()" on the associated request context.',
      );
    }
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    return this.prop<boolean>("isNullObject");
  }

  protected write(bytes: number, exec: () => void): void {
    this.ctx.enqueue({ bytes: 60 + bytes, write: true, exec });
  }

  protected read(exec: () => number | void): void {
    this.ctx.enqueue({ bytes: 60, write: false, exec });
  }

  /** A ClientResult: its `value` is computed by the next sync and readable after it. */
  protected clientResult<T>(compute: () => T): { value: T } {
    const result: { done: boolean; value?: T } = { done: false };
    this.read(() => {
      result.value = compute();
      result.done = true;
      return 20;
    });
    return {
      get value(): T {
        if (!result.done)
          throw new FakeExcelError(
            "PropertyNotLoaded",
            "The value of the result object has not been loaded yet. Call context.sync() first.",
          );
        return result.value as T;
      },
    };
  }

  /** `load` of an item that may be a null object (an *OrNullObject getter): `find` returns null for one. */
  protected loadItem<T>(props: string | string[] | undefined, find: () => T | null, fill: (item: T, names: string[]) => void): this {
    const names = propList(props);
    this.read(() => {
      const item = find();
      if (!item) {
        this.loaded.set("isNullObject", true);
        return 10;
      }
      fill(item, names);
      return 60;
    });
    return this;
  }
}

function propList(props: string | string[] | Record<string, unknown> | undefined): string[] {
  if (props === undefined) return [];
  if (Array.isArray(props)) return props;
  if (typeof props === "object") return Object.keys(props);
  return props
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

class WorkbookProxy extends ProxyBase {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => null);
    this.names = new NamedItemCollectionProxy(ctx);
  }
}

class NamedItemCollectionProxy extends ProxyBase {
  private itemsList: { name: string }[] | null = null;

  get items(): { name: string }[] {
    if (!this.itemsList) return this.prop("items");
    return this.itemsList;
  }

  load(props?: string | string[]): this {
    const names = propList(props).map((p) => p.replace(/^items\//, ""));
    for (const n of names) if (n !== "name") throw new Error(`fake: NamedItem.load("${n}") is not modelled`);
    this.read(() => {
      this.itemsList = this.ctx.wb.definedNames.map((name) => ({ name }));
      return 20 + this.itemsList.reduce((sum, n) => sum + n.name.length + 12, 0);
    });
    return this;
  }
}

class TableCollectionProxy extends ProxyBase {
  private itemsList: TableProxy[] | null = null;

  constructor(
    ctx: FakeContext,
    /** the sheet of a worksheet's collection; null for the workbook's */
    private readonly scope: () => Sheet | null,
  ) {
    super(ctx);
  }

  get items(): TableProxy[] {
    if (!this.itemsList) return this.prop("items");
    return this.itemsList;
  }

  private list(): FakeTable[] {
    const sheet = this.scope();
    return this.ctx.wb.tables.filter((t) => sheet === null || t.sheet === sheet);
  }

  load(props?: string | string[]): this {
    const names = propList(props).map((p) => p.replace(/^items\//, ""));
    this.read(() => {
      let bytes = 20;
      this.itemsList = this.list().map((t) => {
        const proxy = new TableProxy(this.ctx, () => t, false);
        proxy.fill(t, names.length ? names : ["name", "id"]);
        bytes += t.name.length + 40;
        return proxy;
      });
      return bytes;
    });
    return this;
  }

  getCount(): { value: number } {
    return this.clientResult(() => this.list().length);
  }

  private find(key: string): FakeTable | null {
    const t = this.ctx.wb.findTable(key);
    const sheet = this.scope();
    return t && (sheet === null || t.sheet === sheet) ? t : null;
  }

  getItem(key: string): TableProxy {
    return new TableProxy(
      this.ctx,
      () => {
        const t = this.find(key);
        if (!t) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: table ${key}.`, "TableCollection.getItem");
        return t;
      },
      false,
    );
  }

  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this.ctx, () => this.find(key), true);
  }

  /** `address`: a Range (ExcelApi 1.3) or an address, with a sheet name or else on the active sheet. */
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: FakeTable | null = null;
    const bytes = typeof address === "string" ? address.length : 20;
    this.write(bytes, () => {
      let target: RangeTarget;
      if (typeof address === "string") {
        const bang = address.lastIndexOf("!");
        const sheetName =
          bang >= 0
            ? address
                .slice(0, bang)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'")
            : null;
        const sheet =
          sheetName !== null ? this.ctx.wb.sheet(sheetName) : (this.scope() ?? this.ctx.wb.findSheet(this.ctx.wb.activeSheetId ?? ""));
        const rect = parseArea(address.slice(bang + 1));
        if (!sheet || !rect) throw invalidArgument("TableCollection.add");
        target = { sheet, rect };
      } else {
        target = address.target();
      }
      const scope = this.scope();
      if (scope !== null && target.sheet !== scope) throw invalidArgument("TableCollection.add");
      this.ctx.wb.noteWrite();
      created = this.ctx.wb.createTable(target.sheet, target.rect, hasHeaders);
    });
    return new TableProxy(
      this.ctx,
      () => {
        if (!created || !this.ctx.wb.tables.includes(created)) throw new FakeExcelError("ItemNotFound", "The table was not added.");
        return created;
      },
      false,
    );
  }
}

const TABLE_FLAGS = ["showBandedRows", "showBandedColumns", "showFilterButton", "showHeaders"] as const;

class TableProxy extends ProxyBase {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeTable | null,
    private readonly nullable: boolean,
  ) {
    super(ctx);
  }

  target(): FakeTable {
    const t = this.resolve();
    if (!t) throw new FakeExcelError("ItemNotFound", "The requested table doesn't exist.");
    return t;
  }

  fill(t: FakeTable, names: string[]): void {
    for (const n of names) {
      if (n === "name" || n === "id" || n === "style" || (TABLE_FLAGS as readonly string[]).includes(n)) {
        this.loaded.set(n, t[n as keyof FakeTable]);
      } else {
        throw new Error(`fake: Table.load("${n}") is not modelled`);
      }
    }
    this.loaded.set("isNullObject", false);
  }

  load(props?: string | string[]): this {
    return this.loadItem(
      props,
      () => (this.nullable ? this.resolve() : this.target()),
      (t, names) => this.fill(t, names),
    );
  }

  get id(): string {
    return this.prop("id");
  }
  get name(): string {
    return this.prop("name");
  }
  set name(value: string) {
    this.write(value.length, () => {
      this.ctx.wb.noteWrite();
      this.ctx.wb.renameTable(this.target(), value);
    });
  }
  get style(): string {
    return this.prop("style");
  }
  set style(value: string) {
    this.write(value.length, () => {
      if (!BUILT_IN_TABLE_STYLE.test(value))
        throw new FakeExcelError("InvalidArgument", `The argument is invalid: table style ${value}.`, "Table.style");
      this.ctx.wb.noteWrite();
      this.target().style = value;
    });
  }

  get showBandedRows(): boolean {
    return this.prop("showBandedRows");
  }
  set showBandedRows(on: boolean) {
    this.setFlag("showBandedRows", on);
  }
  get showBandedColumns(): boolean {
    return this.prop("showBandedColumns");
  }
  set showBandedColumns(on: boolean) {
    this.setFlag("showBandedColumns", on);
  }
  get showFilterButton(): boolean {
    return this.prop("showFilterButton");
  }
  set showFilterButton(on: boolean) {
    this.setFlag("showFilterButton", on);
  }
  get showHeaders(): boolean {
    return this.prop("showHeaders");
  }
  set showHeaders(on: boolean) {
    this.setFlag("showHeaders", on);
  }

  private setFlag(flag: (typeof TABLE_FLAGS)[number], on: boolean): void {
    this.write(20, () => {
      const t = this.target();
      if (flag === "showFilterButton" && on && !t.showHeaders) {
        throw new FakeExcelError("InvalidOperation", "Filter buttons need the table's header row.", "Table.showFilterButton");
      }
      if (flag === "showHeaders" && on !== t.showHeaders) throw new Error("fake: showing or hiding a table's header row is not modelled");
      this.ctx.wb.noteWrite();
      t[flag] = on;
    });
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.target().sheet, false);
  }

  private range(part: "all" | "header" | "body"): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const t = this.target();
        const header = t.showHeaders ? 1 : 0;
        if (part === "all") return { sheet: t.sheet, rect: t.rect };
        if (part === "header") {
          if (!header) throw new FakeExcelError("InvalidOperation", "The table has no header row.", "Table.getHeaderRowRange");
          return { sheet: t.sheet, rect: { ...t.rect, r1: t.rect.r0 } };
        }
        return { sheet: t.sheet, rect: { ...t.rect, r0: t.rect.r0 + header } };
      },
      false,
    );
  }

  getRange(): RangeProxy {
    return this.range("all");
  }
  getHeaderRowRange(): RangeProxy {
    return this.range("header");
  }
  getDataBodyRange(): RangeProxy {
    return this.range("body");
  }

  delete(): void {
    this.write(10, () => {
      this.ctx.wb.noteWrite();
      this.ctx.wb.deleteTable(this.target());
    });
  }
}

class RuntimeProxy extends ProxyBase {
  set enableEvents(on: boolean) {
    this.write(10, () => {
      this.ctx.wb.enableEvents = on;
    });
  }
  get enableEvents(): boolean {
    return this.prop("enableEvents");
  }
  load(props?: string | string[]): this {
    const names = propList(props);
    this.read(() => {
      if (names.includes("enableEvents")) this.loaded.set("enableEvents", this.ctx.wb.enableEvents);
      return 30;
    });
    return this;
  }
}

class ApplicationProxy extends ProxyBase {
  suspendApiCalculationUntilNextSync(): void {
    this.read(() => {
      this.ctx.wb.stats.calcSuspensions++;
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.read(() => {
      this.ctx.wb.stats.screenSuspensions++;
    });
  }
}

class WorksheetCollectionProxy extends ProxyBase {
  private itemsList: WorksheetProxy[] | null = null;

  get items(): WorksheetProxy[] {
    if (!this.itemsList) return this.prop("items");
    return this.itemsList;
  }

  load(props?: string | string[]): this {
    const names = propList(props).map((p) => p.replace(/^items\//, ""));
    this.read(() => {
      let bytes = 20;
      this.itemsList = this.ctx.wb.sheets.map((s) => {
        const ws = new WorksheetProxy(this.ctx, () => s, false);
        ws.fill(s, names.length ? names : ["name", "id"]);
        bytes += s.name.length + s.id.length + 30;
        return ws;
      });
      return bytes;
    });
    return this;
  }

  /** `visibleOnly`: "considers only visible worksheets, skipping over any hidden ones" */
  getCount(visibleOnly?: boolean): { value: number } {
    return this.clientResult(() => this.ctx.wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length);
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(key), false);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.findSheet(key), true);
  }

  add(name: string): WorksheetProxy {
    let created: Sheet | null = null;
    this.write(name.length, () => {
      created = this.ctx.wb.createSheet(name);
    });
    return new WorksheetProxy(
      this.ctx,
      () => {
        if (!created) throw new FakeExcelError("ItemNotFound", "The sheet was not added.");
        return created;
      },
      false,
    );
  }
}

class WorksheetProxy extends ProxyBase {
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly pageLayout: PageLayoutProxy;
  private tableCollection: TableCollectionProxy | null = null;

  constructor(
    ctx: FakeContext,
    readonly resolve: () => Sheet | null,
    private readonly nullable: boolean,
  ) {
    super(ctx);
    this.freezePanes = {
      freezeRows: (n: number) =>
        this.write(10, () => {
          this.target().frozenRows = n;
        }),
    };
    this.pageLayout = new PageLayoutProxy(ctx, () => this.target());
  }

  target(): Sheet {
    const s = this.resolve();
    if (!s) throw new FakeExcelError("ItemNotFound", "The requested worksheet doesn't exist.");
    return s;
  }

  fill(s: Sheet, names: string[]): void {
    for (const n of names) {
      if (n === "name") this.loaded.set("name", s.name);
      else if (n === "id") this.loaded.set("id", s.id);
      else if (n === "visibility") this.loaded.set("visibility", s.visibility);
      else if (n === "position") this.loaded.set("position", this.ctx.wb.sheets.indexOf(s));
    }
    this.loaded.set("isNullObject", false);
  }

  get name(): string {
    return this.prop("name");
  }
  get id(): string {
    return this.prop("id");
  }
  get position(): number {
    return this.prop("position");
  }
  get visibility(): SheetVisibility {
    return this.prop("visibility");
  }
  /** ExcelApi 1.2 for setting it */
  set visibility(value: SheetVisibility) {
    this.write(20, () => {
      this.ctx.wb.noteWrite();
      this.ctx.wb.changeVisibility(this.target(), value);
    });
  }

  get tables(): TableCollectionProxy {
    this.tableCollection ??= new TableCollectionProxy(this.ctx, () => this.target());
    return this.tableCollection;
  }

  delete(): void {
    this.write(10, () => {
      this.ctx.wb.noteWrite();
      this.ctx.wb.removeSheet(this.target());
    });
  }

  load(props?: string | string[]): this {
    return this.loadItem(
      props,
      () => (this.nullable ? this.resolve() : this.target()),
      (sheet, names) => this.fill(sheet, names),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== true) throw new Error("fake: the gateway must ask for getUsedRange(valuesOnly = true)");
    return new RangeProxy(
      this.ctx,
      () => {
        const s = this.target();
        const rect = this.ctx.wb.usedRect(s);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        if (row < 0 || column < 0 || rowCount < 1 || columnCount < 1 || row + rowCount > MAX_ROWS || column + columnCount > MAX_COLUMNS) {
          throw invalidArgument("Worksheet.getRangeByIndexes");
        }
        return { sheet: this.target(), rect: { r0: row, c0: column, r1: row + rowCount - 1, c1: column + columnCount - 1 } };
      },
      false,
    );
  }

  getRange(address?: string): RangeProxy {
    if (address !== undefined) this.ctx.noteAddress(address);
    return new RangeProxy(
      this.ctx,
      () => {
        const s = this.target();
        if (address === undefined) return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 } };
        checkAddress(this.ctx, address, "Worksheet.getRange");
        const rect = parseArea(address);
        if (!rect) throw invalidArgument("Worksheet.getRange");
        return { sheet: s, rect };
      },
      false,
    );
  }

  getRanges(address: string): RangeAreasProxy {
    this.ctx.noteAddress(address);
    return new RangeAreasProxy(
      this.ctx,
      () => {
        const s = this.target();
        checkAddress(this.ctx, address, "Worksheet.getRanges");
        const areas = parseAreas(address);
        if (!areas) throw invalidArgument("Worksheet.getRanges");
        return { sheet: s, areas };
      },
      address.length,
    );
  }

  activate(): void {
    this.write(10, () => {
      this.ctx.wb.activeSheetId = this.target().id;
    });
  }
}

function checkAddress(ctx: FakeContext, address: string, where: string): void {
  if (address.length > ctx.wb.limits.maxAddressChars) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format (address of ${address.length} characters).`,
      where,
    );
  }
}

class PageLayoutProxy extends ProxyBase {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => Sheet,
  ) {
    super(ctx);
  }
  set orientation(value: string) {
    this.write(20, () => {
      this.sheet().orientation = value;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.write(rows.length, () => {
      this.sheet().printTitleRows = rows;
    });
  }
}

interface RangeTarget {
  sheet: Sheet;
  rect: Rect;
}

class RangeProxy extends ProxyBase {
  readonly format: FormatProxy;
  private cfCollection: ConditionalFormatCollectionProxy | null = null;

  constructor(
    ctx: FakeContext,
    readonly resolve: () => RangeTarget | null,
    private readonly nullable: boolean,
  ) {
    super(ctx);
    this.format = new FormatProxy(ctx, () => this.target());
  }

  target(): RangeTarget {
    const t = this.resolve();
    if (!t) throw new FakeExcelError("ItemNotFound", "The requested range doesn't exist.");
    return t;
  }

  get values(): unknown[][] {
    return this.prop("values");
  }
  set values(values: unknown[][]) {
    this.write(jsonBytes(values), () => {
      const { sheet, rect } = this.target();
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      if (values.length !== rows || values.some((r) => r.length !== cols)) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
          "Range.values",
        );
      }
      this.ctx.wb.noteWrite();
      values.forEach((row, r) => row.forEach((v, c) => this.ctx.wb.writeTyped(sheet, rect.r0 + r, rect.c0 + c, v)));
    });
  }
  get formulas(): unknown[][] {
    return this.prop("formulas");
  }
  /** Like `values`: each entry is taken as if typed ("=…" a formula unless the cell is Text-formatted). */
  set formulas(formulas: unknown[][]) {
    this.write(jsonBytes(formulas), () => {
      const { sheet, rect } = this.target();
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      if (!Array.isArray(formulas) || formulas.length !== rows || formulas.some((r) => !Array.isArray(r) || r.length !== cols)) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
          "Range.formulas",
        );
      }
      this.ctx.wb.noteWrite();
      formulas.forEach((row, r) => row.forEach((v, c) => this.ctx.wb.writeTyped(sheet, rect.r0 + r, rect.c0 + c, v)));
    });
  }
  /** Range.clear(applyTo = "All"): "All", "Contents" or "Formats". */
  clear(applyTo = "All"): void {
    this.write(20, () => {
      const { sheet, rect } = this.target();
      this.ctx.wb.noteWrite();
      this.ctx.wb.clearRect(sheet, rect, applyTo);
    });
  }
  /** A cell of this range by its 0-based row and column within it. */
  getCell(row: number, column: number): RangeProxy {
    return this.part("Range.getCell", (rect) => ({ r0: rect.r0 + row, c0: rect.c0 + column, r1: rect.r0 + row, c1: rect.c0 + column }));
  }
  getColumn(column: number): RangeProxy {
    return this.part("Range.getColumn", (rect) => ({ r0: rect.r0, c0: rect.c0 + column, r1: rect.r1, c1: rect.c0 + column }));
  }
  getRow(row: number): RangeProxy {
    return this.part("Range.getRow", (rect) => ({ r0: rect.r0 + row, c0: rect.c0, r1: rect.r0 + row, c1: rect.c1 }));
  }
  private part(where: string, pick: (rect: Rect) => Rect): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const { sheet, rect } = this.target();
        const p = pick(rect);
        if (p.r0 < 0 || p.c0 < 0 || p.r1 >= MAX_ROWS || p.c1 >= MAX_COLUMNS) throw invalidArgument(where);
        return { sheet, rect: p };
      },
      false,
    );
  }
  get numberFormat(): unknown[][] {
    return this.prop("numberFormat");
  }
  /** A single format for every cell, or one per cell (rows × columns), as documented. */
  set numberFormat(formats: unknown) {
    this.write(jsonBytes(formats), () => {
      const { sheet, rect } = this.target();
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      const single = !Array.isArray(formats);
      if (
        !single &&
        ((formats as unknown[][]).length !== rows || (formats as unknown[][]).some((r) => !Array.isArray(r) || r.length !== cols))
      ) {
        throw new FakeExcelError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
          "Range.numberFormat",
        );
      }
      this.ctx.wb.noteWrite();
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const f = single ? formats : (formats as unknown[][])[r][c];
          if (typeof f !== "string") throw new FakeExcelError("InvalidArgument", "A number format must be a string.", "Range.numberFormat");
          sheet.numberFormats.set(`${rect.r0 + r},${rect.c0 + c}`, f);
        }
      }
    });
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }
  get address(): string {
    return this.prop("address");
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    this.cfCollection ??= new ConditionalFormatCollectionProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, areas: [t.rect] };
    });
    return this.cfCollection;
  }

  load(props?: string | string[]): this {
    const names = propList(props);
    this.read(() => {
      const t = this.nullable ? this.resolve() : this.target();
      if (!t) {
        this.loaded.set("isNullObject", true);
        return 10;
      }
      this.loaded.set("isNullObject", false);
      const { sheet, rect } = t;
      let bytes = 20;
      for (const n of names) {
        switch (n) {
          case "values": {
            const rows = rect.r1 - rect.r0 + 1;
            const cols = rect.c1 - rect.c0 + 1;
            const cells = rows * cols;
            const stats = this.ctx.wb.stats;
            stats.largestLoadCells = Math.max(stats.largestLoadCells, cells);
            if (cells > this.ctx.wb.limits.maxCellsPerLoad) {
              stats.oversizedLoads++;
              this.loaded.set("values", null);
              break;
            }
            const out: unknown[][] = new Array(rows);
            for (let r = 0; r < rows; r++) {
              const src = sheet.grid[rect.r0 + r];
              const row = new Array(cols);
              for (let c = 0; c < cols; c++) {
                const v = src ? src[rect.c0 + c] : undefined;
                row[c] = v === undefined ? "" : v;
              }
              out[r] = row;
            }
            this.loaded.set("values", out);
            bytes += jsonBytes(out);
            break;
          }
          case "formulas":
          case "numberFormat": {
            const rows = rect.r1 - rect.r0 + 1;
            const cols = rect.c1 - rect.c0 + 1;
            const out: unknown[][] = [];
            for (let r = 0; r < rows; r++) {
              const row: unknown[] = [];
              for (let c = 0; c < cols; c++) {
                const at = `${rect.r0 + r},${rect.c0 + c}`;
                if (n === "numberFormat") row.push(sheet.numberFormats.get(at) ?? "General");
                else row.push(sheet.formulas.get(at) ?? sheet.grid[rect.r0 + r]?.[rect.c0 + c] ?? "");
              }
              out.push(row);
            }
            this.loaded.set(n, out);
            bytes += jsonBytes(out);
            break;
          }
          case "rowIndex":
            this.loaded.set(n, rect.r0);
            break;
          case "columnIndex":
            this.loaded.set(n, rect.c0);
            break;
          case "rowCount":
            this.loaded.set(n, rect.r1 - rect.r0 + 1);
            break;
          case "columnCount":
            this.loaded.set(n, rect.c1 - rect.c0 + 1);
            break;
          case "address":
            this.loaded.set(n, `${sheet.name}!${rectName(rect)}`);
            break;
          default:
            throw new Error(`fake: Range.load("${n}") is not modelled`);
        }
        bytes += 10;
      }
      return bytes;
    });
    return this;
  }

  select(): void {
    this.write(10, () => {
      const { sheet, rect } = this.target();
      if (this.ctx.wb.activeSheetId !== sheet.id)
        throw new FakeExcelError("InvalidOperation", "Range.select needs the range's sheet to be active.", "Range.select");
      this.ctx.wb.selection = { sheet: sheet.name, address: rectName(rect) };
    });
  }
}

class FormatProxy extends ProxyBase {
  readonly fill: { color: string };
  readonly font: Record<string, unknown>;
  readonly borders: { getItem: (edge: string) => Record<string, unknown> };

  constructor(
    ctx: FakeContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx);
    const log = (what: string, value: unknown) =>
      this.write(20, () => {
        const { sheet, rect } = this.range();
        this.ctx.wb.noteWrite();
        sheet.formatLog.push(`${rectName(rect)} ${what}=${JSON.stringify(value)}`);
      });
    const recorder = (prefix: string): Record<string, unknown> => {
      this.ctx.wb.stats.proxies++;
      return new Proxy(
        {},
        {
          set: (_t, key, value) => {
            log(`${prefix}.${String(key)}`, value);
            return true;
          },
        },
      );
    };
    const fillProxy = {
      set color(value: string) {
        setFill(value);
      },
      get color(): string {
        throw new FakeExcelError("PropertyNotLoaded", "fill.color was not loaded");
      },
    };
    const setFill = (value: string) =>
      this.write(20, () => {
        const { sheet, rect } = this.range();
        this.ctx.wb.noteWrite();
        for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) sheet.fills.set(`${r},${c}`, value);
      });
    this.ctx.wb.stats.proxies++;
    this.fill = fillProxy;
    this.font = recorder("font");
    this.borders = { getItem: (edge: string) => recorder(`border.${edge}`) };
    return new Proxy(this, {
      set: (target, key, value) => {
        if (
          key === "wrapText" ||
          key === "verticalAlignment" ||
          key === "columnWidth" ||
          key === "horizontalAlignment" ||
          key === "rowHeight"
        ) {
          log(String(key), value);
          return true;
        }
        return Reflect.set(target, key, value);
      },
    });
  }
}

class RangeAreasProxy extends ProxyBase {
  private cfCollection: ConditionalFormatCollectionProxy | null = null;

  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: Sheet; areas: Rect[] },
    addressBytes: number,
  ) {
    super(ctx);
    // The address travels with the request.
    ctx.enqueue({ bytes: addressBytes, write: false, exec: () => undefined });
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    this.cfCollection ??= new ConditionalFormatCollectionProxy(this.ctx, this.resolve);
    return this.cfCollection;
  }
}

class ConditionalFormatCollectionProxy extends ProxyBase {
  private itemsList: ConditionalFormatProxy[] | null = null;

  constructor(
    ctx: FakeContext,
    private readonly target: () => { sheet: Sheet; areas: Rect[] },
  ) {
    super(ctx);
  }

  get items(): ConditionalFormatProxy[] {
    if (!this.itemsList) return this.prop("items");
    return this.itemsList;
  }

  /** The rules of the sheet touching the range, in priority order, as the command runs. */
  private inScope(): { sheet: Sheet; list: FakeConditionalFormat[] } {
    const { sheet, areas } = this.target();
    return { sheet, list: sheet.cfs.filter((cf) => cf.areas.some((a) => areas.some((b) => intersects(a, b)))) };
  }

  /** The rule at a position (its id) when the command runs: Excel keys a collection's items by id. */
  private at(position: number, where: string): { sheet: Sheet; cf: FakeConditionalFormat; position: number } {
    const { sheet, list } = this.inScope();
    const cf = list[position];
    if (!cf) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: conditional format ${position}.`, where);
    return { sheet, cf, position };
  }

  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | null = null;
    this.write(type.length, () => {
      const { sheet, areas } = this.target();
      this.ctx.wb.noteWrite();
      created = { key: this.ctx.wb.newCfKey(), type, formula: null, fill: null, areas };
      // "Adds a new conditional format to the collection at the first/top priority."
      sheet.cfs.unshift(created);
    });
    // The object add() returns stays bound to the new rule within the batch.
    return new ConditionalFormatProxy(this.ctx, () => {
      if (!created) throw new FakeExcelError("ItemNotFound", "The conditional format was not added.");
      const { sheet, list } = this.inScope();
      return { sheet, cf: created, position: list.indexOf(created) };
    });
  }

  load(props?: string | string[]): this {
    const names = propList(props).map((p) => p.replace(/^items\//, ""));
    this.read(() => {
      const { list } = this.inScope();
      let bytes = 20;
      this.itemsList = list.map((cf, position) => {
        const proxy = new ConditionalFormatProxy(this.ctx, () => this.at(position, "ConditionalFormat"));
        proxy.fill(cf, position, names);
        bytes += 40 + String(position).length;
        return proxy;
      });
      return bytes;
    });
    return this;
  }

  getCount(): { value: number } {
    return this.clientResult(() => this.inScope().list.length);
  }

  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, () => {
      const position = /^\d+$/.test(id) ? Number(id) : -1;
      return this.at(position, "ConditionalFormatCollection.getItem");
    });
  }
}

class ConditionalFormatProxy extends ProxyBase {
  private customProxy: CustomConditionalFormatProxy | null = null;

  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: Sheet; cf: FakeConditionalFormat; position: number },
  ) {
    super(ctx);
  }

  fill(cf: FakeConditionalFormat, position: number, names: string[]): void {
    for (const n of names) {
      if (n === "id") this.loaded.set("id", String(position));
      else if (n === "type") this.loaded.set("type", cf.type);
      else throw new Error(`fake: ConditionalFormat.load("${n}") is not modelled`);
    }
  }

  get id(): string {
    return this.prop("id");
  }
  get type(): string {
    return this.prop("type");
  }

  get custom(): CustomConditionalFormatProxy {
    this.customProxy ??= new CustomConditionalFormatProxy(this.ctx, () => {
      const { cf } = this.resolve();
      if (cf.type !== "Custom")
        throw new FakeExcelError("InvalidOperation", "The conditional format is not of type Custom.", "ConditionalFormat.custom");
      return cf;
    });
    return this.customProxy;
  }

  load(props?: string | string[]): this {
    const names = propList(props);
    this.read(() => {
      const { cf, position } = this.resolve();
      this.fill(cf, position, names);
      return 40;
    });
    return this;
  }

  delete(): void {
    this.write(10, () => {
      const { sheet, cf } = this.resolve();
      this.ctx.wb.noteWrite();
      sheet.cfs = sheet.cfs.filter((c) => c !== cf);
    });
  }
}

class CustomConditionalFormatProxy extends ProxyBase {
  readonly rule: { formula: string; load: (p?: string) => unknown };
  readonly format: { fill: { color: string; load: (p?: string) => unknown } };

  constructor(ctx: FakeContext, cf: () => FakeConditionalFormat) {
    super(ctx);
    const write = (bytes: number, exec: () => void) => this.write(bytes, exec);
    const read = (exec: () => number) => this.read(exec);
    const loadedRule = new Map<string, unknown>();
    const loadedFill = new Map<string, unknown>();
    const get = (m: Map<string, unknown>, n: string) => {
      if (!m.has(n)) throw new FakeExcelError("PropertyNotLoaded", `The property '${n}' is not available.`);
      return m.get(n);
    };
    ctx.wb.stats.proxies += 3; // rule, format, fill
    const rule = {
      get formula(): string {
        return get(loadedRule, "formula") as string;
      },
      set formula(value: string) {
        write(value.length, () => {
          ctx.wb.noteWrite();
          cf().formula = value;
        });
      },
      load: (): unknown => {
        read(() => {
          loadedRule.set("formula", cf().formula);
          return 30;
        });
        return rule;
      },
    };
    const fill = {
      get color(): string {
        return get(loadedFill, "color") as string;
      },
      set color(value: string) {
        write(value.length, () => {
          ctx.wb.noteWrite();
          cf().fill = value.toUpperCase();
        });
      },
      load: (): unknown => {
        read(() => {
          loadedFill.set("color", cf().fill);
          return 30;
        });
        return fill;
      },
    };
    this.rule = rule;
    this.format = { fill };
  }
}

class SettingCollectionProxy extends ProxyBase {
  add(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.write(key.length + text.length, () => {
      this.ctx.wb.settings.set(key, text);
    });
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key);
  }
}

class SettingProxy extends ProxyBase {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  get value(): unknown {
    return this.prop("value");
  }
  load(props?: string | string[]): this {
    const names = propList(props);
    this.read(() => {
      const text = this.ctx.wb.settings.get(this.key);
      this.loaded.set("isNullObject", text === undefined);
      if (text !== undefined && names.includes("value")) this.loaded.set("value", JSON.parse(text));
      return 20 + (text?.length ?? 0);
    });
    return this;
  }
  delete(): void {
    this.write(this.key.length, () => {
      this.ctx.wb.settings.delete(this.key);
    });
  }
}
