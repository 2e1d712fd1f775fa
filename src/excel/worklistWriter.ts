/**
 * The add-in's worklist sheets with Office.js: the "Findings" sheet (one Excel table, core's
 * findingsSheetLayout) and the hidden "CTE Check Log" sheet (core's logSheetLayout), and one Status cell of
 * the Findings table.
 *
 * "Ours" is told by content, never by name alone: a sheet called "Findings" whose first row is not our table
 * header is the user's, and a new sheet ("Findings (2)") is written instead. Our table is found by its name
 * (Excel keeps table names unique in a workbook, and a copied sheet's table is renamed) and confirmed by its
 * header; the log sheet by its title in A1.
 *
 * Documented behaviour this relies on (Excel JavaScript API reference):
 * - `TableCollection.add(range, hasHeaders)` (ExcelApi 1.1; a Range argument from 1.3) turns cells that already
 *   hold the header and rows into a table; it fails when the range overlaps another table, so our sheet's
 *   tables are deleted first. A table's name must be unique among the workbook's tables and defined names.
 * - `Table.style`, `showBandedRows`, `showFilterButton` (ExcelApi 1.1/1.3); `Worksheet.visibility` (set from
 *   ExcelApi 1.2); `WorksheetCollection` lists hidden sheets too (its getCount takes `visibleOnly`).
 * - `Range.formulas` / `numberFormat` take 2-D arrays of exactly the range's rows × columns. Text cells get the
 *   Text format ("@") before they are written, or Excel parses "01.10" as 1.1 and "2026-11-29" as a date; the
 *   Where column stays "General" so its HYPERLINK formula is a formula, not text. The links are formulas rather
 *   than `Range.hyperlink` (ExcelApi 1.7), which is set one range at a time: 20,000 cell proxies, where the
 *   formulas travel in the same 2-D write as the text.
 *
 * Round trips ("syncs"):
 * - write the Findings sheet: 1 (sheet, table and defined names) + 1 (the candidate table's header and the
 *   "Findings" sheet's first row; skipped when there is neither) + the writes: one round trip per ~4 MB of
 *   request (a 20,000-finding table is about 2 of them), independent of anything but the payload.
 * - write the log: 1 (sheets) + 1 (A1 of "CTE Check Log" sheets, skipped when there is none) + 1 write.
 * - set findings' statuses (one or many): 1 read (the table's header, Key and Severity columns) + 1 write;
 *   1 more read when a user moved those columns.
 */
import { cellText } from "../core/cells";
import {
  FINDINGS_COLUMNS,
  FINDINGS_SHEET_NAME,
  FINDINGS_TABLE_NAME,
  type FindingsSheetLayout,
  isFindingsSheet,
} from "../core/findingsSheet";
import { neutralizeFormulaText, uniqueSheetName } from "../core/text";
import { LOG_SHEET_NAME, type LogSheetLayout, isLogSheet } from "../core/workbookLog";
import { TEXT_FORMAT } from "./checklistWriter";
import { hasErrorCode } from "./errors";
import { type FindingStatusChange, type FindingStatusesResult, GatewayError } from "./gateway";
import { type WriteOp, runWrites } from "./writeBatches";

const GENERAL_FORMAT = "General";
/** Excel's last row */
const MAX_SHEET_ROWS = 1_048_576;
/** our table's name, or it with a number Excel or we appended */
const OUR_TABLE_NAME = new RegExp(`^${FINDINGS_TABLE_NAME}\\d*$`, "i");
/** how far right row 1 of a sheet called "Findings" is read to tell whether it holds our header */
const HEADER_PROBE_COLUMNS = 40;
/** estimated request bytes of one queued command, on top of its strings */
const COMMAND_BYTES = 120;

/**
 * Writes `rows` (from A1, `width` columns) with a number format per cell: the ops, one per block of rows whose
 * request (values and formats as JSON) stays under half of `requestBudget`, so blocks pack two to a round trip.
 */
