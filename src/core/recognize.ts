/**
 * Export-kind recognition from headers: find the header row within the first 20 rows,
 * map columns to canonical fields by synonyms, decide the kind by required and distinguishing fields.
 */
import { clipForMatching } from "./boundedText";
import { columnLetters } from "./address";
import { CellValue, cellText } from "./cells";
import {
  ColumnProfile,
  MOSTLY,
  MOSTLY_WITH_NAME,
  SAMPLE_ROWS,
  VALUE_CLASS_TEXT,
  ValueClass,
  isDataCell,
  profileColumns,
  shareOf,
} from "./columnValues";
import { looksLikeMarks, markCounts } from "./marks";
import { ExportKind } from "./report";
import { previousSchoolYear, schoolYearOfCell } from "./schoolYears";

export type Field =
  | "studentId"
  | "localStudentId"
  | "studentName"
  | "grade"
  | "school"
  | "cteCourseCount"
  | "iac"
  | "cluster"
  | "programArea"
  | "localCourseCode"
  | "localCourseTitle"
  | "rosterCode"
  | "cteCourse"
  | "careerPathway"
  | "cteDepartment"
  | "dualEnrollment"
  | "program"
  | "exitType"
  | "credentialType"
  | "exitDate"
  | "programType"
  | "programName"
  | "certificatedStatus"
  | "hours"
  | "singleParent"
  | "homeless"
  | "scedTitle"
  | "courseProgram"
  | "deprecated"
  | "courseDescription"
  | "iacTitle"
  | "suggested"
  | "pathwayName"
  | "schoolYear"
  | "term"
  | "passed"
  | "creditsEarned"
  | "mark";

/** Words SIS reports abbreviate in headers (Skyward's "Stu ID", "Crs Title"), read as the whole word. */
const HEADER_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["stu", "student"],
  ["stdnt", "student"],
  ["crs", "course"],
  ["nbr", "number"],
  ["num", "number"],
  ["hrs", "hours"],
  ["dt", "date"],
  ["lvl", "level"],
  ["cr", "credit"],
]);

/**
 * Normalised header: case, spacing, punctuation and a trailing "(s)" ignored; SIS abbreviations spelled out
 * ("Crs #" is "Course Number", "Cr Earned" "Credit Earned").
 */
