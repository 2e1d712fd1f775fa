/**
 * The concentrator finder (src/core/pathways.ts): the passing rule, matching courses to the plan, distinct
 * courses per pathway, and a student's grade when exports disagree.
 */
import { CellValue } from "../src/core/cells";
import { runChecklist } from "../src/core/engine";
import {
  DEFAULT_PASSING_RULE,
  CourseworkRow,
  buildPathwayPlan,
  courseworkByStudent,
  courseworkFromRows,
  foldLocalCode,
  isPassed,
  matchPlanCourses,
  parsePassingRule,
  passedPathwayCourses,
  planFromRows,
  qualificationsByStudent,
} from "../src/core/pathways";
import { AFNR, IT, concentrators, coursework, participants, pathwayPlan } from "./helpers/fixtures";

describe("the passing rule", () => {
  test("the default is D- or better, 60% or better, or credit earned", () => {
    expect(DEFAULT_PASSING_RULE).toEqual({ minimumLetter: "D-", minimumPercent: 60, creditCounts: true });
  });

  test("passed flags: yes/no forms and pass/fail words decide first", () => {
    expect(isPassed({ passed: "Y" })).toBe(true);
    expect(isPassed({ passed: "Pass" })).toBe(true);
    expect(isPassed({ passed: true })).toBe(true);
    expect(isPassed({ passed: "N", mark: "A" })).toBe(false);
    expect(isPassed({ passed: "Failed", creditsEarned: 1 })).toBe(false);
  });

  test("letter marks with + and -, against the minimum letter", () => {
    for (const m of ["A+", "A", "a-", "B +", "C", "D+", "D", "D-"])
      expect({ m, passed: isPassed({ mark: m }) }).toEqual({ m, passed: true });
    for (const m of ["F", "E", "f"]) expect({ m, passed: isPassed({ mark: m }) }).toEqual({ m, passed: false });
    const cMinus = { ...DEFAULT_PASSING_RULE, minimumLetter: "C-" };
    expect(isPassed({ mark: "C-" }, cMinus)).toBe(true);
    expect(isPassed({ mark: "D+" }, cMinus)).toBe(false);
    expect(isPassed({ mark: "B+" }, cMinus)).toBe(true);
  });

  test("percents against the minimum percent (numbers, text, a % sign)", () => {
    expect(isPassed({ mark: 60 })).toBe(true);
    expect(isPassed({ mark: 59.5 })).toBe(false);
    expect(isPassed({ mark: "87.5%" })).toBe(true);
    expect(isPassed({ mark: "52" })).toBe(false);
    expect(isPassed({ mark: 65 }, { ...DEFAULT_PASSING_RULE, minimumPercent: 70 })).toBe(false);
  });

  test("earned credit passes when no flag or mark decides, unless the rule says credit does not count", () => {
    expect(isPassed({ creditsEarned: 0.5 })).toBe(true);
    expect(isPassed({ creditsEarned: "0" })).toBe(false);
    expect(isPassed({ creditsEarned: 0.5, mark: "F" })).toBe(false);
    expect(isPassed({ creditsEarned: 0.5 }, { ...DEFAULT_PASSING_RULE, creditCounts: false })).toBeNull();
  });

  test("blanks, incompletes and unreadable marks are unknown, never a pass", () => {
    expect(isPassed({})).toBeNull();
    expect(isPassed({ mark: "", passed: null, creditsEarned: "" })).toBeNull();
    expect(isPassed({ mark: "I" })).toBeNull();
    expect(isPassed({ mark: "IP" })).toBeNull();
    expect(isPassed({ mark: "see teacher" })).toBeNull();
    expect(isPassed({ mark: { error: "#N/A" } })).toBeNull();
  });

  test("--passing values: a letter, a percent, both, no-credit; nonsense refused", () => {
    expect(parsePassingRule("C-")).toEqual({ minimumLetter: "C-", minimumPercent: 60, creditCounts: true });
    expect(parsePassingRule("70%")).toEqual({ minimumLetter: "D-", minimumPercent: 70, creditCounts: true });
    expect(parsePassingRule("c, 65, no-credit")).toEqual({ minimumLetter: "C", minimumPercent: 65, creditCounts: false });
    expect(parsePassingRule("F")).toBeNull();
    expect(parsePassingRule("best")).toBeNull();
    expect(parsePassingRule("")).toBeNull();
  });
});

