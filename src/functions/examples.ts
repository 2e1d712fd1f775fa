/**
 * One worked example (or a few) per custom function, for the help page (scripts/make-help.js renders
 * them) and for the tests, which run each example through ./logic and compare with `result`.
 * Inputs are what the cells hold; `result` is what Excel shows, one string per output cell.
 */
import { FunctionError, Out } from "./logic";

export interface FunctionExample {
  /** the formula as typed; cell references are explained by `cells` */
  readonly formula: string;
  /** what the referenced cells hold, for the reader, e.g. "A2:A4 = 1.1, 01.0901, Animal Science" */
  readonly cells?: string;
  /** the arguments the function receives (ranges as matrices) */
  readonly args: readonly unknown[];
  /** what Excel shows, row by row ("#VALUE!" / "#N/A" for errors, "" for an empty result) */
  readonly result: readonly (readonly string[])[];
}

export interface FunctionDoc {
  /** the function id in functions.json (CTE.<id> in Excel) */
  readonly id: string;
  /** export name in ./logic */
  readonly logic:
    | "iac"
    | "iacValid"
    | "cluster"
    | "iacCluster"
    | "programArea"
    | "grade"
    | "eligible"
    | "apib"
    | "courseCheck"
    | "wblHours"
    | "graduate"
    | "check"
    | "rule"
    | "pathwayCourses"
    | "suggestPathway";
  /** extra notes for the help page (plain text) */
  readonly notes?: readonly string[];
  readonly examples: readonly FunctionExample[];
}

const IAC_LIST: unknown[][] = [
  ["IAC", "Cluster", "Suggested"],
  ["01.09", "Agriculture, Food & Natural Resources", "Y"],
  ["11.01", "Information Technology", "Y"],
  ["11.01", "Health Science", "N"],
];

const CATALOG: unknown[][] = [
  ["Roster Code", "SCED Course Title", "Course Program", "Deprecated"],
  ["10075", "AP Biology", "AP", "N"],
  ["10080", "Biology", "", "N"],
  ["10090", "Biology (old)", "", "Y"],
];

const CONCENTRATORS: unknown[][] = [
  ["Career Concentrators 2025-26", null, null, null],
  ["WSN", "Grade", "IAC", "Cluster"],
  ["9000000001", 11, "01.09", "Agriculture, Food & Natural Resources"],
  ["9000000002", 10, "11.01", "Information Technology"],
  [null, null, null, null],
  ["9000000003", 12, "11.01", "Health Science"],
];

const PLAN: unknown[][] = [
  ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
  ["Animal Systems", "01.09", "Agriculture, Food & Natural Resources", "01001", "AG101", "Intro to Agriculture"],
  [null, null, null, "01011", "AG210", "Veterinary Science"],
  [null, null, null, "01012", "AG220", "Animal Science"],
  ["Programming", "11.02", "Information Technology", "10152", "CS110", "Intro to Programming"],
  [null, null, null, "10153", "CS210", "AP Computer Science A"],
];

const COURSEWORK: unknown[][] = [
  ["Student ID", "School Year", "Course Number", "Course Name", "Mark", "Credits Earned"],
  ["9000000001", "2023-24", "AG101", "Intro to Agriculture", "B", 0.5],
  ["9000000001", "2024-25", "AG210A", "Veterinary Science", "C-", 0.5],
  ["9000000001", "2024-25", "AG210B", "Veterinary Science", "F", 0],
  ["9000000002", "2024-25", "CS110", "Intro to Programming", "A", 0.5],
  ["9000000002", "2025-26", "CS210", "AP Computer Science A", "B+", 1],
  ["9000000003", "2024-25", "AG101", "Intro to Agriculture", "D", 0.5],
  ["9000000003", "2024-25", "AG220", "Animal Science", "F", 0],
  ["9000000004", "2024-25", "AG101", "Intro to Agriculture", "A", 0.5],
  ["9000000004", "2024-25", "AG220", "Animal Science", "B", 0.5],
  ["9000000004", "2024-25", "CS110", "Intro to Programming", "A-", 0.5],
  ["9000000004", "2025-26", "CS210", "AP Computer Science A", "B", 1],
];

