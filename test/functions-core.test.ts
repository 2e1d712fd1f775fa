/**
 * The pure core helpers the custom functions rely on: grade bands (src/core/eligibility.ts), DPI lists
 * from bare ranges (src/core/lists.ts) and findings per row (src/core/rowFindings.ts).
 */
import { CellValue } from "../src/core/cells";
import { runChecklist } from "../src/core/engine";
import { GRADE_BANDS, GRADE_BAND_LIST, gradeBandOf, inGradeBand } from "../src/core/eligibility";
import { CATALOG_HEADERS, buildCourseCatalog, buildIacList, clustersOfIac, isListProblem } from "../src/core/lists";
import { recognize } from "../src/core/recognize";
import { loadIacList } from "../src/core/referenceLists";
import { checkColumns, findingsByRow, tableFromColumns } from "../src/core/rowFindings";
import { ExportTable } from "../src/core/table";
import { AFNR, IT, catalog, concentrators, demographics, hits, iacList, participants } from "./helpers/fixtures";

const TODAY = new Date("2026-11-28T12:00:00Z");

describe("eligibility: one table of grade bands", () => {
  test("bands and spellings", () => {
    expect(GRADE_BAND_LIST.map((b) => [b.element, b.min, b.max])).toEqual([
      ["participant", 9, 12],
      ["concentrator", 11, 12],
      ["single-parent", 11, 12],
      ["irc", 9, 12],
      ["wbl", 9, 12],
      ["certificated-status", 9, 12],
      ["dual-enrollment", 9, 12],
    ]);
    expect(gradeBandOf("Industry-Recognized Credentials")?.element).toBe("irc");
    expect(gradeBandOf("work based learning")?.element).toBe("wbl");
    expect(gradeBandOf("Single Parent")?.element).toBe("single-parent");
    expect(gradeBandOf("homeless")).toBeNull();
    expect(inGradeBand("concentrator", 10)).toBe(false);
    expect(GRADE_BANDS.concentrator.label).toBe("CTE concentrator");
  });

  test("the engine's grade rules use the same bands (GRADE-OUT-OF-RANGE, SINGLE-PARENT-GRADE)", () => {
    for (let grade = -1; grade <= 12; grade++) {
      const g = grade === 0 ? "K" : grade === -1 ? "PK" : grade;
      const opts = { today: TODAY };
      expect([grade, hits([participants([["1", g]])], "GRADE-OUT-OF-RANGE", opts).length === 0]).toEqual([
        grade,
        inGradeBand("participant", grade),
      ]);
      expect([grade, hits([concentrators([["1", g, "01.09", AFNR, "Ag"]])], "GRADE-OUT-OF-RANGE", opts).length === 0]).toEqual([
        grade,
        inGradeBand("concentrator", grade),
      ]);
      expect([grade, hits([demographics([["1", g, "Y", "N"]])], "SINGLE-PARENT-GRADE", opts).length === 0]).toEqual([
        grade,
        inGradeBand("single-parent", grade),
      ]);
    }
  });
});

