/**
 * =CTE.PATHWAYCOURSES and =CTE.SUGGESTPATHWAY (src/functions/logic over src/core/pathways): counting,
 * ranges that spill, broadcasting, error cells, the passing-rule argument, arguments that are not a plan or
 * coursework, whole-column references, and agreement with the engine's possible concentrators.
 */
import fc from "fast-check";
import { runChecklist } from "../src/core/engine";
import * as logic from "../src/functions/logic";
import { FunctionError, Out } from "../src/functions/logic";

const AFNR = "Agriculture, Food & Natural Resources";
const PLAN_HEADER = ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"];
const PLAN: unknown[][] = [
  PLAN_HEADER,
  ["Animal Systems", "01.09", AFNR, "01001", "AG101", "Intro to Agriculture"],
  [null, null, null, "01011", "AG210", "Veterinary Science"],
  [null, null, null, "01012", "AG220", "Animal Science"],
  ["Programming", "11.02", "Information Technology", "10152", "CS110", "Intro to Programming"],
  [null, null, null, "10153", "CS210", "AP Computer Science A"],
];
const CW_HEADER = ["Student ID", "School Year", "Course Number", "Course Name", "Mark", "Credits Earned"];
const COURSEWORK: unknown[][] = [
  CW_HEADER,
  ["9000000001", "2023-24", "AG101", "Intro to Agriculture", "B", 0.5],
  ["9000000001", "2024-25", "AG210A", "Veterinary Science", "C-", 0.5],
  ["9000000001", "2024-25", "AG210B", "Veterinary Science", "B", 0.5],
  ["9000000001", "2025-26", "AG101", "Intro to Agriculture", "A", 0.5],
  ["9000000002", "2024-25", "CS110", "Intro to Programming", "A", 0.5],
  ["9000000002", "2025-26", "CS210", "AP Computer Science A", "IP", ""],
  ["9000000003", "2024-25", "AG101", "Intro to Agriculture", { error: "#N/A" }, 0.5],
  ["9000000003", "2024-25", "AG220", "Animal Science", "D-", 0],
];

/** Elements as text: values as Excel shows them, errors as "#VALUE!: message" / "#N/A: message". */
function shown(m: Out[][]): string[][] {
  return m.map((r) =>
    r.map((v) => (v instanceof FunctionError ? `${v.kind === "notAvailable" ? "#N/A" : "#VALUE!"}: ${v.message}` : String(v))),
  );
}
const col = (...values: unknown[]) => values.map((v) => [v]);

