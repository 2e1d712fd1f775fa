/**
 * The "Findings" sheet (pure layout and parser): one Excel table from A1, one row per finding, for a team to
 * divide up and work through. The writers (the pane's gateway, the CLI's copy) write what the layout says;
 * the parser reads the sheet back, with the team's edits (Status, Assigned to, Team note, Acknowledgement
 * reason), so the next run carries them over by key. Every text is neutralised against formula injection and
 * written as text, so ids keep their leading zeros.
 */
import { a1 } from "./address";
import { type CellValue, cellText, isCellError } from "./cells";
import { TOPIC_META } from "./checklist";
import { SEVERITIES, type Severity, TOPICS, type Topic, type WorklistStatus, type PreviousFinding } from "./report";
import type { WorklistRow } from "./tracking";
import { neutralizeFormulaText } from "./text";
import { dateCellText, readBackText } from "./workbookLog";

export const FINDINGS_SHEET_NAME = "Findings";
export const FINDINGS_TABLE_NAME = "CTESnapshotFindings";
export const FINDINGS_TABLE_STYLE = "TableStyleMedium2";
export const FINDINGS_COLUMNS = [
  "Status",
  "Severity",
  "Topic",
  "Rule",
  "Where",
  "Student / course",
  "Message",
  "What to fix",
  "Assigned to",
  "Team note",
  "Acknowledgement reason",
  "First seen",
  "Fixed on",
  "Key",
] as const;
export type FindingsColumn = (typeof FINDINGS_COLUMNS)[number];
/** 0-based column of "Where" (the link to the cell) */
export const WHERE_COLUMN = FINDINGS_COLUMNS.indexOf("Where");
/** Column widths in characters: wide enough for the longest topic ("Industry-Recognized Credentials"), rule id and Sheet!Cell. */
export const FINDINGS_COLUMN_WIDTHS = [13, 9, 30, 36, 30, 18, 56, 44, 16, 28, 24, 11, 11, 40] as const;

/** A "Where" cell: the HYPERLINK formula that jumps to the cell, and its text for writers without formulas. */
export interface WhereLink {
  readonly formula: string | null;
  readonly text: string;
}

export interface FindingsSheetLayout {
  readonly name: string;
  readonly tableName: string;
  readonly style: string;
  readonly header: readonly string[];
  /** values, one row per worklist row (the Where column holds its text) */
  readonly rows: (string | number)[][];
  /** the same rows with the Where column's formula where there is one (Office's `formulas`) */
  readonly formulas: (string | number)[][];
  /** per row, the Where cell's link */
  readonly where: readonly WhereLink[];
  readonly columnWidths: readonly number[];
  /** 0-based column of Where */
  readonly whereColumn: number;
}

export interface FindingsLayoutOptions {
  /** the workbook's sheet names: a finding on another sheet (a reference file) gets no link */
  readonly sheets?: readonly string[];
}

/** `=HYPERLINK("#'Sheet'!C7","Sheet!C7")`: apostrophes doubled inside the sheet reference, quotes doubled in the strings. */
export function whereLink(sheet: string, cell: string, linkable = true): WhereLink {
  const text = sheet === "" ? cell : `${sheet}!${cell}`;
  if (!linkable || sheet === "" || cell === "") return { formula: null, text };
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { formula: `=HYPERLINK(${quote(target)},${quote(text)})`, text };
}

const SEVERITY_TEXT: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "note" };

export function findingsSheetLayout(worklist: readonly WorklistRow[], options: FindingsLayoutOptions = {}): FindingsSheetLayout {
  const known = options.sheets ? new Set(options.sheets) : null;
  const text = (s: string) => neutralizeFormulaText(s);
  const rows: (string | number)[][] = [];
  const formulas: (string | number)[][] = [];
  const where: WhereLink[] = [];
  for (const r of worklist) {
    const link = whereLink(r.sheet, r.cell, r.status !== "fixed" && (known === null || known.has(r.sheet)));
    const values = [
      r.status,
      SEVERITY_TEXT[r.severity],
      text(TOPIC_META[r.topic].title),
      text(r.rule),
      text(link.text),
      text(r.subject ?? ""),
      text(r.message),
      text(r.fix),
      text(r.assignedTo),
      text(r.teamNote),
      text(r.ackReason),
      text(r.firstSeen),
      text(r.fixedOn),
      text(r.key),
    ];
    rows.push(values);
    const withFormula = [...values];
    if (link.formula) withFormula[WHERE_COLUMN] = link.formula;
    formulas.push(withFormula);
    where.push(link);
  }
  return {
    name: FINDINGS_SHEET_NAME,
    tableName: FINDINGS_TABLE_NAME,
    style: FINDINGS_TABLE_STYLE,
    header: [...FINDINGS_COLUMNS],
    rows,
    formulas,
    where,
    columnWidths: [...FINDINGS_COLUMN_WIDTHS],
    whereColumn: WHERE_COLUMN,
  };
}

/** The columns a Findings sheet cannot do without: what a row is (Key, Rule) and what the team decided (Status). */
const REQUIRED_COLUMNS: readonly FindingsColumn[] = ["Status", "Rule", "Key"];
/**
 * Most of the layout's titles must be there: a team may rename or delete a column or two (then that column
 * is not carried over), but a user's own sheet sharing a few words with ours stays data.
 */
const MIN_COLUMNS = FINDINGS_COLUMNS.length - 3;