export function headerKey(text: string): string {
  const t = clipForMatching(text.trimEnd()).toLowerCase();
  const words = (t.endsWith("(s)") ? t.slice(0, -3) : t)
    .replace(/&/g, " and ")
    .replace(/#/g, " number ")
    .split(/[^a-z0-9]+/);
  return words.map((w) => HEADER_ABBREVIATIONS.get(w) ?? w).join("");
}

const STUDENT_ID = ["Student ID", "WSN", "WISEid", "WISE ID", "Student WSN", "Student Id (WSN)", "Student ID (WSN)", "WISEid (WSN)"];
/** The district's own id: the student id only when the export has no WSN column. */
const LOCAL_STUDENT_ID = ["Local Student ID", "Student Number", "Local ID", "Local Student Number"];
const GRADE = ["Grade", "Grade Level", "Grade Level Placement", "Grade Placement", "Gr"];
const STUDENT_NAME = ["Student Name", "Name", "Student Full Name", "Full Name", "LastFirst", "Last, First", "Student Name (Last, First)"];
const SCHOOL = ["School", "School Name", "Primary School", "School of Enrollment", "Primary School of Enrollment"];
const DEPARTMENT = ["CTE Department", "Program Area", "Program Areas Type", "Program Area Type", "CTE Program Area", "Program Areas"];
const ROSTER = [
  "DPI Course Code",
  "Roster Code",
  "Course Code",
  "DPI Roster Code",
  "Roster Course Code",
  "SCED Roster Code",
  "State Course Code",
];
const CLUSTER = ["Cluster", "Cluster Title", "Career Pathway Type", "Career Cluster", "Career Pathway"];

/** Synonyms per field; the per-kind lists below say which fields a kind accepts. */
const FIELD_SYNONYMS: Record<Field, readonly string[]> = {
  studentId: STUDENT_ID,
  localStudentId: LOCAL_STUDENT_ID,
  studentName: STUDENT_NAME,
  grade: GRADE,
  school: SCHOOL,
  cteCourseCount: [
    "CTE Course Count",
    "CTE Courses",
    "CTE Courses Passed",
    "Courses Passed",
    "Passed CTE Course",
    "CTE Course Passed",
    "Passed Indicator",
    "CTE Participant",
    "Number of CTE Courses",
  ],
  iac: ["CTE Concentration IAC Code", "IAC", "IAC Code", "CIP Code", "CIP", "Instructional Area Code", "CTE Concentration IAC"],
  cluster: [...CLUSTER, "CTE Concentration Cluster", "CTE Concentration Program Area"],
  programArea: DEPARTMENT,
  localCourseCode: ["Local Course Code", "Local Course ID", "Course Number", "Local Course Number", "Course ID", "Course No"],
  localCourseTitle: ["Local Course Title", "Course Title", "Local Course Name", "Course Name", "Course Desc"],
  rosterCode: ROSTER,
  cteCourse: ["CTE Course", "CTE Course Indicator", "Is CTE Course", "CTE"],
  careerPathway: ["Career Pathway", "CTE Career Pathway", "Career Pathway Type", "Cluster", "Career Cluster"],
  cteDepartment: DEPARTMENT,
  dualEnrollment: ["Dual Enrollment", "Dual Enrollment Indicator", "Dual Credit", "Is Dual Enrollment"],
  program: ["Program", "Course Program", "Programs", "Section Program"],
  exitType: ["Exit Type", "Exit Type Code", "Exit Withdraw Type", "Exit Code"],
  credentialType: ["Credential Type", "Diploma Type", "Credential Type Code", "Credential"],
  exitDate: ["Exit Date", "Exit Withdraw Date", "Completion Date"],
  programType: ["Program Type", "Career Education Program Type", "Program Reference"],
  programName: [
    "Program Name",
    "Career Education Program",
    "Career Education Program Name",
    "IRC/WBL Program",
    "WBL Program",
    "IRC Program",
  ],
  certificatedStatus: [
    "Certificated Program Status",
    "Certificated Program Status Type",
    "Certificated Status",
    "Certificated Program Status Descriptor",
    "Certification Status",
  ],
  hours: ["Hours", "WBL Hours", "Work-Based Learning Hours", "Hours Completed", "Total Hours"],
  singleParent: ["Single Parent", "Single Parent Indicator", "Single Parent Status", "Single Parent/Pregnant"],
  homeless: ["Homeless", "Homeless Indicator", "Homeless Status", "Homeless Type"],
  scedTitle: ["SCED Course Title", "SCED Title", "Course Title", "Title"],
  courseProgram: ["Course Program", "Programs", "Program Associations", "Program Association", "Program"],
  deprecated: ["Deprecated", "Is Deprecated"],
  courseDescription: ["Course Description", "Description"],
  iacTitle: ["Title", "IAC Title", "CIP Title", "IAC Description"],
  suggested: ["Suggested", "Suggested IAC", "Is Suggested"],
  // Issue 13's kinds: the district's pathway plan, students' coursework (SIS transcript / historical grades
  // reports: Infinite Campus, Skyward, PowerSchool), last year's concentrators (a school-year column).
  // "Career Pathway" is the cluster in WISEdata's exports; in a plan beside a cluster column it is the pathway (see pathwayNameColumn).
  pathwayName: [
    "Career Pathway",
    "Pathway",
    "Pathway Name",
    "Career Pathway Name",
    "Local Pathway",
    "Pathway Title",
    "District Pathway",
    "Local Pathway Name",
  ],
  schoolYear: ["School Year", "End Year", "Year", "School Year End", "Academic Year", "SY", "Calendar Year", "Year Taken", "Start Year"],
  term: ["Term", "Term Name", "Semester", "Grading Period", "Term Code", "Store Code", "Storecode", "Term ID", "Termid"],
  passed: ["Passed", "Pass", "Pass/Fail", "Passed Flag", "Course Passed", "Completed", "Course Completed", "Passed Course"],
  creditsEarned: [
    "Credits Earned",
    "Earned Credit",
    "Earned Credits",
    "Credit Earned",
    "Earned Cr Hrs",
    "EarnedCrHrs",
    "Credits",
    "Credit",
    "Credit Earned Amount",
    "Earned",
  ],
  mark: [
    "Mark",
    "Grade/Mark",
    "Final Grade",
    "Final Mark",
    "Letter Grade",
    "Score",
    "Percent",
    "Course Grade",
    "Grade Earned",
    "Mark Earned",
    "Final Score",
    "Course Mark",
    "Marks",
  ],
};

export interface KindSpec {
  readonly kind: ExportKind;
  readonly title: string;
  readonly fields: readonly Field[];
  readonly required: readonly Field[];
}

export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: "participants",
    title: "CTE Participant export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "cteCourseCount"],
    required: ["studentId", "grade"],
  },
  {
    kind: "concentrators",
    title: "Career (CTE) Concentrators export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "iac", "cluster", "programArea", "schoolYear"],
    required: ["studentId", "grade", "iac", "cluster"],
  },
  {
    kind: "course-offerings",
    title: "Roster: Course Offering export",
    fields: [
      "school",
      "localCourseCode",
      "localCourseTitle",
      "rosterCode",
      "cteCourse",
      "careerPathway",
      "cteDepartment",
      "dualEnrollment",
      "program",
    ],
    required: ["localCourseTitle", "rosterCode"],
  },
  {
    kind: "courses",
    title: "Roster: Courses export",
    fields: ["school", "localCourseCode", "localCourseTitle", "rosterCode", "program", "dualEnrollment"],
    required: ["localCourseTitle", "rosterCode"],
  },
  {
    kind: "hs-completion",
    title: "HS Completion export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "exitType", "credentialType", "exitDate"],
    required: ["studentId", "exitType"],
  },
  {
    kind: "irc-wbl",
    title: "Industry-Recognized Credentials / Work-Based Learning export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "programType", "programName", "certificatedStatus", "hours"],
    required: ["studentId", "programName"],
  },
  {
    kind: "demographics",
    title: "Student Demographics export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "singleParent", "homeless"],
    required: ["studentId"],
  },
  {
    kind: "dpi-courses",
    title: "DPI course catalog",
    fields: ["rosterCode", "scedTitle", "courseProgram", "cteCourse", "cteDepartment", "deprecated", "courseDescription", "careerPathway"],
    required: ["rosterCode", "courseProgram"],
  },
  {
    kind: "dpi-iac-clusters",
    title: "DPI IAC to Cluster list",
    fields: ["iac", "cluster", "iacTitle", "suggested"],
    required: ["iac", "cluster"],
  },
  {
    kind: "pathway-plan",
    title: "Pathway plan (career pathways and their CTE courses)",
    fields: ["pathwayName", "iac", "cluster", "rosterCode", "localCourseCode", "localCourseTitle", "programArea"],
    required: ["pathwayName", "iac"],
  },
  {
    kind: "coursework",
    title: "Coursework (students' completed courses)",
    fields: [
      "studentId",
      "localStudentId",
      "studentName",
      "grade",
      "school",
      "schoolYear",
      "term",
      "rosterCode",
      "localCourseCode",
      "localCourseTitle",
      "passed",
      "creditsEarned",
      "mark",
    ],
    required: ["studentId"],
  },
  {
    kind: "previous-concentrators",
    title: "Last year's Career (CTE) Concentrators export",
    fields: ["studentId", "localStudentId", "studentName", "grade", "school", "iac", "cluster", "programArea", "schoolYear"],
    required: ["studentId", "grade", "iac"],
  },
];

