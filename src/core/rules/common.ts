/** Rules every export shares: structure, error values, student ids, duplicate rows, grades. */
import { type CellValue, cellErrorText, cellText } from "../cells";
import { EligibilityElement, GRADE_BANDS as ELIGIBILITY } from "../eligibility";
import { normalizeGrade } from "../normalize";
import { Field } from "../recognize";
import { EXPORT_KINDS, type ExportKind } from "../report";
import { type DataRow, ExportTable } from "../table";
import { plural } from "../text";
import { RuleContext, RuleDef, q, topicOfRow } from "./types";

const STUDENT_KINDS: readonly ExportKind[] = ["participants", "concentrators", "hs-completion", "irc-wbl", "demographics"];

function allTables(ctx: RuleContext): ExportTable[] {
  return EXPORT_KINDS.flatMap((k) => [...ctx.tables(k)]);
}

export const SHEET_UNRECOGNIZED: RuleDef = {
  id: "SHEET-UNRECOGNIZED", topic: "structure", severity: "info",
  description: "No WISEdata export kind matches the sheet, so it is not checked: a warning when the sheet looks like data (a row of three or more text cells followed by rows of three or more cells), a note otherwise.",
};

export const COLUMN_INFERRED: RuleDef = {
  id: "COLUMN-INFERRED", topic: "structure", severity: "info",
  description: "A field was taken from a column's values (or position), not its header: names the field, the column and why, so it can be confirmed or corrected.",
};

export const RECORD_FIELD_COUNT: RuleDef = {
  id: "RECORD-FIELD-COUNT", topic: "structure", severity: "warning",
  description: "A CSV record has more or fewer fields than its header record: its values may sit under the wrong columns, so it is not checked (a single-parent or homeless value never moves into another field).",
  run(ctx) {
    for (const t of allTables(ctx)) {
      for (const r of t.misshapenRecords) {
        const how = r.fields < r.headerFields ? "fewer" : "more";
        ctx.report({ table: t, at: r, message: `Record ${r.row} has ${plural(r.fields, "field")}, ${how} than the ${r.headerFields} of the header record: a separator is missing or extra (often an unquoted comma inside a value), so its values may sit under the wrong columns. The record is not checked; fix it and export again.` });
      }
    }
  },
};

export const COLUMN_MISSING: RuleDef = {
  id: "COLUMN-MISSING", topic: "structure", severity: "error",
  description: "A recognised export lacks a column its checks need (one finding, on the header row).",
};

export const COLUMN_DUPLICATE: RuleDef = {
  id: "COLUMN-DUPLICATE", topic: "structure", severity: "warning",
  description: "Two columns map to the same field; the first is used.",
};

export const VALUE_ERROR: RuleDef = {
  id: "VALUE-ERROR", topic: "structure", severity: "error",
  description: "An Excel error value (#N/A, #REF! …) in a checked column; it is not treated as data.",
  run(ctx) {
    for (const t of allTables(ctx)) {
      // DPI's own lists are reference data, not the district's: an error cell there only drops that entry.
      if (t.kind === "dpi-courses" || t.kind === "dpi-iac-clusters") continue;
      const mapped = Object.entries(t.columns) as [Field, number][];
      for (const r of t.rows) {
        for (const [field, col] of mapped) {
          const err = cellErrorText(r.cells[col]);
          if (err === null) continue;
          const shown = t.isSensitive(field) ? "an Excel error value" : `the Excel error ${err}`;
          ctx.report({ table: t, at: r, field, message: `Column ${q(t.headerOf(field) ?? field)} holds ${shown}, not data. Fix the formula or paste the export's values again.` });
        }
      }
    }
  },
};

export const STUDENT_ID_MISSING: RuleDef = {
  id: "STUDENT-ID-MISSING", topic: "cte-participants", severity: "error",
  description: "A student export row with a blank student id.",
  run(ctx) {
    for (const kind of STUDENT_KINDS) for (const t of ctx.tables(kind)) {
      if (!t.has("studentId")) continue;
      for (const r of t.rows) {
        if (t.blank(r, "studentId")) {
          ctx.report({ table: t, at: r, field: "studentId", topic: topicOfRow(t, r), message: "Student id is blank. Every row must identify its student (WSN); fix the record in the SIS and export again." });
        }
      }
    }
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

export const DUPLICATE_ROW: RuleDef = {
  id: "DUPLICATE-ROW", topic: "structure", severity: "warning",
  description: "A row whose cells all equal an earlier row's in the same sheet (the later row is flagged).",
  run(ctx) {
    for (const t of allTables(ctx)) {
      if (t.kind === "dpi-courses" || t.kind === "dpi-iac-clusters") continue;
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
          for (const earlier of group) if (sameRowText(r.cells, earlier.cells, n)) { first = earlier; break; }
          if (first === undefined) group.push(r);
        }
        if (first === undefined) continue;
        ctx.report({ table: t, at: r, topic: topicOfRow(t, r), message: `Row ${r.row} repeats row ${first.row} cell for cell. Remove the duplicate or check why the export lists it twice.` });
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

export const GRADE_INVALID: RuleDef = {
  id: "GRADE-INVALID", topic: "cte-participants", severity: "error",
  description: "A grade that is not recognisable (9, 09, Grade 9, 9th, K12-09 are).",
};

export const GRADE_OUT_OF_RANGE: RuleDef = {
  id: "GRADE-OUT-OF-RANGE", topic: "cte-participants", severity: "error",
  description: "Participants and IRC/WBL rows outside grades 9-12; concentrators outside 11-12.",
};

/** GRADE-MISSING's pass also reports GRADE-INVALID and GRADE-OUT-OF-RANGE: each grade cell is read once. */
export const GRADE_MISSING: RuleDef = {
  id: "GRADE-MISSING", topic: "cte-participants", severity: "error",
  description: "A blank grade in an export that has a grade column.",
  run(ctx) {
    for (const kind of STUDENT_KINDS) for (const t of ctx.tables(kind)) {
      if (!t.has("grade")) continue;
      const band = GRADE_BANDS[kind];
      for (const r of t.rows) {
        const topic = topicOfRow(t, r);
        if (t.blank(r, "grade")) {
          ctx.report({ table: t, at: r, field: "grade", topic, rule: GRADE_MISSING, message: "Grade is blank. Enter the student's grade level placement in the SIS and export again." });
          continue;
        }
        const text = t.present(r, "grade");
        if (text === null) continue;
        const grade = normalizeGrade(t.raw(r, "grade") ?? null);
        if (grade === null) {
          ctx.report({ table: t, at: r, field: "grade", topic, rule: GRADE_INVALID, message: `Grade ${q(text)} is not a grade level. Use 9, 10, 11 or 12 (09, "Grade 9" and K12-09 are read too).` });
          continue;
        }
        if (band && (grade < band.min || grade > band.max)) {
          ctx.report({ table: t, at: r, field: "grade", topic, rule: GRADE_OUT_OF_RANGE, message: `Grade ${grade} is outside ${band.min}-${band.max}: ${band.why}. Check the grade or remove the student from this export.` });
        }
      }
    }
  },
};
