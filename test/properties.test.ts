/**
 * Adversarial properties (fast-check): normalisers are total and idempotent, and the engine never
 * throws on arbitrary tables and only points inside the data. Run counts add up to > 10,000 cases.
 */
import fc from "fast-check";
import { CellValue, SheetInput } from "../src/core/cells";
import { certificatedStatusOf, clusterOf, exitTypeOf, programAreaOf } from "../src/core/codes";
import { parseCsv } from "../src/core/csv";
import { runChecklist } from "../src/core/engine";
import {
  foldKey,
  normalizeGrade,
  normalizeIac,
  normalizeNumber,
  normalizeRosterCode,
  normalizeSchoolYear,
  normalizeYesNo,
} from "../src/core/normalize";
import { parseA1 } from "../src/core/address";
import { reportSchema } from "../src/core/reportSchema";

const KNOWN_HEADERS = [
  "Student ID",
  "WSN",
  "Grade",
  "Grade Level",
  "CTE Concentration IAC Code",
  "CTE Concentration Program Area",
  "Cluster",
  "Program Area",
  "Local Course Title",
  "Local Course Code",
  "DPI Course Code",
  "CTE Course",
  "CTE Department",
  "Dual Enrollment",
  "Exit Type",
  "Credential Type",
  "Program Name",
  "Program Type",
  "Certificated Program Status",
  "Hours",
  "Single Parent",
  "Homeless",
  "Roster Code",
  "Course Program",
  "IAC code",
  "Suggested",
  "Deprecated",
];
const ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?"];

/**
 * Pathological lengths: a plausible value buried in a long run of what backtracking patterns choke on
 * (spaces, digits, dots, "K12-", quotes…). A quadratic normaliser makes these runs take minutes.
 */
const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "9", "01.", "Grade ", "A -", "Welding TC", "1", "'"),
    fc.constantFrom(" ", "1", ".", ".0", "K12-", '"', "'", "- ", "(s)", ",000", " \t\n", "ab"),
    fc.integer({ min: 2000, max: 20000 }),
    fc.constantFrom("", "x", "9", " grade", " hrs", ")", "\n"),
  )
  .map(([head, unit, n, tail]) => `${head}${unit.repeat(Math.ceil(n / unit.length))}${tail}`);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "01.09",
    "1.1",
    "11.01",
    "99.99",
    "HSC",
    "R",
    "Y",
    "N",
    "A",
    "E",
    "9",
    "12",
    "K12-09",
    "Total",
    "Ag",
    "IRC - NOT State Approved",
    "Youth Apprenticeship",
  ),
  fc.constantFrom("=1+1", "+SUM(A1)", "-5", "@cmd", '=HYPERLINK("http://x")', "\t=1"),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 20 }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(...ERRORS).map((e) => ({ error: e })),
  fc.constantFrom(...ERRORS),
  longText,
);

const anyValue = fc.oneof(cell, fc.anything() as fc.Arbitrary<CellValue>);

const sheet: fc.Arbitrary<SheetInput> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 10 }),
    header: fc.array(fc.oneof(fc.constantFrom(...KNOWN_HEADERS), fc.string({ maxLength: 8 }), fc.constant(null)), {
      minLength: 0,
      maxLength: 8,
    }),
    above: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }),
    body: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 }),
    firstRow: fc.integer({ min: 1, max: 50 }),
    firstColumn: fc.integer({ min: 1, max: 30 }),
    source: fc.constantFrom("workbook" as const, "csv" as const),
  })
  .map((s) => ({
    name: s.name,
    rows: [...s.above, s.header, ...s.body],
    firstRow: s.firstRow,
    firstColumn: s.firstColumn,
    source: s.source,
  }));

describe("normalisers are total and idempotent", () => {
  test("grade", () =>
    fc.assert(
      fc.property(anyValue, (v) => {
        const g = normalizeGrade(v);
        if (g !== null && g >= 1) expect(normalizeGrade(String(g))).toBe(g);
      }),
      { numRuns: 1500 },
    ));
  test("IAC", () =>
    fc.assert(
      fc.property(anyValue, (v) => {
        const r = normalizeIac(v);
        if (r.iac !== null) {
          expect(r.iac).toMatch(/^\d{2}\.\d{2}$/);
          const again = normalizeIac(r.iac);
          expect(again).toEqual({ iac: r.iac, storedAsNumber: false, fromSixDigit: false });
        }
      }),
      { numRuns: 1500 },
    ));
  test("roster code", () =>
    fc.assert(
      fc.property(anyValue, (v) => {
        const c = normalizeRosterCode(v);
        if (c !== null) expect(normalizeRosterCode(c)).toBe(c);
      }),
      { numRuns: 1000 },
    ));
  test("yes/no, numbers, school years, folded keys, code lists", () =>
    fc.assert(
      fc.property(anyValue, fc.oneof(fc.string(), longText), (v, s) => {
        const yn = normalizeYesNo(v);
        if (typeof yn === "boolean") expect(normalizeYesNo(yn ? "Y" : "N")).toBe(yn);
        const n = normalizeNumber(v);
        if (n !== null) expect(normalizeNumber(n)).toBe(n);
        const y = normalizeSchoolYear(s);
        if (y !== null) expect(normalizeSchoolYear(y)).toBe(y);
        expect(foldKey(foldKey(s))).toBe(foldKey(s));
        const pa = programAreaOf(s);
        if (pa) expect(programAreaOf(pa.name)).toBe(pa);
        const cl = clusterOf(s);
        if (cl) expect(clusterOf(cl)).toBe(cl);
        const ex = exitTypeOf(s);
        if (ex) expect(exitTypeOf(ex.code)).toBe(ex);
        const st = certificatedStatusOf(s);
        if (st) expect(certificatedStatusOf(st)).toBe(st);
      }),
      { numRuns: 2000 },
    ));
  test("CSV parser never throws and round-trips quoted fields", () =>
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), longText), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (records) => {
          const text = records.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join("\r\n");
          expect(parseCsv(text, ",").records.map((r) => r.fields)).toEqual(records);
          expect(() => parseCsv(text.slice(0, Math.floor(text.length / 2)))).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    ));
});

describe("the engine on arbitrary tables", () => {
  test("never throws; the report validates; every finding points inside its sheet", () =>
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 4 }), (sheets) => {
        const named = sheets.map((s, i) => ({ ...s, name: `${s.name}#${i}` }));
        const { report } = runChecklist(named, { schoolYear: "2025-26" });
        reportSchema.parse(report);
        // Text we compose never starts like a formula, whatever the user's values.
        for (const t of report.checklist) expect(t.figure.text).not.toMatch(/^[=+\-@\t\r]/);
        for (const f of report.findings) {
          expect(f.message).not.toMatch(/^[=+\-@\t\r]/);
          const s = named.find((x) => x.name === f.sheet)!;
          expect(s).toBeDefined();
          const at = parseA1(f.cell)!;
          expect(at.row).toBe(f.row);
          const firstRow = s.firstRow ?? 1;
          const firstColumn = s.firstColumn ?? 1;
          expect(f.row).toBeGreaterThanOrEqual(firstRow);
          expect(f.row).toBeLessThan(firstRow + Math.max(1, s.rows.length));
          expect(at.column).toBeGreaterThanOrEqual(firstColumn);
          const width = Math.max(1, ...s.rows.map((r) => r.length));
          expect(at.column).toBeLessThan(firstColumn + width);
        }
      }),
      { numRuns: 3500 },
    ));
});