export const KIND_SPEC: Readonly<Record<ExportKind, KindSpec>> = Object.fromEntries(KIND_SPECS.map((s) => [s.kind, s])) as Record<
  ExportKind,
  KindSpec
>;

/** Fields whose values are sensitive (single parent, homeless): never echoed in any output. */
export const SENSITIVE_FIELDS: ReadonlySet<Field> = new Set<Field>(["singleParent", "homeless"]);

/** A header naming a sensitive element: its column may only ever be read as that element. */
export function isSensitiveHeader(text: string): boolean {
  return fieldsOfKey(headerKey(text)).some((f) => SENSITIVE_FIELDS.has(f));
}

const KEY_TO_FIELDS = new Map<string, Field[]>();
for (const [field, synonyms] of Object.entries(FIELD_SYNONYMS) as [Field, readonly string[]][]) {
  for (const s of synonyms) {
    const key = headerKey(s);
    const list = KEY_TO_FIELDS.get(key) ?? [];
    if (!list.includes(field)) list.push(field);
    KEY_TO_FIELDS.set(key, list);
  }
}

/**
 * Spellings of the sensitive elements beyond the synonyms ("Single Parent (Y/N)", "Stu Single Parent",
 * "Pregnant/Single Parent", "Is Homeless", "Homeless (McKinney-Vento)", "Primary Nighttime Residence", the
 * McKinney-Vento element): any header that names the element anywhere in it is that element, so its values
 * are only ever read (and withheld) as it, never as a yes/no flag of another export.
 */
function sensitiveFieldsOfKey(key: string): readonly Field[] {
  if (key.includes("singleparent")) return ["singleParent"];
  if (key.includes("homeless") || key.includes("mckinneyvento") || key.includes("nighttimeresidence")) return ["homeless"];
  return [];
}

function fieldsOfKey(key: string): readonly Field[] {
  return KEY_TO_FIELDS.get(key) ?? sensitiveFieldsOfKey(key);
}

/** Fields a header text can mean (several when a synonym is shared, e.g. "Cluster"). */
export function fieldsForHeader(text: string): readonly Field[] {
  return fieldsOfKey(headerKey(text));
}

export interface ColumnMapping {
  /** field -> 0-based column index within the sheet's rows */
  readonly columns: Partial<Record<Field, number>>;
  /** fields that more than one column mapped to: the first column wins */
  readonly duplicates: { field: Field; columns: number[] }[];
}

/**
 * Maps header cells to one kind's fields. A header naming the kind's field directly wins over one that is
 * only a fallback: in concentrators, "CTE Concentration Program Area" is the cluster only when no other
 * cluster column exists (real exports put the cluster title there), and never the program area.
 */
export function mapColumns(kind: ExportKind, headers: readonly CellValue[]): ColumnMapping {
  const accepted = new Set(KIND_SPEC[kind].fields);
  const found = new Map<Field, number[]>();
  const fallbackCluster: number[] = [];
  headers.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    const key = headerKey(text);
    if ((kind === "concentrators" || kind === "previous-concentrators") && key === "cteconcentrationprogramarea") {
      fallbackCluster.push(index);
      return;
    }
    // "Course Title" is the local title in roster exports but the SCED title in the DPI catalog.
    let fields = fieldsOfKey(key).filter((f) => accepted.has(f));
    if (kind === "pathway-plan" && key === CAREER_PATHWAY_KEY) {
      fields = fields.filter((f) => f === (careerPathwayIsPlanName(headers) ? "pathwayName" : "cluster"));
    }
    const field = pickField(kind, fields);
    if (!field) return;
    const list = found.get(field) ?? [];
    list.push(index);
    found.set(field, list);
  });
  if (!found.has("cluster") && fallbackCluster.length > 0) found.set("cluster", fallbackCluster);
  if (!found.has("studentId") && found.has("localStudentId")) {
    found.set("studentId", found.get("localStudentId")!);
    found.delete("localStudentId");
  }
  const columns: Partial<Record<Field, number>> = {};
  const duplicates: { field: Field; columns: number[] }[] = [];
  for (const [field, list] of found) {
    columns[field] = list[0];
    if (list.length > 1) duplicates.push({ field, columns: list });
  }
  return { columns, duplicates };
}

