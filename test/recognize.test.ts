import { CellValue } from "../src/core/cells";
import { decideKind, headerKey, mapColumns, recognize } from "../src/core/recognize";
import { check } from "./helpers/fixtures";
import { checklistLayout } from "../src/core/checklistSheet";
import { OWN_SHEET_NOTE, isOwnSheet } from "../src/core/engine";

describe("headerKey", () => {
  test.each([
    ["CTE Concentration IAC Code", "cteconcentrationiaccode"],
    ["  grade   level ", "gradelevel"],
    ["Program Area(s)", "programarea"],
    ["Career Pathway/Cluster", "careerpathwaycluster"],
    ["Dual-Enrollment", "dualenrollment"],
    ["Crs #", "coursenumber"],
    ["Cr Earned", "creditearned"],
  ])("%s -> %s", (text, key) => expect(headerKey(text)).toBe(key));
});

describe("deciding the export kind from the header row", () => {
  test.each<[string, string[], string | null]>([
    ["participants", ["Student ID", "Student Name", "Grade", "School", "CTE Course Count"], "participants"],
    ["concentrators by IAC", ["WISEid", "Grade Level Placement", "IAC Code", "Cluster Title"], "concentrators"],
    [
      "concentrators by the real export's two CTE columns",
      ["WSN", "Grade", "CTE Concentration IAC Code", "CTE Concentration Program Area"],
      "concentrators",
    ],
    ["hs completion", ["WSN", "Grade", "Exit Type", "Credential Type", "Exit Date"], "hs-completion"],
    ["irc/wbl", ["WSN", "Grade", "Program Type", "Program Name", "Certificated Program Status", "Hours"], "irc-wbl"],
    ["demographics", ["WSN", "Grade", "Single Parent", "Homeless"], "demographics"],
    [
      "course offerings",
      ["Local Course Code", "Local Course Title", "DPI Course Code", "CTE Department", "Career Pathway"],
      "course-offerings",
    ],
    ["courses", ["Local Course Title", "DPI Course Code", "Program"], "courses"],
    ["DPI catalog", ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"], "dpi-courses"],
    ["DPI IAC list", ["IAC code", "Cluster", "Title", "Suggested"], "dpi-iac-clusters"],
    ["nothing known", ["Teacher", "Room", "Period"], null],
    ["local id only", ["Local Student ID", "Grade"], "participants"],
  ])("%s", (_name, headers, kind) => expect(decideKind(headers)).toBe(kind));
});

describe("column mapping", () => {
  test("SIS transcript abbreviations: '#' is a number, 'Cr' a credit (a hand-made Skyward-style transcript and plan)", () => {
    const work = mapColumns("coursework", ["Stu #", "Last Name", "Gr", "Crs Num", "Crs Desc", "Mark", "Cr Earned"]);
    expect(work.columns).toMatchObject({ studentId: 0, grade: 2, localCourseCode: 3, localCourseTitle: 4, mark: 5, creditsEarned: 6 });
    const plan = mapColumns("pathway-plan", ["Pathway", "IAC Code", "Career Cluster", "Course #", "Course Title"]);
    expect(plan.columns).toMatchObject({ pathwayName: 0, localCourseCode: 3, localCourseTitle: 4 });
  });

  test("'CTE Concentration Program Area' is the cluster when no other cluster column exists, never the program area", () => {
    const m = mapColumns("concentrators", ["WSN", "Grade", "CTE Concentration IAC Code", "CTE Concentration Program Area", "Program Area"]);
    expect(m.columns.cluster).toBe(3);
    expect(m.columns.programArea).toBe(4);
  });
  test("with a real cluster column, 'CTE Concentration Program Area' is ignored", () => {
    const m = mapColumns("concentrators", ["WSN", "Grade", "IAC", "CTE Concentration Program Area", "Cluster"]);
    expect(m.columns.cluster).toBe(4);
    expect(m.columns.programArea).toBeUndefined();
  });
  test("reordered and extra columns, odd spacing and case", () => {
    const m = mapColumns("hs-completion", ["Notes", "exit  TYPE", "Credential type", "Student ID", "Extra"]);
    expect(m.columns).toEqual({ exitType: 1, credentialType: 2, studentId: 3 });
    expect(m.duplicates).toEqual([]);
  });
  test("a WSN column wins over the local id; the local id alone is the student id", () => {
    expect(mapColumns("participants", ["Local Student ID", "WSN", "Grade"]).columns.studentId).toBe(1);
    expect(mapColumns("participants", ["Local Student ID", "Grade"]).columns.studentId).toBe(0);
  });
});

describe("header row and data rows", () => {
  const rows: CellValue[][] = [
    ["CTE Participant export"],
    ["Badger Valley SD", null, "printed 2026-11-01"],
    [],
    ["Student ID", "Grade"],
    ["1", 9],
    [],
    [null, "  "],
    ["2", 10],
    ["Total: 2 students"],
  ];
  test("title rows are skipped and the header is found on row 4", () => {
    const r = recognize(rows);
    expect(r.kind).toBe("participants");
    expect(r.headerIndex).toBe(3);
  });
  test("blank rows and a total row are not data", () => {
    const report = check([{ name: "P", rows }]);
    expect(report.sheets[0]).toMatchObject({ kind: "participants", headerRow: 4, dataRows: 2 });
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
  test("a header below row 20 is not searched for", () => {
    const deep: CellValue[][] = [...Array.from({ length: 20 }, () => ["title"]), ["Student ID", "Grade"], ["1", 9]];
    expect(recognize(deep).kind).toBeNull();
  });
  test("row numbers follow the used range's first row and column", () => {
    const report = check([
      {
        name: "P",
        rows: [
          ["Student ID", "Grade"],
          ["", 9],
        ],
        firstRow: 5,
        firstColumn: 3,
      },
    ]);
    expect(report.findings[0]).toMatchObject({ rule: "STUDENT-ID-MISSING", row: 6, cell: "C6" });
  });
  test("merged-cell gaps (null) in a row do not break recognition", () => {
    expect(
      recognize([
        ["CTE Concentrators", null, null, null],
        ["WSN", "Grade", "IAC", "Cluster"],
      ]).kind,
    ).toBe("concentrators");
  });
  test("empty sheet is reported, not checked", () => {
    const report = check([{ name: "Empty", rows: [] }]);
    expect(report.findings).toMatchObject([{ rule: "SHEET-UNRECOGNIZED", sheet: "Empty", row: 1, cell: "A1" }]);
    expect(report.findings[0].message).toContain("empty");
  });
});

describe("user overrides", () => {
  test("forcing a kind and mapping a column by header text", () => {
    const sheet = {
      name: "Mine",
      rows: [
        ["Kid", "Yr", "Pathway code", "Cluster"],
        ["1", 11, "01.09", "Agriculture, Food & Natural Resources"],
      ],
    };
    // Headers alone decide nothing; the values make it a concentrators export without a student id column.
    const auto = check([sheet]);
    expect(auto.sheets[0]).toMatchObject({ kind: "concentrators", decidedBy: { iac: "values", grade: "values", cluster: "header" } });
    expect(auto.findings.map((f) => f.rule)).toContain("COLUMN-MISSING");
    const report = check([sheet], {
      overrides: { Mine: { kind: "concentrators", columns: { studentId: "Kid", grade: "Yr", iac: "Pathway code" } } },
    });
    expect(report.sheets[0]).toMatchObject({
      kind: "concentrators",
      columns: { studentId: "Kid", grade: "Yr", iac: "Pathway code", cluster: "Cluster" },
    });
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
  test("ignoring a sheet", () => {
    const report = check(
      [
        {
          name: "P",
          rows: [
            ["Student ID", "Grade"],
            ["", 9],
          ],
        },
      ],
      { overrides: { P: { kind: "ignore" } } },
    );
    expect(report.findings).toEqual([]);
    expect(report.sheets[0].note).toBe("left out by the user");
  });
  test("our own Snapshot Checklist sheet, told by its content, is listed as not checked whatever its name", () => {
    const written = check([
      {
        name: "P",
        rows: [
          ["Student ID", "Grade"],
          ["", 9],
        ],
      },
    ]);
    const layout = checklistLayout({ report: written, teamMembers: "Ana", checkedOn: "2026-11-29" });
    const report = check([{ name: "Renamed by the user", rows: layout.values }]);
    expect(report.sheets).toEqual([
      { sheet: "Renamed by the user", kind: null, headerRow: null, dataRows: 0, columns: {}, note: OWN_SHEET_NOTE },
    ]);
    expect(report.findings).toEqual([]);
    expect(isOwnSheet({ rows: layout.values })).toBe(true);
  });
  test("a user's sheet named like ours is checked", () => {
    const report = check([
      {
        name: "Snapshot Checklist data",
        rows: [
          ["Student ID", "Grade"],
          ["", 9],
        ],
      },
    ]);
    expect(report.sheets[0]).toMatchObject({ sheet: "Snapshot Checklist data", kind: "participants" });
    expect(report.findings.map((f) => f.rule)).toContain("STUDENT-ID-MISSING");
    expect(
      isOwnSheet({
        rows: [
          ["Topic", "Student ID", "Grade"],
          ["x", "", ""],
        ],
      }),
    ).toBe(false);
  });
});
