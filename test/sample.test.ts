/**
 * The synthetic sample district (samples/README.md): the engine finds exactly the planted problems, in
 * both modes (without and with the synthetic DPI course catalog), and every rule fires somewhere unless
 * this workbook cannot make it fire. Also: the committed sample still matches its generator.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { RULES } from "../src/core/rules/registry";
import type { Report } from "../src/core/report";
import { ROOT, cli, parseReport, readXlsx } from "./helpers/e2e";
import { staleSamples } from "../scripts/make-sample";
import planted from "../samples/planted-problems.json";

const SAMPLE = path.join(ROOT, "samples", "district-sample.xlsx");
const CATALOG = path.join(ROOT, "samples", "synthetic-dpi-course-catalog.csv");

interface Planted {
  sheet: string;
  row: number;
  rule: string;
  withCatalog: boolean;
}
const PLANTED = planted as Planted[];

/**
 * APIB-CODE-INCONSISTENT runs only without a catalog: with one, its honors row shows up as
 * APIB-TITLE-MISMATCH instead (samples/README.md, "Expected findings").
 */
const NO_CATALOG_ONLY = new Set(["APIB-CODE-INCONSISTENT"]);

/** Rules this workbook cannot make fire, and why. Kept exact: the test fails when one starts firing. */
const CANNOT_FIRE: Record<string, string> = {
  "COLUMN-MISSING": "every recognised sheet of the sample has all of its kind's required columns",
  "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS":
    "the sample's concentrators report clusters in the cluster column; " +
    "a sheet holding program areas there would repeat every cluster finding (test/rules.test.ts has its cases)",
  "IAC-NOT-SUGGESTED": "needs a DPI IAC to Cluster list that marks suggested IACs; the sample ships only a course catalog",
  "PROGRAM-AREA-COVERAGE": "all six program areas have CTE course offerings by design",
  "RECORD-FIELD-COUNT": "the sample is a workbook; the rule is about CSV records (test/csv-records.test.ts covers it)",
  "WBL-PROGRAM-RETIRED": "the sample has no State Co-op programs (their warning depends on the school year)",
};

const key = (f: { sheet: string; row: number; rule: string }) => `${f.sheet}!${f.row} ${f.rule}`;
const problems = (report: Report) =>
  report.findings
    .filter((f) => f.severity !== "info")
    .map(key)
    .sort();

let withoutCatalog: Report;
let withCatalog: Report;
const codes: number[] = [];

beforeAll(async () => {
  const a = await cli(["--json", "--school-year", "2025-26", SAMPLE]);
  const b = await cli(["--json", "--school-year", "2025-26", "--reference", CATALOG, SAMPLE]);
  expect(a.stderr).toBe("");
  expect(b.stderr).toBe("");
  codes.push(a.code, b.code);
  withoutCatalog = parseReport(a.stdout);
  withCatalog = parseReport(b.stdout);
});