/** When one header could mean two fields of the same kind, prefer the kind's more specific reading. */
function pickField(kind: ExportKind, fields: readonly Field[]): Field | undefined {
  if (fields.length <= 1) return fields[0];
  const preference: Partial<Record<ExportKind, Field[]>> = {
    "course-offerings": ["cteDepartment", "careerPathway", "program"],
    "dpi-courses": ["courseProgram", "cteDepartment", "careerPathway", "scedTitle"],
    concentrators: ["cluster", "programArea"],
    "previous-concentrators": ["cluster", "programArea"],
  };
  for (const f of preference[kind] ?? []) if (fields.includes(f)) return f;
  return fields[0];
}

/** All fields any known header in a row could mean. */
function fieldsInRow(row: readonly CellValue[]): Set<Field> {
  const set = new Set<Field>();
  for (const cell of row) {
    const text = cellText(cell);
    if (!text) continue;
    for (const f of fieldsOfKey(headerKey(text))) set.add(f);
  }
  return set;
}

function rowHasHeader(row: readonly CellValue[], ...keys: string[]): boolean {
  const wanted = new Set(keys.map(headerKey));
  return row.some((c) => wanted.has(headerKey(cellText(c))));
}

const CAREER_PATHWAY_KEY = headerKey("Career Pathway");

/** Whether a header other than "Career Pathway" names the pathway ("Pathway Name", "Local Pathway" …). */
function headerPathwayName(row: readonly CellValue[]): boolean {
  return row.some((c) => {
    const key = headerKey(cellText(c));
    return key !== CAREER_PATHWAY_KEY && fieldsOfKey(key).includes("pathwayName");
  });
}

/**
 * A plan headed "Career Pathway | IAC | Cluster | Roster Code …": there "Career Pathway" is the district's
 * pathway name, since another column holds the cluster and an IAC and courses are given.
 */
function careerPathwayIsPlanName(row: readonly CellValue[]): boolean {
  const keys = row.map((c) => headerKey(cellText(c)));
  if (!keys.includes(CAREER_PATHWAY_KEY) || headerPathwayName(row)) return false;
  const means = (field: Field) => keys.some((k) => k !== CAREER_PATHWAY_KEY && fieldsOfKey(k).includes(field));
  return means("iac") && means("cluster") && (means("localCourseCode") || means("localCourseTitle") || means("rosterCode"));
}

/** Decides the kind from the fields a header row offers; null when none fits. */
export function decideKind(row: readonly CellValue[]): ExportKind | null {
  return decideKindOf(fieldsInRow(row), row);
}

/** The kind decision on a set of fields (from headers, and from values where headers did not decide). */
function decideKindOf(f: ReadonlySet<Field>, row: readonly CellValue[]): ExportKind | null {
  const hasStudent = f.has("studentId") || f.has("localStudentId");
  const hasLocalCourse = f.has("localCourseTitle") || f.has("localCourseCode");
  // A student's courses (a transcript, a coursework or historical grades report): a student and a course on each row.
  // Only an IAC header rules it out: credits (0.5) and percents (88.5) read like CIP codes by value.
  // A participants export that lists courses keeps its kind: its CTE course count / passed indicator says so.
  if (hasStudent && (hasLocalCourse || f.has("rosterCode")) && !f.has("cteCourseCount") && !fieldsInRow(row).has("iac"))
    return "coursework";
  // The district's pathway plan: a pathway name and its courses or IAC, no students. A "Career Pathway" header
  // names the pathway only beside an IAC, courses and another cluster column (a course offering's is the cluster).
  const namesPathway = f.has("pathwayName") && (headerPathwayName(row) || careerPathwayIsPlanName(row));
  if (!hasStudent && namesPathway && (hasLocalCourse || f.has("rosterCode") || f.has("iac"))) return "pathway-plan";
  if (hasStudent) {
    if (f.has("iac") || f.has("cluster")) return "concentrators";
    if (f.has("exitType")) return "hs-completion";
    if (f.has("programName")) return "irc-wbl";
    if (f.has("singleParent") || f.has("homeless")) return "demographics";
    return "participants";
  }
  // DPI's course download says "Roster Code" and "Course Program" and has no local columns; its "Course
  // Title" is the SCED title, not a local one.
  const dpiCatalog = rowHasHeader(row, "Roster Code") && f.has("courseProgram") && !row.some((c) => /^\s*local\b/i.test(cellText(c)));
  if (dpiCatalog) return "dpi-courses";
  if (hasLocalCourse) {
    if (!(f.has("localCourseTitle") || rowHasHeader(row, "Course Title")) && !f.has("rosterCode")) return null;
    const offeringOnly =
      f.has("localCourseCode") || f.has("cteCourse") || f.has("cteDepartment") || f.has("careerPathway") || f.has("dualEnrollment");
    return offeringOnly ? "course-offerings" : "courses";
  }
  // A student export whose id column is missing: recognised so COLUMN-MISSING can say so. DPI's reference
  // lists never have a grade, so a grade column rules them out.
  if (f.has("grade") && (f.has("iac") || f.has("exitType") || f.has("programName") || f.has("singleParent") || f.has("homeless"))) {
    if (f.has("iac")) return "concentrators";
    if (f.has("exitType")) return "hs-completion";
    if (f.has("programName")) return "irc-wbl";
    return "demographics";
  }
  if (f.has("rosterCode") && f.has("courseProgram")) return "dpi-courses";
  if (f.has("iac") && (f.has("cluster") || f.has("careerPathway"))) return "dpi-iac-clusters";
  return null;
}