function gridWrites(
  ws: () => Excel.Worksheet,
  rows: readonly (readonly (string | number)[])[],
  width: number,
  formatOf: (value: string | number, column: number) => string,
  requestBudget: number,
): WriteOp[] {
  const ops: WriteOp[] = [];
  // Blocks of an eighth of the budget pack the requests closely (9.9 MB in 3 requests of 4 MB, not 4 of 2 blocks).
  const limit = Math.max(1, Math.floor(requestBudget / 8) - COMMAND_BYTES * 2);
  let block: (string | number)[][] = [];
  let formats: string[][] = [];
  let bytes = 0;
  let first = 0;
  const flush = () => {
    if (block.length === 0) return;
    const [at, values, numberFormats] = [first, block, formats];
    ops.push({
      bytes: bytes + COMMAND_BYTES * 2,
      queue: () => {
        const range = ws().getRangeByIndexes(at, 0, values.length, width);
        // The formats first: they decide how Excel takes the values.
        range.numberFormat = numberFormats;
        range.formulas = values;
      },
    });
    first += block.length;
    block = [];
    formats = [];
    bytes = 0;
  };
  for (const source of rows) {
    const row = Array.from({ length: width }, (_, c) => source[c] ?? "");
    const rowFormats = row.map((v, c) => formatOf(v, c));
    const rowBytes = JSON.stringify(row).length + JSON.stringify(rowFormats).length + 2;
    if (block.length > 0 && bytes + rowBytes > limit) flush();
    block.push(row);
    formats.push(rowFormats);
    bytes += rowBytes;
  }
  flush();
  return ops;
}

// ------------------------------------------------------------------------------------------------
// Findings sheet

export interface FindingsTarget {
  /** our sheet when there is one, else null (a new sheet is added) */
  readonly sheet: string | null;
  /** the tables on our sheet, deleted before the rewrite */
  readonly tables: readonly string[];
  /** the name the new table gets */
  readonly tableName: string;
  /** every sheet name (for a new sheet's unique name and the layout's links) */
  readonly sheetNames: readonly string[];
  /** Runtime.enableEvents before the write, restored after it */
  readonly eventsWere: boolean;
}

/**
 * Finds our Findings sheet: the sheet of the table named `preferredTable` (or our default name) whose first
 * row is the Findings header, else a sheet named "Findings" whose row 1 is. 1 or 2 round trips.
 */
export async function locateFindingsSheet(context: Excel.RequestContext, preferredTable: string | null): Promise<FindingsTarget> {
  const workbook = context.workbook;
  const worksheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  const names = workbook.names.load("items/name");
  const runtime = context.runtime.load("enableEvents");
  await context.sync();
  const eventsWere = runtime.enableEvents;

  // Ours is named FINDINGS_TABLE_NAME, or with a number appended (a user's table had the name, or a copied
  // sheet's table was renamed by Excel); the one this pane wrote last is tried first, then the plain name.
  const preferred = (preferredTable ?? FINDINGS_TABLE_NAME).toLowerCase();
  const rank = (name: string) => (name.toLowerCase() === preferred ? 0 : name.toLowerCase() === FINDINGS_TABLE_NAME.toLowerCase() ? 1 : 2);
  const candidateTables = tables.items
    .filter((t) => t.name.toLowerCase() === preferred || OUR_TABLE_NAME.test(t.name))
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((t) => ({
      name: t.name,
      sheet: t.worksheet.load("name"),
      firstRow: t.getRange().getRow(0).load("values"),
      sheetTables: t.worksheet.tables.load("items/name"),
    }));
  const named = worksheets.items.find((ws) => ws.name.toLowerCase() === FINDINGS_SHEET_NAME.toLowerCase());
  const namedProbe = named
    ? {
        firstRow: named.getRangeByIndexes(0, 0, 1, HEADER_PROBE_COLUMNS).load("values"),
        sheetTables: named.tables.load("items/name"),
      }
    : null;
  if (candidateTables.length > 0 || namedProbe) await context.sync();

  const sheetNames = worksheets.items.map((ws) => ws.name);
  const taken = new Set([...tables.items.map((t) => t.name.toLowerCase()), ...names.items.map((n) => n.name.toLowerCase())]);
  const ourTable = candidateTables.find((t) => isFindingsSheet([t.firstRow.values[0]]));
  if (ourTable) {
    return {
      sheet: ourTable.sheet.name,
      tables: ourTable.sheetTables.items.map((t) => t.name),
      tableName: ourTable.name,
      sheetNames,
      eventsWere,
    };
  }
  if (named && namedProbe && isFindingsSheet([namedProbe.firstRow.values[0]])) {
    const onSheet = namedProbe.sheetTables.items.map((t) => t.name);
    for (const t of onSheet) taken.delete(t.toLowerCase());
    return { sheet: named.name, tables: onSheet, tableName: freeTableName(taken), sheetNames, eventsWere };
  }
  return { sheet: null, tables: [], tableName: freeTableName(taken), sheetNames, eventsWere };
}