describe("CTE.PATHWAYCOURSES", () => {
  test("counts distinct passed courses: a retake and both semesters of one course count once; in progress is not passed", () => {
    const out = logic.pathwayCourses(col("9000000001", "9000000002", "9000000003", "9999999999"), "Animal Systems", COURSEWORK, PLAN);
    // 9000000003: the error mark is no pass, but its earned credit is; D- passes by default with no credit.
    expect(shown(out)).toEqual([["2"], ["0"], ["2"], ["0"]]);
    expect(shown(logic.pathwayCourses("9000000002", "Programming", COURSEWORK, PLAN))).toEqual([["1"]]);
  });

  test("a row of ids spills a row; a pathway per student broadcasts; the pathway may be its IAC, in any case", () => {
    expect(shown(logic.pathwayCourses([["9000000001", "9000000002"]], "programming", COURSEWORK, PLAN))).toEqual([["0", "1"]]);
    expect(shown(logic.pathwayCourses(col("9000000001", "9000000002"), col("01.09", "11.02"), COURSEWORK, PLAN))).toEqual([["2"], ["1"]]);
    expect(shown(logic.pathwayCourses(col("9000000001", "9000000002"), col("01.09", "11.02", "x"), COURSEWORK, PLAN))[2][0]).toMatch(
      /^#N\/A: The ranges differ in size/,
    );
  });

  test("a numeric student id matches the coursework's text id", () => {
    expect(shown(logic.pathwayCourses(9000000001, "01.09", COURSEWORK, PLAN))).toEqual([["2"]]);
  });

  test('blank students give ""; error cells and blank or unknown pathways give explained errors, the rest still compute', () => {
    const out = shown(
      logic.pathwayCourses(
        col("9000000001", "", { error: "#REF!" }, "9000000001", "9000000001"),
        col("01.09", "01.09", "01.09", "", "Welding"),
        COURSEWORK,
        PLAN,
      ),
    );
    expect(out[0]).toEqual(["2"]);
    expect(out[1]).toEqual([""]);
    expect(out[2][0]).toMatch(/^#VALUE!: The input is the Excel error #REF!/);
    expect(out[3]).toEqual(["#VALUE!: The pathway is blank: give a pathway's name or IAC as the plan has it."]);
    expect(out[4]).toEqual(["#N/A: ‘Welding’ is not a pathway of the plan: give its name or its IAC as the plan has it."]);
  });

  test("the passing argument: a stricter letter, a percent, no-credit; an unreadable one is #VALUE! everywhere", () => {
    expect(shown(logic.pathwayCourses("9000000001", "01.09", COURSEWORK, PLAN, "C"))).toEqual([["2"]]); // B in 2024-25 passes
    expect(shown(logic.pathwayCourses("9000000003", "01.09", COURSEWORK, PLAN, "no-credit"))).toEqual([["1"]]);
    expect(shown(logic.pathwayCourses("9000000003", "01.09", COURSEWORK, PLAN, "C-"))).toEqual([["1"]]);
    const bad = shown(logic.pathwayCourses(col("9000000001", "9000000002"), "01.09", COURSEWORK, PLAN, "pass if present"));
    expect(bad).toEqual([
      [
        "#VALUE!: The passing rule ‘pass if present’ is not one: give a lowest passing letter (C-), a percent (65), both (C-,65), or no-credit.",
      ],
      [
        "#VALUE!: The passing rule ‘pass if present’ is not one: give a lowest passing letter (C-), a percent (65), both (C-,65), or no-credit.",
      ],
    ]);
  });

  test("a plan or coursework argument without its header row, or of another export, is #VALUE! naming what it needs", () => {
    const noPlan = shown(logic.pathwayCourses("9000000001", "01.09", COURSEWORK, PLAN.slice(1)));
    expect(noPlan[0][0]).toMatch(
      /^#VALUE!: The plan argument is not a pathway plan: give its range with the header row \(Pathway Name, IAC/,
    );
    const swapped = shown(logic.pathwayCourses("9000000001", "01.09", PLAN, COURSEWORK));
    expect(swapped[0][0]).toMatch(/^#VALUE!: The plan argument is not a pathway plan/);
    const noMarks = COURSEWORK.map((r) => r.slice(0, 4));
    expect(shown(logic.pathwayCourses("9000000001", "01.09", noMarks, PLAN))[0][0]).toMatch(
      /^#VALUE!: The coursework argument is not students' coursework: give its range with the header row \(a student id, a course code or title, and a passed flag/,
    );
    expect(shown(logic.pathwayCourses("9000000001", "01.09", "9000000001", PLAN))[0][0]).toMatch(/^#VALUE!: The coursework argument/);
  });

  test("whole-column references (a million rows, mostly blank) are read to their last filled row, quickly", () => {
    const blanks = (n: number, width: number) => Array.from({ length: n }, () => new Array<unknown>(width).fill(""));
    const plan = [...PLAN, ...blanks(1_048_576 - PLAN.length, 6)];
    const coursework = [...COURSEWORK, ...blanks(1_048_576 - COURSEWORK.length, 6)];
    const start = Date.now();
    expect(shown(logic.pathwayCourses("9000000001", "01.09", coursework, plan))).toEqual([["2"]]);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe("CTE.SUGGESTPATHWAY", () => {
  const BOTH = [
    ...COURSEWORK,
    ["9000000004", "2024-25", "AG101", "Intro to Agriculture", "A", 0.5],
    ["9000000004", "2024-25", "AG220", "Animal Science", "B", 0.5],
    ["9000000004", "2024-25", "CS110", "Intro to Programming", "A-", 0.5],
    ["9000000004", "2025-26", "CS210", "AP Computer Science A", "B", 1],
    ["9000000004", "2025-26", "AG210", "Veterinary Science", "B", 1],
  ];

  test('the qualifying pathway with IAC and cluster; "" when none; several listed, most courses first', () => {
    expect(shown(logic.suggestPathway(col("9000000001", "9000000002", "9000000004", "", "unknown"), BOTH, PLAN))).toEqual([
      [`Animal Systems — 01.09 ${AFNR}`],
      [""],
      [`2 pathways: Animal Systems — 01.09 ${AFNR}; Programming — 11.02 Information Technology`],
      [""],
      [""],
    ]);
  });

  test("a pathway without IAC or cluster in the plan is named alone", () => {
    const plan = [PLAN_HEADER, ["Welding", "", "", "", "WE1", "Welding I"], ["Welding", "", "", "", "WE2", "Welding II"]];
    const cw = [CW_HEADER, ["1", "2024-25", "WE1", "Welding I", "A", 1], ["1", "2025-26", "WE2", "Welding II", "A", 1]];
    expect(shown(logic.suggestPathway("1", cw, plan))).toEqual([["Welding"]]);
  });

  test("agrees with the engine's possible concentrators on the same sheets", () => {
    const participants = [["Student ID", "Grade"], ...["9000000001", "9000000002", "9000000003", "9000000004"].map((id) => [id, 12])];
    const { report } = runChecklist(
      [
        { name: "Participants", rows: participants as never },
        { name: "Pathway Plan", rows: PLAN as never },
        { name: "Coursework", rows: BOTH as never },
      ],
      { schoolYear: "2025-26" },
    );
    const engine = (report.possibleConcentrators ?? []).map((p) => [p.studentId, p.pathway, ...(p.otherPathways ?? [])]);
    const ids = engine.map((e) => e[0]);
    const suggested = shown(logic.suggestPathway(col(...ids), BOTH, PLAN)).map((r) => r[0]);
    expect(ids.length).toBeGreaterThan(1);
    engine.forEach((e, i) => {
      for (const pathway of e.slice(1)) expect(suggested[i]).toContain(pathway);
    });
  });

  test("any values in any shape give a value or an explained error, never an exception", () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null), fc.constant({ error: "#DIV/0!" }), fc.boolean());
    const matrix = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(matrix, matrix, matrix, (student, coursework, plan) => {
        for (const out of [logic.suggestPathway(student, coursework, plan), logic.pathwayCourses(student, "x", coursework, plan)]) {
          for (const row of out)
            for (const v of row) expect(v instanceof FunctionError || ["string", "number"].includes(typeof v)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
