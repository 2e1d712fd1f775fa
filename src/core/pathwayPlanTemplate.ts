/**
 * The empty "Pathway Plan" sheet a district fills in (pure layout): one header row with the columns the
 * pathway-plan export kind recognises, a note on each header cell saying what goes in the column, every
 * column formatted as Text so codes keep their zeros (IAC 01.09, roster code 01001, a local code 00123),
 * column widths and a frozen header. `cte-check --template pathway-plan` (exceljs) and the task pane's
 * "Insert pathway plan template" (Office.js) both write exactly this layout.
 *
 * Where cell notes cannot be written (Excel's notes API needs ExcelApi 1.18; the add-in's minimum is
 * 1.9), the explanations go into a row above the header instead: the engine skips rows above the header.
 */
import { neutralizeFormulaText } from "./text";

export const PATHWAY_PLAN_SHEET_NAME = "Pathway Plan";

/** Excel's Text number format: what is typed stays as typed (no 01.10 → 1.1, no 00123 → 123). */
export const TEXT_NUMBER_FORMAT = "@";

/**
 * Rows below the header that get the Text format. A district's plan has tens to a few hundred rows; the
 * format is a per-cell property in Office.js, so it is set on a bounded block rather than on whole columns.
 */
export const TEMPLATE_FORMATTED_ROWS = 2000;

export interface PathwayPlanColumn {
  /** the engine field the header maps to (pathway-plan kind) */
  readonly field: "pathwayName" | "iac" | "cluster" | "rosterCode" | "localCourseCode" | "localCourseTitle" | "programArea";
  readonly header: string;
  /** what goes in the column: the header cell's note */
  readonly note: string;
  /** width in characters */
  readonly width: number;
}

export const PATHWAY_PLAN_COLUMNS: readonly PathwayPlanColumn[] = [
  {
    field: "pathwayName",
    header: "Pathway Name",
    note:
      "The career pathway as your district names it, e.g. Animal Systems. One row per course of the pathway: " +
      "write the pathway's name on each of its rows (rows with the same name are one pathway).",
    width: 28,
  },
  {
    field: "iac",
    header: "IAC",
    note:
      "The pathway's Instructional Area Code (IAC), the CIP code WISEdata expects for its concentrators: NN.NN, e.g. 01.09. " +
      "Kept as text so the leading zero stays. Needed on the pathway's first row; its other rows may repeat it or stay blank.",
    width: 10,
  },
  {
    field: "cluster",
    header: "Cluster",
    note:
      "The pathway's career cluster, one of the 16 (e.g. Agriculture, Food & Natural Resources), as DPI's IAC to Cluster " +
      "list pairs it with the IAC. Needed on the pathway's first row; its other rows may repeat it or stay blank.",
    width: 36,
  },
  {
    field: "rosterCode",
    header: "Roster Code",
    note:
      "The course's DPI roster code (the 5-digit DPI course code, e.g. 01001), kept as text so leading zeros stay. " +
      "Students' coursework is matched to the plan by this code first.",
    width: 13,
  },
  {
    field: "localCourseCode",
    header: "Local Course Code",
    note:
      "The course number in your SIS, e.g. AG101. Coursework without a matching roster code is matched by this code " +
      "(case and A/B semester suffixes ignored). Give a roster code, a local code or a title on each row.",
    width: 18,
  },
  {
    field: "localCourseTitle",
    header: "Local Course Title",
    note: "The course title as your SIS prints it on transcripts. Used to match coursework when neither code matches.",
    width: 34,
  },
  {
    field: "programArea",
    header: "Program Area",
    note: "Optional: the CTE program area (CTE department) of the course, e.g. Agriculture and Natural Resources Education.",
    width: 30,
  },
];

export interface CellNote {
  /** 1-based worksheet row and column */
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

export interface PathwayPlanLayout {
  readonly sheetName: string;
  /** rows from A1 down to the header row (inclusive), one value per column; "" is an empty cell */
  readonly rows: readonly (readonly string[])[];
  /** 1-based worksheet row of the header */
  readonly headerRow: number;
  /** the header cells' notes (empty when the explanations are a row above the header) */
  readonly notes: readonly CellNote[];
  /** 1-based row of the explanation row, or null when the explanations are notes */
  readonly explanationRow: number | null;
  /** column widths in characters, one per column */
  readonly columnWidths: readonly number[];
  /** rows to freeze at the top (down to the header) */
  readonly frozenRows: number;
  /** 1-based inclusive rows that get the Text format, across every column */
  readonly textRows: { readonly first: number; readonly last: number };
}

export interface PathwayPlanLayoutOptions {
  /** whether the writer can put a note on a cell (exceljs, Excel with ExcelApi 1.18) */
  readonly cellNotes: boolean;
}

/** The template's layout: header (and, without cell notes, an explanation row above it). */
export function pathwayPlanLayout({ cellNotes }: PathwayPlanLayoutOptions): PathwayPlanLayout {
  const header = PATHWAY_PLAN_COLUMNS.map((c) => neutralizeFormulaText(c.header));
  const explanations = PATHWAY_PLAN_COLUMNS.map((c) => neutralizeFormulaText(c.note));
  const rows = cellNotes ? [header] : [explanations, header];
  const headerRow = rows.length;
  return {
    sheetName: PATHWAY_PLAN_SHEET_NAME,
    rows,
    headerRow,
    notes: cellNotes ? PATHWAY_PLAN_COLUMNS.map((c, i) => ({ row: headerRow, column: i + 1, text: c.note })) : [],
    explanationRow: cellNotes ? null : 1,
    columnWidths: PATHWAY_PLAN_COLUMNS.map((c) => c.width),
    frozenRows: headerRow,
    textRows: { first: 1, last: headerRow + TEMPLATE_FORMATTED_ROWS },
  };
}