const FINDER_CELLS = "Coursework!A1:F12 = students' courses with marks; Plan!A1:F6 = two pathways and their courses";
const STUDENTS: unknown[][] = [["9000000001"], ["9000000002"], ["9000000003"], ["9000000004"]];

export const FUNCTION_DOCS: readonly FunctionDoc[] = [
  {
    id: "IAC",
    logic: "iac",
    notes: ["Only the shape is checked: use CTE.IACVALID to ask whether the code is a real CIP 2020 series."],
    examples: [
      { formula: "=CTE.IAC(1.1)", args: [1.1], result: [["01.10"]] },
      {
        formula: "=CTE.IAC(A2:A4)",
        cells: "A2:A4 = 1.1, 01.0901, Animal Science",
        args: [[[1.1], ["01.0901"], ["Animal Science"]]],
        result: [["01.10"], ["01.09"], ["#VALUE!"]],
      },
    ],
  },
  {
    id: "IACVALID",
    logic: "iacValid",
    examples: [
      { formula: '=CTE.IACVALID("01.09")', args: ["01.09"], result: [["TRUE"]] },
      { formula: '=CTE.IACVALID("99.99")', args: ["99.99"], result: [["FALSE"]] },
      {
        formula: '=CTE.IACVALID("01.01", F1:H4)',
        cells: "F1:H4 = a DPI IAC list with 01.09 and 11.01 only",
        args: ["01.01", IAC_LIST],
        result: [["FALSE"]],
      },
    ],
  },
  {
    id: "CLUSTER",
    logic: "cluster",
    examples: [
      { formula: '=CTE.CLUSTER("01.09")', args: ["01.09"], result: [["Agriculture, Food & Natural Resources"]] },
      {
        formula: '=CTE.CLUSTER("11.01", F1:H4)',
        cells: "F1:H4 = a DPI IAC list pairing 11.01 with two clusters",
        args: ["11.01", IAC_LIST],
        result: [["Information Technology; Health Science"]],
      },
    ],
  },
  {
    id: "IACCLUSTER",
    logic: "iacCluster",
    examples: [
      { formula: '=CTE.IACCLUSTER("11.01", "Information Technology")', args: ["11.01", "Information Technology"], result: [["TRUE"]] },
      { formula: '=CTE.IACCLUSTER("11.01", "Health Science")', args: ["11.01", "Health Science"], result: [["FALSE"]] },
      {
        formula: '=CTE.IACCLUSTER("11.01", "Health Science", F1:H4)',
        cells: "F1:H4 = a DPI IAC list that allows 11.01 with Health Science",
        args: ["11.01", "Health Science", IAC_LIST],
        result: [["TRUE"]],
      },
    ],
  },
  {
    id: "PROGRAMAREA",
    logic: "programArea",
    examples: [
      { formula: '=CTE.PROGRAMAREA("Tech Ed")', args: ["Tech Ed"], result: [["Technology and Engineering Education"]] },
      {
        formula: '=CTE.PROGRAMAREA("Ag; Bus")',
        args: ["Ag; Bus"],
        result: [["Agriculture and Natural Resources Education; Business and Information Technology Education"]],
      },
      { formula: '=CTE.PROGRAMAREA("Basket weaving")', args: ["Basket weaving"], result: [["#N/A"]] },
    ],
  },
  {
    id: "GRADE",
    logic: "grade",
    examples: [
      {
        formula: "=CTE.GRADE(B2:B5)",
        cells: "B2:B5 = 09, Grade 10, K12-11, TBD",
        args: [[["09"], ["Grade 10"], ["K12-11"], ["TBD"]]],
        result: [["9"], ["10"], ["11"], ["#VALUE!"]],
      },
    ],
  },
  {
    id: "ELIGIBLE",
    logic: "eligible",
    notes: ["Elements and their grade bands are listed in the table below."],
    examples: [
      { formula: '=CTE.ELIGIBLE("concentrator", 10)', args: ["concentrator", 10], result: [["FALSE"]] },
      { formula: '=CTE.ELIGIBLE("single parent", "Grade 11")', args: ["single parent", "Grade 11"], result: [["TRUE"]] },
      { formula: '=CTE.ELIGIBLE("WBL", "09")', args: ["WBL", "09"], result: [["TRUE"]] },
    ],
  },
  {
    id: "APIB",
    logic: "apib",
    examples: [
      {
        formula: "=CTE.APIB(C2:C4)",
        cells: "C2:C4 = AP Biology, Pre-AP English 9, IB History HL",
        args: [[["AP Biology"], ["Pre-AP English 9"], ["IB History HL"]]],
        result: [["AP"], [""], ["IB"]],
      },
    ],
  },
  {
    id: "COURSECHECK",
    logic: "courseCheck",
    notes: [
      "Without a catalog, one roster code given to both an AP/IB-titled and a plain-titled course within the ranges " +
        "is reported (APIB-CODE-INCONSISTENT).",
      "A catalog range without headers is read in the order " +
        "Roster Code, SCED Course Title, Course Program, CTE Course, CTE Department, Deprecated.",
    ],
    examples: [
      {
        formula: '=CTE.COURSECHECK("AP Biology", "10075", J1:M4)',
        cells: "J1:M4 = a DPI catalog where 10075 is AP",
        args: ["AP Biology", "10075", CATALOG],
        result: [[""]],
      },
      {
        formula: '=CTE.COURSECHECK("AP Biology", "10080", J1:M4)',
        cells: "J1:M4 = a DPI catalog where 10080 is not AP",
        args: ["AP Biology", "10080", CATALOG],
        result: [["‘AP Biology’ is titled AP, but roster code 10080's DPI program is none. AP courses must use an AP roster code."]],
      },
      {
        formula: '=CTE.COURSECHECK("Biology", "10090", J1:M4)',
        cells: "J1:M4 = a DPI catalog where 10090 is deprecated",
        args: ["Biology", "10090", CATALOG],
        result: [
          ["Roster code 10090 (‘Biology (old)’) is deprecated (DPI 6798). Replace it with a current code from DPI's course download."],
        ],
      },
    ],
  },
  {
    id: "WBLHOURS",
    logic: "wblHours",
    examples: [
      { formula: '=CTE.WBLHOURS("Youth Apprenticeship")', args: ["Youth Apprenticeship"], result: [["450"]] },
      { formula: '=CTE.WBLHOURS("Internship/Local Co-op")', args: ["Internship/Local Co-op"], result: [["90"]] },
      { formula: '=CTE.WBLHOURS("IRC - NOT State Approved")', args: ["IRC - NOT State Approved"], result: [["#N/A"]] },
    ],
  },
  {
    id: "GRADUATE",
    logic: "graduate",
    examples: [
      { formula: '=CTE.GRADUATE("HSC", "R")', args: ["HSC", "R"], result: [["TRUE"]] },
      { formula: '=CTE.GRADUATE("HSC", "C")', args: ["HSC", "C"], result: [["FALSE"]] },
      { formula: '=CTE.GRADUATE("TC")', args: ["TC"], result: [["FALSE"]] },
    ],
  },
  {
    id: "CHECK",
    logic: "check",
    notes: [
      "The kind is recognised from the headers as in the task pane; title rows above the header are allowed.",
      'Each finding reads RULE-ID: message; several are separated by " | ". ' +
        "Sheet-level findings (a missing or duplicated column) follow the kind on the header row. " +
        "Sensitive values (single parent, homeless) never appear.",
      'Rows below the last filled row give "", so a whole-column reference such as A:F works.',
      "Rules that compare two exports (a concentrator missing from the participants export, a senior without a completion row, " +
        "the concentrator finder's) cannot fire: CHECK sees one range; CTE.PATHWAYCOURSES and CTE.SUGGESTPATHWAY read coursework " +
        "against a plan. " +
        "Rules that compare rows (duplicates, one student with two IACs, department mismatches, AP/IB code use) " +
        "compare rows within the range only.",
      "Row numbers in messages count from the first row of the range.",
    ],
    examples: [
      {
        formula: '=CTE.CHECK(A1:D6, , , "2025-26")',
        cells: "A1:D6 = a title row, then a concentrators export: header, three students and a blank row",
        args: [CONCENTRATORS, null, null, "2025-26"],
        result: [
          [""],
          ["concentrators"],
          ["OK"],
          [
            "GRADE-OUT-OF-RANGE: Grade 10 is outside 11-12: CTE concentrators are reported in grades 11-12. " +
              "Check the grade or remove the student from this export.",
          ],
          [""],
          [
            "IAC-CLUSTER-MISMATCH: IAC 11.01 usually belongs to ‘Information Technology’, not ‘Health Science’. " +
              "Check the pair against DPI's IAC to Cluster list (DPI 6800; load the list for an exact check).",
          ],
        ],
      },
    ],
  },
  {
    id: "RULE",
    logic: "rule",
    examples: [
      {
        formula: '=CTE.RULE("GRADE-INVALID")',
        args: ["GRADE-INVALID"],
        result: [["A grade that is not recognisable (9, 09, Grade 9, 9th, K12-09 are)."]],
      },
    ],
  },
  {
    id: "PATHWAYCOURSES",
    logic: "pathwayCourses",
    notes: [
      "A course counts when the plan lists it in the pathway: matched by roster code first, then local course code " +
        "(case and an A/B semester suffix ignored: AG210A and AG210B are AG210), then title. A course retaken counts once.",
      "Passed: a passed flag decides when there is one; else the mark (D- or better, or 60% or better, unless the passing " +
        "argument says otherwise); else earned credit above zero. A blank or incomplete mark is not a pass.",
      "A student id the coursework does not have gives 0. A pathway may be given by its IAC: the pathway of the plan with that IAC " +
        "(the most courses when several share it).",
      "A blank pathway name in the plan continues the pathway above it, so the IAC and cluster may be given on its first row only.",
    ],
    examples: [
      {
        formula: '=CTE.PATHWAYCOURSES(A2:A4, "Animal Systems", Coursework!A1:F12, Plan!A1:F6)',
        cells: `A2:A4 = 9000000001, 9000000002, 9000000003; ${FINDER_CELLS}`,
        args: [STUDENTS.slice(0, 3), "Animal Systems", COURSEWORK, PLAN],
        result: [["2"], ["0"], ["1"]],
      },
      {
        formula: '=CTE.PATHWAYCOURSES("9000000002", "11.02", Coursework!A1:F12, Plan!A1:F6)',
        cells: FINDER_CELLS,
        args: ["9000000002", "11.02", COURSEWORK, PLAN],
        result: [["2"]],
      },
      {
        formula: '=CTE.PATHWAYCOURSES("9000000001", "Animal Systems", Coursework!A1:F12, Plan!A1:F6, "C")',
        cells: `${FINDER_CELLS}; with C as the lowest passing mark, C- fails`,
        args: ["9000000001", "Animal Systems", COURSEWORK, PLAN, "C"],
        result: [["1"]],
      },
      {
        formula: '=CTE.PATHWAYCOURSES("9000000001", "Welding", Coursework!A1:F12, Plan!A1:F6)',
        cells: FINDER_CELLS,
        args: ["9000000001", "Welding", COURSEWORK, PLAN],
        result: [["#N/A"]],
      },
    ],
  },
  {
    id: "SUGGESTPATHWAY",
    logic: "suggestPathway",
    notes: [
      "A student qualifies in a pathway with two or more distinct passed courses of it (DPI's concentrator definition); " +
        "courses and passing are read as for CTE.PATHWAYCOURSES.",
      "When the coursework qualifies the student in several pathways, all are listed, most passed courses first: " +
        "DPI reports one IAC per concentrator, so ask the student which pathway to report.",
    ],
    examples: [
      {
        formula: "=CTE.SUGGESTPATHWAY(A2:A5, Coursework!A1:F12, Plan!A1:F6)",
        cells: `A2:A5 = 9000000001 to 9000000004; ${FINDER_CELLS}`,
        args: [STUDENTS, COURSEWORK, PLAN],
        result: [
          ["Animal Systems — 01.09 Agriculture, Food & Natural Resources"],
          ["Programming — 11.02 Information Technology"],
          [""],
          ["2 pathways: Animal Systems — 01.09 Agriculture, Food & Natural Resources; Programming — 11.02 Information Technology"],
        ],
      },
    ],
  },
];

/** What Excel shows for a result element. */
export function display(value: Out): string {
  if (value instanceof FunctionError) return value.kind === "notAvailable" ? "#N/A" : "#VALUE!";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}