export const HEADER_SEARCH_ROWS = 20;

/**
 * The previous school year when every filled cell of a concentrators export's school-year column names it
 * (then the sheet is last year's concentrators, not this year's); null otherwise.
 */
function lastYearOnly(
  rows: readonly (readonly CellValue[])[],
  headerIndex: number,
  column: number | undefined,
  checked: string | undefined,
): string | null {
  if (column === undefined || !checked || headerIndex < 0) return null;
  const previous = previousSchoolYear(checked);
  let seen = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cell = rows[i]?.[column];
    if (cellText(cell) === "") continue;
    if (schoolYearOfCell(cell) !== previous) return null;
    seen++;
  }
  return seen > 0 ? previous : null;
}

/** A school year in a sheet or file name ("Concentrators 2024-25", "conc_2024-2025"), bounded by non-digits. */
const YEAR_IN_NAME = /(?:^|\D)(\d{4} ?[-–/] ?(?:\d{4}|\d{2}))(?!\d)/g;

/**
 * The year before the checked one when a concentrators sheet without a school-year column is named for it
 * (and for no other year): last year's export as districts save it, "Concentrators 2024-25".
 */
function lastYearInName(name: string | undefined, checked: string | undefined): string | null {
  if (!name || !checked) return null;
  const previous = previousSchoolYear(checked);
  const years = new Set<string | null>();
  const text = clipForMatching(name);
  YEAR_IN_NAME.lastIndex = 0;
  for (let m = YEAR_IN_NAME.exec(text); m !== null; m = YEAR_IN_NAME.exec(text)) years.add(schoolYearOfCell(m[1]));
  return years.size === 1 && years.has(previous) ? previous : null;
}

/**
 * In coursework, "Grade" is often the mark (PowerSchool's stored grades), while every other export uses it for
 * the grade level: a grade column whose values read as letter marks, pass/fail words or percents is the mark.
 */
function marksOutOfGradeColumns(
  mapping: ColumnMapping,
  rows: readonly (readonly CellValue[])[],
  headerIndex: number,
  headers: readonly string[],
): { mapping: ColumnMapping; moved: InferredColumn | null } {
  const gradeColumns =
    mapping.duplicates.find((d) => d.field === "grade")?.columns ?? (mapping.columns.grade !== undefined ? [mapping.columns.grade] : []);
  if (gradeColumns.length === 0) return { mapping, moved: null };
  const sample = (c: number) => {
    const values: CellValue[] = [];
    for (let i = headerIndex + 1; i < rows.length && values.length < SAMPLE_ROWS; i++) {
      const v = rows[i]?.[c];
      if (cellText(v) !== "") values.push(v);
    }
    return values;
  };
  const markColumns = gradeColumns.filter((c) => looksLikeMarks(sample(c)));
  if (markColumns.length === 0) return { mapping, moved: null };
  const columns: Partial<Record<Field, number>> = { ...mapping.columns };
  const grades = gradeColumns.filter((c) => !markColumns.includes(c));
  if (grades.length > 0) columns.grade = grades[0];
  else delete columns.grade;
  const duplicates = mapping.duplicates.filter((d) => d.field !== "grade");
  if (grades.length > 1) duplicates.push({ field: "grade", columns: grades });
  if (columns.mark !== undefined) return { mapping: { columns, duplicates }, moved: null };
  const [column] = markColumns;
  columns.mark = column;
  const counts = markCounts(sample(column));
  const why =
    `${counts.marks} of ${counts.sampled} sampled values are letter marks, pass/fail words or percents ` +
    "(in coursework a grade column of marks is the mark, not the grade level)";
  return { mapping: { columns, duplicates }, moved: { field: "mark", column, header: headers[column] || `column ${column + 1}`, why } };
}

/** A header quoted in a note: a hostile megabyte header cell is cut, so the note stays one short line. */
function shortQuote(text: string): string {
  const t = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `‘${t}’`;
}

/** A field taken from a column's values, not its header. */
export interface InferredColumn {
  readonly field: Field;
  /** 0-based column index within the sheet's rows */
  readonly column: number;
  /** the column's header text ("Column D" for a sheet without a header row) */
  readonly header: string;
  /** why, in plain words: "9 of 10 sampled values are CIP codes like 01.09" */
  readonly why: string;
}

export interface Recognition {
  readonly kind: ExportKind | null;
  /** 0-based index into the sheet's rows; -1 for a sheet without a header row; null when not recognised */
  readonly headerIndex: number | null;
  readonly mapping: ColumnMapping;
  readonly missing: readonly Field[];
  readonly note: string;
  /** fields taken from values (COLUMN-INFERRED), in the kind's field order */
  readonly inferred: readonly InferredColumn[];
}