const PLAN = buildPathwayPlan([
  {
    pathwayName: "Animal Science",
    iac: "01.09",
    cluster: AFNR,
    rosterCode: "01001",
    localCourseCode: "AGR101",
    localCourseTitle: "Intro to Animal Science",
  },
  { rosterCode: "01002", localCourseCode: "AGR201", localCourseTitle: "Veterinary Science" },
  // Two courses of one pathway sharing a roster code: told apart by local code and title.
  { rosterCode: "01003", localCourseCode: "AGR301", localCourseTitle: "Animal Nutrition" },
  { rosterCode: "01003", localCourseCode: "AGR302", localCourseTitle: "Animal Genetics" },
  {
    pathwayName: "Software Development",
    iac: 11.02,
    cluster: "Information Technology",
    localCourseCode: "CS101",
    localCourseTitle: "Programming I",
  },
  { localCourseTitle: "Programming II" },
]);

describe("the plan", () => {
  test("IAC and cluster carry down within a pathway; a numeric IAC reads as its code", () => {
    expect(PLAN.pathways.map((p) => [p.name, p.iac, p.cluster, p.courses.length])).toEqual([
      ["Animal Science", "01.09", AFNR, 4],
      ["Software Development", "11.02", IT, 2],
    ]);
  });

  test("A and B semesters of one plan course are one course", () => {
    const plan = buildPathwayPlan([
      { pathwayName: "Welding", iac: "48.05", localCourseCode: "WLD110A", localCourseTitle: "Welding I A" },
      { localCourseCode: "WLD110B", localCourseTitle: "Welding I B" },
    ]);
    expect(plan.pathways[0].courses).toHaveLength(1);
  });

  test("a plan read from a range with the template's headers", () => {
    const rows: CellValue[][] = [
      ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
      ["Animal Science", "01.09", AFNR, "01001", "AGR101", "Intro to Animal Science"],
      ["", "", "", "01002", "AGR201", "Veterinary Science"],
    ];
    const plan = planFromRows(rows);
    expect(plan.pathways.map((p) => [p.name, p.iac, p.courses.map((c) => c.localCode)])).toEqual([
      ["Animal Science", "01.09", ["AGR101", "AGR201"]],
    ]);
  });
});

describe("matching a taken course to the plan", () => {
  const match = (taken: Parameters<typeof matchPlanCourses>[1]) =>
    matchPlanCourses(PLAN, taken).map((r) => PLAN.pathways[r.pathway].courses[r.course].title);

  test("by roster code first, leading zeros ignored", () => {
    expect(match({ rosterCode: "1002", localCourseTitle: "Something else" })).toEqual(["Veterinary Science"]);
    expect(match({ rosterCode: 1001 })).toEqual(["Intro to Animal Science"]);
  });

  test("a shared roster code is told apart by the local code, then the title", () => {
    expect(match({ rosterCode: "01003", localCourseCode: "AGR302" })).toEqual(["Animal Genetics"]);
    expect(match({ rosterCode: "01003", localCourseTitle: "ANIMAL NUTRITION" })).toEqual(["Animal Nutrition"]);
  });

  test("by local course code, case and an A/B semester suffix folded", () => {
    expect(foldLocalCode(" agr201a ")).toBe("AGR201");
    expect(foldLocalCode("AGR201-B")).toBe("AGR201");
    expect(foldLocalCode("ALGEBRA")).toBe("ALGEBRA");
    expect(match({ localCourseCode: "agr201b" })).toEqual(["Veterinary Science"]);
    expect(match({ localCourseCode: "CS101A" })).toEqual(["Programming I"]);
  });

  test("a Course Code column of local codes is read as the local code", () => {
    expect(match({ rosterCode: "CS101" })).toEqual(["Programming I"]);
  });

  test("by title, case, punctuation and an A/B suffix ignored", () => {
    expect(match({ localCourseTitle: "programming ii" })).toEqual(["Programming II"]);
    expect(match({ localCourseTitle: "Programming II - B" })).toEqual(["Programming II"]);
    expect(match({ localCourseTitle: "Programming III" })).toEqual([]);
  });
});