/** Our table name, or with "2", "3"… appended when a table or defined name of the user has it. */
function freeTableName(taken: ReadonlySet<string>): string {
  let name = FINDINGS_TABLE_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${FINDINGS_TABLE_NAME}${n}`;
  return name;
}

export interface FindingsWrite {
  readonly sheet: string;
  readonly tableName: string;
  readonly rows: number;
  /** whether the sheet was added (else our earlier one was rewritten) */
  readonly created: boolean;
}

/** Writes (or rewrites) the Findings sheet as one table; returns what was written. */
export async function writeFindings(
  context: Excel.RequestContext,
  target: FindingsTarget,
  layout: FindingsSheetLayout,
  requestBudget: number,
): Promise<FindingsWrite & { writeSyncs: number }> {
  const width = layout.header.length;
  const rows: (string | number)[][] = [[...layout.header], ...layout.formulas];
  if (rows.length > MAX_SHEET_ROWS) {
    throw new GatewayError(
      `Could not write the Findings sheet: ${layout.formulas.length.toLocaleString("en-US")} findings do not fit on one sheet.`,
      "TooLarge",
    );
  }
  const worksheets = context.workbook.worksheets;
  const name = target.sheet ?? uniqueSheetName(layout.name, new Set(target.sheetNames.map((n) => n.toLowerCase())));
  let ws: Excel.Worksheet | null = null;
  const sheet = () => ws!;
  const ops: WriteOp[] = [
    {
      bytes: COMMAND_BYTES * (3 + target.tables.length) + name.length,
      queue: () => {
        if (target.sheet === null) {
          ws = worksheets.add(name);
        } else {
          ws = worksheets.getItem(target.sheet);
          // Our sheet: its table goes (a new one cannot overlap it) and the old rows with it.
          for (const t of target.tables) ws.tables.getItem(t).delete();
          ws.getRange().clear();
        }
      },
    },
    ...gridWrites(sheet, rows, width, (_v, c) => (c === layout.whereColumn ? GENERAL_FORMAT : TEXT_FORMAT), requestBudget),
    {
      bytes: COMMAND_BYTES * (8 + width) + target.tableName.length + layout.style.length,
      queue: () => {
        const table = sheet().tables.add(sheet().getRangeByIndexes(0, 0, rows.length, width), true);
        table.name = target.tableName;
        table.style = layout.style;
        table.showBandedRows = true;
        table.showFilterButton = true;
        layout.columnWidths.forEach((chars, c) => {
          // columnWidth is in points; a character of the default font is about 5.6 points wide.
          sheet().getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(chars * 5.6 + 5);
        });
        sheet().freezePanes.freezeRows(1);
        sheet().activate();
      },
    },
  ];
  const writeSyncs = await runWrites(context, ops, { requestBudget, eventsWere: target.eventsWere });
  return { sheet: name, tableName: target.tableName, rows: layout.formulas.length, created: target.sheet === null, writeSyncs };
}

// ------------------------------------------------------------------------------------------------
// findings' statuses

const column = (title: (typeof FINDINGS_COLUMNS)[number]) => FINDINGS_COLUMNS.indexOf(title);
const KEY = column("Key");
const STATUS = column("Status");
const SEVERITY = column("Severity");
const REASON = column("Acknowledgement reason");

/**
 * Sets the Status (and Acknowledgement reason) of the rows with the given keys in our Findings table, however
 * many: one read (the table's header, Key and Severity columns, and whether events are on; one more when a
 * user moved those columns), then the changed cells in one write round trip (more only past ~4 MB).
 * Cell by cell, so a teammate's edit of another row meanwhile is kept.
 */
export async function updateFindingStatuses(
  context: Excel.RequestContext,
  tableName: string,
  changes: readonly FindingStatusChange[],
  requestBudget: number,
): Promise<FindingStatusesResult> {
  const table = context.workbook.tables.getItem(tableName);
  const whole = table.getRange().load("rowIndex");
  const header = whole.getRow(0).load("values");
  const body = table.getDataBodyRange();
  const sheet = table.worksheet.load("name");
  const runtime = context.runtime.load("enableEvents");
  let keys = body.getColumn(KEY).load("values");
  let severities = body.getColumn(SEVERITY).load("values");
  const none: FindingStatusesResult = { sheet: null, rows: new Map(), missing: changes.map((c) => c.key), refused: [] };
  try {
    await context.sync();
  } catch (err) {
    // No such table (never written, deleted, or renamed by a user): there is no row to update.
    if (hasErrorCode(err, "ItemNotFound")) return none;
    throw err;
  }

  const titles = header.values[0].map((v) => cellText(v));
  if (!isFindingsSheet([titles])) return none;
  const at = (title: (typeof FINDINGS_COLUMNS)[number], fallback: number) => (titles.includes(title) ? titles.indexOf(title) : fallback);
  if (at("Key", KEY) !== KEY || at("Severity", SEVERITY) !== SEVERITY) {
    // A user moved columns of the table: read the ones we need where they are now.
    keys = body.getColumn(at("Key", KEY)).load("values");
    severities = body.getColumn(at("Severity", SEVERITY)).load("values");
    await context.sync();
  }
  const indexOf = new Map<string, number>();
  keys.values.forEach((row, i) => {
    const k = cellText(row[0]).trim();
    if (k !== "" && !indexOf.has(k)) indexOf.set(k, i);
  });
  const statusColumn = at("Status", STATUS);
  const reasonColumn = at("Acknowledgement reason", REASON);
  const rows = new Map<string, number>();
  const missing: string[] = [];
  const refused: string[] = [];
  const ops: WriteOp[] = [];
  for (const change of changes) {
    const index = indexOf.get(change.key.trim());
    if (index === undefined) {
      missing.push(change.key);
      continue;
    }
    if (change.status === "acknowledged" && cellText(severities.values[index][0]).trim().toLowerCase() === "error") {
      refused.push(change.key);
      continue;
    }
    // An acknowledgement keeps the reason given; any other status clears it (un-acknowledging is one click).
    const reason = change.status === "acknowledged" ? neutralizeFormulaText((change.reason ?? "").replace(/\s+/g, " ").trim()) : "";
    ops.push({
      bytes: COMMAND_BYTES * 4 + reason.length + change.status.length,
      queue: () => {
        for (const [columnIndex, value] of [
          [statusColumn, change.status],
          [reasonColumn, reason],
        ] as const) {
          const cell = body.getCell(index, columnIndex);
          cell.numberFormat = [[TEXT_FORMAT]];
          cell.values = [[value]];
        }
      },
    });
    // +2: the header row, and 1-based rows
    rows.set(change.key, whole.rowIndex + index + 2);
  }
  await runWrites(context, ops, { requestBudget, eventsWere: runtime.enableEvents });
  return { sheet: sheet.name, rows, missing, refused };
}

// ------------------------------------------------------------------------------------------------
// log sheet

export interface LogWrite {
  readonly sheet: string;
  readonly created: boolean;
}

/** Writes (or rewrites) the hidden log sheet: finds ours by its title, else adds one, hidden. */
export async function writeLogSheet(context: Excel.RequestContext, layout: LogSheetLayout, requestBudget: number): Promise<LogWrite> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const runtime = context.runtime.load("enableEvents");
  await context.sync();
  const eventsWere = runtime.enableEvents;
  const prefix = LOG_SHEET_NAME.toLowerCase();
  const candidates = worksheets.items
    .filter((ws) => ws.name.toLowerCase().startsWith(prefix))
    .map((ws) => ({ ws, title: ws.getRange("A1").load("values") }));
  if (candidates.length > 0) await context.sync();
  const ours = candidates.find((c) => isLogSheet(c.title.values));
  const name = ours ? ours.ws.name : uniqueSheetName(layout.name, new Set(worksheets.items.map((ws) => ws.name.toLowerCase())));
  let ws: Excel.Worksheet | null = null;
  const ops: WriteOp[] = [
    {
      bytes: COMMAND_BYTES * 3 + name.length,
      queue: () => {
        if (ours) {
          ws = ours.ws;
          ws.getRange().clear();
        } else {
          ws = context.workbook.worksheets.add(name);
          // Written by the add-in only: kept out of sight (Home > Format > Unhide Sheet shows it).
          ws.visibility = "Hidden";
        }
      },
    },
    ...gridWrites(
      () => ws!,
      layout.rows,
      Math.max(1, layout.width),
      (v) => (typeof v === "string" ? TEXT_FORMAT : GENERAL_FORMAT),
      requestBudget,
    ),
  ];
  await runWrites(context, ops, { requestBudget, eventsWere });
  return { sheet: name, created: !ours };
}
