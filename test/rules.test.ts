/**
 * Table-driven rule tests: for every rule id (docs/rules.md), rows that must fire (at the given worksheet
 * row) and a near miss that must not.
 */
import { SheetInput } from "../src/core/cells";
import { CheckOptions } from "../src/core/engine";
import { RULES } from "../src/core/rules/registry";
import {
  AFNR,
  BI,
  IRC_TYPE,
  IT,
  careerEd,
  catalog,
  completion,
  concentrators,
  courses,
  coursework,
  demographics,
  hits,
  iacList,
  lastYearConcentrators,
  offerings,
  participants,
  pathwayPlan,
} from "./helpers/fixtures";

interface Case {
  rule: string;
  name: string;
  sheets: SheetInput[];
  options?: CheckOptions;
  /** [sheet, worksheet row] pairs expected to carry the finding; [] = must not fire */
  expect: [string, number][];
  severity?: string;
}

const allSix = [
  ["C1", "Ag Mechanics", "1001", "Yes", "Ag", "N"],
  ["C2", "Accounting", "1002", "Yes", "Business", "N"],
  ["C3", "Marketing 1", "1003", "Yes", "Marketing Education", "N"],
  ["C4", "Foods", "1004", "Yes", "FCS", "N"],
  ["C5", "Woods", "1005", "Yes", "Tech Ed", "N"],
  ["C6", "Medical Terms", "1006", "Yes", "Health Science Education", "N"],
];

/** Two pathways of two courses each (IAC and cluster on each pathway's first row only). */
const plan = () =>
  pathwayPlan([
    ["Animal Science", "01.09", AFNR, "01001", "AGR101", "Intro to Animal Science"],
    ["", "", "", "01002", "AGR201", "Veterinary Science"],
    ["Software Development", "11.02", IT, "10011", "CS101", "Programming I"],
    ["", "", "", "10012", "CS201", "Programming II"],
  ]);
const A = "9000000001";
const B = "9000000002";