describe("qualifications", () => {
  const row = (studentId: string, localCourseCode: string, mark: CellValue, schoolYear = "2025-26"): CourseworkRow => ({
    studentId,
    localCourseCode,
    mark,
    schoolYear,
  });

  test("two distinct passed courses of one pathway qualify; a retaken course counts once", () => {
    const rows = [
      row("1", "AGR101", "F", "2023-24"),
      row("1", "AGR101", "C", "2024-25"),
      row("1", "AGR101A", "B", "2025-26"),
      row("2", "AGR101", "A"),
      row("2", "AGR201", "A"),
    ];
    const q = qualificationsByStudent(PLAN, rows);
    expect(q.has("1")).toBe(false);
    expect(q.get("2")?.map((x) => [x.pathway, x.iac, x.courses.map((c) => c.title)])).toEqual([
      ["Animal Science", "01.09", ["Intro to Animal Science", "Veterinary Science"]],
    ]);
    expect(passedPathwayCourses(PLAN, rows, "1", "Animal Science")).toBe(1);
    expect(passedPathwayCourses(PLAN, rows, "2", "01.09")).toBe(2);
    expect(passedPathwayCourses(PLAN, rows, "2", "Software Development")).toBe(0);
    expect(passedPathwayCourses(PLAN, rows, "3", "Animal Science")).toBe(0);
  });

  test("a retaken course's year is the first year it was passed", () => {
    const rows = [row("1", "AGR201", "A", "2025-26"), row("1", "AGR201", "B", "2024-25"), row("1", "AGR101", "A", "2023-24")];
    const [q] = qualificationsByStudent(PLAN, rows).get("1")!;
    expect(q.courses.map((c) => [c.title, c.year])).toEqual([
      ["Intro to Animal Science", "2023-24"],
      ["Veterinary Science", "2024-25"],
    ]);
  });

  test("coursework read from a range whose Grade column holds marks", () => {
    const rows = courseworkFromRows([
      ["Student_Number", "Course_Number", "Course_Name", "Grade", "Grade_Level", "TermID"],
      ["1", "CS101", "Programming I", "B-", "11", "2024-2025 S2"],
      ["1", "CS201", "Programming II", "A", "12", "2025-2026 S1"],
      ["2", "CS101", "Programming I", "F", "11", "2025-2026 S1"],
    ]);
    expect(rows.map((r) => [r.studentId, r.mark, r.grade])).toEqual([
      ["1", "B-", "11"],
      ["1", "A", "12"],
      ["2", "F", "11"],
    ]);
    const students = courseworkByStudent(PLAN, rows, DEFAULT_PASSING_RULE, "2025-26");
    expect(students.get("1")?.passed.get(1)?.size).toBe(2);
    expect(students.get("2")?.passed.size).toBe(0);
    expect(students.get("1")?.courseworkGrade).toBe(12);
  });

  test("the coursework's latest grade moves on to the checked year", () => {
    const rows = [
      { ...row("1", "AGR101", "A", "2023-24"), grade: 9 },
      { ...row("1", "AGR201", "A", "2024-25"), grade: "10" },
    ];
    expect(courseworkByStudent(PLAN, rows, DEFAULT_PASSING_RULE, "2025-26").get("1")?.courseworkGrade).toBe(11);
  });
});

describe("a student's grade when exports disagree", () => {
  const plan = pathwayPlan([
    ["Animal Science", "01.09", AFNR, "01001", "AGR101", "Intro to Animal Science"],
    ["", "", "", "01002", "AGR201", "Veterinary Science"],
  ]);
  const passedBoth = (id: string, grade: CellValue) =>
    coursework([
      [id, grade, "2024-25", "AGR101", "Intro to Animal Science", "A"],
      [id, grade, "2024-25", "AGR201", "Veterinary Science", "A"],
    ]);
  const run = (...sheets: Parameters<typeof runChecklist>[0]) =>
    runChecklist([...sheets], { today: new Date("2026-11-28T12:00:00Z") }).report.possibleConcentrators ?? [];

  test("the highest grade of this year's exports is taken (a student in grade 12 anywhere is a senior)", () => {
    const found = run(plan, passedBoth("1", 9), participants([["1", 10]]), {
      name: "Demo",
      rows: [
        ["WSN", "Grade Level", "Single Parent"],
        ["1", 11, "N"],
      ],
    });
    expect(found.map((p) => [p.studentId, p.grade])).toEqual([["1", 11]]);
  });

  test("without this year's exports, the coursework's grade moved on by the years since", () => {
    // grade 10 in 2024-25 is grade 11 in 2025-26
    expect(run(plan, passedBoth("1", 10)).map((p) => [p.studentId, p.grade])).toEqual([["1", 11]]);
    // grade 9 in 2024-25 is grade 10: not yet a concentrator
    expect(run(plan, passedBoth("1", 9))).toEqual([]);
  });

  test("a reported concentrator is not a possible one; the list names pathway, IAC and courses", () => {
    const found = run(plan, passedBoth("1", 11), passedBoth("2", 11), concentrators([["2", 12, "01.09", AFNR, "Ag"]]));
    expect(found).toEqual([
      {
        studentId: "1",
        grade: 12,
        pathway: "Animal Science",
        iac: "01.09",
        cluster: "Agriculture, Food & Natural Resources",
        courses: [
          { code: "1001", title: "Intro to Animal Science", year: "2024-25" },
          { code: "1002", title: "Veterinary Science", year: "2024-25" },
        ],
        // the student's first coursework row, at the student id (the pane selects it)
        sheet: "Coursework",
        row: 2,
        cell: "A2",
      },
    ]);
  });
});

