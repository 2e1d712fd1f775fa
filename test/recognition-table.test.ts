/**
 * Recognition on realistic header and value variants, per export kind: the kind, each field's column,
 * and how each was decided (its header, or its values where the header decides nothing).
 */
import { CellValue } from "../src/core/cells";
import { Field } from "../src/core/recognize";
import { EXPORT_KINDS, ExportKind } from "../src/core/report";
import { AFNR, BI, IRC_TYPE, IT, check } from "./helpers/fixtures";

type Basis = "header" | "values";
/** [header text, the values that fill the column, how it must be decided (null: not mapped), the field it maps to when not the first] */
type Col = [string, Field | Extra, Basis | null, Field?];
/** Value sets beyond one per field: last school year's spellings and percent marks. */
type Extra = "other" | "yesNo" | "lastYear" | "endYear" | "percent";
interface Case {
  name: string;
  kind: ExportKind | null;
  cols: Col[];
  /** the sheet's (or CSV file's base) name; default "Sheet1" */
  sheet?: string;
  /** rows above the header */
  above?: CellValue[][];
  /** no header row at all: the first row is data */
  headerless?: boolean;
}

/** Three rows of realistic values per field (a grade-9 and grade-12 student among them). */
const VALUES: Record<Field | Extra, CellValue[]> = {
  yesNo: ["Y", "N", "Y"],
  studentId: ["9000000001", "9000000002", "9000000003"],
  localStudentId: ["240017", "240024", "240031"],
  studentName: ["Student 0001", "Student 0002", "Student 0003"],
  grade: [11, "12", "Grade 11"],
  school: ["Badger Valley High School", "Badger Valley High School", "Badger Valley Virtual Academy"],
  cteCourseCount: [2, 3, 1],
  iac: ["01.09", "11.01", "52.14"],
  cluster: [AFNR, IT, "Marketing, Sales & Service"],
  programArea: ["Ag", "Business and Information Technology Education", "Marketing"],
  localCourseCode: ["AG101", "BUS210", "MKT300"],
  localCourseTitle: ["Ag Mechanics", "Accounting I", "AP Macroeconomics"],
  rosterCode: ["10001", "10302", "04205"],
  cteCourse: ["Yes", "Yes", "No"],
  careerPathway: [AFNR, IT, "Finance"],
  cteDepartment: ["Ag", "Business", "Marketing"],
  dualEnrollment: ["N", "Y", "N"],
  program: ["", "", "Advanced Placement"],
  exitType: ["HSC", "TC", "HSC"],
  credentialType: ["R", "", "R"],
  exitDate: ["2026-06-01", "2025-11-01", "2026-06-01"],
  programType: [IRC_TYPE, "Non-Certified Career Education", IRC_TYPE],
  programName: [BI, "Internship/Local Co-op", "IRC - NOT State Approved"],
  certificatedStatus: ["A", "", "B"],
  hours: [0, 120, 0],
  singleParent: ["N", "N", "Y"],
  homeless: ["N", "N", "N"],
  scedTitle: ["Agricultural Mechanics", "Accounting", "AP Macroeconomics"],
  courseProgram: ["", "", "Advanced Placement"],
  deprecated: ["No", "No", "Yes"],
  courseDescription: ["", "", ""],
  iacTitle: ["Animal Sciences", "Computer and Information Sciences, General", "Marketing"],
  suggested: ["Y", "N", "Y"],
  pathwayName: ["Animal Science", "Software Development", "Animal Science"],
  schoolYear: ["2024-25", "2025-26", "2025-26"],
  term: ["S1", "S2", "S1"],
  passed: ["Y", "Y", "N"],
  creditsEarned: [0.5, 0.5, 0],
  mark: ["A-", "B+", "F"],
  other: ["Room 101", "Room 102", "Room 103"],
  lastYear: ["2024-25", "2024-2025", "2024-25"],
  endYear: [2025, "2025", 2025],
  percent: [93, "88.5", "52%"],
};