/** The header row's columns by title, when the row is our layout's (any order, extra columns allowed, a few missing). */
function headerColumns(row: readonly CellValue[] | undefined): Map<FindingsColumn, number> | null {
  if (!row) return null;
  const columns = new Map<FindingsColumn, number>();
  row.forEach((cell, c) => {
    const t = cellText(cell) as FindingsColumn;
    if ((FINDINGS_COLUMNS as readonly string[]).includes(t) && !columns.has(t)) columns.set(t, c);
  });
  return columns.size >= MIN_COLUMNS && REQUIRED_COLUMNS.every((c) => columns.has(c)) ? columns : null;
}

/** Whether the rows are a Findings sheet the add-in wrote: its table header in row 1 (told by content, not name). */
export function isFindingsSheet(rows: readonly (readonly CellValue[])[]): boolean {
  return headerColumns(rows[0]) !== null;
}

/** A Status cell as typed by a user: "Acknowledged", "ack", "FIXED" …; undefined when it is none of them. */
export function parseWorklistStatus(text: string): WorklistStatus | undefined {
  const t = text.trim().toLowerCase();
  if (t.startsWith("ack")) return "acknowledged";
  if (t === "new" || t === "open" || t === "fixed") return t;
  return undefined;
}

const TOPIC_BY_TITLE = new Map<string, Topic>(TOPICS.map((t) => [TOPIC_META[t].title.toLowerCase(), t]));

function parseSeverity(text: string): Severity | undefined {
  const t = text.trim().toLowerCase();
  if (t === "note") return "info";
  return (SEVERITIES as readonly string[]).includes(t) ? (t as Severity) : undefined;
}

/** "Sheet!C7" (as the Where text shows it) → sheet and cell; the sheet name may itself hold "!". */
function splitWhere(text: string): { sheet?: string; cell?: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return /^[A-Z]{1,3}\d+$/.test(text) ? { cell: text } : {};
  return { sheet: text.slice(0, bang), cell: text.slice(bang + 1) };
}

/** The Findings sheet's rows as previous findings, with the team's edits; null when the rows are not our sheet. */
export function parseFindingsSheet(rows: readonly (readonly CellValue[])[]): PreviousFinding[] | null {
  const columns = headerColumns(rows[0]);
  if (!columns) return null;
  const found: PreviousFinding[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const at = (name: FindingsColumn) => {
      const c = columns.get(name);
      return c === undefined ? null : row[c];
    };
    const key = readBackText(at("Key"));
    if (key === "") continue;
    const optional = <K extends keyof PreviousFinding>(name: K, value: PreviousFinding[K] | "" | undefined) =>
      value === "" || value === undefined ? {} : { [name]: value };
    const severity = parseSeverity(cellText(at("Severity")));
    const topic = TOPIC_BY_TITLE.get(readBackText(at("Topic")).toLowerCase());
    const { sheet, cell } = splitWhere(readBackText(at("Where")));
    found.push({
      key,
      rule: readBackText(at("Rule")),
      ...optional("severity", severity),
      ...optional("topic", topic),
      ...optional("sheet", sheet),
      ...optional("cell", cell),
      ...optional("subject", readBackText(at("Student / course"))),
      ...optional("message", readBackText(at("Message"))),
      ...optional("status", parseWorklistStatus(cellText(at("Status")))),
      ...optional("assignedTo", readBackText(at("Assigned to"))),
      ...optional("teamNote", readBackText(at("Team note"))),
      ...optional("ackReason", readBackText(at("Acknowledgement reason"))),
      ...optional("firstSeen", dateCellText(at("First seen"))),
      ...optional("fixedOn", dateCellText(at("Fixed on"))),
    });
  }
  return found;
}

/** A Status cell the team typed that is none of the statuses ("yes", "done", an error value): its row is read as open. */
export interface UnreadStatus {
  /** A1 address on the Findings sheet */
  readonly cell: string;
  /** what the cell holds, cut to a few characters */
  readonly text: string;
}

const MAX_STATUS_SHOWN = 24;

/**
 * The Status cells of a Findings sheet that say no status, so a team that typed "yes" or "done" to acknowledge
 * is told it did not take (silently reading them as open would look like an ignored acknowledgement).
 */
export function unreadStatuses(rows: readonly (readonly CellValue[])[]): UnreadStatus[] {
  const columns = headerColumns(rows[0]);
  if (!columns) return [];
  const status = columns.get("Status")!;
  const key = columns.get("Key")!;
  const unread: UnreadStatus[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (readBackText(row[key]) === "") continue;
    const cell = row[status];
    const text = isCellError(cell) ? cell.error : cellText(cell);
    if (text === "" || parseWorklistStatus(text) !== undefined) continue;
    const shown = text.length > MAX_STATUS_SHOWN ? `${text.slice(0, MAX_STATUS_SHOWN)}\u2026` : text;
    unread.push({ cell: a1(i + 1, status + 1), text: shown });
  }
  return unread;
}

/** The Findings sheet's listing note, saying which Status cells were not understood. */
export function unreadStatusesNote(unread: readonly UnreadStatus[]): string {
  if (unread.length === 0) return "";
  const shown = unread
    .slice(0, 3)
    .map((u) => `${u.cell} \u2018${u.text}\u2019`)
    .join(", ");
  const more = unread.length > 3 ? ` and ${unread.length - 3} more` : "";
  return (
    `; ${unread.length === 1 ? "1 Status cell is" : `${unread.length} Status cells are`} not a status (${shown}${more}): ` +
    "those rows are read as open; type new, open or acknowledged"
  );
}