describe("what the finder could not check", () => {
  const today = new Date("2026-11-28T12:00:00Z");
  const plan = pathwayPlan([["Animal Science", "01.09", AFNR, "01001", "AGR101", "Intro to Animal Science"]]);
  const work = coursework([["1", 11, "2025-26", "AGR101", "Intro to Animal Science", "A"]]);

  test("coursework without a plan: the finder's rules are listed as not run, the topic has no data", () => {
    const { report } = runChecklist([work, concentrators([["2", 12, "01.09", AFNR, "Ag"]])], { today });
    const why = report.notChecked?.filter((n) => n.rule === "POSSIBLE-CONCENTRATOR").map((n) => n.why);
    expect(why).toEqual([expect.stringMatching(/no Pathway plan .* in the input/)]);
    const topic = report.checklist.find((t) => t.topic === "possible-concentrators")!;
    expect(topic.status).toBe("no-data");
    expect(topic.figure.text).toBe("not checked (no pathway plan)");
    expect(report.possibleConcentrators).toBeUndefined();
  });

  test("a plan and coursework without a concentrators export: listed, but POSSIBLE-CONCENTRATOR does not fire", () => {
    const { report } = runChecklist([plan, work, participants([["1", 11]])], { today });
    expect(report.notChecked?.map((n) => n.rule)).toContain("POSSIBLE-CONCENTRATOR");
    expect(report.findings.filter((f) => f.rule === "POSSIBLE-CONCENTRATOR")).toEqual([]);
    expect(report.checklist.find((t) => t.topic === "possible-concentrators")?.figure.text).toBe(
      "0 possible concentrators found (no concentrators export to compare); 1 student checked",
    );
  });

  test("last year's concentrators without this year's: the year-over-year rules are listed as not run", () => {
    const lastYear = {
      name: "Last",
      rows: [
        ["WSN", "Grade", "IAC", "Cluster", "School Year"],
        ["1", 11, "01.09", AFNR, "2024-25"],
      ],
    };
    const { report } = runChecklist([lastYear, participants([["1", 12]])], { today });
    expect(report.sheets[0].kind).toBe("previous-concentrators");
    expect(report.notChecked?.filter((n) => n.topic === "possible-concentrators").map((n) => n.rule)).toEqual([
      "CONCENTRATOR-NOT-CONTINUED",
      "IAC-CHANGED-SINCE-LAST-YEAR",
    ]);
  });
});

describe("students told by the district's local number", () => {
  const today = new Date("2026-11-28T12:00:00Z");
  const plan = pathwayPlan([
    ["Animal Science", "01.09", AFNR, "01001", "AGR101", "Intro to Animal Science"],
    ["", "", "", "01002", "AGR201", "Veterinary Science"],
  ]);
  const localCoursework = {
    name: "Transcript",
    rows: [
      ["Student Number", "Grade Level", "School Year", "Course Number", "Course Name", "Mark"],
      ["240017", 12, "2025-26", "AGR101", "Intro to Animal Science", "A"],
      ["240017", 12, "2025-26", "AGR201", "Veterinary Science", "A"],
      ["240024", 12, "2025-26", "AGR101", "Intro to Animal Science", "A"],
      ["240024", 12, "2025-26", "AGR201", "Veterinary Science", "B"],
    ] as CellValue[][],
  };

  test("a concentrators export with both WSN and local id columns matches a coursework of local numbers", () => {
    const conc = {
      name: "Concentrators",
      rows: [
        ["WSN", "Local Student ID", "Grade Level", "IAC", "Cluster"],
        ["9000000001", "240017", 12, "01.09", AFNR],
      ] as CellValue[][],
    };
    const { report } = runChecklist([plan, localCoursework, conc], { today });
    expect(report.possibleConcentrators?.map((p) => p.studentId)).toEqual(["240024"]);
  });

  test("coursework whose ids match no student of this year's exports lists nobody, and says why", () => {
    const { report } = runChecklist([plan, localCoursework, concentrators([["9000000001", 12, "01.09", AFNR, "Ag"]])], { today });
    expect(report.possibleConcentrators).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "POSSIBLE-CONCENTRATOR")).toEqual([]);
    expect(report.checklist.find((t) => t.topic === "possible-concentrators")?.figure.text).toMatch(
      /student ids match no student of this year's exports/,
    );
  });
});
