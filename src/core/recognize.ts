/**
 * Export-kind recognition from headers (spec §2): find the header row within the first 20 rows,
 * map columns to canonical fields by synonyms, decide the kind by required and distinguishing fields.
 */
import { clipForMatching } from "./boundedText";
import { CellValue, cellText } from "./cells";
import { ExportKind } from "./report";

export type Field =
  | "studentId" | "localStudentId" | "studentName" | "grade" | "school" | "cteCourseCount"
  | "iac" | "cluster" | "programArea"
  | "localCourseCode" | "localCourseTitle" | "rosterCode" | "cteCourse" | "careerPathway" | "cteDepartment"
  | "dualEnrollment" | "program"
  | "exitType" | "credentialType" | "exitDate"
  | "programType" | "programName" | "certificatedStatus" | "hours"
  | "singleParent" | "homeless"
  | "scedTitle" | "courseProgram" | "deprecated" | "courseDescription"
  | "iacTitle" | "suggested";

/** Normalised header: case, spacing, punctuation and a trailing "(s)" ignored. */
export function headerKey(text: string): string {
  const t = clipForMatching(text.trimEnd()).toLowerCase();
  return (t.endsWith("(s)") ? t.slice(0, -3) : t).replace(/&/g, "and").replace(/[^a-z0-9]+/g, "");
}

const STUDENT_ID = ["Student ID", "WSN", "WISEid", "WISE ID", "Student WSN", "Student Id (WSN)", "Student ID (WSN)", "WISEid (WSN)"];
/** The district's own id: the student id only when the export has no WSN column. */
const LOCAL_STUDENT_ID = ["Local Student ID", "Student Number", "Local ID", "Local Student Number"];
const GRADE = ["Grade", "Grade Level", "Grade Level Placement", "Grade Placement", "Gr"];
const STUDENT_NAME = ["Student Name", "Name", "Student Full Name", "Full Name"];
const SCHOOL = ["School", "School Name", "Primary School", "School of Enrollment", "Primary School of Enrollment"];
const DEPARTMENT = ["CTE Department", "Program Area", "Program Areas Type", "Program Area Type", "CTE Program Area", "Program Areas"];
const ROSTER = ["DPI Course Code", "Roster Code", "Course Code", "DPI Roster Code", "Roster Course Code", "SCED Roster Code"];
const CLUSTER = ["Cluster", "Cluster Title", "Career Pathway Type", "Career Cluster", "Career Pathway"];

/** Synonyms per field; the per-kind lists below say which fields a kind accepts. */
const FIELD_SYNONYMS: Record<Field, readonly string[]> = {
  studentId: STUDENT_ID,
  localStudentId: LOCAL_STUDENT_ID,
  studentName: STUDENT_NAME,
  grade: GRADE,
  school: SCHOOL,
  cteCourseCount: ["CTE Course Count", "CTE Courses", "CTE Courses Passed", "Courses Passed", "Passed CTE Course", "CTE Course Passed", "Passed Indicator", "CTE Participant", "Number of CTE Courses"],
  iac: ["CTE Concentration IAC Code", "IAC", "IAC Code", "CIP Code", "CIP", "Instructional Area Code", "CTE Concentration IAC"],
  cluster: [...CLUSTER, "CTE Concentration Cluster", "CTE Concentration Program Area"],
  programArea: DEPARTMENT,
  localCourseCode: ["Local Course Code", "Local Course ID", "Course Number", "Local Course Number"],
  localCourseTitle: ["Local Course Title", "Course Title", "Local Course Name", "Course Name"],
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
  programName: ["Program Name", "Career Education Program", "Career Education Program Name", "IRC/WBL Program", "WBL Program", "IRC Program"],
  certificatedStatus: ["Certificated Program Status", "Certificated Program Status Type", "Certificated Status", "Certificated Program Status Descriptor", "Certification Status"],
  hours: ["Hours", "WBL Hours", "Work-Based Learning Hours", "Hours Completed", "Total Hours"],
  singleParent: ["Single Parent", "Single Parent Indicator", "Single Parent Status", "Single Parent/Pregnant"],
  homeless: ["Homeless", "Homeless Indicator", "Homeless Status", "Homeless Type"],
  scedTitle: ["SCED Course Title", "SCED Title", "Course Title", "Title"],
  courseProgram: ["Course Program", "Programs", "Program Associations", "Program Association", "Program"],
  deprecated: ["Deprecated", "Is Deprecated"],
  courseDescription: ["Course Description", "Description"],
  iacTitle: ["Title", "IAC Title", "CIP Title", "IAC Description"],
  suggested: ["Suggested", "Suggested IAC", "Is Suggested"],
};