const CASES: Case[] = [
  // participants
  {
    name: "DPI's headers",
    kind: "participants",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Grade", "grade", "header"],
      ["School", "school", "header"],
      ["CTE Course Count", "cteCourseCount", "header"],
    ],
  },
  {
    name: "WSN and Grade Level",
    kind: "participants",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
    ],
  },
  {
    name: "WISEid, odd case and spacing",
    kind: "participants",
    cols: [
      ["wiseid", "studentId", "header"],
      ["  GRADE   level ", "grade", "header"],
      ["Teacher", "other", null],
    ],
  },
  {
    name: "title rows above",
    kind: "participants",
    above: [["CTE Participant export"], ["Badger Valley SD", null, "printed 2026-11-01"]],
    cols: [
      ["Student ID (WSN)", "studentId", "header"],
      ["Grade Level Placement", "grade", "header"],
    ],
  },
  {
    name: "local id only",
    kind: "participants",
    cols: [
      ["Local Student ID", "localStudentId", "header"],
      ["Grade", "grade", "header"],
    ],
  },
  {
    name: "reordered with extras",
    kind: "participants",
    cols: [
      ["Homeroom", "other", null],
      ["Gr", "grade", "header"],
      ["Student WSN", "studentId", "header"],
      ["Primary School", "school", "header"],
    ],
  },
  {
    name: "grade read from values",
    kind: "participants",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Yr", "grade", "values"],
    ],
  },
  {
    name: "id read from values",
    kind: "participants",
    cols: [
      ["Kid", "studentId", "values"],
      ["Grade", "grade", "header"],
      ["Name", "studentName", "header"],
    ],
  },
  {
    name: "passed indicator read as the only yes/no column",
    kind: "participants",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Passed?", "yesNo", "values", "cteCourseCount"],
    ],
  },
  {
    name: "no recognisable headers: every field from values",
    kind: "participants",
    sheet: "participants roster",
    cols: [
      ["Kid", "studentId", "values"],
      ["Yr", "grade", "values"],
      ["Who", "studentName", null],
    ],
  },
  // concentrators
  {
    name: "the real export's two CTE columns",
    kind: "concentrators",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
      ["CTE Concentration IAC Code", "iac", "header"],
      ["CTE Concentration Program Area", "cluster", "header"],
    ],
  },
  {
    name: "the hand-made five-column file",
    kind: "concentrators",
    sheet: "my concentrators",
    cols: [
      ["Student Number", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Grade Level Placement", "grade", "header"],
      ["Concentration Code", "iac", "values"],
      ["Pathway", "cluster", "values"],
    ],
  },
  {
    name: "the five-column file under a neutral name",
    kind: "concentrators",
    sheet: "export (3)",
    cols: [
      ["Student Number", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Grade Level Placement", "grade", "header"],
      ["Concentration Code", "iac", "values"],
      ["Pathway", "cluster", "values"],
    ],
  },
  {
    name: "IAC Code and Cluster Title",
    kind: "concentrators",
    cols: [
      ["WISEid", "studentId", "header"],
      ["Grade Level Placement", "grade", "header"],
      ["IAC Code", "iac", "header"],
      ["Cluster Title", "cluster", "header"],
    ],
  },
  {
    name: "CIP Code and Career Cluster with a program area",
    kind: "concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["CIP Code", "iac", "header"],
      ["Career Cluster", "cluster", "header"],
      ["Program Area", "programArea", "header"],
    ],
  },
  {
    name: "cluster and program area both read from values",
    kind: "concentrators",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Focus", "cluster", "values"],
      ["Dept", "programArea", "values"],
    ],
  },
  {
    name: "IAC from values, cluster by header",
    kind: "concentrators",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Code", "iac", "values"],
      ["Cluster", "cluster", "header"],
    ],
  },
  {
    name: "title row and reordered columns",
    kind: "concentrators",
    above: [["Career Concentrators 2025-26"]],
    cols: [
      ["CTE Concentration Program Area", "cluster", "header"],
      ["CTE Concentration IAC Code", "iac", "header"],
      ["Grade Level", "grade", "header"],
      ["Student ID", "studentId", "header"],
    ],
  },
  {
    name: "no recognisable headers",
    kind: "concentrators",
    cols: [
      ["Kid", "studentId", "values"],
      ["Yr", "grade", "values"],
      ["Code", "iac", "values"],
      ["Path", "cluster", "values"],
    ],
  },
  {
    name: "no header row at all",
    kind: "concentrators",
    headerless: true,
    cols: [
      ["", "studentId", "values"],
      ["", "grade", "values"],
      ["", "iac", "values"],
      ["", "cluster", "values"],
    ],
  },
  // course offerings
  {
    name: "DPI's headers",
    kind: "course-offerings",
    cols: [
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["CTE Course", "cteCourse", "header"],
      ["CTE Department", "cteDepartment", "header"],
      ["Dual Enrollment", "dualEnrollment", "header"],
    ],
  },
  {
    name: "Program Areas Type and Career Pathway",
    kind: "course-offerings",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["Roster Code", "rosterCode", "header"],
      ["Program Areas Type", "cteDepartment", "header"],
      ["Career Pathway", "careerPathway", "header"],
    ],
  },
  {
    name: "Course Number and Course Name",
    kind: "course-offerings",
    cols: [
      ["Course Number", "localCourseCode", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Course Code", "rosterCode", "header"],
    ],
  },
  {
    name: "with school, teacher and section",
    kind: "course-offerings",
    cols: [
      ["School", "school", "header"],
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Section", "other", null],
      ["Teacher", "other", null],
    ],
  },
  {
    name: "dual enrollment flag as Dual Credit",
    kind: "course-offerings",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Roster Code", "rosterCode", "header"],
      ["Dual Credit", "dualEnrollment", "header"],
    ],
  },
  {
    name: "CTE Program Area spelling",
    kind: "course-offerings",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["CTE Program Area", "cteDepartment", "header"],
    ],
  },
  {
    name: "is-CTE indicator",
    kind: "course-offerings",
    cols: [
      ["Local Course ID", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["SCED Roster Code", "rosterCode", "header"],
      ["CTE Course Indicator", "cteCourse", "header"],
    ],
  },
  {
    name: "title rows above",
    kind: "course-offerings",
    above: [["Roster: Course Offering"], [], ["Badger Valley"]],
    cols: [
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
    ],
  },
  {
    name: "dual enrollment as the only yes/no column left",
    kind: "course-offerings",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["CTE Course", "cteCourse", "header"],
      ["College?", "yesNo", "values", "dualEnrollment"],
    ],
  },
  {
    name: "department read from values",
    kind: "course-offerings",
    cols: [
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Dept", "programArea", null],
    ],
  },
  // courses
  {
    name: "DPI's headers",
    kind: "courses",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Program", "program", "header"],
    ],
  },
  {
    name: "title and roster code only",
    kind: "courses",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["Roster Code", "rosterCode", "header"],
    ],
  },
  {
    name: "Course Title and Course Code",
    kind: "courses",
    cols: [
      ["Course Title", "localCourseTitle", "header"],
      ["Course Code", "rosterCode", "header"],
    ],
  },
  {
    name: "Local Course Name",
    kind: "courses",
    cols: [
      ["Local Course Name", "localCourseTitle", "header"],
      ["DPI Roster Code", "rosterCode", "header"],
      ["Programs", "program", "header"],
    ],
  },
  {
    name: "course program spelling",
    kind: "courses",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Section Program", "program", "header"],
    ],
  },
  {
    name: "school and extras",
    kind: "courses",
    cols: [
      ["School Name", "school", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["Roster Course Code", "rosterCode", "header"],
      ["Credits", "other", null],
    ],
  },
  {
    name: "reordered",
    kind: "courses",
    cols: [
      ["Program", "program", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "odd case and punctuation",
    kind: "courses",
    cols: [
      ["LOCAL COURSE-TITLE", "localCourseTitle", "header"],
      ["dpi course code", "rosterCode", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "courses",
    above: [["Roster: Courses"], ["2025-26"]],
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
    ],
  },
  {
    name: "with a Notes column",
    kind: "courses",
    cols: [
      ["Local Course Title", "localCourseTitle", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Notes", "other", null],
    ],
  },
  // hs completion
  {
    name: "DPI's headers",
    kind: "hs-completion",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
      ["Exit Type", "exitType", "header"],
      ["Credential Type", "credentialType", "header"],
      ["Exit Date", "exitDate", "header"],
    ],
  },
  {
    name: "Exit Type Code and Diploma Type",
    kind: "hs-completion",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Exit Type Code", "exitType", "header"],
      ["Diploma Type", "credentialType", "header"],
    ],
  },
  {
    name: "Exit Withdraw Type",
    kind: "hs-completion",
    cols: [
      ["WISEid", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Exit Withdraw Type", "exitType", "header"],
      ["Exit Withdraw Date", "exitDate", "header"],
    ],
  },
  {
    name: "exit type read from values",
    kind: "hs-completion",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Status", "exitType", "values"],
    ],
  },
  {
    name: "exit type from values, named completion",
    kind: "hs-completion",
    sheet: "HS completion 2026",
    cols: [
      ["Student Number", "studentId", "header"],
      ["How left", "exitType", "values"],
    ],
  },
  {
    name: "Completion Date",
    kind: "hs-completion",
    cols: [
      ["WSN", "studentId", "header"],
      ["Exit Code", "exitType", "header"],
      ["Completion Date", "exitDate", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "hs-completion",
    above: [["HS Completion"], ["Badger Valley"]],
    cols: [
      ["WSN", "studentId", "header"],
      ["Exit Type", "exitType", "header"],
    ],
  },
  {
    name: "with names and school",
    kind: "hs-completion",
    cols: [
      ["Student Name", "studentName", "header"],
      ["WSN", "studentId", "header"],
      ["School", "school", "header"],
      ["Exit Type", "exitType", "header"],
      ["Credential", "credentialType", "header"],
    ],
  },
  {
    name: "no recognisable headers",
    kind: "hs-completion",
    cols: [
      ["Kid", "studentId", "values"],
      ["Yr", "grade", "values"],
      ["Left as", "exitType", "values"],
    ],
  },
  {
    name: "local id with exit type",
    kind: "hs-completion",
    cols: [
      ["Local ID", "localStudentId", "header"],
      ["Exit Type", "exitType", "header"],
    ],
  },
  // irc / wbl
  {
    name: "DPI's headers",
    kind: "irc-wbl",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
      ["Program Type", "programType", "header"],
      ["Program Name", "programName", "header"],
      ["Certificated Program Status", "certificatedStatus", "header"],
      ["Hours", "hours", "header"],
    ],
  },
  {
    name: "Career Education Program",
    kind: "irc-wbl",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Career Education Program", "programName", "header"],
      ["Certificated Status", "certificatedStatus", "header"],
    ],
  },
  {
    name: "WBL Hours spelling",
    kind: "irc-wbl",
    cols: [
      ["WSN", "studentId", "header"],
      ["Program Name", "programName", "header"],
      ["WBL Hours", "hours", "header"],
    ],
  },
  {
    name: "program name read from values",
    kind: "irc-wbl",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Program Type", "programType", "header"],
      ["Experience", "programName", "values"],
    ],
  },
  {
    name: "status read from values",
    kind: "irc-wbl",
    cols: [
      ["WSN", "studentId", "header"],
      ["Program Name", "programName", "header"],
      ["Result", "certificatedStatus", "values"],
    ],
  },
  {
    name: "descriptor spelling",
    kind: "irc-wbl",
    cols: [
      ["WISEid", "studentId", "header"],
      ["Career Education Program Name", "programName", "header"],
      ["Certificated Program Status Descriptor", "certificatedStatus", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "irc-wbl",
    above: [["IRC / WBL"]],
    cols: [
      ["WSN", "studentId", "header"],
      ["Program Name", "programName", "header"],
    ],
  },
  {
    name: "reordered",
    kind: "irc-wbl",
    cols: [
      ["Hours Completed", "hours", "header"],
      ["Program Name", "programName", "header"],
      ["Student ID", "studentId", "header"],
    ],
  },
  {
    name: "no recognisable headers",
    kind: "irc-wbl",
    cols: [
      ["Kid", "studentId", "values"],
      ["Yr", "grade", "values"],
      ["What", "programName", "values"],
    ],
  },
  {
    name: "IRC Program header",
    kind: "irc-wbl",
    cols: [
      ["WSN", "studentId", "header"],
      ["IRC Program", "programName", "header"],
      ["Program Reference", "programType", "header"],
    ],
  },
  // demographics (sensitive columns only ever by header)
  {
    name: "DPI's headers",
    kind: "demographics",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
      ["Single Parent", "singleParent", "header"],
      ["Homeless", "homeless", "header"],
    ],
  },
  {
    name: "indicator spellings",
    kind: "demographics",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Single Parent Indicator", "singleParent", "header"],
      ["Homeless Indicator", "homeless", "header"],
    ],
  },
  {
    name: "single parent only",
    kind: "demographics",
    cols: [
      ["WSN", "studentId", "header"],
      ["Single Parent Status", "singleParent", "header"],
    ],
  },
  {
    name: "homeless type",
    kind: "demographics",
    cols: [
      ["WSN", "studentId", "header"],
      ["Homeless Type", "homeless", "header"],
    ],
  },
  {
    name: "single parent/pregnant",
    kind: "demographics",
    cols: [
      ["WISEid", "studentId", "header"],
      ["Single Parent/Pregnant", "singleParent", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "demographics",
    above: [["Student Demographics (SENSITIVE)"]],
    cols: [
      ["WSN", "studentId", "header"],
      ["Homeless", "homeless", "header"],
    ],
  },
  {
    name: "reordered with extras",
    kind: "demographics",
    cols: [
      ["Homeless", "homeless", "header"],
      ["Lunch", "other", null],
      ["Student ID", "studentId", "header"],
    ],
  },
  {
    name: "local id",
    kind: "demographics",
    cols: [
      ["Local Student Number", "localStudentId", "header"],
      ["Single Parent", "singleParent", "header"],
    ],
  },
  {
    name: "a yes/no column without a sensitive header is never read as one",
    kind: "participants",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Flag", "singleParent", null],
      ["Other", "homeless", null],
    ],
  },
  {
    name: "WISE ID with both elements",
    kind: "demographics",
    cols: [
      ["WISE ID", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Single Parent", "singleParent", "header"],
      ["Homeless Status", "homeless", "header"],
    ],
  },
  {
    name: "grade from values, sensitive by header",
    kind: "demographics",
    cols: [
      ["WSN", "studentId", "header"],
      ["Yr", "grade", "values"],
      ["Homeless", "homeless", "header"],
    ],
  },
  // DPI course catalog
  {
    name: "DPI's download",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["SCED Course Title", "scedTitle", "header"],
      ["Course Program", "courseProgram", "header"],
      ["CTE Course", "cteCourse", "header"],
      ["CTE Department", "cteDepartment", "header"],
      ["Deprecated", "deprecated", "header"],
    ],
  },
  {
    name: "minimal",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["Course Program", "courseProgram", "header"],
    ],
  },
  {
    name: "Program Associations",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["SCED Title", "scedTitle", "header"],
      ["Program Associations", "courseProgram", "header"],
    ],
  },
  {
    name: "with description",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["Course Program", "courseProgram", "header"],
      ["Course Description", "courseDescription", "header"],
    ],
  },
  {
    name: "Is Deprecated",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["Course Program", "courseProgram", "header"],
      ["Is Deprecated", "deprecated", "header"],
    ],
  },
  {
    name: "reordered",
    kind: "dpi-courses",
    cols: [
      ["Course Program", "courseProgram", "header"],
      ["Course Title", "scedTitle", "header"],
      ["Roster Code", "rosterCode", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "dpi-courses",
    above: [["DPI course download"], ["2025-26"]],
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["Course Program", "courseProgram", "header"],
    ],
  },
  {
    name: "DPI Course Code spelling",
    kind: "dpi-courses",
    cols: [
      ["DPI Course Code", "rosterCode", "header"],
      ["Programs", "courseProgram", "header"],
      ["Title", "scedTitle", "header"],
    ],
  },
  {
    name: "odd case",
    kind: "dpi-courses",
    cols: [
      ["ROSTER CODE", "rosterCode", "header"],
      ["course program", "courseProgram", "header"],
    ],
  },
  {
    name: "with CTE department",
    kind: "dpi-courses",
    cols: [
      ["Roster Code", "rosterCode", "header"],
      ["Course Program", "courseProgram", "header"],
      ["CTE Department", "cteDepartment", "header"],
    ],
  },
  // DPI IAC to Cluster list
  {
    name: "DPI's list",
    kind: "dpi-iac-clusters",
    cols: [
      ["IAC code", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["Title", "iacTitle", "header"],
      ["Suggested", "suggested", "header"],
    ],
  },
  {
    name: "minimal",
    kind: "dpi-iac-clusters",
    cols: [
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
    ],
  },
  {
    name: "CIP Code and Career Cluster",
    kind: "dpi-iac-clusters",
    cols: [
      ["CIP Code", "iac", "header"],
      ["Career Cluster", "cluster", "header"],
    ],
  },
  {
    name: "IAC Title",
    kind: "dpi-iac-clusters",
    cols: [
      ["IAC Code", "iac", "header"],
      ["IAC Title", "iacTitle", "header"],
      ["Cluster Title", "cluster", "header"],
    ],
  },
  {
    name: "Suggested IAC",
    kind: "dpi-iac-clusters",
    cols: [
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["Suggested IAC", "suggested", "header"],
    ],
  },
  {
    name: "reordered",
    kind: "dpi-iac-clusters",
    cols: [
      ["Cluster", "cluster", "header"],
      ["Instructional Area Code", "iac", "header"],
    ],
  },
  {
    name: "title rows",
    kind: "dpi-iac-clusters",
    above: [["IAC to Cluster"]],
    cols: [
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
    ],
  },
  {
    name: "Career Pathway spelling",
    kind: "dpi-iac-clusters",
    cols: [
      ["IAC Code", "iac", "header"],
      ["Career Pathway", "cluster", "header"],
    ],
  },
  {
    name: "IAC read from values",
    kind: "dpi-iac-clusters",
    cols: [
      ["Code", "iac", "values"],
      ["Cluster", "cluster", "header"],
      ["Title", "iacTitle", "header"],
    ],
  },
  {
    name: "odd case",
    kind: "dpi-iac-clusters",
    cols: [
      ["iac CODE", "iac", "header"],
      ["CLUSTER", "cluster", "header"],
    ],
  },
  {
    name: "near miss for coursework: a participants export listing courses keeps its kind by its course count",
    kind: "participants",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Local Course Title", "localCourseTitle", null],
      ["CTE Course Count", "cteCourseCount", "header"],
    ],
  },
  // pathway plan (the district's Roster Work Plan)
  {
    name: "the template's headers",
    kind: "pathway-plan",
    cols: [
      ["Pathway Name", "pathwayName", "header"],
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["Roster Code", "rosterCode", "header"],
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "Pathway, IAC Code, Career Cluster, DPI Course Code, Course Title",
    kind: "pathway-plan",
    cols: [
      ["Pathway", "pathwayName", "header"],
      ["IAC Code", "iac", "header"],
      ["Career Cluster", "cluster", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Course Title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "Pathway Title and CIP Code with local course number and name",
    kind: "pathway-plan",
    cols: [
      ["Pathway Title", "pathwayName", "header"],
      ["CIP Code", "iac", "header"],
      ["Local Course Number", "localCourseCode", "header"],
      ["Local Course Name", "localCourseTitle", "header"],
    ],
  },
  {
    name: "Career Pathway Name with a roster code only",
    kind: "pathway-plan",
    cols: [
      ["Career Pathway Name", "pathwayName", "header"],
      ["IAC", "iac", "header"],
      ["Course Code", "rosterCode", "header"],
    ],
  },
  {
    name: "Local Pathway, Instructional Area Code, Cluster Title and a program area",
    kind: "pathway-plan",
    cols: [
      ["Local Pathway", "pathwayName", "header"],
      ["Instructional Area Code", "iac", "header"],
      ["Cluster Title", "cluster", "header"],
      ["Local Course ID", "localCourseCode", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Program Area", "programArea", "header"],
    ],
  },
  {
    name: "a Roster Work Plan title above",
    kind: "pathway-plan",
    above: [["Roster Work Plan 2025-26"], []],
    cols: [
      ["Pathway Name", "pathwayName", "header"],
      ["IAC", "iac", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "odd case and spacing",
    kind: "pathway-plan",
    cols: [
      ["PATHWAY  NAME", "pathwayName", "header"],
      ["iac code", "iac", "header"],
      ["local course title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "District Pathway with a course number",
    kind: "pathway-plan",
    cols: [
      ["District Pathway", "pathwayName", "header"],
      ["IAC", "iac", "header"],
      ["Course Number", "localCourseCode", "header"],
      ["Teacher", "other", null],
    ],
  },
  {
    name: "IAC read from values",
    kind: "pathway-plan",
    cols: [
      ["Pathway Name", "pathwayName", "header"],
      ["Code", "iac", "values"],
      ["Local Course Title", "localCourseTitle", "header"],
    ],
  },
  {
    name: "pathway and roster code with extras",
    kind: "pathway-plan",
    cols: [
      ["Pathway", "pathwayName", "header"],
      ["CTE Concentration IAC Code", "iac", "header"],
      ["Roster Code", "rosterCode", "header"],
      ["Course Title", "localCourseTitle", "header"],
      ["Room", "other", null],
    ],
  },
  // coursework (SIS transcript, historical grades and coursework reports)
  {
    name: "Infinite Campus transcript: Score, Credits Earned, End Year, Grade (grade levels)",
    kind: "coursework",
    cols: [
      ["Student Number", "localStudentId", "header"],
      ["Course Number", "localCourseCode", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Score", "percent", "header", "mark"],
      ["Credits Earned", "creditsEarned", "header"],
      ["End Year", "endYear", "header", "schoolYear"],
      ["Grade", "grade", "header"],
    ],
  },
  {
    name: "PowerSchool stored grades: Grade holds letter marks, Grade_Level the grade",
    kind: "coursework",
    cols: [
      ["Student_Number", "localStudentId", "header"],
      ["Course_Number", "localCourseCode", "header"],
      ["Course_Name", "localCourseTitle", "header"],
      ["Grade", "mark", "values"],
      ["EarnedCrHrs", "creditsEarned", "header"],
      ["Grade_Level", "grade", "header"],
      ["StoreCode", "term", "header"],
    ],
  },
  {
    name: "Skyward abbreviations: Crs Nbr, Crs Title, Mark, Credit",
    kind: "coursework",
    cols: [
      ["Stu ID", "studentId", "header"],
      ["Crs Nbr", "localCourseCode", "header"],
      ["Crs Title", "localCourseTitle", "header"],
      ["Mark", "mark", "header"],
      ["Credit", "creditsEarned", "header"],
      ["School Year", "schoolYear", "header"],
    ],
  },
  {
    name: "a passed flag",
    kind: "coursework",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Local Course Code", "localCourseCode", "header"],
      ["Local Course Title", "localCourseTitle", "header"],
      ["Passed", "passed", "header"],
      ["School Year", "schoolYear", "header"],
    ],
  },
  {
    name: "roster code only with a final grade",
    kind: "coursework",
    cols: [
      ["WSN", "studentId", "header"],
      ["DPI Course Code", "rosterCode", "header"],
      ["Final Grade", "mark", "header"],
      ["Year", "schoolYear", "header"],
    ],
  },
  {
    name: "Letter Grade and Term",
    kind: "coursework",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Course Title", "localCourseTitle", "header"],
      ["Letter Grade", "mark", "header"],
      ["Term", "term", "header"],
    ],
  },
  {
    name: "Course ID, Course Desc, Earned Credit, Semester",
    kind: "coursework",
    cols: [
      ["Local Student ID", "localStudentId", "header"],
      ["Course ID", "localCourseCode", "header"],
      ["Course Desc", "localCourseTitle", "header"],
      ["Earned Credit", "creditsEarned", "header"],
      ["Semester", "term", "header"],
    ],
  },
  {
    name: "a Historical Grades title above, Grade/Mark and Grade Level",
    kind: "coursework",
    above: [["Historical Grades"], ["Badger Valley High School"]],
    cols: [
      ["Student ID", "studentId", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Grade/Mark", "mark", "header"],
      ["Grade Level", "grade", "header"],
      ["School Year", "schoolYear", "header"],
    ],
  },
  {
    name: "only a Grade column of letter marks",
    kind: "coursework",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Grade", "mark", "values"],
    ],
  },
  {
    name: "Pass/Fail, Term Name, school and name",
    kind: "coursework",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["School", "school", "header"],
      ["Course Number", "localCourseCode", "header"],
      ["Course Name", "localCourseTitle", "header"],
      ["Pass/Fail", "yesNo", "header", "passed"],
      ["Term Name", "term", "header"],
    ],
  },
  // last year's concentrators: a concentrators export whose school-year column is all the year before
  {
    name: "School Year all 2024-25",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["CTE Concentration IAC Code", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["School Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "End Year 2025",
    kind: "previous-concentrators",
    cols: [
      ["WSN", "studentId", "header"],
      ["Grade Level", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Career Cluster", "cluster", "header"],
      ["End Year", "endYear", "header", "schoolYear"],
    ],
  },
  {
    name: "CTE Concentration Program Area as the cluster",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["CTE Concentration IAC Code", "iac", "header"],
      ["CTE Concentration Program Area", "cluster", "header"],
      ["School Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "Year column with a title above",
    kind: "previous-concentrators",
    above: [["Career Concentrators"]],
    cols: [
      ["Student ID", "studentId", "header"],
      ["Student Name", "studentName", "header"],
      ["Grade", "grade", "header"],
      ["IAC Code", "iac", "header"],
      ["Cluster Title", "cluster", "header"],
      ["Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "local student number and program areas",
    kind: "previous-concentrators",
    cols: [
      ["Local Student ID", "localStudentId", "header"],
      ["Grade", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["Program Area", "programArea", "header"],
      ["School Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "IAC read from values",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["Code", "iac", "values"],
      ["Cluster", "cluster", "header"],
      ["School Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "Academic Year and School",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["School", "school", "header"],
      ["Grade Level Placement", "grade", "header"],
      ["CIP Code", "iac", "header"],
      ["Career Pathway Type", "cluster", "header"],
      ["Academic Year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "odd case",
    kind: "previous-concentrators",
    cols: [
      ["student id", "studentId", "header"],
      ["GRADE", "grade", "header"],
      ["iac", "iac", "header"],
      ["CLUSTER", "cluster", "header"],
      ["school year", "lastYear", "header", "schoolYear"],
    ],
  },
  {
    name: "SY column of end years",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["SY", "endYear", "header", "schoolYear"],
    ],
  },
  {
    name: "School Year End spelled out",
    kind: "previous-concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["School Year End", "endYear", "header", "schoolYear"],
    ],
  },
  {
    name: "near miss: this year and last year mixed stays this year's concentrators",
    kind: "concentrators",
    cols: [
      ["Student ID", "studentId", "header"],
      ["Grade", "grade", "header"],
      ["IAC", "iac", "header"],
      ["Cluster", "cluster", "header"],
      ["School Year", "schoolYear", "header"],
    ],
  },
  // nothing to recognise
  {
    name: "a rooms list",
    kind: null,
    cols: [
      ["Teacher", "other", null],
      ["Room", "other", null],
      ["Period", "other", null],
    ],
  },
  {
    name: "ids and names only, named concentrators: the name alone decides nothing",
    kind: null,
    sheet: "concentrators",
    cols: [
      ["Kid", "studentId", null],
      ["Who", "studentName", null],
      ["Where", "other", null],
    ],
  },
];

function rowsOf(c: Case): CellValue[][] {
  const data = [0, 1, 2].map((i) => c.cols.map(([, field]) => VALUES[field][i] ?? null));
  const header = c.cols.map(([h]) => h);
  return [...(c.above ?? []), ...(c.headerless ? [] : [header]), ...data];
}

describe.each(CASES.map((c) => [`${c.kind ?? "unrecognised"}: ${c.name}`, c] as const))("%s", (_name, c) => {
  test("kind, fields and how each was decided", () => {
    const report = check([{ name: c.sheet ?? "Sheet1", rows: rowsOf(c) }]);
    const sheet = report.sheets[0];
    expect(sheet.kind).toBe(c.kind);
    if (c.kind === null) {
      expect(report.nothingChecked).toBe(true);
      return;
    }
    const letters = "ABCDEFGH";
    const expectedColumns: Record<string, string> = {};
    const expectedBasis: Record<string, string> = {};
    c.cols.forEach(([header, values, basis, field], i) => {
      if (basis === null || values === "other") return;
      const mapped = field ?? (values === "localStudentId" ? "studentId" : values);
      expectedColumns[mapped] = c.headerless ? `Column ${letters[i]}` : header.trim();
      expectedBasis[mapped] = basis;
    });
    expect(sheet.columns).toEqual(expectedColumns);
    expect(sheet.decidedBy).toEqual(expectedBasis);
    const inferred = report.findings.filter((f) => f.rule === "COLUMN-INFERRED").map((f) => f.column);
    expect(inferred.sort()).toEqual(
      Object.entries(expectedBasis)
        .filter(([, b]) => b === "values")
        .map(([f]) => expectedColumns[f])
        .sort(),
    );
  });
});

test("at least ten variants per export kind", () => {
  const perKind = new Map<string, number>();
  for (const c of CASES) perKind.set(String(c.kind), (perKind.get(String(c.kind)) ?? 0) + 1);
  for (const kind of EXPORT_KINDS) {
    expect(perKind.get(kind) ?? 0).toBeGreaterThanOrEqual(10);
  }
});

test("the hand-made concentrators CSV: its grade-9 concentrator is flagged and its IACs are checked", () => {
  const rows: CellValue[][] = [
    ["Student Number", "Student Name", "Grade Level Placement", "Concentration Code", "Pathway"],
    ["9000000001", "Student A", "11", "01.09", AFNR],
    ["9000000002", "Student B", "9", "11.01", IT],
    ["9000000003", "Student C", "12", "99.99", IT],
  ];
  const report = check([{ name: "concentrators", rows, source: "csv" }]);
  expect(report.sheets[0].kind).toBe("concentrators");
  const found = report.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.cell}`);
  expect(found).toEqual(expect.arrayContaining(["GRADE-OUT-OF-RANGE C3", "IAC-UNKNOWN D4"]));
  expect(report.checklist.find((t) => t.topic === "cte-concentrators")?.status).toBe("fail");
});

test("a value-read column costs a bounded sample: 100,000 rows are profiled from their first rows only", () => {
  const rows: CellValue[][] = [["WSN", "Grade", "Code", "Path"]];
  for (let i = 0; i < 100_000; i++) rows.push([String(9000000000 + i), 11, "01.09", AFNR]);
  const started = Date.now();
  const report = check([{ name: "C", rows }]);
  expect(report.sheets[0].decidedBy).toMatchObject({ iac: "values", cluster: "values" });
  expect(report.findings.find((f) => f.rule === "COLUMN-INFERRED")?.message).toContain("200 of 200 sampled values");
  expect(Date.now() - started).toBeLessThan(20_000);
});

test("the sheet's name is supporting evidence: it lowers the bar for its export's own fields, never decides alone", () => {
  const rows: CellValue[][] = [
    ["WSN", "Grade", "Cluster", "Code"],
    ["9000000001", 11, AFNR, "01.09"],
    ["9000000002", 12, IT, "11.01"],
    ["9000000003", 11, IT, "see counselor"],
    ["9000000004", 12, AFNR, "TBD"],
    ["9000000005", 12, AFNR, "01.09"],
  ];
  const named = check([{ name: "Concentrators fall", rows }]);
  expect(named.sheets[0]).toMatchObject({ kind: "concentrators", columns: { iac: "Code" }, decidedBy: { iac: "values" } });
  expect(named.findings.find((f) => f.rule === "COLUMN-INFERRED")?.message).toContain("3 of 5 sampled values are CIP codes like 01.09");
  const rows2 = rows.map((r, i) => (i === 5 ? [r[0], r[1], r[2], "n/a"] : r));
  const plain = check([{ name: "Sheet1", rows: rows2 }]);
  expect(plain.sheets[0].columns.iac).toBeUndefined();
  const namedLow = check([{ name: "Concentrators fall", rows: rows2 }]);
  expect(namedLow.sheets[0].columns.iac).toBe("Code");
  expect(namedLow.findings.find((f) => f.rule === "COLUMN-INFERRED")?.message).toContain("sheet's name speaks of this export");
});