describe("lists from bare ranges", () => {
  const withHeader: CellValue[][] = [
    ["IAC code", "Cluster", "Suggested"],
    ["01.09", AFNR, "Y"],
    ["11.01", IT, "Y"],
    ["11.01", "Health Science", "N"],
  ];

  test("an IAC list with headers loads like the engine's own loader", () => {
    const built = buildIacList(withHeader);
    if (isListProblem(built)) throw new Error(built.problem);
    const sheet = iacList(withHeader.slice(1));
    const r = recognize(sheet.rows);
    const direct = loadIacList([new ExportTable(sheet, "dpi-iac-clusters", { ...r, headerIndex: 0 })])!;
    expect([...built.list.entries.keys()]).toEqual([...direct.entries.keys()]);
    expect(built.list.entries.get("11.01")?.clusters).toEqual(direct.entries.get("11.01")?.clusters);
    expect(built.list.marksSuggested).toBe(true);
    expect(built.hasClusters).toBe(true);
    expect(recognize(built.sheet.rows).kind).toBe("dpi-iac-clusters");
  });

  test("without headers, columns are found by content (any order), titles and blank rows ignored", () => {
    const headerless: CellValue[][] = [
      ["Animal Sciences", "N", AFNR, "1.09"],
      [null, null, null, null],
      ["Computer Science", "Y", IT, "11.01"],
    ];
    const built = buildIacList(headerless);
    if (isListProblem(built)) throw new Error(built.problem);
    expect([...built.list.entries.keys()]).toEqual(["01.09", "11.01"]);
    expect(built.list.entries.get("01.09")?.clusters).toEqual([AFNR]);
    expect(built.list.marksSuggested).toBe(true);
    expect(built.list.entries.get("01.09")?.suggested).toBe(false);
  });

  test("a one-column IAC list is membership only", () => {
    const built = buildIacList([["01.09"], [11.01]]);
    if (isListProblem(built)) throw new Error(built.problem);
    expect(built.hasClusters).toBe(false);
    expect([...built.list.entries.keys()]).toEqual(["01.09", "11.01"]);
    expect(clustersOfIac("01.09", built.list, built.hasClusters)).toEqual({ found: false, reason: "list-without-clusters" });
  });

  test("ranges that are not IAC lists are problems, not exceptions", () => {
    for (const rows of [[], [[null]], [["hello", "world"]], [["IAC", "Cluster"]]] as CellValue[][][]) {
      const built = buildIacList(rows);
      expect(isListProblem(built)).toBe(true);
    }
  });

  test("a catalog with headers, and without (documented column order)", () => {
    const rows: CellValue[][] = [
      ["Roster Code", "SCED Course Title", "Course Program", "Deprecated"],
      ["10075", "AP Biology", "AP", "N"],
      [10090, "Old Biology", "", "Y"],
    ];
    const headed = buildCourseCatalog(rows);
    if (isListProblem(headed)) throw new Error(headed.problem);
    expect(headed.catalog.courses.get("10075")?.ap).toBe(true);
    expect(headed.catalog.courses.get("10090")?.deprecated).toBe(true);
    expect(headed.sheet.rows[0]).toEqual([...CATALOG_HEADERS]);
    expect(recognize(headed.sheet.rows).kind).toBe("dpi-courses");
    const headerless = buildCourseCatalog([
      ["10075", "AP Biology", "AP", "No", "", "No"],
      ["10090", "Old Biology", "", "No", "", "Yes"],
    ]);
    if (isListProblem(headerless)) throw new Error(headerless.problem);
    expect(headerless.catalog.courses.get("10075")?.ap).toBe(true);
    expect(headerless.catalog.courses.get("10090")?.deprecated).toBe(true);
    expect(isListProblem(buildCourseCatalog([["Biology", "AP"]]))).toBe(true);
    expect(isListProblem(buildCourseCatalog([]))).toBe(true);
  });

  test("a normalised catalog gives the engine the same findings as the catalog sheet itself", () => {
    const rows: CellValue[][] = [
      ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"],
      ["10075", "AP Biology", "AP", "No", "", "No"],
      ["10090", "Old", "", "No", "", "Yes"],
    ];
    const built = buildCourseCatalog(rows, "DPI Courses");
    if (isListProblem(built)) throw new Error(built.problem);
    const courses = {
      name: "Courses",
      rows: [
        ["Local Course Title", "DPI Course Code"],
        ["Biology", "10075"],
        ["Bio", "10090"],
        ["Chem", "555"],
      ],
    };
    const a = runChecklist([courses, catalog(rows.slice(1))], { today: TODAY }).report.findings.filter((f) => f.sheet === "Courses");
    const b = runChecklist([courses], { today: TODAY, referenceSheets: [built.sheet] }).report.findings.filter(
      (f) => f.sheet === "Courses",
    );
    expect(b).toEqual(a);
  });

  test("clustersOfIac: DPI list first, else the derived crosswalk", () => {
    expect(clustersOfIac("01.09", null)).toEqual({ found: true, clusters: [AFNR], source: "derived-crosswalk" });
    expect(clustersOfIac("99.99", null)).toEqual({ found: false, reason: "not-cip-2020" });
    const built = buildIacList(withHeader);
    if (isListProblem(built)) throw new Error(built.problem);
    expect(clustersOfIac("11.01", built.list)).toEqual({ found: true, clusters: [IT, "Health Science"], source: "dpi-list" });
    expect(clustersOfIac("01.01", built.list)).toEqual({ found: false, reason: "not-on-list" });
  });
});

describe("findings per row", () => {
  test("roles and findings line up with the input rows", () => {
    const rows: CellValue[][] = [["Participants 2025-26"], [], ["Student ID", "Grade"], ["1", 9], [], ["2", "TBD"], ["Total: 2"]];
    const found = findingsByRow({ name: "P", rows }, { today: TODAY });
    expect(found.kind).toBe("participants");
    expect(found.headerIndex).toBe(2);
    expect(found.roles).toEqual(["title", "title", "header", "data", "skipped", "data", "skipped"]);
    expect(found.byRow.map((f) => f.map((x) => x.rule))).toEqual([[], [], [], [], [], ["GRADE-INVALID"], []]);
  });

  test("an unrecognised sheet", () => {
    const found = findingsByRow({ name: "N", rows: [["hello"]] }, { today: TODAY });
    expect(found.kind).toBeNull();
    expect(found.roles).toEqual(["unrecognised"]);
    expect(found.note).toMatch(/no known export headers/);
  });

  test("checkColumns: one finding list per value, ids never collide, blanks and 'Total…' values are kept", () => {
    const found = checkColumns(
      "concentrators",
      { iac: ["01.09", "01.09", "11.01", "Total nonsense", null], cluster: [AFNR, AFNR, "Health Science", AFNR, AFNR] },
      { today: TODAY },
    );
    expect(found.map((f) => f.map((x) => x.rule))).toEqual([[], [], ["IAC-CLUSTER-MISMATCH"], ["IAC-INVALID-FORMAT"], ["IAC-MISSING"]]);
    const courses = checkColumns("courses", { localCourseTitle: ["Total Fitness", "Biology"], rosterCode: [null, "10"] }, { today: TODAY });
    expect(courses.map((f) => f.map((x) => x.rule))).toEqual([["COURSE-CODE-MISSING"], []]);
  });

  test("tableFromColumns: table.rows[i] is the i-th value", () => {
    const t = tableFromColumns("hs-completion", { exitType: ["HSC", null, "TC"] });
    expect(t.rows).toHaveLength(3);
    expect(t.rows.map((r) => t.text(r, "exitType"))).toEqual(["HSC", "", "TC"]);
    expect(t.rows.map((r) => t.text(r, "studentId"))).toEqual(["1", "2", "3"]);
    expect(t.has("credentialType")).toBe(false);
  });
});