export interface KindSpec {
  readonly kind: ExportKind;
  readonly title: string;
  readonly fields: readonly Field[];
  readonly required: readonly Field[];
}

export const KIND_SPECS: readonly KindSpec[] = [
  { kind: "participants", title: "CTE Participant export", fields: ["studentId", "localStudentId", "studentName", "grade", "school", "cteCourseCount"], required: ["studentId", "grade"] },
  { kind: "concentrators", title: "Career (CTE) Concentrators export", fields: ["studentId", "localStudentId", "studentName", "grade", "school", "iac", "cluster", "programArea"], required: ["studentId", "grade", "iac", "cluster"] },
  { kind: "course-offerings", title: "Roster: Course Offering export", fields: ["school", "localCourseCode", "localCourseTitle", "rosterCode", "cteCourse", "careerPathway", "cteDepartment", "dualEnrollment", "program"], required: ["localCourseTitle", "rosterCode"] },
  { kind: "courses", title: "Roster: Courses export", fields: ["school", "localCourseCode", "localCourseTitle", "rosterCode", "program", "dualEnrollment"], required: ["localCourseTitle", "rosterCode"] },
  { kind: "hs-completion", title: "HS Completion export", fields: ["studentId", "localStudentId", "studentName", "grade", "school", "exitType", "credentialType", "exitDate"], required: ["studentId", "exitType"] },
  { kind: "irc-wbl", title: "Industry-Recognized Credentials / Work-Based Learning export", fields: ["studentId", "localStudentId", "studentName", "grade", "school", "programType", "programName", "certificatedStatus", "hours"], required: ["studentId", "programName"] },
  { kind: "demographics", title: "Student Demographics export", fields: ["studentId", "localStudentId", "studentName", "grade", "school", "singleParent", "homeless"], required: ["studentId"] },
  { kind: "dpi-courses", title: "DPI course catalog", fields: ["rosterCode", "scedTitle", "courseProgram", "cteCourse", "cteDepartment", "deprecated", "courseDescription", "careerPathway"], required: ["rosterCode", "courseProgram"] },
  { kind: "dpi-iac-clusters", title: "DPI IAC to Cluster list", fields: ["iac", "cluster", "iacTitle", "suggested"], required: ["iac", "cluster"] },
];

export const KIND_SPEC: Readonly<Record<ExportKind, KindSpec>> = Object.fromEntries(KIND_SPECS.map((s) => [s.kind, s])) as Record<ExportKind, KindSpec>;

/** Fields whose values are sensitive: never echoed anywhere (spec §7). */
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
 * Spellings of the sensitive elements beyond the synonyms ("Single Parent (Y/N)", "Homeless (McKinney-Vento)",
 * "McKinney-Vento Homeless"): any header that starts with the element's name, or names McKinney-Vento, is that
 * element, so its values are only ever read (and withheld) as it.
 */
