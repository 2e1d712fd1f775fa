/** Regression tests for problems an independent review found (each fails on the code before its fix). */
import { parseCsv } from "../src/core/csv";
import { decideKind } from "../src/core/recognize";
import { normalizeGrade } from "../src/core/normalize";
import { AFNR, BI, careerEd, catalog, check, completion, concentrators, courses, demographics, hits, offerings } from "./helpers/fixtures";

test("PROGRAM-AREA-COVERAGE names every missing program area, not only the first", () => {
  const found = hits(
    [
      offerings([
        ["C1", "Ag Mechanics", "1001", "Yes", "Ag", "N"],
        ["C2", "Accounting", "1002", "Yes", "Bus", "N"],
        ["C4", "Foods", "1004", "Yes", "FCS", "N"],
      ]),
    ],
    "PROGRAM-AREA-COVERAGE",
  );
  expect(found.map((f) => f.message.match(/\(([^)]+)\)/)?.[1])).toEqual(["Mar", "Tech Ed", "Health Sci"]);
});

test.each<[string, number]>([
  ["12 - Twelfth Grade", 12],
  ["09 - Ninth Grade", 9],
  ["KG - Kindergarten", 0],
  ["EE", -3],
  ["PK4", -1],
  ["Preschool/Prekindergarten", -1],
])("grade descriptor %p -> %p", (text, grade) => expect(normalizeGrade(text)).toBe(grade));

test("early-childhood grades in a district-wide demographics export are grades, not GRADE-INVALID", () => {
  expect(
    hits(
      [
        demographics([
          ["1", "EE", "N", "N"],
          ["2", "PK4", "N", "N"],
          ["3", "12 - Twelfth Grade", "N", "N"],
        ]),
      ],
      "GRADE-INVALID",
    ),
  ).toEqual([]);
});

test("IRC program types in singular or abbreviated spelling are certified (no DPI 6915 error)", () => {
  expect(
    hits(
      [
        careerEd([
          ["1", 11, "Industry Recognized Credential", BI, "A", ""],
          ["2", 11, "IRC", BI, "B", ""],
        ]),
      ],
      "CERT-STATUS-WRONG-PROGRAM",
    ),
  ).toEqual([]);
});

test("a status on an IRC row with a non-certified type says to fix the type, not to drop the status", () => {
  const [f] = hits([careerEd([["1", 11, "Non-Certified Career Education", BI, "A", ""]])], "CERT-STATUS-WRONG-PROGRAM");
  expect(f.message).toContain("keep the status and set the program type to Industry Recognized Credentials");
  const [g] = hits(
    [careerEd([["1", 11, "Non-Certified Career Education", "School-based Enterprise", "A", 100]])],
    "CERT-STATUS-WRONG-PROGRAM",
  );
  expect(g.message).toContain("Remove the status");
});

test("SENIOR-EXIT-MISSING stays quiet when the HS completion export has no student ids (COLUMN-MISSING says why)", () => {
  const report = check([
    concentrators([["1", 12, "01.09", AFNR, "Ag"]]),
    {
      name: "HSC",
      rows: [
        ["Grade", "Exit Type", "Credential Type"],
        [12, "HSC", "R"],
      ],
    },
  ]);
  expect(report.findings.filter((f) => f.rule === "SENIOR-EXIT-MISSING")).toEqual([]);
  expect(report.findings.filter((f) => f.rule === "COLUMN-MISSING").map((f) => f.sheet)).toEqual(["HSC"]);
});

test("Program Areas is no-data, with a note, when no export has a program-area column", () => {
  const report = check([
    {
      name: "Offerings",
      rows: [
        ["Local Course Title", "DPI Course Code", "Dual Enrollment"],
        ["Woods", "1005", "N"],
      ],
    },
  ]);
  const topic = report.checklist.find((t) => t.topic === "program-areas")!;
  expect(topic.status).toBe("no-data");
  expect(topic.notes.join(" ")).toContain("no CTE Department");
});

test("a Homeless Type column counts any kind of homelessness, not only yes", () => {
  const report = check([
    {
      name: "Demo",
      rows: [
        ["WSN", "Grade", "Homeless Type"],
        ["1", 9, "Doubled-Up"],
        ["2", 10, "Shelter"],
        ["3", 10, "N"],
        ["4", 10, ""],
      ],
    },
  ]);
  expect(report.checklist.find((t) => t.topic === "single-parent")!.figure).toMatchObject({ homeless: 2 });
});