describe("samples/district-sample.xlsx", () => {
  it("exits 1 in both modes (it has planted errors)", () => {
    expect(codes).toEqual([1, 1]);
  });

  it("without a catalog: exactly the planted problems with withCatalog false", () => {
    const expected = PLANTED.filter((p) => !p.withCatalog)
      .map(key)
      .sort();
    expect(problems(withoutCatalog)).toEqual(expected);
  });

  it("with --reference synthetic-dpi-course-catalog.csv: every planted problem except the no-catalog-only rule", () => {
    const expected = PLANTED.filter((p) => !NO_CATALOG_ONLY.has(p.rule))
      .map(key)
      .sort();
    expect(problems(withCatalog)).toEqual(expected);
    // The honors row: APIB-CODE-INCONSISTENT without the catalog, APIB-TITLE-MISMATCH with it.
    expect(problems(withoutCatalog)).toContain("Roster Courses!14 APIB-CODE-INCONSISTENT");
    expect(problems(withCatalog)).toContain("Roster Courses!14 APIB-TITLE-MISMATCH");
    // CTE-DEPARTMENT-MISMATCH flags the same row in both modes.
    for (const r of [withoutCatalog, withCatalog]) expect(problems(r)).toContain("Roster Course Offering!8 CTE-DEPARTMENT-MISMATCH");
  });

  it("has as info findings only Notes, the value-read columns, the continuing senior and the finder's notes; a catalog note when none", () => {
    const kinds = [
      "participants",
      "concentrators",
      "course-offerings",
      "courses",
      "hs-completion",
      "irc-wbl",
      "demographics",
      "concentrators",
      "pathway-plan",
      "coursework",
      "previous-concentrators",
      null,
    ];
    for (const r of [withoutCatalog, withCatalog]) {
      expect(
        r.findings
          .filter((f) => f.severity === "info")
          .map(key)
          .sort(),
      ).toEqual([
        "Career Concentrators!27 IAC-CHANGED-SINCE-LAST-YEAR",
        "Career Concentrators!35 SENIOR-EXIT-NOT-HSC",
        "Career Concentrators!4 CONCENTRATOR-QUALIFIES-MULTIPLE",
        "Counselor Concentrators!1 COLUMN-INFERRED",
        "Counselor Concentrators!1 COLUMN-INFERRED",
        "Coursework!1 COLUMN-INFERRED",
        "Notes!1 SHEET-UNRECOGNIZED",
      ]);
      // The coursework's "Grade" column holds letter marks: read as the mark, and said so.
      expect(r.sheets.find((s) => s.sheet === "Coursework")).toMatchObject({
        kind: "coursework",
        columns: { grade: "Grade Level", mark: "Grade", creditsEarned: "Credits Earned", schoolYear: "School Year" },
        decidedBy: { mark: "values", grade: "header" },
      });
      // The finder's list: two possible concentrators, one graded by this year's exports, one by the coursework.
      expect(r.possibleConcentrators?.map((p) => [p.grade, p.pathway, p.iac, p.courses.length])).toEqual([
        [11, "Animal Science", "01.09", 2],
        [12, "Construction", "46.99", 2],
      ]);
      expect(r.checklist.find((t) => t.topic === "possible-concentrators")?.figure).toMatchObject({ possible: 2, studentsChecked: 9 });
      // The fifth-year senior (exit type TC) is named with the type and is not counted as a CTE graduate.
      expect(r.findings.find((f) => f.rule === "SENIOR-EXIT-NOT-HSC")?.message).toMatch(/exit type TC .*not count as a CTE graduate/);
      // The Notes sheet is one text cell per row: a note, not a warning.
      expect(r.findings.find((f) => f.rule === "SHEET-UNRECOGNIZED")?.severity).toBe("info");
      const counselor = r.sheets.find((s) => s.sheet === "Counselor Concentrators")!;
      expect(counselor).toMatchObject({
        kind: "concentrators",
        headerRow: 1,
        dataRows: 4,
        columns: { studentId: "Student Number", grade: "Grade Level Placement", iac: "Concentration Code", cluster: "Pathway" },
        decidedBy: { studentId: "header", grade: "header", iac: "values", cluster: "values" },
      });
    }
    expect(withoutCatalog.sheets.map((s) => s.kind)).toEqual(kinds);
    // The --reference file is listed after the workbook's sheets as the DPI list it is.
    expect(withCatalog.sheets.map((s) => s.kind)).toEqual([...kinds, "dpi-courses"]);
    expect(withCatalog.sheets[kinds.length].sheet).toBe("synthetic-dpi-course-catalog");
    const notesOf = (r: Report) => r.checklist.find((t) => t.topic === "dual-enrollment-ap-ib")!.notes.join(" ");
    expect(notesOf(withoutCatalog)).toMatch(/No DPI course catalog loaded/);
    expect(notesOf(withCatalog)).not.toMatch(/No DPI course catalog loaded/);
  });

  it("points at the planted cells (row = worksheet row as Excel shows it)", async () => {
    const book = await readXlsx(SAMPLE);
    const cellOf = (rule: string, sheet: string) => {
      const f = withCatalog.findings.find((x) => x.rule === rule && x.sheet === sheet)!;
      return book.getWorksheet(sheet)!.getCell(f.cell);
    };
    expect(cellOf("IAC-INVALID-FORMAT", "Career Concentrators").value).toBe("Animal Science");
    expect(cellOf("GRADE-INVALID", "CTE Participants").value).toBe("TBD");
    expect(cellOf("CLUSTER-UNKNOWN", "Career Concentrators").value).toBe("Advanced Manufacturing");
    expect(cellOf("EXIT-TYPE-UNKNOWN", "HS Completion").value).toBe("GRAD");
    expect((cellOf("VALUE-ERROR", "Roster Courses").value as ExcelJS.CellErrorValue).error).toBe("#N/A");
  });

  it("makes every rule fire at least once across the two modes, except the ones listed with a reason", () => {
    const fired = new Set([...withoutCatalog.findings, ...withCatalog.findings].map((f) => f.rule));
    const ids = RULES.map((r) => r.id);
    for (const id of Object.keys(CANNOT_FIRE)) expect(ids).toContain(id);
    const silent = ids.filter((id) => !fired.has(id));
    expect(silent.sort()).toEqual(Object.keys(CANNOT_FIRE).sort());
    // Every planted rule is a real rule id.
    for (const p of PLANTED) expect(ids).toContain(p.rule);
  });
});

describe("scripts/make-sample.ts (npm run gen -- --check)", () => {
  it("finds nothing stale: the committed sample matches its generator", async () => {
    expect(await staleSamples()).toEqual([]);
  });
});
