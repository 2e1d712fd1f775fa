/**
 * The =CTE.… custom functions: the logic (scalars, ranges, bad input, broadcasting), the mapping to
 * CustomFunctions.Error in functions.ts (with a tiny CustomFunctions shim), one-call batching of
 * shared lookups, and CTE.CHECK against the CLI's findings on the sample workbook.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { CellValue, SheetInput } from "../src/core/cells";
import * as engine from "../src/core/engine";
import * as lists from "../src/core/lists";
import { Finding } from "../src/core/report";
import { RULES } from "../src/core/rules/registry";
import { readSpreadsheet } from "../src/cli/readInput";
import * as logic from "../src/functions/logic";
import { FunctionError, Out } from "../src/functions/logic";

const ROOT = path.join(__dirname, "..");
const AFNR = "Agriculture, Food & Natural Resources";
const IT = "Information Technology";

/** Elements as text: values as Excel shows them, errors as "#VALUE!: message" / "#N/A: message". */
function shown(m: Out[][]): string[][] {
  return m.map((r) =>
    r.map((v) =>
      v instanceof FunctionError
        ? `${v.kind === "notAvailable" ? "#N/A" : "#VALUE!"}: ${v.message}`
        : typeof v === "boolean"
          ? v
            ? "TRUE"
            : "FALSE"
          : String(v),
    ),
  );
}
const codes = (m: Out[][]) => shown(m).map((r) => r.map((v) => v.replace(/^(#VALUE!|#N\/A): .*$/s, "$1")));
const one = (m: Out[][]) => shown(m)[0][0];
const col = (...values: unknown[]) => values.map((v) => [v]);

type Fn = (...args: unknown[]) => Out[][];
const ALL: [string, Fn, number][] = [
  ["IAC", logic.iac as Fn, 1],
  ["IACVALID", logic.iacValid as Fn, 1],
  ["CLUSTER", logic.cluster as Fn, 1],
  ["IACCLUSTER", logic.iacCluster as Fn, 2],
  ["PROGRAMAREA", logic.programArea as Fn, 1],
  ["GRADE", logic.grade as Fn, 1],
  ["ELIGIBLE", logic.eligible as Fn, 2],
  ["APIB", logic.apib as Fn, 1],
  ["COURSECHECK", logic.courseCheck as Fn, 2],
  ["WBLHOURS", logic.wblHours as Fn, 1],
  ["GRADUATE", logic.graduate as Fn, 1],
  ["RULE", logic.rule as Fn, 1],
];

const IAC_LIST = [
  ["IAC code", "Cluster", "Suggested"],
  ["01.09", AFNR, "Y"],
  ["11.01", IT, "Y"],
  ["11.01", "Health Science", "N"],
];
const CATALOG = [
  ["Roster Code", "SCED Course Title", "Course Program", "Deprecated"],
  ["10075", "AP Biology", "AP", "N"],
  ["10080", "Biology", "", "N"],
  ["10090", "Old Biology", "", "Y"],
  ["20010", "IB History HL", "IB", "N"],
];

describe("scalars", () => {
  test("IAC normalises codes and explains what is not one", () => {
    expect(one(logic.iac(1.1))).toBe("01.10");
    expect(one(logic.iac("01.0901"))).toBe("01.09");
    expect(one(logic.iac("1.09"))).toBe("01.09");
    expect(one(logic.iac(46.99))).toBe("46.99");
    expect(one(logic.iac(11))).toBe("11.00");
    expect(one(logic.iac("01.09 Animal Sciences"))).toBe("01.09");
    expect(one(logic.iac("Animal Science"))).toBe(
      "#VALUE!: IAC ‘Animal Science’ is not a CIP code. Use the four-digit series form NN.NN, e.g. 01.09.",
    );
    expect(one(logic.iac(123))).toMatch(/^#VALUE!: IAC ‘123’ is not a CIP code/);
  });

  test("IACVALID: CIP 2020 series, or membership of a pasted DPI list (with or without its header)", () => {
    expect(one(logic.iacValid("01.09"))).toBe("TRUE");
    expect(one(logic.iacValid(1.1))).toBe("TRUE");
    expect(one(logic.iacValid("99.99"))).toBe("FALSE");
    expect(one(logic.iacValid("not a code"))).toBe("FALSE");
    expect(one(logic.iacValid("01.01"))).toBe("TRUE");
    expect(one(logic.iacValid("01.01", IAC_LIST))).toBe("FALSE");
    expect(one(logic.iacValid("11.01", IAC_LIST))).toBe("TRUE");
    expect(one(logic.iacValid("11.01", IAC_LIST.slice(1)))).toBe("TRUE");
    expect(one(logic.iacValid("01.01", IAC_LIST.slice(1)))).toBe("FALSE");
    // a one-column list is enough for membership
    expect(codes(logic.iacValid(col("01.09", "11.01", "01.01"), col("01.09", "11.01")))).toEqual([["TRUE"], ["TRUE"], ["FALSE"]]);
  });

  test("CLUSTER: built-in crosswalk or the DPI list; #N/A when none", () => {
    expect(one(logic.cluster("01.09"))).toBe(AFNR);
    expect(one(logic.cluster(11.01))).toBe(IT);
    expect(one(logic.cluster("11.01", IAC_LIST))).toBe(`${IT}; Health Science`);
    expect(one(logic.cluster("99.99"))).toBe("#N/A: IAC 99.99 is not a CIP 2020 four-digit series.");
    expect(one(logic.cluster("01.01", IAC_LIST))).toBe("#N/A: IAC 01.01 is not on the given DPI IAC to Cluster list.");
    expect(one(logic.cluster("junk"))).toMatch(/^#VALUE!: IAC ‘junk’ is not a CIP code/);
    expect(one(logic.cluster("01.09", col("01.09", "11.01")))).toMatch(/^#VALUE!: The iacList argument has no cluster column/);
  });

  test("IACCLUSTER: DPI 6800 logic against the crosswalk or the list", () => {
    expect(one(logic.iacCluster("11.01", IT))).toBe("TRUE");
    expect(one(logic.iacCluster("11.01", "Health Science"))).toBe("FALSE");
    expect(one(logic.iacCluster("11.01", "Health Science", IAC_LIST))).toBe("TRUE");
    expect(one(logic.iacCluster("01.09", IT, IAC_LIST))).toBe("FALSE");
    expect(one(logic.iacCluster("01.09", "Farming Stuff"))).toBe("FALSE");
    expect(one(logic.iacCluster("99.99", AFNR))).toBe("FALSE");
    expect(one(logic.iacCluster("01.09", ""))).toBe("FALSE");
    expect(one(logic.iacCluster("", ""))).toBe("");
    expect(one(logic.iacCluster("01.09", "Agriculture, Food and Natural Resources"))).toBe("TRUE");
  });

  test("PROGRAMAREA: canonical names for aliases; #N/A with the engine's message otherwise", () => {
    expect(one(logic.programArea("Ag"))).toBe("Agriculture and Natural Resources Education");
    expect(one(logic.programArea("Family & Consumer Sciences"))).toBe("Family and Consumer Science Education");
    expect(one(logic.programArea("tech ed"))).toBe("Technology and Engineering Education");
    expect(one(logic.programArea("Ag; Bus"))).toBe(
      "Agriculture and Natural Resources Education; Business and Information Technology Education",
    );
    expect(one(logic.programArea("Basket weaving"))).toMatch(
      /^#N\/A: Program area ‘Basket weaving’ is not one of the six Wisconsin program areas/,
    );
    expect(one(logic.programArea("Ag; Basket weaving"))).toMatch(/^#N\/A: Program area ‘Basket weaving’/);
  });

  test("GRADE: numbers for every accepted form, #VALUE! otherwise", () => {
    expect(codes(logic.grade(col(9, "09", "Grade 9", "9th", "K12-09", "12.0", "Senior", "K", "PK")))).toEqual([
      ["9"],
      ["9"],
      ["9"],
      ["9"],
      ["9"],
      ["12"],
      ["12"],
      ["0"],
      ["-1"],
    ]);
    expect(one(logic.grade("TBD"))).toBe(
      '#VALUE!: Grade ‘TBD’ is not a grade level. Use 9, 10, 11 or 12 (09, "Grade 9" and K12-09 are read too).',
    );
    expect(one(logic.grade(13))).toMatch(/^#VALUE!/);
    expect(one(logic.grade(9.5))).toMatch(/^#VALUE!/);
  });

  test("ELIGIBLE: grade bands per element", () => {
    const cases: [string, unknown, string][] = [
      ["participant", 9, "TRUE"],
      ["participant", 8, "FALSE"],
      ["CTE Participants", "12", "TRUE"],
      ["concentrator", 10, "FALSE"],
      ["concentrator", "Grade 11", "TRUE"],
      ["single parent", 10, "FALSE"],
      ["Single Parent", 12, "TRUE"],
      ["IRC", "09", "TRUE"],
      ["industry-recognized credentials", 8, "FALSE"],
      ["WBL", 9, "TRUE"],
      ["work-based learning", 13, "#VALUE!"],
      ["certificated status", 12, "TRUE"],
      ["dual enrollment", "K12-10", "TRUE"],
      ["DE", 8, "FALSE"],
    ];
    for (const [element, grade, expected] of cases)
      expect([element, grade, codes(logic.eligible(element, grade))[0][0]]).toEqual([element, grade, expected]);
    expect(one(logic.eligible("homeless", 10))).toMatch(/^#N\/A: Element ‘homeless’ is not one CTE.ELIGIBLE knows/);
    expect(one(logic.eligible("concentrator", ""))).toMatch(/^#VALUE!: The grade is blank/);
    expect(one(logic.eligible("", ""))).toBe("");
  });

  test("APIB", () => {
    expect(
      codes(
        logic.apib(
          col(
            "AP Biology",
            "Advanced Placement Chemistry",
            "IB History HL",
            "International Baccalaureate Art",
            "Pre-AP English",
            "Biology",
            "MAT AP STATISTICS A",
          ),
        ),
      ),
    ).toEqual([["AP"], ["AP"], ["IB"], ["IB"], [""], [""], ["AP"]]);
  });

  test("COURSECHECK with a catalog: unknown, deprecated, AP/IB mismatches", () => {
    expect(one(logic.courseCheck("AP Biology", "10075", CATALOG))).toBe("");
    expect(one(logic.courseCheck("AP Biology", 10075, CATALOG))).toBe("");
    expect(one(logic.courseCheck("AP Biology", "10080", CATALOG))).toBe(
      "‘AP Biology’ is titled AP, but roster code 10080's DPI program is none. AP courses must use an AP roster code.",
    );
    expect(one(logic.courseCheck("Biology", "10075", CATALOG))).toMatch(
      /^Roster code 10075 is an AP code in DPI's catalog, but the title ‘Biology’ does not say AP/,
    );
    expect(one(logic.courseCheck("IB History", "10080", CATALOG))).toMatch(/titled IB, but roster code 10080/);
    expect(one(logic.courseCheck("Biology", "10090", CATALOG))).toMatch(/^Roster code 10090 \(‘Old Biology’\) is deprecated \(DPI 6798\)/);
    expect(one(logic.courseCheck("Biology", "99999", CATALOG))).toBe(
      "Roster code 99999 is not in the DPI course catalog (catalog range). Use a current code from DPI's course download.",
    );
    expect(one(logic.courseCheck("Biology", "12A", CATALOG))).toBe("Roster code ‘12A’ is not a DPI roster code (digits only).");
    expect(one(logic.courseCheck("Biology", "", CATALOG))).toMatch(/^Roster code is blank/);
    // the same catalog without its header row, in the documented column order
    const headerless = CATALOG.slice(1).map((r) => [r[0], r[1], r[2], null, null, r[3]]);
    expect(one(logic.courseCheck("Biology", "10090", headerless))).toMatch(/is deprecated/);
  });

  test("COURSECHECK without a catalog: blank codes, and AP/plain titles sharing a code within the ranges", () => {
    expect(one(logic.courseCheck("AP Biology", "10075"))).toBe("");
    const out = codes(logic.courseCheck(col("AP Biology", "Biology", "Chemistry"), col("10075", "10075", "10100")));
    expect(out[0][0]).toMatch(/^Roster code 10075 is used by ‘AP Biology’ and by ‘Biology’/);
    expect(out[1][0]).toMatch(/^Roster code 10075 is used by ‘Biology’ and by ‘AP Biology’/);
    expect(out[2][0]).toBe("");
  });

  test("WBLHOURS", () => {
    expect(
      codes(logic.wblHours(col("Youth Apprenticeship", "YA", "State Coop: DPI Occupational", "Internship/Local Co-op", "Simulation"))),
    ).toEqual([["450"], ["450"], ["480"], ["90"], ["90"]]);
    expect(one(logic.wblHours("IRC - NOT State Approved"))).toBe(
      "#N/A: ‘IRC - NOT State Approved’ is an IRC program: IRC rows have no hours minimum.",
    );
    expect(one(logic.wblHours("Job Shadowing"))).toMatch(
      /^#N\/A: Program ‘Job Shadowing’ is not one of DPI's work-based learning programs/,
    );
  });

  test("GRADUATE: HSC with a regular diploma", () => {
    expect(one(logic.graduate("HSC", "R"))).toBe("TRUE");
    expect(one(logic.graduate("HSC - High School Completion", "Regular diploma"))).toBe(one(logic.graduate("HSC", "R")));
    expect(one(logic.graduate("HSC"))).toBe("TRUE");
    expect(one(logic.graduate("HSC", "C"))).toBe("FALSE");
    expect(one(logic.graduate("TC", "R"))).toBe("FALSE");
    expect(one(logic.graduate("XX"))).toMatch(/^#VALUE!: Exit type ‘XX’ is not a DPI exit type/);
    expect(codes(logic.graduate(col("HSC", "HSC", "TC"), col("R", "", "R")))).toEqual([["TRUE"], ["FALSE"], ["FALSE"]]);
  });

  test("RULE: every registry id, case-insensitive; #N/A otherwise", () => {
    for (const r of RULES) expect(one(logic.rule(r.id.toLowerCase()))).toBe(r.description);
    expect(one(logic.rule("NOPE"))).toMatch(/^#N\/A: ‘NOPE’ is not a rule id/);
  });
});

describe("ranges", () => {
  test("results keep the input's shape (a 2x3 range gives a 2x3 spill)", () => {
    const range = [
      ["01.09", 1.1, "x"],
      ["", "46.99", "01.0901"],
    ];
    expect(codes(logic.iac(range))).toEqual([
      ["01.09", "01.10", "#VALUE!"],
      ["", "46.99", "01.09"],
    ]);
    expect(codes(logic.grade([[9, 10, 11]]))).toEqual([["9", "10", "11"]]);
    expect(codes(logic.iacValid(range))).toEqual([
      ["TRUE", "TRUE", "FALSE"],
      ["", "TRUE", "TRUE"],
    ]);
  });

  test("two ranges pair cell by cell; a single value is repeated; a row and a column make a grid", () => {
    expect(codes(logic.iacCluster(col("01.09", "11.01", "11.01"), col(AFNR, IT, "Health Science")))).toEqual([
      ["TRUE"],
      ["TRUE"],
      ["FALSE"],
    ]);
    expect(codes(logic.iacCluster(col("11.01", "01.09"), IT))).toEqual([["TRUE"], ["FALSE"]]);
    expect(codes(logic.eligible([["participant", "concentrator"]], col(9, 11)))).toEqual([
      ["TRUE", "FALSE"],
      ["TRUE", "TRUE"],
    ]);
  });

  test("ranges of different sizes give #N/A where one runs out, as Excel's array arithmetic does", () => {
    const out = shown(logic.iacCluster(col("11.01", "01.09", "01.09"), col(IT, AFNR)));
    expect(out[0][0]).toBe("TRUE");
    expect(out[1][0]).toBe("TRUE");
    expect(out[2][0]).toMatch(/^#N\/A: The ranges differ in size/);
  });

  test("a bad shared list fills the result's shape with one explained error", () => {
    const out = shown(logic.iacValid(col("01.09", "11.01"), [["hello", "world"]]));
    expect(out).toHaveLength(2);
    for (const [v] of out)
      expect(v).toMatch(/^#VALUE!: The iacList argument is not a DPI IAC to Cluster list: the IAC list range has no column of IAC codes/);
    expect(one(logic.courseCheck("Biology", "1", [["Title"], ["Biology"]]))).toMatch(
      /^#VALUE!: The catalog argument is not a DPI course catalog/,
    );
    expect(
      one(
        logic.check(
          [
            ["WSN", "Grade"],
            ["1", 9],
          ],
          [["x"]],
        ),
      ),
    ).toMatch(/^#VALUE!: The catalog argument/);
  });

  test("a blank optional list (an empty range) counts as no list", () => {
    expect(
      one(
        logic.iacValid("01.01", [
          [null, ""],
          ["", null],
        ]),
      ),
    ).toBe("TRUE");
    expect(one(logic.courseCheck("AP Biology", "10075", [[""]]))).toBe("");
  });
});

describe("bad input never throws", () => {
  const odd: unknown[] = [
    "#N/A",
    "#REF!",
    "#VALUE!",
    " #div/0! ",
    "",
    "   ",
    null,
    undefined,
    0,
    -1,
    1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    false,
    new Date("2026-01-01"),
    new Date("invalid"),
    [],
    [""],
    [[""]],
    [[[""]]],
    { error: "#NAME?" },
    { type: "Error", basicValue: "#N/A" },
    { type: "String", basicValue: "01.09" },
    { code: "#N/A", message: "x" },
    {},
    Symbol.for("x"),
  ];

  test.each(ALL)("%s: odd scalars and ranges give a value or an explained error", (_name, fn, arity) => {
    for (const v of odd) {
      const args = new Array(arity).fill(v);
      const out = fn(...args);
      expect(Array.isArray(out) && out.every(Array.isArray)).toBe(true);
      for (const row of out)
        for (const e of row) {
          expect(["string", "number", "boolean"].includes(typeof e) || e instanceof FunctionError).toBe(true);
          if (e instanceof FunctionError) expect(e.message.length).toBeGreaterThan(10);
        }
    }
    const range = fn(...new Array(arity).fill([odd.slice(0, 12), odd.slice(12, 24)]));
    expect(range).toHaveLength(2);
    expect(range[0]).toHaveLength(12);
  });

  test("error cells pass through: #N/A stays #N/A, other errors become #VALUE!, both with a message", () => {
    expect(one(logic.iac("#N/A"))).toBe("#N/A: The input is the Excel error #N/A, not a value: fix the cell it comes from.");
    expect(one(logic.grade({ error: "#REF!" }))).toBe(
      "#VALUE!: The input is the Excel error #REF!, not a value: fix the cell it comes from.",
    );
    expect(one(logic.iacCluster("01.09", { type: "Error", basicValue: "#N/A" }))).toMatch(/^#N\/A: The input is the Excel error #N\/A/);
    expect(one(logic.grade(Number.NaN))).toMatch(/^#VALUE!: The input is the Excel error #NUM!/);
  });

  test("blanks give empty results: null, undefined, empty and whitespace strings, nested empties", () => {
    for (const [, fn, arity] of ALL) {
      for (const blank of [null, undefined, "", "  ", [[""]], [[null]], [[[""]]]]) {
        expect(codes(fn(...new Array(arity).fill(blank)))).toEqual([[""]]);
      }
    }
    expect(codes(logic.iac([]))).toEqual([[""]]);
  });

  test("data-typed cells are read by their basic value", () => {
    expect(one(logic.iac({ type: "String", basicValue: "1.1" }))).toBe("01.10");
    expect(one(logic.grade({ type: "Double", basicValue: 10 }))).toBe("10");
  });

  test("property: any mix of cell values gives a matrix of the broadcast shape and never throws", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer({ min: -5, max: 120 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(""),
      fc.constantFrom(
        "#N/A",
        "#REF!",
        "01.09",
        "1.1",
        "HSC",
        "R",
        "Ag",
        "Grade 9",
        "AP Biology",
        "10075",
        "Youth Apprenticeship",
        "concentrator",
        "GRADE-INVALID",
      ),
    );
    const matrix = fc
      .integer({ min: 1, max: 4 })
      .chain((rows) =>
        fc
          .integer({ min: 1, max: 3 })
          .chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
      );
    fc.assert(
      fc.property(fc.constantFrom(...ALL), matrix, matrix, ([, fn, arity], a, b) => {
        const out = arity === 1 ? fn(a) : fn(a, b);
        const rows = arity === 1 ? a.length : Math.max(a.length, b.length);
        const cols = arity === 1 ? a[0].length : Math.max(a[0].length, b[0].length);
        return out.length === rows && out.every((r) => r.length === cols);
      }),
      { numRuns: 300 },
    );
  });

  test("CHECK: a scalar, an empty range or a non-export gives one explained #N/A", () => {
    for (const input of [null, "", 5, [[""]], [["Call CESA about pathways"], ["todo"]]]) {
      const out = shown(logic.check(input));
      expect(out).toHaveLength(1);
      expect(out[0][0]).toMatch(/^#N\/A: The range is not a WISEdata export this add-in checks: /);
    }
    expect(
      one(
        logic.check(
          [
            ["WSN", "Grade"],
            ["1", 9],
          ],
          null,
          null,
          "2025",
        ),
      ),
    ).toMatch(/^#VALUE!: School year "2025" is not a school year like 2025-26/);
  });
});

describe("functions.ts: the Excel adapter", () => {
  class ShimError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  let fns: typeof import("../src/functions/functions");

  beforeAll(async () => {
    g.CustomFunctions = { Error: ShimError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    fns = await import("../src/functions/functions");
  });
  afterAll(() => {
    delete g.CustomFunctions;
  });

  test("every documented function is exported and returns a matrix", () => {
    const exported: [string, (...a: never[]) => unknown][] = [
      ["IAC", fns.iac],
      ["IACVALID", fns.iacValid],
      ["CLUSTER", fns.cluster],
      ["IACCLUSTER", fns.iacCluster],
      ["PROGRAMAREA", fns.programArea],
      ["GRADE", fns.grade],
      ["ELIGIBLE", fns.eligible],
      ["APIB", fns.apib],
      ["COURSECHECK", fns.courseCheck],
      ["WBLHOURS", fns.wblHours],
      ["GRADUATE", fns.graduate],
      ["CHECK", fns.check],
      ["RULE", fns.rule],
    ];
    for (const [, fn] of exported) expect(typeof fn).toBe("function");
    expect(fns.iac([[1.1]])).toEqual([["01.10"]]);
    expect(fns.iacValid([["01.09"], ["99.99"]])).toEqual([[true], [false]]);
  });

  test("FunctionError elements become CustomFunctions.Error with the code and the message", () => {
    const out = fns.iac([["01.09"], ["Animal Science"], ["#N/A"]]);
    expect(out[0][0]).toBe("01.09");
    expect(out[1][0]).toBeInstanceOf(ShimError);
    expect(out[1][0]).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^IAC ‘Animal Science’ is not a CIP code/) });
    expect(out[2][0]).toMatchObject({ code: "#N/A", message: expect.stringMatching(/Excel error #N\/A/) });
    expect(fns.programArea([["nope"]])[0][0]).toMatchObject({ code: "#N/A" });
    expect(fns.check([["x"]])[0][0]).toMatchObject({ code: "#N/A" });
  });

  test("without the ErrorCode enum (older runtimes) the literal codes are used", () => {
    g.CustomFunctions = { Error: ShimError };
    try {
      expect(fns.grade([["TBD"]])[0][0]).toMatchObject({ code: "#VALUE!" });
      expect(fns.wblHours([["IRC - NOT State Approved"]])[0][0]).toMatchObject({ code: "#N/A" });
    } finally {
      g.CustomFunctions = { Error: ShimError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    }
  });

  test("an unexpected exception becomes one #VALUE! with a short reason, never a throw", () => {
    const spy = jest.spyOn(logic, "grade").mockImplementation(() => {
      throw new Error("boom\nstack");
    });
    try {
      expect(fns.grade([[9]])).toEqual([[new ShimError("#VALUE!", "CTE.GRADE could not run: boom")]]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("one call for a range: shared lookups are built once", () => {
  const N = 10_000;
  const iacs = Array.from({ length: N }, (_, i) => [i % 3 === 0 ? "01.09" : i % 3 === 1 ? "11.01" : "01.01"]);
  const clusters = Array.from({ length: N }, (_, i) => [i % 2 === 0 ? AFNR : IT]);

  afterEach(() => jest.restoreAllMocks());

  test("IACVALID over 10,000 cells with a DPI list: the list is built once and the engine runs once", () => {
    const build = jest.spyOn(lists, "buildIacList");
    const run = jest.spyOn(engine, "runChecklist");
    const started = Date.now();
    const out = logic.iacValid(iacs, IAC_LIST);
    const ms = Date.now() - started;
    expect(out).toHaveLength(N);
    expect(build).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(codes(out.slice(0, 3))).toEqual([["TRUE"], ["TRUE"], ["FALSE"]]);
    console.log(`IACVALID, ${N} cells: buildIacList ran ${build.mock.calls.length}x, runChecklist ${run.mock.calls.length}x, ${ms} ms`);
  });

  test("CLUSTER and IACCLUSTER over 10,000 cells: one list build each", () => {
    const build = jest.spyOn(lists, "buildIacList");
    logic.cluster(iacs, IAC_LIST);
    expect(build).toHaveBeenCalledTimes(1);
    logic.iacCluster(iacs, clusters, IAC_LIST);
    expect(build).toHaveBeenCalledTimes(2);
  });

  test("COURSECHECK over 10,000 rows with a catalog: one catalog build, one engine run", () => {
    const build = jest.spyOn(lists, "buildCourseCatalog");
    const run = jest.spyOn(engine, "runChecklist");
    const titles = Array.from({ length: N }, (_, i) => [i % 2 ? "AP Biology" : "Biology"]);
    const rosterCodes = Array.from({ length: N }, () => ["10075"]);
    const out = logic.courseCheck(titles, rosterCodes, CATALOG);
    expect(out).toHaveLength(N);
    expect(build).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(one(out.slice(1))).toBe("");
    expect(one(out)).toMatch(/does not say AP/);
  });

  test("CHECK on a 10,000-row export with both lists: each list built once, one engine run", () => {
    const buildIac = jest.spyOn(lists, "buildIacList");
    const buildCatalog = jest.spyOn(lists, "buildCourseCatalog");
    const run = jest.spyOn(engine, "runChecklist");
    const table = [
      ["WSN", "Grade", "IAC", "Cluster"],
      ...iacs.map((r, i) => [String(9_000_000_000 + i), 11 + (i % 2), r[0], clusters[i][0]]),
    ];
    const started = Date.now();
    const out = logic.check(table, CATALOG, IAC_LIST, "2025-26");
    const ms = Date.now() - started;
    expect(out).toHaveLength(N + 1);
    expect(buildIac).toHaveBeenCalledTimes(1);
    expect(buildCatalog).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledTimes(1);
    console.log(
      `CHECK, ${N} rows: buildIacList ${buildIac.mock.calls.length}x, buildCourseCatalog ${buildCatalog.mock.calls.length}x, ` +
        `runChecklist ${run.mock.calls.length}x, ${ms} ms`,
    );
  });

  test("IAC and GRADE run the engine only for the values that fail, once per call", () => {
    const run = jest.spyOn(engine, "runChecklist");
    logic.iac(iacs);
    expect(run).toHaveBeenCalledTimes(0);
    logic.grade(Array.from({ length: N }, (_, i) => [i % 100 === 0 ? "TBD" : 9]));
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe("CTE.CHECK agrees with the CLI on the sample workbook", () => {
  /** Rules that compare two exports: CHECK sees one range, so these only fire in the CLI (workbook) run. */
  const ACROSS_EXPORTS = [
    "CONCENTRATOR-NOT-PARTICIPANT",
    "SENIOR-EXIT-MISSING",
    "SENIOR-EXIT-NOT-HSC",
    "APIB-CODE-INCONSISTENT",
    // The concentrator finder reads a pathway plan and coursework (and last year's concentrators) together.
    "POSSIBLE-CONCENTRATOR",
    "CONCENTRATOR-NOT-SUPPORTED",
    "CONCENTRATOR-QUALIFIES-MULTIPLE",
    "IAC-NOT-COURSEWORK-PATHWAY",
    "CONCENTRATOR-NOT-CONTINUED",
    "IAC-CHANGED-SINCE-LAST-YEAR",
  ];
  let sheets: SheetInput[];
  let catalogSheet: SheetInput;

  beforeAll(async () => {
    sheets = (await readSpreadsheet(path.join(ROOT, "samples", "district-sample.xlsx"))).sheets;
    catalogSheet = (await readSpreadsheet(path.join(ROOT, "samples", "synthetic-dpi-course-catalog.csv"))).sheets[0];
  });

  /** "RULE: message" parts of one CHECK cell (messages never contain " | "; asserted below). */
  function parts(cell: Out): string[] {
    const text = String(cell);
    if (text === "OK" || text === "") return [];
    return text.split(" | ").filter((p) => /^[A-Z0-9-]+: /.test(p));
  }

  function compare(withCatalog: boolean) {
    const referenceSheets = withCatalog ? [catalogSheet] : [];
    const cli = engine.runChecklist(sheets, { schoolYear: "2025-26", referenceSheets }).report;
    for (const f of cli.findings) expect(f.message).not.toContain(" | ");
    const normalise = (m: string) => m.replace(`(${catalogSheet.name})`, "(catalog range)");
    for (const sheet of sheets) {
      const out = logic.check(sheet.rows as unknown[][], withCatalog ? (catalogSheet.rows as unknown[][]) : null, null, "2025-26");
      const kind = cli.sheets.find((s) => s.sheet === sheet.name)?.kind ?? null;
      if (kind === null) {
        expect(one(out)).toMatch(/^#N\/A: The range is not a WISEdata export/);
        continue;
      }
      expect(out).toHaveLength(sheet.rows.length);
      const headerRow = cli.sheets.find((s) => s.sheet === sheet.name)!.headerRow!;
      expect(String(out[headerRow - 1][0]).split(" | ")[0]).toBe(kind);
      for (let i = 0; i < sheet.rows.length; i++) {
        const row = i + 1;
        const expected = cli.findings
          .filter((f: Finding) => f.sheet === sheet.name && f.row === row && !ACROSS_EXPORTS.includes(f.rule))
          .map((f) => `${f.rule}: ${normalise(f.message)}`);
        const actual = parts(out[i][0]).filter((p) => !ACROSS_EXPORTS.includes(p.split(":")[0]));
        expect({ sheet: sheet.name, row, findings: actual }).toEqual({ sheet: sheet.name, row, findings: expected });
        if (row > headerRow && parts(out[i][0]).length === 0) expect(["OK", ""]).toContain(out[i][0]);
      }
    }
  }

  test("without a catalog: every single-export finding on every row", () => compare(false));
  test("with the DPI catalog as the catalog argument (the CLI's --reference)", () => compare(true));

  test("every planted problem outside the cross-export rules shows on its row", () => {
    const planted = JSON.parse(fs.readFileSync(path.join(ROOT, "samples", "planted-problems.json"), "utf8")) as {
      sheet: string;
      row: number;
      rule: string;
      withCatalog: boolean;
    }[];
    let seen = 0;
    for (const p of planted) {
      if (ACROSS_EXPORTS.includes(p.rule)) continue;
      const sheet = sheets.find((s) => s.name === p.sheet)!;
      const out = logic.check(sheet.rows as unknown[][], p.withCatalog ? (catalogSheet.rows as unknown[][]) : null, null, "2025-26");
      const cell = out[p.row - 1]?.[0];
      if (p.rule === "SHEET-UNRECOGNIZED") {
        expect(cell).toBeInstanceOf(FunctionError);
      } else {
        expect({ ...p, cell: String(cell).includes(`${p.rule}: `) }).toEqual({ ...p, cell: true });
      }
      seen++;
    }
    expect(seen).toBeGreaterThan(30);
  });

  test("the cross-export rules fire in the CLI run and not in CHECK (documented difference)", () => {
    const cli = engine.runChecklist(sheets, { schoolYear: "2025-26" }).report;
    const fired = new Set(cli.findings.map((f) => f.rule));
    expect(fired.has("CONCENTRATOR-NOT-PARTICIPANT")).toBe(true);
    expect(fired.has("SENIOR-EXIT-MISSING")).toBe(true);
    const concentrators = sheets.find((s) => s.name === "Career Concentrators")!;
    const text = logic
      .check(concentrators.rows as unknown[][], null, null, "2025-26")
      .map((r) => String(r[0]))
      .join("\n");
    expect(text).not.toMatch(/CONCENTRATOR-NOT-PARTICIPANT|SENIOR-EXIT-MISSING/);
  });
});

describe("CTE.CHECK layout and privacy", () => {
  test('one output row per input row: title rows and blank/total rows give "", the header the kind', () => {
    const table = [
      ["CTE Participant export", null],
      [null, null],
      ["Student ID", "Grade"],
      ["1", 9],
      [null, null],
      ["2", "TBD"],
      ["Total: 2 students", null],
    ];
    expect(codes(logic.check(table, null, null, "2025-26"))).toEqual([
      [""],
      [""],
      ["participants"],
      ["OK"],
      [""],
      [expect.stringMatching(/^GRADE-INVALID: /) as unknown as string],
      [""],
    ]);
  });

  test('a whole-column reference: trailing blank rows are not checked and give ""', () => {
    const table = [["Student ID", "Grade"], ["1", 9], ...Array.from({ length: 100_000 }, () => [null, ""])];
    const out = codes(logic.check(table, null, null, "2025-26"));
    expect(out).toHaveLength(100_002);
    expect(out.slice(0, 3)).toEqual([["participants"], ["OK"], [""]]);
    expect(out[100_001]).toEqual([""]);
  });

  test("header-level findings follow the kind on the header row", () => {
    const out = shown(
      logic.check(
        [
          ["WSN", "Grade", "IAC Code"],
          ["1", 11, "01.09"],
        ],
        null,
        null,
        "2025-26",
      ),
    );
    expect(out[0][0]).toMatch(/^concentrators \| COLUMN-MISSING: /);
  });

  test("the iacList argument makes the IAC checks exact (DPI 6800 as an error)", () => {
    const table = [
      ["WSN", "Grade", "IAC", "Cluster"],
      ["1", 11, "11.01", "Health Science"],
      ["2", 11, "01.01", AFNR],
    ];
    const without = shown(logic.check(table, null, null, "2025-26"));
    expect(without[1][0]).toMatch(/^IAC-CLUSTER-MISMATCH: IAC 11.01 usually belongs to/);
    const withList = shown(logic.check(table, null, IAC_LIST, "2025-26"));
    expect(withList[1][0]).toBe("OK");
    expect(withList[2][0]).toMatch(/IAC-UNKNOWN: IAC 01.01 is not on the DPI IAC to Cluster list \(IAC list range\)/);
  });

  test("sensitive values (single parent, homeless) never appear in the output", () => {
    const secrets = ["Pregnant-Secret-1", "Doubled-Up-Secret-2", "Shelter-Secret-3", "Unsheltered-Secret-4"];
    const table: CellValue[][] = [
      ["WSN", "Grade Level", "Single Parent", "Homeless"],
      ["9000000001", 10, secrets[0], secrets[1]],
      ["9000000002", 9, "Y", secrets[2]],
      ["9000000003", 12, { error: "#N/A" }, secrets[3]],
      ["9000000004", 12, "Y", { error: "#REF!" }],
      ["9000000002", 9, "Y", secrets[2]],
    ];
    const out = shown(logic.check(table, null, null, "2025-26"));
    const text = out.map((r) => r[0]).join("\n");
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).toMatch(/SINGLE-PARENT-INVALID: Single parent is not a yes\/no value \(value withheld: sensitive\)/);
    expect(text).toMatch(/SINGLE-PARENT-GRADE/);
    expect(text).toMatch(/VALUE-ERROR: Column ‘Single Parent’ holds an Excel error value, not data/);
    expect(text).not.toMatch(/#REF!|#N\/A/);
    expect(out[0][0]).toBe("demographics");
  });
});