const cases: Case[] = [
  // possible concentrators (the finder: pathway plan + coursework)
  {
    rule: "POSSIBLE-CONCENTRATOR",
    name: "grade 11, two passed courses of one pathway, not reported",
    sheets: [
      plan(),
      coursework([
        [A, 10, "2024-25", "AGR101", "Intro to Animal Science", "B"],
        [A, 11, "2025-26", "AGR201A", "Veterinary Science A", "C-"],
      ]),
      concentrators([[B, 12, "11.02", IT, "Business"]]),
    ],
    expect: [["Coursework", 3]],
  },
  {
    rule: "POSSIBLE-CONCENTRATOR",
    name: "near miss: one course failed (F), a grade-10 student, a reported student, one course taken twice",
    sheets: [
      plan(),
      coursework([
        [A, 11, "2025-26", "AGR101", "Intro to Animal Science", "A"],
        [A, 11, "2025-26", "AGR201", "Veterinary Science", "F"],
        ["9000000003", 10, "2025-26", "AGR101", "Intro to Animal Science", "A"],
        ["9000000003", 10, "2025-26", "AGR201", "Veterinary Science", "A"],
        [B, 12, "2024-25", "CS101", "Programming I", "B"],
        [B, 12, "2025-26", "CS201", "Programming II", "B"],
        ["9000000004", 12, "2024-25", "CS101", "Programming I", "F"],
        ["9000000004", 12, "2025-26", "CS101", "Programming I", "B"],
      ]),
      concentrators([[B, 12, "11.02", IT, "Business"]]),
    ],
    expect: [],
  },
  {
    rule: "CONCENTRATOR-NOT-SUPPORTED",
    name: "reported with 01.09, coursework shows one passed Animal Science course",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2024-25", "AGR101", "Intro to Animal Science", "B"],
        [A, 12, "2025-26", "AGR201", "Veterinary Science", "52"],
      ]),
      concentrators([[A, 12, "01.09", AFNR, "Ag"]]),
    ],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "CONCENTRATOR-NOT-SUPPORTED",
    name: "near miss: two passed courses (percent 75, a retaken course); a concentrator without coursework",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2024-25", "AGR101", "Intro to Animal Science", "F"],
        [A, 12, "2025-26", "AGR101", "Intro to Animal Science", "D-"],
        [A, 12, "2025-26", "AGR201", "Veterinary Science", "75"],
      ]),
      concentrators([
        [A, 12, "01.09", AFNR, "Ag"],
        [B, 11, "11.02", IT, "Business"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "CONCENTRATOR-QUALIFIES-MULTIPLE",
    name: "a concentrator and a possible concentrator who qualify in both pathways",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2025-26", "AGR101", "Intro to Animal Science", "A"],
        [A, 12, "2025-26", "AGR201", "Veterinary Science", "A"],
        [A, 12, "2025-26", "CS101", "Programming I", "A"],
        [A, 12, "2025-26", "CS201", "Programming II", "A"],
        [B, 11, "2025-26", "AGR101", "Intro to Animal Science", "A"],
        [B, 11, "2025-26", "AGR201", "Veterinary Science", "A"],
        [B, 11, "2025-26", "CS101", "Programming I", "A"],
        [B, 11, "2025-26", "CS201", "Programming II", "P"],
      ]),
      concentrators([[A, 12, "01.09", AFNR, "Ag"]]),
    ],
    expect: [
      ["Coursework", 7],
      ["Concentrators", 2],
    ],
    severity: "info",
  },
  {
    rule: "CONCENTRATOR-QUALIFIES-MULTIPLE",
    name: "near miss: two courses in one pathway and one in the other",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2025-26", "AGR101", "Intro to Animal Science", "A"],
        [A, 12, "2025-26", "AGR201", "Veterinary Science", "A"],
        [A, 12, "2025-26", "CS101", "Programming I", "A"],
      ]),
      concentrators([[A, 12, "01.09", AFNR, "Ag"]]),
    ],
    expect: [],
  },
  {
    rule: "IAC-NOT-COURSEWORK-PATHWAY",
    name: "reported 01.09 but the coursework qualifies in Software Development only",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2024-25", "CS101", "Programming I", "B+"],
        [A, 12, "2025-26", "CS201", "Programming II", "A-"],
      ]),
      concentrators([[A, 12, "01.09", AFNR, "Ag"]]),
    ],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "IAC-NOT-COURSEWORK-PATHWAY",
    name: "near miss: reported IAC is the coursework's pathway (matched by title when codes are blank)",
    sheets: [
      plan(),
      coursework([
        [A, 12, "2024-25", "", "PROGRAMMING I", "B+"],
        [A, 12, "2025-26", "", "Programming II", "A-"],
      ]),
      concentrators([[A, 12, "11.02", IT, "Business"]]),
    ],
    expect: [],
  },
  {
    rule: "CONCENTRATOR-NOT-CONTINUED",
    name: "a grade-11 concentrator last year, grade 12 in this year's participants, not reported",
    sheets: [
      lastYearConcentrators([
        [A, 11, "01.09", AFNR, "2024-25"],
        [B, 11, "11.02", IT, "2024-25"],
      ]),
      concentrators([[B, 12, "11.02", IT, "Business"]]),
      participants([
        [A, 12],
        [B, 12],
      ]),
    ],
    expect: [["Last Year", 2]],
  },
  {
    rule: "CONCENTRATOR-NOT-CONTINUED",
    name: "near miss: last year's senior graduated; a grade-11 student not in this year's exports; one reported",
    sheets: [
      lastYearConcentrators([
        [A, 12, "01.09", AFNR, "2024-25"],
        ["9000000003", 11, "01.09", AFNR, "2024-25"],
        [B, 11, "11.02", IT, "2024-25"],
      ]),
      concentrators([[B, 12, "11.02", IT, "Business"]]),
      participants([[A, 12]]),
    ],
    expect: [],
  },
  {
    rule: "IAC-CHANGED-SINCE-LAST-YEAR",
    name: "01.09 last year, 11.02 this year",
    sheets: [lastYearConcentrators([[A, 11, "01.09", AFNR, "2024-25"]]), concentrators([[A, 12, "11.02", IT, "Business"]])],
    expect: [["Concentrators", 2]],
    severity: "info",
  },
  {
    rule: "IAC-CHANGED-SINCE-LAST-YEAR",
    name: "near miss: the same IAC written 1.09 last year",
    sheets: [lastYearConcentrators([[A, 11, "1.09", AFNR, "2024-25"]]), concentrators([[A, 12, "01.09", AFNR, "Ag"]])],
    expect: [],
  },
  {
    rule: "IAC-CLUSTER-MISMATCH",
    name: "a pathway plan row: 11.02 with the AFNR cluster",
    sheets: [pathwayPlan([["Software Development", "11.02", AFNR, "10011", "CS101", "Programming I"]])],
    expect: [["Pathway Plan", 2]],
  },
  {
    rule: "IAC-INVALID-FORMAT",
    name: "a pathway plan row whose IAC is not a CIP code; the row below carries no new IAC",
    sheets: [
      pathwayPlan([
        ["Animal Science", "Ag 9", AFNR, "01001", "AGR101", "Intro to Animal Science"],
        ["", "", "", "01002", "AGR201", "Veterinary Science"],
      ]),
    ],
    expect: [["Pathway Plan", 2]],
  },
  {
    rule: "COURSE-CODE-UNKNOWN",
    name: "a pathway plan's roster code not in the catalog",
    sheets: [
      pathwayPlan([["Animal Science", "01.09", AFNR, "01999", "AGR101", "Intro to Animal Science"]]),
      catalog([["1001", "Animal Science", "", "Yes", "Ag", "No"]]),
    ],
    expect: [["Pathway Plan", 2]],
  },
  // structure
  {
    rule: "SHEET-UNRECOGNIZED",
    name: "notes sheet",
    sheets: [{ name: "Notes", rows: [["Call CESA about pathways"], ["todo"]] }],
    expect: [["Notes", 1]],
  },
  { rule: "SHEET-UNRECOGNIZED", name: "near miss: participants", sheets: [participants([["1", 9]])], expect: [] },
  {
    rule: "RECORD-FIELD-COUNT",
    name: "CSV records short and long",
    sheets: [{ name: "P", source: "csv", rows: [["Student ID", "Grade"], ["1", "9"], ["2"], ["3", "10", "x"]] }],
    expect: [
      ["P", 3],
      ["P", 4],
    ],
  },
  {
    rule: "RECORD-FIELD-COUNT",
    name: "near miss: a trailing separator; a workbook's short row",
    sheets: [
      {
        name: "P",
        source: "csv",
        rows: [
          ["Student ID", "Grade"],
          ["1", "9", ""],
        ],
      },
      { name: "W", rows: [["Student ID", "Grade"], ["2"]] },
    ],
    expect: [],
  },
  {
    rule: "SHEET-UNRECOGNIZED",
    name: "a sheet that looks like data is a warning",
    severity: "warning",
    sheets: [
      {
        name: "Mystery",
        rows: [
          ["Teacher", "Room", "Period"],
          ["Smith", "101", "3"],
          ["Jones", "102", "4"],
        ],
      },
    ],
    expect: [["Mystery", 1]],
  },
  {
    rule: "COLUMN-INFERRED",
    name: "IAC and cluster read from values",
    sheets: [
      {
        name: "C",
        rows: [
          ["WSN", "Grade", "Concentration Code", "Pathway"],
          ["9000000001", 11, "01.09", AFNR],
          ["9000000002", 12, "11.01", IT],
        ],
      },
    ],
    expect: [
      ["C", 1],
      ["C", 1],
    ],
  },
  {
    rule: "COLUMN-INFERRED",
    name: "near miss: every column decided by its header",
    sheets: [concentrators([["1", 11, "01.09", AFNR, "Ag"]])],
    expect: [],
  },
  {
    rule: "COLUMN-MISSING",
    name: "concentrators without cluster",
    sheets: [
      {
        name: "C",
        rows: [
          ["WSN", "Grade", "IAC Code"],
          ["1", 11, "01.09"],
        ],
      },
    ],
    expect: [["C", 1]],
  },
  { rule: "COLUMN-MISSING", name: "near miss: all required", sheets: [concentrators([["1", 11, "01.09", AFNR, "Ag"]])], expect: [] },
  {
    rule: "COLUMN-DUPLICATE",
    name: "two id columns",
    sheets: [
      {
        name: "P",
        rows: [
          ["Student ID", "WSN", "Grade"],
          ["1", "1", 9],
        ],
      },
    ],
    expect: [["P", 1]],
  },
  {
    rule: "COLUMN-DUPLICATE",
    name: "near miss: distinct fields",
    sheets: [
      {
        name: "P",
        rows: [
          ["Student ID", "Student Name", "Grade"],
          ["1", "A", 9],
        ],
      },
    ],
    expect: [],
  },
  {
    rule: "VALUE-ERROR",
    name: "#N/A in grade",
    sheets: [
      participants([
        ["1", { error: "#N/A" }],
        ["2", "#REF!"],
      ]),
    ],
    expect: [
      ["Participants", 2],
      ["Participants", 3],
    ],
  },
  {
    rule: "VALUE-ERROR",
    name: "near miss: error in an unmapped column",
    sheets: [
      {
        name: "P",
        rows: [
          ["Student ID", "Grade", "Notes"],
          ["1", 9, { error: "#DIV/0!" }],
        ],
      },
    ],
    expect: [],
  },
  // any student export
  {
    rule: "STUDENT-ID-MISSING",
    name: "blank id",
    sheets: [
      participants([
        ["", 9],
        ["  ", 10],
      ]),
    ],
    expect: [
      ["Participants", 2],
      ["Participants", 3],
    ],
  },
  { rule: "STUDENT-ID-MISSING", name: "near miss: numeric id", sheets: [participants([[9000000001, 9]])], expect: [] },
  {
    rule: "DUPLICATE-ROW",
    name: "repeated row",
    sheets: [
      participants([
        ["1", 9],
        ["2", 9],
        ["1", 9],
      ]),
    ],
    expect: [["Participants", 4]],
  },
  {
    rule: "DUPLICATE-ROW",
    name: "near miss: one cell differs",
    sheets: [
      participants([
        ["1", 9],
        ["1", 10],
      ]),
    ],
    expect: [],
  },
  { rule: "GRADE-MISSING", name: "blank grade", sheets: [participants([["1", null]])], expect: [["Participants", 2]] },
  { rule: "GRADE-MISSING", name: "near miss: 09 text", sheets: [participants([["1", "09"]])], expect: [] },
  {
    rule: "GRADE-INVALID",
    name: "unreadable grade",
    sheets: [
      participants([
        ["1", "Senior-ish"],
        ["2", "13"],
      ]),
    ],
    expect: [
      ["Participants", 2],
      ["Participants", 3],
    ],
  },
  {
    rule: "GRADE-INVALID",
    name: "near miss: K12-10 and 9th",
    sheets: [
      participants([
        ["1", "K12-10"],
        ["2", "9th"],
        ["3", "Grade 11"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "GRADE-OUT-OF-RANGE",
    name: "grade 8 participant, grade 10 concentrator",
    sheets: [participants([["1", 8]]), concentrators([["1", 10, "01.09", AFNR, "Ag"]])],
    expect: [
      ["Participants", 2],
      ["Concentrators", 2],
    ],
  },
  {
    rule: "GRADE-OUT-OF-RANGE",
    name: "near miss: HS completion grade 11 has no band",
    sheets: [completion([["1", 11, "TC", ""]]), concentrators([["1", 11, "01.09", AFNR, "Ag"]])],
    expect: [],
  },
  // concentrators
  {
    rule: "CONCENTRATOR-MULTIPLE-PATHWAYS",
    name: "two IACs",
    sheets: [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["1", 12, "11.01", IT, "Bus"],
      ]),
    ],
    expect: [
      ["Concentrators", 2],
      ["Concentrators", 3],
    ],
  },
  {
    rule: "CONCENTRATOR-MULTIPLE-PATHWAYS",
    name: "near miss: same IAC spelled two ways",
    sheets: [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["1", 12, "1.09", AFNR, "Ag; Bus"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "CONCENTRATOR-NOT-PARTICIPANT",
    name: "absent from participants",
    sheets: [participants([["1", 11]]), concentrators([["2", 11, "01.09", AFNR, "Ag"]])],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "CONCENTRATOR-NOT-PARTICIPANT",
    name: "near miss: no participants export",
    sheets: [concentrators([["2", 11, "01.09", AFNR, "Ag"]])],
    expect: [],
  },
  // iac codes
  { rule: "IAC-MISSING", name: "blank IAC", sheets: [concentrators([["1", 11, "", AFNR, "Ag"]])], expect: [["Concentrators", 2]] },
  { rule: "IAC-MISSING", name: "near miss: #N/A is VALUE-ERROR", sheets: [concentrators([["1", 11, "#N/A", AFNR, "Ag"]])], expect: [] },
  {
    rule: "IAC-INVALID-FORMAT",
    name: "not a CIP shape",
    sheets: [
      concentrators([
        ["1", 11, "Ag pathway", AFNR, "Ag"],
        ["2", 11, "0109", AFNR, "Ag"],
      ]),
    ],
    expect: [
      ["Concentrators", 2],
      ["Concentrators", 3],
    ],
  },
  { rule: "IAC-INVALID-FORMAT", name: "near miss: six-digit CIP", sheets: [concentrators([["1", 11, "01.0901", AFNR, "Ag"]])], expect: [] },
  {
    rule: "IAC-INVALID-FORMAT",
    name: "three digits are no whole-number IAC",
    sheets: [{ ...concentrators([["1", 11, "101", AFNR, "Ag"]]), source: "csv" }],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "IAC-INVALID-FORMAT",
    name: "near miss: CSV whole numbers 1 and 15 are IAC-STORED-AS-NUMBER",
    sheets: [
      {
        ...concentrators([
          ["1", 11, "1", AFNR, "Ag"],
          ["2", 11, "15", "Architecture & Construction", "Tech Ed"],
        ]),
        source: "csv",
      },
    ],
    expect: [],
  },
  {
    rule: "IAC-UNKNOWN",
    name: "not a CIP 2020 series",
    sheets: [concentrators([["1", 11, "99.99", AFNR, "Ag"]])],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "IAC-UNKNOWN",
    name: "not on the loaded DPI list",
    sheets: [concentrators([["1", 11, "01.01", AFNR, "Ag"]]), iacList([["01.09", AFNR, "Y"]])],
    expect: [["Concentrators", 2]],
    severity: "error",
  },
  {
    rule: "IAC-UNKNOWN",
    name: "near miss: 46.99",
    sheets: [concentrators([["1", 11, "46.99", "Architecture & Construction", "Tech Ed"]])],
    expect: [],
  },
  {
    rule: "IAC-STORED-AS-NUMBER",
    name: "number and lost-zero text",
    sheets: [
      concentrators([
        ["1", 11, 1.1, AFNR, "Ag"],
        ["2", 11, "1.09", AFNR, "Ag"],
      ]),
    ],
    expect: [
      ["Concentrators", 2],
      ["Concentrators", 3],
    ],
  },
  {
    rule: "IAC-STORED-AS-NUMBER",
    name: "near miss: CSV text 01.09",
    sheets: [{ ...concentrators([["1", 11, "01.09", AFNR, "Ag"]]), source: "csv" }],
    expect: [],
  },
  {
    rule: "IAC-STORED-AS-NUMBER",
    name: "CSV whole numbers Excel saved (1 for 01.00, 15 for 15.00)",
    sheets: [
      {
        ...concentrators([
          ["1", 11, "1", AFNR, "Ag"],
          ["2", 11, " 15 ", "Architecture & Construction", "Tech Ed"],
        ]),
        source: "csv",
      },
    ],
    expect: [
      ["Concentrators", 2],
      ["Concentrators", 3],
    ],
  },
  {
    rule: "IAC-STORED-AS-NUMBER",
    name: "near miss: CSV text 15.00 and 01.00",
    sheets: [
      {
        ...concentrators([
          ["1", 11, "15.00", "Architecture & Construction", "Tech Ed"],
          ["2", 11, "01.00", AFNR, "Ag"],
        ]),
        source: "csv",
      },
    ],
    expect: [],
  },
  {
    rule: "IAC-NOT-SUGGESTED",
    name: "valid but not suggested",
    sheets: [
      concentrators([["1", 11, "01.01", AFNR, "Ag"]]),
      iacList([
        ["01.09", AFNR, "Y"],
        ["01.01", AFNR, "N"],
      ]),
    ],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "IAC-NOT-SUGGESTED",
    name: "near miss: suggested",
    sheets: [
      concentrators([["1", 11, "01.09", AFNR, "Ag"]]),
      iacList([
        ["01.09", AFNR, "Y"],
        ["01.01", AFNR, "N"],
      ]),
    ],
    expect: [],
  },
  // clusters
  {
    rule: "CLUSTER-MISSING",
    name: "blank cluster",
    sheets: [concentrators([["1", 11, "01.09", "", "Ag"]])],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "CLUSTER-MISSING",
    name: "near miss: alias spelling",
    sheets: [concentrators([["1", 11, "01.09", "Agriculture, Food and Natural Resources", "Ag"]])],
    expect: [],
  },
  {
    rule: "CLUSTER-UNKNOWN",
    name: "made-up cluster",
    sheets: [concentrators([["1", 11, "01.09", "Farming Stuff", "Ag"]])],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS",
    name: "program areas in the cluster column",
    sheets: [
      concentrators([
        ["1", 11, "01.09", "Agriculture and Natural Resources Education", "Ag"],
        ["2", 11, "11.01", "Business", "Bus"],
        ["3", 12, "11.01", IT, "Bus"],
      ]),
    ],
    expect: [["Concentrators", 1]],
  },
  {
    rule: "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS",
    name: "near miss: one program area among clusters",
    sheets: [
      concentrators([
        ["1", 11, "01.09", "Ag", "Ag"],
        ["2", 11, "11.01", IT, "Bus"],
        ["3", 12, "11.01", IT, "Bus"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "CLUSTER-UNKNOWN",
    name: "near miss: 'Marketing' alias",
    sheets: [concentrators([["1", 11, "52.18", "Marketing", "Mar"]])],
    expect: [],
  },
  {
    rule: "IAC-CLUSTER-MISMATCH",
    name: "derived crosswalk: warning",
    sheets: [concentrators([["1", 11, "11.01", "Health Science", "Bus"]])],
    expect: [["Concentrators", 2]],
    severity: "warning",
  },
  {
    rule: "IAC-CLUSTER-MISMATCH",
    name: "DPI list: error (6800)",
    sheets: [concentrators([["1", 11, "11.01", "Health Science", "Bus"]]), iacList([["11.01", IT, "Y"]])],
    expect: [["Concentrators", 2]],
    severity: "error",
  },
  {
    rule: "IAC-CLUSTER-MISMATCH",
    name: "near miss: DPI list allows the pair",
    sheets: [
      concentrators([["1", 11, "11.01", "Health Science", "Bus"]]),
      iacList([
        ["11.01", IT, "Y"],
        ["11.01", "Health Science", "N"],
      ]),
    ],
    expect: [],
  },
  // program areas
  {
    rule: "PROGRAM-AREA-MISSING",
    name: "concentrator and CTE offering without area",
    sheets: [concentrators([["1", 11, "01.09", AFNR, ""]]), offerings([...allSix, ["C7", "Welding", "1007", "Yes", "", "N"]])],
    expect: [
      ["Concentrators", 2],
      ["Offerings", 8],
    ],
  },
  {
    rule: "PROGRAM-AREA-MISSING",
    name: "near miss: non-CTE offering",
    sheets: [offerings([...allSix, ["E1", "English 9", "2001", "No", "", "N"]])],
    expect: [],
  },
  {
    rule: "PROGRAM-AREA-UNKNOWN",
    name: "made-up area",
    sheets: [concentrators([["1", 11, "01.09", AFNR, "Shop Class"]])],
    expect: [["Concentrators", 2]],
  },
  {
    rule: "PROGRAM-AREA-UNKNOWN",
    name: "near miss: two areas and & spelling",
    sheets: [concentrators([["1", 11, "01.09", AFNR, "Ag; Family & Consumer Sciences"]])],
    expect: [],
  },
  {
    rule: "PROGRAM-AREA-COVERAGE",
    name: "no Health Science course",
    sheets: [offerings(allSix.slice(0, 5))],
    expect: [["Offerings", 1]],
    severity: "info",
  },
  { rule: "PROGRAM-AREA-COVERAGE", name: "near miss: all six", sheets: [offerings(allSix)], expect: [] },
  {
    rule: "CTE-DEPARTMENT-MISMATCH",
    name: "sections disagree",
    sheets: [
      offerings([...allSix, ["C1", "Ag Mechanics", "1001", "Yes", "Ag", "N"], ["C1", "Ag Mechanics", "1001", "Yes", "Tech Ed", "N"]]),
    ],
    expect: [["Offerings", 9]],
  },
  {
    rule: "CTE-DEPARTMENT-MISMATCH",
    name: "differs from the DPI catalog",
    sheets: [offerings(allSix), catalog([["1005", "Woodworking", "", "Yes", "Agriculture and Natural Resources Education", "No"]])],
    expect: [["Offerings", 6]],
  },
  {
    rule: "CTE-DEPARTMENT-MISMATCH",
    name: "near miss: alias of the same area",
    sheets: [offerings([...allSix, ["C1", "Ag Mechanics", "1001", "Yes", "Agriculture", "N"]])],
    expect: [],
  },
  // graduates
  {
    rule: "EXIT-TYPE-UNKNOWN",
    name: "made-up exit",
    sheets: [
      completion([
        ["1", 12, "GRAD", "R"],
        ["2", 12, "", ""],
      ]),
    ],
    expect: [
      ["Completion", 2],
      ["Completion", 3],
    ],
  },
  {
    rule: "EXIT-TYPE-UNKNOWN",
    name: "near miss: description and code-dash-text",
    sheets: [
      completion([
        ["1", 12, "High School Completion", "R"],
        ["2", 12, "HSC - High School Completion", "R"],
      ]),
    ],
    expect: [],
  },
  { rule: "HSC-NOT-GRADE-12", name: "HSC in grade 11", sheets: [completion([["1", 11, "HSC", "R"]])], expect: [["Completion", 2]] },
  { rule: "HSC-NOT-GRADE-12", name: "near miss: TC in grade 11", sheets: [completion([["1", 11, "TC", ""]])], expect: [] },
  {
    rule: "HSC-CREDENTIAL-MISSING",
    name: "HSC without credential",
    sheets: [completion([["1", 12, "HSC", ""]])],
    expect: [["Completion", 2]],
  },
  {
    rule: "HSC-CREDENTIAL-MISSING",
    name: "near miss: no credential column",
    sheets: [
      {
        name: "C",
        rows: [
          ["WSN", "Grade", "Exit Type"],
          ["1", 12, "HSC"],
        ],
      },
    ],
    expect: [],
  },
  {
    rule: "SENIOR-EXIT-MISSING",
    name: "senior concentrator without HSC row",
    sheets: [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["2", 12, "01.09", AFNR, "Ag"],
      ]),
      completion([["1", 12, "HSC", "R"]]),
    ],
    expect: [["Concentrators", 3]],
  },
  {
    rule: "SENIOR-EXIT-MISSING",
    name: "near miss: junior",
    sheets: [concentrators([["2", 11, "01.09", AFNR, "Ag"]]), completion([["1", 12, "HSC", "R"]])],
    expect: [],
  },
  {
    rule: "SENIOR-EXIT-NOT-HSC",
    name: "seniors with exit types TC and ODO",
    severity: "info",
    sheets: [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["2", 12, "01.09", AFNR, "Ag"],
        ["3", 12, "01.09", AFNR, "Ag"],
      ]),
      completion([
        ["1", 12, "TC", ""],
        ["2", 12, "ODO", ""],
        ["3", 12, "HSC", "R"],
      ]),
    ],
    expect: [
      ["Concentrators", 2],
      ["Concentrators", 3],
    ],
  },
  {
    rule: "SENIOR-EXIT-NOT-HSC",
    name: "near miss: HSC on one of two rows, a junior with TC, an unknown exit type",
    sheets: [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["2", 11, "01.09", AFNR, "Ag"],
        ["3", 12, "01.09", AFNR, "Ag"],
      ]),
      completion([
        ["1", 12, "TC", ""],
        ["1", 12, "HSC", "R"],
        ["2", 11, "TC", ""],
        ["3", 12, "GRAD", ""],
      ]),
    ],
    expect: [],
  },
  // IRC / certificated status / WBL
  {
    rule: "IRC-PROGRAM-UNKNOWN",
    name: "unknown IRC name",
    sheets: [
      careerEd([
        ["1", 11, IRC_TYPE, "IRC - Forklift", "A", ""],
        ["2", 11, IRC_TYPE, "CNA", "A", ""],
      ]),
    ],
    expect: [
      ["IRC WBL", 2],
      ["IRC WBL", 3],
    ],
  },
  {
    rule: "IRC-PROGRAM-UNKNOWN",
    name: "near miss: alias",
    sheets: [careerEd([["1", 11, IRC_TYPE, "Technical Diploma", "A", ""]])],
    expect: [],
  },
  {
    rule: "IRC-STATUS-MISSING",
    name: "IRC without status",
    sheets: [careerEd([["1", 11, IRC_TYPE, BI, "", ""]])],
    expect: [["IRC WBL", 2]],
  },
  {
    rule: "IRC-STATUS-MISSING",
    name: "near miss: WBL without status",
    sheets: [careerEd([["1", 11, "Non-Certified Career Education", "School-based Enterprise", "", 120]])],
    expect: [],
  },
  { rule: "CERT-STATUS-INVALID", name: "status E", sheets: [careerEd([["1", 11, IRC_TYPE, BI, "E", ""]])], expect: [["IRC WBL", 2]] },
  {
    rule: "CERT-STATUS-INVALID",
    name: "near miss: description form",
    sheets: [
      careerEd([
        ["1", 11, IRC_TYPE, BI, "B - Student is continuing in the certificated program", ""],
        ["2", 11, IRC_TYPE, BI, "c", ""],
      ]),
    ],
    expect: [],
  },
  {
    rule: "CERT-STATUS-WRONG-PROGRAM",
    name: "status on non-certified",
    sheets: [careerEd([["1", 11, "Non-Certified Career Education", BI, "A", ""]])],
    expect: [["IRC WBL", 2]],
  },
  {
    rule: "CERT-STATUS-WRONG-PROGRAM",
    name: "near miss: old certified type name",
    sheets: [careerEd([["1", 11, "Certified Career Education", BI, "A", ""]])],
    expect: [],
  },
  {
    rule: "CERT-STATUS-DUPLICATE",
    name: "two statuses one program",
    sheets: [
      careerEd([
        ["1", 11, IRC_TYPE, BI, "B", ""],
        ["1", 11, IRC_TYPE, "Business & Industry", "A", ""],
      ]),
    ],
    expect: [["IRC WBL", 3]],
  },
  {
    rule: "CERT-STATUS-DUPLICATE",
    name: "near miss: two programs",
    sheets: [
      careerEd([
        ["1", 11, IRC_TYPE, BI, "B", ""],
        ["1", 11, IRC_TYPE, "IRC - NOT State Approved", "A", ""],
      ]),
    ],
    expect: [],
  },
  {
    rule: "WBL-PROGRAM-UNKNOWN",
    name: "unknown WBL name",
    sheets: [careerEd([["1", 11, "Non-Certified Career Education", "Job Shadow", "", 100]])],
    expect: [["IRC WBL", 2]],
  },
  {
    rule: "WBL-PROGRAM-UNKNOWN",
    name: "near miss: SAE alias",
    sheets: [careerEd([["1", 11, "Non-Certified Career Education", "SAE", "", 100]])],
    expect: [],
  },
  {
    rule: "WBL-PROGRAM-RETIRED",
    name: "State Co-op in 2026-27",
    options: { schoolYear: "2026-27" },
    sheets: [careerEd([["1", 11, "Certified Career Education", "State Coop: Employability Skills", "A", 100]])],
    expect: [["IRC WBL", 2]],
  },
  {
    rule: "WBL-PROGRAM-RETIRED",
    name: "near miss: same in 2025-26",
    options: { schoolYear: "2025-26" },
    sheets: [careerEd([["1", 11, "Certified Career Education", "State Coop: Employability Skills", "A", 100]])],
    expect: [],
  },
  {
    rule: "WBL-HOURS-BELOW-MINIMUM",
    name: "YA 400 hours, internship 89",
    sheets: [
      careerEd([
        ["1", 11, IRC_TYPE, "Youth Apprenticeship", "A", 400],
        ["2", 11, "Non-Certified Career Education", "Internship", "", "89"],
      ]),
    ],
    expect: [
      ["IRC WBL", 2],
      ["IRC WBL", 3],
    ],
  },
  {
    rule: "WBL-HOURS-BELOW-MINIMUM",
    name: "near miss: blank hours, IRC row, 90 as text",
    sheets: [
      careerEd([
        ["1", 11, "Non-Certified Career Education", "Internship", "", ""],
        ["2", 11, IRC_TYPE, BI, "A", 5],
        ["3", 11, "Non-Certified Career Education", "Simulation", "", "90"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "WBL-STATUS-MISSING",
    name: "YA without status",
    sheets: [careerEd([["1", 11, IRC_TYPE, "Youth Apprenticeship", "", 500]])],
    expect: [["IRC WBL", 2]],
  },
  {
    rule: "WBL-STATUS-MISSING",
    name: "near miss: internship without status",
    sheets: [careerEd([["1", 11, "Non-Certified Career Education", "Internship/Local Co-op", "", 100]])],
    expect: [],
  },
  // single parent
  { rule: "SINGLE-PARENT-INVALID", name: "not yes/no", sheets: [demographics([["1", 11, "maybe", "N"]])], expect: [["Demographics", 2]] },
  {
    rule: "SINGLE-PARENT-INVALID",
    name: "near miss: Yes/No/blank",
    sheets: [
      demographics([
        ["1", 11, "Yes", "N"],
        ["2", 11, "", "N"],
        ["3", 11, "n", "Y"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "SINGLE-PARENT-GRADE",
    name: "grade 10 single parent",
    sheets: [demographics([["1", 10, "Y", "N"]])],
    expect: [["Demographics", 2]],
  },
  { rule: "SINGLE-PARENT-GRADE", name: "near miss: grade 10 not single parent", sheets: [demographics([["1", 10, "N", "Y"]])], expect: [] },
  // courses
  { rule: "COURSE-CODE-MISSING", name: "blank roster code", sheets: [courses([["SCI BIOLOGY A", ""]])], expect: [["Courses", 2]] },
  { rule: "COURSE-CODE-MISSING", name: "near miss: code with leading zero", sheets: [courses([["SCI BIOLOGY A", "09944"]])], expect: [] },
  {
    rule: "COURSE-CODE-UNKNOWN",
    name: "not in catalog",
    sheets: [courses([["Woods", "1234"]]), catalog([["9944", "Biology", "Dual Enrollment", "No", "", "No"]])],
    expect: [["Courses", 2]],
  },
  {
    rule: "COURSE-CODE-UNKNOWN",
    name: "near miss: leading zeros match",
    sheets: [courses([["Biology - TC", "09944"]]), catalog([["9944", "Biology", "Dual Enrollment", "No", "", "No"]])],
    expect: [],
  },
  {
    rule: "COURSE-CODE-DEPRECATED",
    name: "deprecated",
    sheets: [courses([["Old Shop", "5555"]]), catalog([["5555", "Shop", "", "Yes", "", "Yes"]])],
    expect: [["Courses", 2]],
  },
  {
    rule: "COURSE-CODE-DEPRECATED",
    name: "near miss: current",
    sheets: [courses([["New Shop", "5556"]]), catalog([["5556", "Shop", "", "Yes", "", "No"]])],
    expect: [],
  },
  {
    rule: "AP-CODE-MISMATCH",
    name: "AP title, plain code",
    sheets: [courses([["MAT AP STATISTICS A", "2002"]]), catalog([["2002", "Statistics", "", "No", "", "No"]])],
    expect: [["Courses", 2]],
  },
  {
    rule: "AP-CODE-MISMATCH",
    name: "near miss: Pre-AP title",
    sheets: [courses([["ENG PRE-AP ENGLISH 9", "2002"]]), catalog([["2002", "English 9", "", "No", "", "No"]])],
    expect: [],
  },
  {
    rule: "AP-CODE-MISMATCH",
    name: "SIS abbreviations: A.P., A P, Adv Placement, Adv Pl, Advanced Plcmt",
    sheets: [
      courses([
        ["SCI A.P. BIOLOGY", "2002"],
        ["A P Physics 1", "2002"],
        ["Adv Placement Chemistry", "2002"],
        ["ENG ADV PL LIT & COMP", "2002"],
        ["advanced plcmt calculus ab", "2002"],
        ["Adv. Plcmt. US History", "2002"],
      ]),
      catalog([["2002", "Statistics", "", "No", "", "No"]]),
    ],
    expect: [
      ["Courses", 2],
      ["Courses", 3],
      ["Courses", 4],
      ["Courses", 5],
      ["Courses", 6],
      ["Courses", 7],
    ],
  },
  {
    rule: "AP-CODE-MISMATCH",
    name: "near miss: Pre-A.P., APPLIED, Map, Advanced alone, grade A P.E.",
    sheets: [
      courses([
        ["Pre-A.P. Algebra", "2002"],
        ["APPLIED MATH", "2002"],
        ["Map Reading", "2002"],
        ["Advanced Biology", "2002"],
        ["Pre AP English", "2002"],
        ["Advanced Woods A P E", "2002"],
      ]),
      catalog([["2002", "Statistics", "", "No", "", "No"]]),
    ],
    expect: [],
  },
  {
    rule: "IB-CODE-MISMATCH",
    name: "IB title, plain code",
    sheets: [courses([["IB Biology HL", "3003"]]), catalog([["3003", "Biology", "", "No", "", "No"]])],
    expect: [["Courses", 2]],
  },
  {
    rule: "IB-CODE-MISMATCH",
    name: "near miss: IB code",
    sheets: [
      courses([["International Baccalaureate Biology", "3004"]]),
      catalog([["3004", "IB Biology", "International Baccalaureate", "No", "", "No"]]),
    ],
    expect: [],
  },
  {
    rule: "IB-CODE-MISMATCH",
    name: "SIS abbreviations: I.B., I B, Intl Baccalaureate",
    sheets: [
      courses([
        ["I.B. History HL", "3003"],
        ["ENG I B LIT", "3003"],
        ["Int'l Baccalaureate Theory of Knowledge", "3003"],
      ]),
      catalog([["3003", "Biology", "", "No", "", "No"]]),
    ],
    expect: [
      ["Courses", 2],
      ["Courses", 3],
      ["Courses", 4],
    ],
  },
  {
    rule: "IB-CODE-MISMATCH",
    name: "near miss: Pre-IB, Ibsen, Scribe",
    sheets: [
      courses([
        ["Pre-IB English 10", "3003"],
        ["Ibsen and Modern Drama", "3003"],
        ["LIB SCRIBE", "3003"],
      ]),
      catalog([["3003", "Biology", "", "No", "", "No"]]),
    ],
    expect: [],
  },
  {
    rule: "APIB-TITLE-MISMATCH",
    name: "AP code, plain title",
    sheets: [courses([["MAT STATISTICS", "10091"]]), catalog([["10091", "AP Statistics", "Advanced Placement", "No", "", "No"]])],
    expect: [["Courses", 2]],
  },
  {
    rule: "APIB-TITLE-MISMATCH",
    name: "near miss: title says Advanced Placement",
    sheets: [courses([["MAT Advanced Placement Statistics", "10091"]]), catalog([["10091", "AP Statistics", "AP", "No", "", "No"]])],
    expect: [],
  },
  {
    rule: "APIB-TITLE-MISMATCH",
    name: "AP code, title only contains the letters (APPLIED, Advanced)",
    sheets: [
      courses([
        ["APPLIED STATISTICS", "10091"],
        ["Advanced Statistics", "10091"],
      ]),
      catalog([["10091", "AP Statistics", "Advanced Placement", "No", "", "No"]]),
    ],
    expect: [
      ["Courses", 2],
      ["Courses", 3],
    ],
  },
  {
    rule: "APIB-TITLE-MISMATCH",
    name: "near miss: A.P. and Adv Pl titles on the AP code",
    sheets: [
      courses([
        ["MAT A.P. STATISTICS", "10091"],
        ["Adv Pl Statistics", "10091"],
      ]),
      catalog([["10091", "AP Statistics", "Advanced Placement", "No", "", "No"]]),
    ],
    expect: [],
  },
  {
    rule: "APIB-CODE-INCONSISTENT",
    name: "AP and plain on one code",
    sheets: [
      courses([
        ["MAT AP STATISTICS A", "10091"],
        ["MAT STATISTICS", "10091"],
      ]),
    ],
    expect: [
      ["Courses", 2],
      ["Courses", 3],
    ],
  },
  {
    rule: "APIB-CODE-INCONSISTENT",
    name: "near miss: A/B semesters of one AP course",
    sheets: [
      courses([
        ["MAT AP STATISTICS A", "10091"],
        ["MAT AP STATISTICS B", "10091"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "APIB-CODE-INCONSISTENT",
    name: "Adv Placement and plain on one code",
    sheets: [
      courses([
        ["Adv Placement Statistics", "10091"],
        ["Statistics", "10091"],
      ]),
    ],
    expect: [
      ["Courses", 2],
      ["Courses", 3],
    ],
  },
  {
    rule: "APIB-CODE-INCONSISTENT",
    name: "near miss: A.P. and AP spellings of one course",
    sheets: [
      courses([
        ["MAT A.P. STATISTICS A", "10091"],
        ["MAT AP STATISTICS B", "10091"],
      ]),
    ],
    expect: [],
  },
  {
    rule: "DUAL-ENROLLMENT-FLAG-MISSING",
    name: "- TC title, flag N",
    sheets: [offerings([...allSix, ["S1", "SCI CONCEPTS OF BIOLOGY A - TC", "9944", "No", "", "N"]])],
    expect: [["Offerings", 8]],
  },
  {
    rule: "DUAL-ENROLLMENT-FLAG-MISSING",
    name: "near miss: flag set; 'TCP' is not TC",
    sheets: [
      offerings([...allSix, ["S1", "Start College Now Welding", "9945", "No", "", "Y"], ["S2", "TCP Networking", "9946", "No", "", "N"]]),
    ],
    expect: [],
  },
];

describe.each(cases)("$rule: $name", (c) => {
  test(c.expect.length ? "fires where expected" : "does not fire", () => {
    const found = hits(c.sheets, c.rule, c.options);
    expect(found.map((f) => [f.sheet, f.row])).toEqual(c.expect);
    if (c.severity) for (const f of found) expect(f.severity).toBe(c.severity);
    for (const f of found) expect(f.message.length).toBeGreaterThan(20);
  });
});

test("every rule of the catalogue has a firing case and a near miss", () => {
  for (const rule of RULES) {
    const own = cases.filter((c) => c.rule === rule.id);
    expect({ rule: rule.id, fires: own.some((c) => c.expect.length > 0) }).toEqual({ rule: rule.id, fires: true });
    expect({ rule: rule.id, nearMiss: own.some((c) => c.expect.length === 0) }).toEqual({ rule: rule.id, nearMiss: true });
  }
});
