/** Rules every export shares: structure, error values, student ids, duplicate rows, grades. */
import { type CellValue, cellErrorText, cellText } from "../cells";
import { EligibilityElement, GRADE_BANDS as ELIGIBILITY } from "../eligibility";
import { normalizeGrade } from "../normalize";
import { Field } from "../recognize";
import { EXPORT_KINDS, type ExportKind } from "../report";
import { type DataRow, ExportTable } from "../table";
import { plural } from "../text";
import { Check, RuleContext, eachRow, reportBlank, rule, topicOfRow } from "./types";

const STUDENT_KINDS: readonly ExportKind[] = ["participants", "concentrators", "hs-completion", "irc-wbl", "demographics"];

function allTables(ctx: RuleContext): ExportTable[] {
  return EXPORT_KINDS.flatMap((k) => [...ctx.tables(k)]);
}

/** The district's exports: DPI's own lists are reference data, not the district's (an error cell there only drops that entry). */
function districtTables(ctx: RuleContext): ExportTable[] {
  return allTables(ctx).filter((t) => t.kind !== "dpi-courses" && t.kind !== "dpi-iac-clusters");
}

export const SHEET_UNRECOGNIZED = rule({
  id: "SHEET-UNRECOGNIZED",
  topic: "structure",
  severity: "info",
  description:
    "No WISEdata export kind matches the sheet, so it is not checked: a warning when the sheet looks like data " +
    "(a row of three or more text cells followed by rows of three or more cells), a note otherwise.",
  fix: "Choose the sheet's export kind in the task pane (or --kind), or check its header row.",
  messages: {
    other:
      "Sheet ‘{sheet}’ is not checked: {note}. If it is a WISEdata export, choose its kind in the task pane " +
      "(or check its header row).",
    dataLike:
      "Sheet ‘{sheet}’ is not checked: {note}. It looks like data: if it is a WISEdata export, " +
      "choose its kind in the task pane or with --kind, or check its header row.",
  },
});

export const COLUMN_INFERRED = rule({
  id: "COLUMN-INFERRED",
  topic: "structure",
  severity: "info",
  description:
    "A field was taken from a column's values (or position), not its header: names the field, the column and why, " +
    "so it can be confirmed or corrected.",
  fix: "Confirm the column, or choose the right one in the task pane (or cte-check --column).",
  message:
    "Column {q:column} is read as {field} from its values, not its header: {why}. If that is wrong, choose the column for " +
    '{field} in the task pane (or cte-check --column "SHEET:{field}=HEADER").',
});

export const RECORD_FIELD_COUNT = rule({
  id: "RECORD-FIELD-COUNT",
  topic: "structure",
  severity: "warning",
  description:
    "A CSV record has more or fewer fields than its header record: its values may sit under the wrong columns, " +
    "so it is not checked (a single-parent or homeless value never moves into another field).",
  fix: "Quote the value holding the separator (or remove the extra one) and export again.",
  message:
    "Record {row} has {fieldCount}, {how} than the {headerFields} of the header record: a separator is missing or extra " +
    "(often an unquoted comma inside a value), so its values may sit under the wrong columns. " +
    "The record is not checked; fix it and export again.",
});

export const COLUMN_MISSING = rule({
  id: "COLUMN-MISSING",
  topic: "structure",
  severity: "error",
  description: "A recognised export lacks a column its checks need (one finding, on the header row).",
  fix: "Add the column from the export, or map it in the task pane.",
  message:
    "{kindTitle} ‘{sheet}’ has no column for {missing}. Add the column from the export (or map it in the task pane): " +
    "checks that need it are skipped.",
});

export const COLUMN_DUPLICATE = rule({
  id: "COLUMN-DUPLICATE",
  topic: "structure",
  severity: "warning",
  description: "Two columns map to the same field; the first is used.",
  fix: "Delete or rename the other column, or pick one in the task pane.",
  message: "Columns {columns} both mean {field}; the first is used. Delete or rename the other, or pick one in the task pane.",
});

/**
 * Sheet structure: the engine reports recognition (SHEET-UNRECOGNIZED, COLUMN-INFERRED, COLUMN-MISSING,
 * COLUMN-DUPLICATE) itself while it reads the sheets; this pass adds the CSV records that do not line up.
 */