export interface RecognizeHints {
  /** the sheet's name, or a CSV file's base name: supporting evidence for the kind, never the only one */
  readonly name?: string;
  /** the school year checked ("2025-26"): a concentrators export whose school-year column is all the year before is last year's */
  readonly schoolYear?: string;
}

/** Fields a column's values can decide, and the value class that decides each. Sensitive fields never. */
const VALUE_FIELDS: Partial<Record<Field, ValueClass>> = {
  studentId: "studentId",
  grade: "grade",
  iac: "iac",
  cluster: "cluster",
  programArea: "programArea",
  exitType: "exitType",
  certificatedStatus: "certificatedStatus",
  programName: "programName",
};
/** Value classes strong enough to tell one student export from another (cluster and program area names are not). */
const KIND_DECIDING_CLASSES: readonly ValueClass[] = ["studentId", "grade", "iac", "exitType", "programName"];
/** Yes/no fields a kind may take from a flag column, when exactly one of them and one flag column are left. */
const FLAG_FIELDS: Partial<Record<ExportKind, readonly Field[]>> = {
  participants: ["cteCourseCount"],
  "course-offerings": ["cteCourse", "dualEnrollment"],
  courses: ["dualEnrollment"],
};

/** The export a sheet or file name speaks of ("…concentrator…", "…roster…", "…completion…"), or null. */
export function kindNamedBy(name: string | undefined): ExportKind | null {
  if (!name) return null;
  const n = name.toLowerCase();
  if (/concentrator/.test(n)) return "concentrators";
  if (/complet|graduat|exit/.test(n)) return "hs-completion";
  if (/\birc\b|\bwbl\b|work.?based|credential/.test(n)) return "irc-wbl";
  if (/demograph/.test(n)) return "demographics";
  if (/offering|roster|section/.test(n)) return "course-offerings";
  if (/participant/.test(n)) return "participants";
  return null;
}

/** Fields of the student exports: a header naming only other fields (a course's "Program") does not decide a student column. */
const STUDENT_EXPORT_FIELDS: ReadonlySet<Field> = new Set(
  // Coursework's own fields (a "Passed" flag, a "Mark") do not decide a column of another student export.
  KIND_SPECS.filter((s) => s.fields.includes("studentId") && s.kind !== "coursework").flatMap((s) => s.fields),
);

/**
 * A column whose header names no known field (or is empty), or names only course and reference fields
 * ("Program", "Title", "Description"): its values may decide it, so an IRC/WBL report's "Program" column of
 * program names is the program name. Columns a kind maps from their header are never re-read.
 */
function headerUndecided(cell: CellValue | undefined): boolean {
  const text = cellText(cell);
  if (text === "") return true;
  const fields = fieldsOfKey(headerKey(text));
  return !fields.some((f) => STUDENT_EXPORT_FIELDS.has(f));
}

interface ValueEvidence {
  readonly profiles: readonly ColumnProfile[];
  /** columns whose header does not decide them */
  readonly open: ReadonlySet<number>;
  readonly namedKind: ExportKind | null;
}

function evidenceFor(rows: readonly (readonly CellValue[])[], headerIndex: number, hints: RecognizeHints | undefined): ValueEvidence {
  const profiles = profileColumns(rows, headerIndex);
  const header = headerIndex >= 0 ? (rows[headerIndex] ?? []) : [];
  const open = new Set<number>();
  const width = Math.max(profiles.length, header.length);
  for (let c = 0; c < width; c++) if (headerIndex < 0 || headerUndecided(header[c])) open.add(c);
  return { profiles, open, namedKind: kindNamedBy(hints?.name) };
}

function thresholdFor(field: Field, kind: ExportKind | null, evidence: ValueEvidence): number {
  return evidence.namedKind !== null && evidence.namedKind === kind && field !== "studentId" && field !== "grade"
    ? MOSTLY_WITH_NAME
    : MOSTLY;
}

/** The field a class can fill; a column fits a cluster or a program area only when that reading beats the other. */
function columnFits(profile: ColumnProfile, cls: ValueClass, threshold: number): boolean {
  if (profile.sampled === 0) return false;
  const share = shareOf(profile, cls);
  if (share < threshold) return false;
  if (cls === "cluster") return share >= shareOf(profile, "programArea");
  if (cls === "programArea") return share > shareOf(profile, "cluster");
  return true;
}

/** Fields the open columns' values speak for, for the kind decision (before any kind is known). */
function valueFields(evidence: ValueEvidence): Set<Field> {
  const fields = new Set<Field>();
  for (const c of evidence.open) {
    const profile = evidence.profiles[c];
    if (!profile) continue;
    for (const cls of KIND_DECIDING_CLASSES) {
      const field = cls as Field;
      const threshold =
        evidence.namedKind && KIND_SPEC[evidence.namedKind].fields.includes(field) && cls !== "studentId" && cls !== "grade"
          ? MOSTLY_WITH_NAME
          : MOSTLY;
      if (columnFits(profile, cls, threshold)) fields.add(field);
    }
  }
  return fields;
}

function describeShare(profile: ColumnProfile, cls: ValueClass): string {
  const n = profile.counts[cls] ?? 0;
  return `${n} of ${profile.sampled} sampled values are ${VALUE_CLASS_TEXT[cls]}`;
}