function sensitiveFieldsOfKey(key: string): readonly Field[] {
  if (key.startsWith("singleparent")) return ["singleParent"];
  if (key.startsWith("homeless") || key.includes("mckinneyvento")) return ["homeless"];
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
    if (kind === "concentrators" && key === "cteconcentrationprogramarea") {
      fallbackCluster.push(index);
      return;
    }
    // "Course Title" is the local title in roster exports but the SCED title in the DPI catalog.
    const fields = fieldsOfKey(key).filter((f) => accepted.has(f));
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

/** Decides the kind from the fields a header row offers (spec §2 "Deciding the kind"); null when none fits. */
export function decideKind(row: readonly CellValue[]): ExportKind | null {
  const f = fieldsInRow(row);
  const hasStudent = f.has("studentId") || f.has("localStudentId");
  const hasLocalCourse = f.has("localCourseTitle") || f.has("localCourseCode");
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
    const offeringOnly = f.has("localCourseCode") || f.has("cteCourse") || f.has("cteDepartment") || f.has("careerPathway") || f.has("dualEnrollment");
    return offeringOnly ? "course-offerings" : "courses";
  }
  if (f.has("rosterCode") && f.has("courseProgram")) return "dpi-courses";
  if (f.has("iac") && (f.has("cluster") || f.has("careerPathway"))) return "dpi-iac-clusters";
  // A student export whose id column is missing: recognised so COLUMN-MISSING can say so.
  if (f.has("grade") && (f.has("iac") || f.has("exitType") || f.has("programName") || f.has("singleParent") || f.has("homeless"))) {
    if (f.has("iac")) return "concentrators";
    if (f.has("exitType")) return "hs-completion";
    if (f.has("programName")) return "irc-wbl";
    return "demographics";
  }
  return null;
}

export const HEADER_SEARCH_ROWS = 20;

export interface Recognition {
  readonly kind: ExportKind | null;
  /** 0-based index into the sheet's rows; -1 for a sheet without a header row; null when not recognised */
  readonly headerIndex: number | null;
  readonly mapping: ColumnMapping;
  readonly missing: readonly Field[];
  readonly note: string;
}

/**
 * Finds the header row (the first of the first 20 rows whose cells decide a kind with at least two known
 * headers) and maps its columns. `forcedKind` is the user's override.
 */
export function recognize(rows: readonly (readonly CellValue[])[], forcedKind?: ExportKind | null, forcedHeaderIndex?: number): Recognition {
  const build = (kind: ExportKind, index: number): Recognition => {
    const mapping = mapColumns(kind, rows[index] ?? []);
    const missing = KIND_SPEC[kind].required.filter((r) => mapping.columns[r] === undefined);
    const note = forcedKind ? `kind set by the user (${KIND_SPEC[kind].title})` : `recognised as ${KIND_SPEC[kind].title} from its headers`;
    return { kind, headerIndex: index, mapping, missing, note };
  };
  if (forcedKind && forcedHeaderIndex !== undefined && forcedHeaderIndex >= 0 && forcedHeaderIndex < rows.length) {
    return build(forcedKind, forcedHeaderIndex);
  }
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let best: { index: number; known: number } | null = null;
  for (let i = 0; i < limit; i++) {
    const row = rows[i] ?? [];
    const known = fieldsInRow(row).size;
    if (known < 2) continue;
    if (!best || known > best.known) best = { index: i, known };
    const kind = forcedKind ?? decideKind(row);
    if (!kind) continue;
    const r = build(kind, i);
    if (Object.keys(r.mapping.columns).length < 2) continue;
    return r;
  }
  if (forcedKind) {
    // The user chose the kind of a sheet whose headers we mostly do not know: its first non-empty row is
    // the header when it has at least one known header; otherwise the sheet has no header row (-1) and
    // every row is data, so no student's values are ever taken for column names.
    const first = rows.slice(0, limit).findIndex((r) => r.some((c) => cellText(c) !== ""));
    if (first >= 0 && fieldsInRow(rows[first]).size > 0) return build(forcedKind, first);
    return { kind: forcedKind, headerIndex: -1, mapping: { columns: {}, duplicates: [] }, missing: KIND_SPEC[forcedKind].required, note: `kind set by the user (${KIND_SPEC[forcedKind].title}); no header row, columns are named by letter` };
  }
  const empty: ColumnMapping = { columns: {}, duplicates: [] };
  const note = rows.every((r) => r.every((c) => cellText(c) === ""))
    ? "the sheet is empty"
    : best
      ? `row ${best.index + 1} has known headers, but not the set of any WISEdata export`
      : `no known export headers in the first ${HEADER_SEARCH_ROWS} rows`;
  return { kind: null, headerIndex: null, mapping: empty, missing: [], note };
}
