/**
 * The "Snapshot Checklist" sheet as plain values (pure): DPI's "DEMO / Blank Copy" page with the team, the
 * date of the data check and one row per checklist topic. The task pane's gateway writes it with one 2-D
 * values write plus a few format calls; it follows the layout the CLI writes into its annotated copy.
 * Every text is neutralised against formula injection.
 */
import { type CellValue, cellText } from "./cells";
import type { Countdown } from "./countdown";
import type { Report, TopicSummary } from "./report";
import { neutralizeFormulaText, plural } from "./text";
import type { HistoryEntry } from "./workbookLog";

export const CHECKLIST_SHEET_BASE_NAME = "Snapshot Checklist";
export const CHECKLIST_COLUMNS = [
  "Topic",
  "WISEdata Portal export",
  "Figure",
  "Status",
  "Errors",
  "Warnings",
  "WISEdash for District",
  "Checked (initials)",
] as const;
/** column widths in characters, as in the CLI's copy */
export const CHECKLIST_COLUMN_WIDTHS = [30, 34, 48, 10, 8, 10, 34, 12] as const;
/** 1-based worksheet row of the table header */
export const CHECKLIST_HEADER_ROW = 6;

export type ChecklistCell = string | number;

const TITLE_PREFIX = "CTE and Career Education Data Check — school year";
const TEAM_LABEL = "Team Members:";
const DATE_LABEL = "Date of Data Check:";
const SNAPSHOT_LABEL = "Snapshot date:";
export const CHECKLIST_HISTORY_TITLE = "Run history";
export const CHECKLIST_HISTORY_COLUMNS = ["Run at", "Errors", "Warnings", "Notes", "Acknowledged", "New", "Open", "Fixed"] as const;
/** the newest runs shown on the sheet (the log keeps more) */
export const CHECKLIST_HISTORY_LINES = 60;

/**
 * Whether a sheet is a Snapshot Checklist the add-in or cte-check wrote, judged by its content (the title,
 * the team and date labels and the table header of checklistLayout at their rows), never by its name: a
 * user's own sheet may be called "Snapshot Checklist data" and must still be checked.
 */
export function isChecklistSheet(rows: readonly (readonly CellValue[])[]): boolean {
  const first = (r: number) => cellText(rows[r]?.[0]);
  if (!first(0).startsWith(TITLE_PREFIX) || first(1) !== TEAM_LABEL || first(2) !== DATE_LABEL) return false;
  const header = rows[CHECKLIST_HEADER_ROW - 1] ?? [];
  return CHECKLIST_COLUMNS.every((title, c) => cellText(header[c]) === title);
}

export interface ChecklistLayout {
  /** rows × CHECKLIST_COLUMNS.length values, starting at A1; "" is an empty cell */
  readonly values: ChecklistCell[][];
  readonly headerRow: number;
  /** 1-based rows of the topic table (inclusive) */
  readonly firstTopicRow: number;
  readonly lastTopicRow: number;
  /** status per topic row, for its fill */
  readonly statuses: readonly { row: number; status: TopicSummary["status"] }[];
  /** 1-based row of "Not checked", or null when every check ran */
  readonly notesRow: number | null;
  /** whether "Team Members:" has names (otherwise a line to write them on) */
  readonly hasTeam: boolean;
  /** 1-based row of the snapshot date line, or null when no date is set */
  readonly snapshotRow: number | null;
  /** 1-based row of the history table's header, or null without history; its lines follow to historyLastRow */
  readonly historyHeaderRow: number | null;
  readonly historyLastRow: number | null;
}

export interface ChecklistSheetInput {
  readonly report: Report;
  readonly teamMembers?: string;
  /** "Date of Data Check:" as the user entered it (yyyy-mm-dd) */
  readonly checkedOn: string;
  /** the snapshot date and days left (tracking.snapshot) */
  readonly snapshot?: Countdown | null;
  /** run history, oldest first, this run included (tracking.nextLog.history) */
  readonly history?: readonly HistoryEntry[];
}

/** "2026-12-01 — 12 days left", "— today", "— passed 3 days ago", with DPI's advice inside the last two weeks. */
export function snapshotLine(snapshot: Countdown): string {
  const left =
    snapshot.daysLeft === 0
      ? "today"
      : snapshot.passed
        ? `passed ${plural(-snapshot.daysLeft, "day")} ago`
        : `${plural(snapshot.daysLeft, "day")} left`;
  return `${snapshot.date} — ${left}${snapshot.advice ? `. ${snapshot.advice}` : ""}`;
}

export function checklistLayout({ report, teamMembers, checkedOn, snapshot, history }: ChecklistSheetInput): ChecklistLayout {
  const width = CHECKLIST_COLUMNS.length;
  const text = (s: string) => neutralizeFormulaText(s);
  const row = (...cells: ChecklistCell[]): ChecklistCell[] => [...cells, ...new Array<ChecklistCell>(width - cells.length).fill("")];
  const team = (teamMembers ?? "").replace(/\s+/g, " ").trim();

  const values: ChecklistCell[][] = [
    row(text(`${TITLE_PREFIX} ${report.schoolYear}`)),
    row(text(TEAM_LABEL), text(team)),
    row(text(DATE_LABEL), text(checkedOn.trim())),
    row(text("Current View is used to check data before the December Snapshot.")),
    snapshot ? row(text(SNAPSHOT_LABEL), text(snapshotLine(snapshot))) : row(),
    row(...CHECKLIST_COLUMNS.map(text)),
  ];
  const firstTopicRow = values.length + 1;
  const statuses: { row: number; status: TopicSummary["status"] }[] = [];
  for (const entry of report.checklist) {
    values.push(
      row(
        text(entry.title),
        text(entry.exports),
        text(entry.figure.text),
        text(entry.status.toUpperCase()),
        entry.errors,
        entry.warnings,
        text(entry.dashboard),
        "",
      ),
    );
    statuses.push({ row: values.length, status: entry.status });
  }
  const lastTopicRow = values.length;
  const notes = report.checklist.flatMap((entry) => (entry.notes ?? []).map((note) => ({ title: entry.title, note })));
  let notesRow: number | null = null;
  if (notes.length > 0) {
    values.push(row());
    values.push(row(text("Not checked")));
    notesRow = values.length;
    for (const { title, note } of notes) values.push(row(text(title), text(note)));
  }
  let historyHeaderRow: number | null = null;
  let historyLastRow: number | null = null;
  const lines = (history ?? []).slice(-CHECKLIST_HISTORY_LINES);
  if (lines.length > 0) {
    values.push(row(), row(text(CHECKLIST_HISTORY_TITLE)), row(...CHECKLIST_HISTORY_COLUMNS.map(text)));
    historyHeaderRow = values.length;
    for (const h of lines) values.push(row(text(h.runAt), h.errors, h.warnings, h.notes, h.acknowledged, h.new, h.open, h.fixed));
    historyLastRow = values.length;
  }
  return {
    values,
    headerRow: CHECKLIST_HEADER_ROW,
    firstTopicRow,
    lastTopicRow,
    statuses,
    notesRow,
    hasTeam: team !== "",
    snapshotRow: snapshot ? 5 : null,
    historyHeaderRow,
    historyLastRow,
  };
}