export const STRUCTURE: Check = {
  emits: [SHEET_UNRECOGNIZED, COLUMN_INFERRED, RECORD_FIELD_COUNT, COLUMN_MISSING, COLUMN_DUPLICATE],
  run(ctx) {
    for (const t of allTables(ctx)) {
      for (const r of t.misshapenRecords) {
        const how = r.fields < r.headerFields ? "fewer" : "more";
        const fields = { row: r.row, fieldCount: plural(r.fields, "field"), how, headerFields: r.headerFields };
        ctx.report({ table: t, at: r, rule: RECORD_FIELD_COUNT, fields });
      }
    }
  },
};

export const VALUE_ERROR = rule({
  id: "VALUE-ERROR",
  topic: "structure",
  severity: "error",
  description: "An Excel error value (#N/A, #REF! …) in a checked column; it is not treated as data.",
  fix: "Fix the formula, or paste the export's values again.",
  messages: {
    error: "Column {q:column} holds the Excel error {value}, not data. Fix the formula or paste the export's values again.",
    withheld: "Column {q:column} holds an Excel error value, not data. Fix the formula or paste the export's values again.",
  },
});

const VALUE_ERRORS: Check = {
  emits: [VALUE_ERROR],
  run(ctx) {
    for (const t of districtTables(ctx)) {
      const mapped = Object.entries(t.columns) as [Field, number][];
      for (const r of t.rows) {
        for (const [field, col] of mapped) {
          const err = cellErrorText(r.cells[col]);
          if (err === null) continue;
          ctx.report({ table: t, at: r, field, rule: VALUE_ERROR, fields: { column: t.headerOf(field) ?? field, value: err } });
        }
      }
    }
  },
};

export const STUDENT_ID_MISSING = rule({
  id: "STUDENT-ID-MISSING",
  topic: "cte-participants",
  severity: "error",
  description: "A student export row with a blank student id.",
  fix: "Fix the student's record in the SIS and export again.",
  message: "Student id is blank. Every row must identify its student (WSN); fix the record in the SIS and export again.",
});

const STUDENT_IDS: Check = {
  emits: [STUDENT_ID_MISSING],
  run(ctx) {
    eachRow(ctx, STUDENT_KINDS, ["studentId"], (t, r) => {
      if (t.blank(r, "studentId")) reportBlank(ctx, t, r, "studentId", STUDENT_ID_MISSING, topicOfRow(t, r));
    });
  },
};

/** How many leading cells hold text: trailing empty cells do not make rows differ. */
function textLength(cells: readonly CellValue[]): number {
  let n = cells.length;
  while (n > 0 && cellText(cells[n - 1]) === "") n--;
  return n;
}

/** Characters of each cell the hash reads: equal rows are confirmed by comparing whole texts anyway. */
const HASHED_CHARACTERS = 256;

/**
 * A 32-bit FNV-1a hash of a row's cell texts (as cellText gives them, trailing empty cells ignored): each
 * cell's length and its first HASHED_CHARACTERS characters, so a megabyte cell costs no more than a short one.
 */
function rowTextHash(cells: readonly CellValue[], n: number): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < n; c++) {
    const text = cellText(cells[c]);
    const end = Math.min(text.length, HASHED_CHARACTERS);
    for (let i = 0; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ text.length, 0x01000193);
  }
  return h >>> 0;
}

function sameRowText(a: readonly CellValue[], b: readonly CellValue[], n: number): boolean {
  if (n !== textLength(b)) return false;
  for (let c = 0; c < n; c++) if (cellText(a[c]) !== cellText(b[c])) return false;
  return true;
}

export const DUPLICATE_ROW = rule({
  id: "DUPLICATE-ROW",
  topic: "structure",
  severity: "warning",
  description: "A row whose cells all equal an earlier row's in the same sheet (the later row is flagged).",
  fix: "Remove the duplicate row, or find out why the export lists it twice.",
  message: "Row {row} repeats row {first} cell for cell. Remove the duplicate or check why the export lists it twice.",
});

