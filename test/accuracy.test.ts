/**
 * Accuracy categories a realistic district workbook exposed: AP/IB titles as SIS title fields abbreviate
 * them, IACs a CSV holds as whole numbers, summary ("Total…") rows, and seniors whose exit type is not HSC.
 * Each category has firing cases and near misses; the rule-level cases live in rules.test.ts.
 */
import { SheetInput } from "../src/core/cells";
import { apIbOfTitle } from "../src/core/courseTitle";
import { normalizeIac } from "../src/core/normalize";
import { isSummaryRow, isTotalLabel } from "../src/core/summaryRow";
import * as logic from "../src/functions/logic";
import { AFNR, check, completion, concentrators, courses, hits, participants } from "./helpers/fixtures";

/** The first element as a sheet would show it: an error as "#VALUE!: message". */
const one = (out: logic.Out[][]) => {
  const v = out[0][0];
  return v instanceof logic.FunctionError ? `#VALUE!: ${v.message}` : String(v);
};

describe("AP and IB in local course titles", () => {
  const AP = [
    "MAT AP STATISTICS A",
    "Advanced Placement Biology",
    "SCI A.P. BIOLOGY",
    "a.p. chemistry",
    "A P Physics 1",
    "ENG ADV PLACEMENT LIT",
    "Adv Pl Calculus BC",
    "ADVANCED PLCMT US HISTORY",
    "Adv. Plcmt. Psychology",
    "AP/IB Economics",
    "Art History (AP)",
    "Spanish 4 - A.P.",
  ];
  const IB = [
    "IB History HL",
    "I.B. Biology SL",
    "ENG I B LIT",
    "International Baccalaureate TOK",
    "Int'l Baccalaureate Math",
    "INTL BACC CHEM",
  ];
  const NEITHER = [
    "ENG PRE-AP ENGLISH",
    "Pre-A.P. Algebra",
    "pre ap english",
    "PreAP Geometry",
    "Pre-IB English 10",
    "Pre I.B. Biology",
    "APPLIED MATH",
    "Map Reading",
    "Ibsen and Modern Drama",
    "LIB SCRIBE",
    "Advanced Biology",
    "ADVANCED WOODS",
    "Adv Art",
    "Placement Test Prep",
    "Woods A P E",
    "Capstone",
    "Apprenticeship Prep",
    "",
    "Ça va: French 1",
  ];
  test.each(AP)("%s says AP", (title) => expect(apIbOfTitle(title)).toBe("AP"));
  test.each(IB)("%s says IB", (title) => expect(apIbOfTitle(title)).toBe("IB"));
  test.each(NEITHER)("%s says neither", (title) => expect(apIbOfTitle(title)).toBe(""));

  test("=CTE.APIB reads titles the same way", () => {
    expect(one(logic.apib("Adv Placement Chemistry"))).toBe("AP");
    expect(one(logic.apib("I.B. History"))).toBe("IB");
    expect(one(logic.apib("Pre-A.P. Algebra"))).toBe("");
  });

  test("the AP/IB figure counts abbreviated titles (and not Pre-AP)", () => {
    const report = check([
      courses([
        ["SCI A.P. BIOLOGY", "10075"],
        ["Adv Pl Calculus", "10076"],
        ["I.B. History HL", "10077"],
        ["Pre-AP English", "10078"],
        ["APPLIED MATH", "10079"],
      ]),
    ]);
    const figure = report.checklist.find((t) => t.topic === "dual-enrollment-ap-ib")?.figure;
    expect(figure).toMatchObject({ ap: 2, ib: 1 });
  });

  test("a 1 MB title of pathological text is read in linear time", () => {
    const nasty = ["A.".repeat(500_000), "a p ".repeat(250_000), "pre-".repeat(250_000), "x".repeat(1_000_000)];
    const start = Date.now();
    for (const t of nasty) apIbOfTitle(t);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("IACs a CSV holds as whole numbers", () => {
  test("1 and 15 read as 01.00 and 15.00, stored as numbers, like the workbook numbers 1 and 15", () => {
    for (const [text, number, code] of [
      ["1", 1, "01.00"],
      ["15", 15, "15.00"],
      [" 7 ", 7, "07.00"],
    ] as const) {
      expect(normalizeIac(text, "csv")).toMatchObject({ iac: code, storedAsNumber: true });
      expect(normalizeIac(number, "workbook")).toMatchObject({ iac: code, storedAsNumber: true });
    }
    expect(normalizeIac("101", "csv").iac).toBeNull();
    expect(normalizeIac("15.00", "csv")).toMatchObject({ iac: "15.00", storedAsNumber: false });
  });

  test("the CSV rows get IAC-STORED-AS-NUMBER naming the whole number, never IAC-INVALID-FORMAT, and count in the IAC figure", () => {
    const sheet: SheetInput = {
      ...concentrators([
        ["1", 11, "1", AFNR, "Ag"],
        ["2", 11, "15", "Architecture & Construction", "Tech Ed"],
      ]),
      source: "csv",
    };
    const report = check([sheet]);
    expect(report.findings.filter((f) => f.rule === "IAC-INVALID-FORMAT")).toEqual([]);
    const stored = report.findings.filter((f) => f.rule === "IAC-STORED-AS-NUMBER");
    expect(stored.map((f) => f.row)).toEqual([2, 3]);
    expect(stored[0].message).toContain("whole number");
    expect(stored[0].message).toContain("01.00");
    const figure = report.checklist.find((t) => t.topic === "iac-codes")?.figure as unknown as { iacs: Record<string, number> };
    expect(Object.keys(figure.iacs).sort()).toEqual([expect.stringContaining("01.00"), expect.stringContaining("15.00")].sort());
  });

  test("=CTE.IAC gives the restored code for whole-number text, as it does for the number", () => {
    expect(one(logic.iac("1"))).toBe("01.00");
    expect(one(logic.iac(1))).toBe("01.00");
    expect(one(logic.iac("15"))).toBe("15.00");
    expect(one(logic.iac("123"))).toMatch(/^#VALUE!: IAC ‘123’ is not a CIP code/);
  });
});

describe("summary rows are not students", () => {
  const labels = [
    "Total",
    "Totals",
    "TOTAL:",
    "Grand Total",
    "grand total",
    "Count:",
    "Total Records: 412",
    "Total: 2 students",
    "Subtotal",
    "Record Count",
  ];
  test.each(labels)("%s is a total label", (label) => expect(isTotalLabel(label)).toBe(true));
  test.each(["Total Fitness", "Totally Fit", "Counting Skills", "Accounting", "Records Management", "Sum of Parts Engineering"])(
    "%s is not a total label",
    (label) => {
      expect(isTotalLabel(label)).toBe(false);
    },
  );

  test("a total label with numbers, wherever it sits, is a summary row; other data makes it a record", () => {
    expect(isSummaryRow(["Grand Total", null, 412])).toBe(true);
    expect(isSummaryRow([null, "Totals", "75", "1,200"])).toBe(true);
    expect(isSummaryRow([412, null, "Count:"])).toBe(true);
    expect(isSummaryRow(["Total Records: 412"])).toBe(true);
    expect(isSummaryRow(["Total Fitness", "10123", "Health Science Education"])).toBe(false);
    expect(isSummaryRow(["Total Fitness", 10123, 3301, "Yes"])).toBe(false);
    expect(isSummaryRow(["9001", "Total", "Smith"])).toBe(false);
    expect(isSummaryRow(["Total", "Totals"])).toBe(false);
    expect(isSummaryRow([12, 11])).toBe(false);
    expect(isSummaryRow([])).toBe(false);
  });

  test("the engine skips summary rows: no findings, not counted as data rows", () => {
    const sheet = participants([
      ["1", 9],
      ["2", 10],
      [null, "Total"],
      ["Grand Total", 2],
      ["Count:", "2"],
      [null, "Total Records: 412"],
      ["Totals", null, 2],
    ]);
    const report = check([sheet]);
    expect(report.sheets[0]).toMatchObject({ kind: "participants", dataRows: 2 });
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  test("near miss: a course titled Total Fitness with its code is a course (and its problems are found)", () => {
    const sheet = courses([
      ["Total Fitness", "10123"],
      ["Total Fitness 2", ""],
      ["Total", 2],
    ]);
    const report = check([sheet]);
    expect(report.sheets[0].dataRows).toBe(2);
    expect(hits([sheet], "COURSE-CODE-MISSING").map((f) => f.row)).toEqual([3]);
  });

  test("a 1 MB label is no summary and is read in linear time", () => {
    const start = Date.now();
    expect(isSummaryRow(["total ".repeat(170_000), 1])).toBe(false);
    expect(isSummaryRow(["1,".repeat(500_000), "Total"])).toBe(false);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("seniors whose exit type is not HSC", () => {
  test("the note names the exit type and says the student will not count as a CTE graduate; the graduates figure is unchanged", () => {
    const sheets = [
      concentrators([
        ["1", 12, "01.09", AFNR, "Ag"],
        ["2", 12, "01.09", AFNR, "Ag"],
      ]),
      completion([
        ["1", 12, "TC", ""],
        ["2", 12, "HSC", "R"],
      ]),
    ];
    const report = check(sheets);
    const notes = report.findings.filter((f) => f.rule === "SENIOR-EXIT-NOT-HSC");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: "info", topic: "cte-graduates", sheet: "Concentrators", row: 2 });
    expect(notes[0].message).toContain("TC (Transfer");
    expect(notes[0].message).toContain("will not count as a CTE graduate");
    const graduates = report.checklist.find((t) => t.topic === "cte-graduates");
    expect(graduates?.status).toBe("pass");
    expect(report.findings.filter((f) => f.rule === "SENIOR-EXIT-MISSING")).toEqual([]);
  });
});