/** Fills a kind's unmapped fields from open columns' values (each column used once, in the kind's field order). */
function inferColumns(
  kind: ExportKind,
  mapping: ColumnMapping,
  evidence: ValueEvidence,
  headers: readonly string[],
): { mapping: ColumnMapping; inferred: InferredColumn[] } {
  const columns: Partial<Record<Field, number>> = { ...mapping.columns };
  const used = new Set<number>(Object.values(columns) as number[]);
  for (const d of mapping.duplicates) for (const c of d.columns) used.add(c);
  const inferred: InferredColumn[] = [];
  const nameNote = evidence.namedKind === kind ? " (below the usual share, but the sheet's name speaks of this export)" : "";
  const headerOf = (c: number) => headers[c] || `column ${c + 1}`;
  for (const field of KIND_SPEC[kind].fields) {
    const cls = VALUE_FIELDS[field];
    if (!cls || columns[field] !== undefined || SENSITIVE_FIELDS.has(field)) continue;
    if (field === "studentId" && columns.localStudentId !== undefined) continue;
    const threshold = thresholdFor(field, kind, evidence);
    let best = -1;
    for (const c of evidence.open) {
      const profile = evidence.profiles[c];
      if (used.has(c) || !profile || !columnFits(profile, cls, threshold)) continue;
      if (best < 0 || shareOf(profile, cls) > shareOf(evidence.profiles[best], cls)) best = c;
    }
    if (best < 0) continue;
    columns[field] = best;
    used.add(best);
    inferred.push({
      field,
      column: best,
      header: headerOf(best),
      why: `${describeShare(evidence.profiles[best], cls)}${shareOf(evidence.profiles[best], cls) < MOSTLY ? nameNote : ""}`,
    });
  }
  const flagFields = (FLAG_FIELDS[kind] ?? []).filter((f) => columns[f] === undefined);
  const flagColumns = [...evidence.open].filter(
    (c) => !used.has(c) && evidence.profiles[c] && columnFits(evidence.profiles[c], "flag", MOSTLY),
  );
  if (flagFields.length === 1 && flagColumns.length === 1) {
    const [field] = flagFields;
    const [c] = flagColumns;
    columns[field] = c;
    inferred.push({
      field,
      column: c,
      header: headerOf(c),
      why: `${describeShare(evidence.profiles[c], "flag")}, the only yes/no column left`,
    });
  }
  return { mapping: { columns, duplicates: mapping.duplicates }, inferred };
}

function textsOf(rows: readonly (readonly CellValue[])[], headerIndex: number): string[] {
  if (headerIndex >= 0) return (rows[headerIndex] ?? []).map((c) => cellText(c));
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return Array.from({ length: width }, (_, c) => `Column ${columnLetters(c + 1)}`);
}

function nonEmptyCount(row: readonly CellValue[]): number {
  let n = 0;
  for (const c of row) if (cellText(c) !== "") n++;
  return n;
}

/**
 * Finds the header row (the first of the first 20 rows whose cells, with the values below them where the
 * headers leave columns open, decide a kind with at least two known fields) and maps its columns.
 * `forcedKind` and `forcedHeaderIndex` are the user's overrides; `hints.name` is the sheet or file name.
 */