const DUPLICATE_ROWS: Check = {
  emits: [DUPLICATE_ROW],
  run(ctx) {
    for (const t of districtTables(ctx)) {
      // A pathway plan repeats a shared course under each pathway, with the pathway's name carried down (blank).
      if (t.kind === "pathway-plan") continue;
      // Rows are grouped by a hash of their cells' text and compared only within a group: no key string
      // per row (on a 100,000-row export those keys were much of the run's garbage).
      const seen = new Map<number, DataRow | DataRow[]>();
      for (const r of t.rows) {
        const n = textLength(r.cells);
        const hash = rowTextHash(r.cells, n);
        const group = seen.get(hash);
        let first: DataRow | undefined;
        if (group === undefined) seen.set(hash, r);
        else if (!Array.isArray(group)) {
          if (sameRowText(r.cells, group.cells, n)) first = group;
          else seen.set(hash, [group, r]);
        } else {
          for (const earlier of group)
            if (sameRowText(r.cells, earlier.cells, n)) {
              first = earlier;
              break;
            }
          if (first === undefined) group.push(r);
        }
        if (first === undefined) continue;
        ctx.report({ table: t, at: r, topic: topicOfRow(t, r), rule: DUPLICATE_ROW, fields: { row: r.row, first: first.row } });
      }
    }
  },
};

function bandOf(element: EligibilityElement): { min: number; max: number } {
  return { min: ELIGIBILITY[element].min, max: ELIGIBILITY[element].max };
}

/** Grade bands by export (the guide's checklist, kept in ../eligibility); exports without a band are only checked for form. */
const GRADE_BANDS: Partial<Record<ExportKind, { min: number; max: number; why: string }>> = {
  participants: { ...bandOf("participant"), why: "CTE participants are determined for grades 9-12" },
  "irc-wbl": { ...bandOf("irc"), why: "IRC and work-based learning are reported for grades 9-12" },
  concentrators: { ...bandOf("concentrator"), why: "CTE concentrators are reported in grades 11-12" },
};

export const GRADE_MISSING = rule({
  id: "GRADE-MISSING",
  topic: "cte-participants",
  severity: "error",
  description: "A blank grade in an export that has a grade column.",
  fix: "Enter the student's grade level placement in the SIS and export again.",
  message: "Grade is blank. Enter the student's grade level placement in the SIS and export again.",
});

export const GRADE_INVALID = rule({
  id: "GRADE-INVALID",
  topic: "cte-participants",
  severity: "error",
  description: "A grade that is not recognisable (9, 09, Grade 9, 9th, K12-09 are).",
  fix: "Use 9, 10, 11 or 12.",
  message: 'Grade {q:value} is not a grade level. Use 9, 10, 11 or 12 (09, "Grade 9" and K12-09 are read too).',
});

export const GRADE_OUT_OF_RANGE = rule({
  id: "GRADE-OUT-OF-RANGE",
  topic: "cte-participants",
  severity: "error",
  description: "Participants and IRC/WBL rows outside grades 9-12; concentrators outside 11-12.",
  fix: "Check the grade, or remove the student from the export.",
  message: "Grade {grade} is outside {min}-{max}: {why}. Check the grade or remove the student from this export.",
});

/** Each grade cell is read once: blank, not a grade, or outside its export's band. */
const GRADES: Check = {
  emits: [GRADE_MISSING, GRADE_INVALID, GRADE_OUT_OF_RANGE],
  run(ctx) {
    eachRow(ctx, STUDENT_KINDS, ["grade"], (t, r) => {
      const topic = topicOfRow(t, r);
      if (reportBlank(ctx, t, r, "grade", GRADE_MISSING, topic)) return;
      const text = t.present(r, "grade");
      if (text === null) return;
      const grade = normalizeGrade(t.raw(r, "grade") ?? null);
      if (grade === null) {
        ctx.report({ table: t, at: r, field: "grade", topic, rule: GRADE_INVALID, fields: { value: text } });
        return;
      }
      const band = GRADE_BANDS[t.kind];
      if (band && (grade < band.min || grade > band.max)) {
        ctx.report({ table: t, at: r, field: "grade", topic, rule: GRADE_OUT_OF_RANGE, fields: { grade, ...band } });
      }
    });
  },
};

export const CHECKS: readonly Check[] = [STRUCTURE, VALUE_ERRORS, STUDENT_IDS, DUPLICATE_ROWS, GRADES];
