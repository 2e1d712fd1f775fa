/**
 * The add-in's log sheet ("CTE Check Log", hidden): the snapshot date the user confirmed, the
 * acknowledgements, and one history line per run. Both the pane and cte-check read it from the workbook, so
 * an acknowledgement made in one is honoured by the other. Written by the add-in only; users edit the
 * Findings sheet. History lines hold counts only, never student data.
 */
import { type CellValue, cellText } from "./cells";
import { excelSerialToDate } from "./excelDates";
import { type Acknowledgement, SEVERITIES, type Severity, TOPICS, type Topic } from "./report";
import { neutralizeFormulaText } from "./text";

export const LOG_SHEET_NAME = "CTE Check Log";
export const LOG_TITLE = "CTE Snapshot Check log — written by the add-in; the Findings sheet is where you edit";
export const MAX_HISTORY_LINES = 1000;

export const SNAPSHOT_DATE_MARKER = "Snapshot date";
export const SNAPSHOT_CONFIRMED = "confirmed by user";
export const ACKNOWLEDGEMENTS_MARKER = "Acknowledgements";
export const HISTORY_MARKER = "Run history";
export const ACKNOWLEDGEMENT_COLUMNS = ["Key", "Rule", "Severity", "Where", "Reason", "Acknowledged on"] as const;
const HISTORY_FIXED_COLUMNS = ["Run at", "School year", "Errors", "Warnings", "Notes", "Acknowledged", "New", "Open", "Fixed"] as const;
export const HISTORY_COLUMNS: readonly string[] = [...HISTORY_FIXED_COLUMNS, ...TOPICS.flatMap((t) => [`${t} errors`, `${t} warnings`])];

/** One run's counts (no student data). */
export interface HistoryEntry {
  /** local date and time, "yyyy-mm-dd hh:mm" */
  readonly runAt: string;
  readonly schoolYear: string;
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  readonly acknowledged: number;
  readonly new: number;
  readonly open: number;
  readonly fixed: number;
  /** unacknowledged errors and warnings per topic */
  readonly topics: Readonly<Record<Topic, { readonly errors: number; readonly warnings: number }>>;
}

export interface WorkbookLog {
  /** yyyy-mm-dd, confirmed by the user; null when none is set */
  readonly snapshotDate: string | null;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly history: readonly HistoryEntry[];
}

export type LogCell = string | number;

export interface LogSheetLayout {
  readonly name: string;
  /** rows from A1, every row as wide as the widest; "" is an empty cell */
  readonly rows: LogCell[][];
  /** columns of every row; writers give the whole sheet the text format "@" so dates stay text */
  readonly width: number;
}

/** Text we wrote neutralised ("'=…") read back as the user's text; Excel itself drops the apostrophe. */
export function readBackText(cell: CellValue): string {
  const t = cellText(cell);
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date cell as yyyy-mm-dd (or "yyyy-mm-dd hh:mm" with `withTime`): text as written, or what Excel made of it
 * (a Date, or a serial number when a user retyped the cell).
 */
export function dateCellText(cell: CellValue, withTime = false): string {
  let date: Date | null = null;
  if (cell instanceof Date) date = Number.isNaN(cell.getTime()) ? null : cell;
  else if (typeof cell === "number") date = excelSerialToDate(cell, false);
  if (!date) return readBackText(cell);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return withTime ? `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : day;
}

const count = (cell: CellValue) => {
  const n = typeof cell === "number" ? cell : Number(cellText(cell));
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
};

export function isLogSheet(rows: readonly (readonly CellValue[])[]): boolean {
  return cellText(rows[0]?.[0]) === LOG_TITLE;
}

/** The log sheet's rows: title, snapshot date, acknowledgements, run history (the newest MAX_HISTORY_LINES lines). */
export function logSheetLayout(log: WorkbookLog): LogSheetLayout {
  const text = (s: string) => neutralizeFormulaText(s);
  const rows: LogCell[][] = [
    [text(LOG_TITLE)],
    [],
    [SNAPSHOT_DATE_MARKER, log.snapshotDate ?? "", log.snapshotDate ? SNAPSHOT_CONFIRMED : ""],
    [],
    [ACKNOWLEDGEMENTS_MARKER],
    [...ACKNOWLEDGEMENT_COLUMNS],
  ];
  for (const a of log.acknowledgements) {
    rows.push([text(a.key), text(a.rule), a.severity ?? "", text(a.where ?? ""), text(a.reason), text(a.on)]);
  }
  rows.push([], [HISTORY_MARKER], [...HISTORY_COLUMNS]);
  for (const h of log.history.slice(-MAX_HISTORY_LINES)) {
    rows.push([
      h.runAt,
      h.schoolYear,
      h.errors,
      h.warnings,
      h.notes,
      h.acknowledged,
      h.new,
      h.open,
      h.fixed,
      ...TOPICS.flatMap((t) => [h.topics[t]?.errors ?? 0, h.topics[t]?.warnings ?? 0]),
    ]);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push("");
  return { name: LOG_SHEET_NAME, rows, width };
}

/** The log's contents, or null when the rows are not our log sheet. Unreadable lines are skipped, not guessed. */
export function parseLogSheet(rows: readonly (readonly CellValue[])[]): WorkbookLog | null {
  if (!isLogSheet(rows)) return null;
  let snapshotDate: string | null = null;
  const acknowledgements: Acknowledgement[] = [];
  const history: HistoryEntry[] = [];
  let section: "none" | "acks" | "history" = "none";
  let columns: Map<string, number> | null = null;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const first = cellText(row[0]);
    if (first === SNAPSHOT_DATE_MARKER) {
      const date = dateCellText(row[1]);
      snapshotDate = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
      section = "none";
      continue;
    }
    if (first === ACKNOWLEDGEMENTS_MARKER || first === HISTORY_MARKER) {
      section = first === ACKNOWLEDGEMENTS_MARKER ? "acks" : "history";
      columns = null;
      continue;
    }
    if (section === "none" || row.every((c) => cellText(c) === "")) continue;
    if (columns === null) {
      // The header row names the columns, so a column added later is read by name.
      columns = new Map(row.map((c, index) => [cellText(c), index]));
      continue;
    }
    const at = (name: string) => {
      const c = columns?.get(name);
      return c === undefined ? undefined : row[c];
    };
    if (section === "acks") {
      const key = readBackText(at("Key"));
      if (key === "") continue;
      const severity = cellText(at("Severity")) as Severity;
      const where = readBackText(at("Where"));
      acknowledgements.push({
        key,
        rule: readBackText(at("Rule")),
        reason: readBackText(at("Reason")),
        on: dateCellText(at("Acknowledged on")),
        ...(SEVERITIES.includes(severity) ? { severity } : {}),
        ...(where ? { where } : {}),
      });
    } else {
      const runAt = dateCellText(at("Run at"), true);
      if (runAt === "") continue;
      const topics = Object.fromEntries(
        TOPICS.map((t) => [t, { errors: count(at(`${t} errors`)), warnings: count(at(`${t} warnings`)) }]),
      ) as Record<Topic, { errors: number; warnings: number }>;
      history.push({
        runAt,
        schoolYear: cellText(at("School year")),
        errors: count(at("Errors")),
        warnings: count(at("Warnings")),
        notes: count(at("Notes")),
        acknowledged: count(at("Acknowledged")),
        new: count(at("New")),
        open: count(at("Open")),
        fixed: count(at("Fixed")),
        topics,
      });
    }
  }
  return { snapshotDate, acknowledgements, history: history.slice(-MAX_HISTORY_LINES) };
}