test("kinds: 'Career Pathway' alone makes a concentrators export; a DPI catalog headed 'Course Title' is the catalog", () => {
  expect(decideKind(["Student ID", "Grade", "Career Pathway"])).toBe("concentrators");
  expect(decideKind(["Roster Code", "Course Title", "Course Program", "CTE Course", "Deprecated"])).toBe("dpi-courses");
  expect(decideKind(["Local Course Title", "DPI Course Code", "Course Program"])).toBe("courses");
});

test("the CSV delimiter is read from several lines, so a title line with a ';' does not decide it", () => {
  expect(parseCsv("Export; printed 2026-11-01\nStudent ID,Grade\n1,9\n2,10\n").delimiter).toBe(",");
});

test("an error value in a DPI reference list is not the district's error", () => {
  const report = check([courses([["Woods", "1005"]]), catalog([["1005", "Woods", "", "Yes", { error: "#N/A" }, "No"]])]);
  expect(report.findings.filter((f) => f.rule === "VALUE-ERROR")).toEqual([]);
  expect(hits([completion([["1", 12, "HSC", "R"]])], "VALUE-ERROR")).toEqual([]);
});

describe("sensitive columns cannot leak through overrides", () => {
  const SP = "SECRETSP1";
  const HL = "SECRETHL1";
  const sheet = {
    name: "Demo",
    rows: [
      ["WSN", "Grade", "Single Parent", "Homeless"],
      ["1", 11, SP, HL],
      ["2", 9, "Y", "N"],
    ],
  };

  test("mapping grade or program name to a single-parent/homeless column is refused and said so", () => {
    const report = check([sheet], {
      overrides: { Demo: { kind: "demographics", columns: { grade: "Single Parent", studentName: "Homeless" } } },
    });
    const text = JSON.stringify(report);
    expect(text).not.toContain(SP);
    expect(text).not.toContain(HL);
    expect(report.sheets[0].columns.grade).toBe("Grade");
    expect(report.sheets[0].note).toContain("sensitive");
    const asIrc = check([sheet], {
      overrides: { Demo: { kind: "irc-wbl", columns: { programName: "Single Parent", programType: "Homeless" } } },
    });
    expect(JSON.stringify(asIrc)).not.toContain(SP);
    expect(JSON.stringify(asIrc)).not.toContain(HL);
  });

  test("a kind forced on a sheet without a header row names columns by letter and checks every row", () => {
    const headerless = {
      name: "Raw",
      rows: [
        ["9000000001", 11, SP, HL],
        ["9000000002", 9, "Y", "N"],
      ],
    };
    const report = check([headerless], {
      overrides: {
        Raw: {
          kind: "demographics",
          columns: { studentId: "Column A", grade: "Column B", singleParent: "Column C", homeless: "Column D" },
        },
      },
    });
    expect(report.sheets[0]).toMatchObject({
      kind: "demographics",
      headerRow: null,
      dataRows: 2,
      columns: { studentId: "Column A", singleParent: "Column C" },
    });
    expect(JSON.stringify(report)).not.toContain(SP);
    expect(JSON.stringify(report)).not.toContain(HL);
    expect(report.findings.map((f) => [f.rule, f.row])).toEqual([
      ["SINGLE-PARENT-INVALID", 1],
      ["SINGLE-PARENT-GRADE", 2],
    ]);
  });
});

test("generic findings on an IRC/WBL export row go to the row's own topic", () => {
  const report = check([
    careerEd([
      ["1", 8, "Non-Certified Career Education", "School-based Enterprise", "", 100],
      ["2", 8, "Industry Recognized Credentials", BI, "A", ""],
    ]),
  ]);
  expect(report.findings.filter((f) => f.rule === "GRADE-OUT-OF-RANGE").map((f) => [f.row, f.topic])).toEqual([
    [3, "industry-credentials"],
    [2, "work-based-learning"],
  ]);
});

test("findings per row on a sheet without a header row: every row is data, headerIndex -1", async () => {
  const { findingsByRow } = await import("../src/core/rowFindings");
  const sheet = {
    name: "Raw",
    rows: [
      ["9000000001", 9],
      ["", 10],
    ],
  };
  const out = findingsByRow(sheet, {
    overrides: { Raw: { kind: "participants", columns: { studentId: "Column A", grade: "Column B" } } },
    schoolYear: "2025-26",
  });
  expect(out).toMatchObject({ kind: "participants", headerIndex: -1, roles: ["data", "data"] });
  expect(out.byRow[1].map((f) => f.rule)).toEqual(["STUDENT-ID-MISSING"]);
});
