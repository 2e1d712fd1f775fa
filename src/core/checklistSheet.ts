/**
 * The "Snapshot Checklist" sheet as plain values (pure): DPI's "DEMO / Blank Copy" page with the team, the
 * date of the data check and one row per checklist topic. The task pane's gateway writes it with one 2-D
 * values write plus a few format calls; it follows the layout the CLI writes into its annotated copy.
 * Every text is neutralised against formula injection.
 */
import { type CellValue, cellText } from "./cells";
import type { Report, TopicSummary } from "./report";
import { neutralizeFormulaText } from "./text";

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
}

export interface ChecklistSheetInput {
  readonly report: Report;
  readonly teamMembers?: string;
  /** "Date of Data Check:" as the user entered it (yyyy-mm-dd) */
  readonly checkedOn: string;
}

export function checklistLayout({ report, teamMembers, checkedOn }: ChecklistSheetInput): ChecklistLayout {
  const width = CHECKLIST_COLUMNS.length;
  const text = (s: string) => neutralizeFormulaText(s);
  const row = (...cells: ChecklistCell[]): ChecklistCell[] => [...cells, ...new Array<ChecklistCell>(width - cells.length).fill("")];
  const team = (teamMembers ?? "").replace(/\s+/g, " ").trim();

  const values: ChecklistCell[][] = [
    row(text(`${TITLE_PREFIX} ${report.schoolYear}`)),
    row(text(TEAM_LABEL), text(team)),
    row(text(DATE_LABEL), text(checkedOn.trim())),
    row(text("Current View is used to check data before the December Snapshot.")),
    row(),
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
  return { values, headerRow: CHECKLIST_HEADER_ROW, firstTopicRow, lastTopicRow, statuses, notesRow, hasTeam: team !== "" };
}