export function recognize(
  rows: readonly (readonly CellValue[])[],
  forcedKind?: ExportKind | null,
  forcedHeaderIndex?: number,
  hints?: RecognizeHints,
): Recognition {
  const build = (decided: ExportKind, index: number, evidence: ValueEvidence, decidedHow: string): Recognition => {
    const headers = textsOf(rows, index);
    let kind = decided;
    let how = decidedHow;
    let base = index >= 0 ? mapColumns(kind, rows[index] ?? []) : { columns: {}, duplicates: [] };
    const lastYear = !forcedKind && kind === "concentrators" ? lastYearOnly(rows, index, base.columns.schoolYear, hints?.schoolYear) : null;
    const namedLastYear =
      !forcedKind && !lastYear && kind === "concentrators" && base.columns.schoolYear === undefined
        ? lastYearInName(hints?.name, hints?.schoolYear)
        : null;
    if (lastYear) {
      kind = "previous-concentrators";
      base = mapColumns(kind, rows[index] ?? []);
      how = `${how} and its ${shortQuote(headers[base.columns.schoolYear as number] ?? "")} column (every row is ${lastYear})`;
    } else if (namedLastYear) {
      kind = "previous-concentrators";
      base = mapColumns(kind, rows[index] ?? []);
      how = `${how} and its name, which says ${namedLastYear} (it has no school-year column; if it is this year's, mark it as concentrators)`;
    }
    const marks = kind === "coursework" ? marksOutOfGradeColumns(base, rows, index, headers) : null;
    if (marks) base = marks.mapping;
    const fromColumns = inferColumns(kind, base, evidence, headers);
    const { mapping } = fromColumns;
    const inferred = marks?.moved ? [marks.moved, ...fromColumns.inferred] : fromColumns.inferred;
    const missing = KIND_SPEC[kind].required.filter((r) => mapping.columns[r] === undefined);
    const fromValues = inferred.length ? ` and the values of ${inferred.map((i) => shortQuote(i.header)).join(", ")}` : "";
    const named = !forcedKind && evidence.namedKind === kind ? "; its name agrees" : "";
    const note = forcedKind
      ? `kind set by the user (${KIND_SPEC[kind].title})${fromValues ? `; columns from${fromValues.slice(4)}` : ""}`
      : `recognised as ${KIND_SPEC[kind].title} from ${how}${fromValues}${named}`;
    return { kind, headerIndex: index, mapping, missing, note, inferred };
  };
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  if (forcedHeaderIndex !== undefined && forcedHeaderIndex >= 0 && forcedHeaderIndex < rows.length) {
    const evidence = evidenceFor(rows, forcedHeaderIndex, hints);
    const row = rows[forcedHeaderIndex] ?? [];
    const kind = forcedKind ?? decideKindOf(new Set([...fieldsInRow(row), ...valueFields(evidence)]), row);
    if (kind) return build(kind, forcedHeaderIndex, evidence, `the header row the user set`);
  }
  let best: { index: number; known: number } | null = null;
  for (let i = 0; i < limit; i++) {
    const row = rows[i] ?? [];
    const known = fieldsInRow(row).size;
    if (known < 1) continue;
    // One known header is enough when the values below add a second field ("Student Number" + exit types).
    const evidence = evidenceFor(rows, i, hints);
    const fields = new Set([...fieldsInRow(row), ...valueFields(evidence)]);
    if (fields.size < 2) continue;
    if (known >= 2 && (!best || known > best.known)) best = { index: i, known };
    const kind = forcedKind ?? decideKindOf(fields, row);
    if (!kind) continue;
    const r = build(kind, i, evidence, "its headers");
    if (Object.keys(r.mapping.columns).length < 2) continue;
    return r;
  }
  const fromValues = recognizeFromValues(rows, limit, forcedKind ?? null, hints);
  if (fromValues) {
    const evidence = evidenceFor(rows, fromValues.index, hints);
    const r = build(
      fromValues.kind,
      fromValues.index,
      evidence,
      fromValues.index < 0 ? "its values (it has no header row)" : "its values (its headers are not ones we know)",
    );
    if (forcedKind || r.inferred.length >= 2) return r;
  }
  if (forcedKind) {
    // The user chose the kind of a sheet whose headers we mostly do not know: its first non-empty row is
    // the header when it has at least one known header; otherwise the sheet has no header row (-1) and
    // every row is data, so no student's values are ever taken for column names.
    const first = rows.slice(0, limit).findIndex((r) => r.some((c) => cellText(c) !== ""));
    if (first >= 0 && fieldsInRow(rows[first]).size > 0) return build(forcedKind, first, evidenceFor(rows, first, hints), "its headers");
    return {
      kind: forcedKind,
      headerIndex: -1,
      mapping: { columns: {}, duplicates: [] },
      missing: KIND_SPEC[forcedKind].required,
      note: `kind set by the user (${KIND_SPEC[forcedKind].title}); no header row, columns are named by letter`,
      inferred: [],
    };
  }
  const empty: ColumnMapping = { columns: {}, duplicates: [] };
  const note = rows.every((r) => r.every((c) => cellText(c) === ""))
    ? "the sheet is empty"
    : best
      ? `row ${best.index + 1} has known headers, but not the set of any WISEdata export`
      : `no known export headers in the first ${HEADER_SEARCH_ROWS} rows`;
  return { kind: null, headerIndex: null, mapping: empty, missing: [], note, inferred: [] };
}

/**
 * A sheet whose headers we do not know at all: its first row of at least three non-empty cells is the
 * header when its cells read as names, or the sheet has no header row when that row is already data
 * (only when it is the sheet's first row: a title above data would otherwise become a data row). The
 * values below then decide the kind, which needs a student id and one more deciding column.
 */
function recognizeFromValues(
  rows: readonly (readonly CellValue[])[],
  limit: number,
  forcedKind: ExportKind | null,
  hints: RecognizeHints | undefined,
): { kind: ExportKind; index: number } | null {
  const first = rows.slice(0, limit).findIndex((r) => nonEmptyCount(r) >= 3);
  if (first < 0) return null;
  const isData = rows[first].some(isDataCell);
  // A data row below a title: the title row is not a header, and data never becomes one.
  if (isData && first !== 0) return null;
  const index = isData ? -1 : first;
  if (forcedKind) return { kind: forcedKind, index };
  const fields = valueFields(evidenceFor(rows, index, hints));
  if (!fields.has("studentId") || fields.size < 2) return null;
  const kind = decideKindOf(fields, []);
  return kind ? { kind, index } : null;
}

/**
 * Whether an unrecognised sheet looks like data (SHEET-UNRECOGNIZED is then a warning, not a note): a row of
 * at least three non-empty text cells within the first 20 rows, followed by a row of at least three
 * non-empty cells (blank rows between them are skipped).
 */
export function looksLikeData(rows: readonly (readonly CellValue[])[]): boolean {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = rows[i] ?? [];
    if (row.filter((c) => typeof c === "string" && c.trim() !== "").length < 3) continue;
    for (let j = i + 1; j < rows.length && j <= i + HEADER_SEARCH_ROWS; j++) {
      const n = nonEmptyCount(rows[j] ?? []);
      if (n === 0) continue;
      if (n >= 3) return true;
      break;
    }
  }
  return false;
}

/** Every field name, for validating user corrections (--column, --map). */
export const ALL_FIELDS: readonly Field[] = Object.keys(FIELD_SYNONYMS) as Field[];
