import { certificatedStatusOf, classifyCareerEdRow, clusterOf, exitTypeOf, programAreaOf } from "../src/core/codes";
import {
  defaultSchoolYear,
  foldKey,
  normalizeGrade,
  normalizeIac,
  normalizeNumber,
  normalizeRosterCode,
  normalizeSchoolYear,
  normalizeYesNo,
} from "../src/core/normalize";
import { apIbOfTitle, baseTitle, titleMarksCollegeCredit } from "../src/core/courseTitle";
import { parseCsv } from "../src/core/csv";

test.each<[unknown, number | null]>([
  [9, 9],
  ["09", 9],
  ["Grade 9", 9],
  ["9th", 9],
  ["K12-09", 9],
  ["12.0", 12],
  [" 11 ", 11],
  ["Gr. 10", 10],
  ["KG", 0],
  ["K4", -1],
  ["13", null],
  ["", null],
  ["nine-ish", null],
  [9.5, null],
  [0, null],
  [true, null],
  [null, null],
])("grade %p -> %p", (input, out) => expect(normalizeGrade(input as never)).toBe(out));

test.each<[unknown, string | null, boolean]>([
  ["01.09", "01.09", false],
  ["1.09", "01.09", true],
  [1.1, "01.10", true],
  [1.09, "01.09", true],
  [46.99, "46.99", true],
  [11, "11.00", true],
  ["01.0901", "01.09", false],
  [1.0901, "01.09", true],
  ["1.1", "01.10", true],
  ["46.99 Construction Trades, Other", "46.99", false],
  ["01.09 - Animal Sciences", "01.09", false],
  ["0109", null, false],
  ["abc", null, false],
  ["", null, false],
  [-1, null, true],
  [1.123456, null, true],
])("IAC %p -> %p (stored as number: %p)", (input, iac, asNumber) => {
  const r = normalizeIac(input as never);
  expect(r.iac).toBe(iac);
  expect(r.storedAsNumber).toBe(asNumber);
});

test.each<[unknown, string | null]>([
  [9944, "9944"],
  ["09944", "9944"],
  [" 10091 ", "10091"],
  ["9944.0", "9944"],
  ["0", "0"],
  ["AP1", null],
  [1.5, null],
])("roster code %p -> %p", (input, out) => expect(normalizeRosterCode(input as never)).toBe(out));

test.each<[unknown, boolean | null | undefined]>([
  ["Y", true],
  ["yes", true],
  [true, true],
  [1, true],
  ["N", false],
  ["No.", false],
  [0, false],
  ["", null],
  [null, null],
  ["maybe", undefined],
  [2, undefined],
])("yes/no %p -> %p", (input, out) => expect(normalizeYesNo(input as never)).toBe(out));

test.each<[unknown, number | null]>([
  [90, 90],
  ["90", 90],
  ["1,200", 1200],
  ["450 hrs", 450],
  ["12.5", 12.5],
  ["ninety", null],
  ["", null],
])("number %p -> %p", (input, out) => expect(normalizeNumber(input as never)).toBe(out));

test("school years", () => {
  expect(normalizeSchoolYear("2025-26")).toBe("2025-26");
  expect(normalizeSchoolYear("2025-2026")).toBe("2025-26");
  expect(normalizeSchoolYear("2099-00")).toBe("2099-00");
  expect(normalizeSchoolYear("2025-27")).toBeNull();
  expect(normalizeSchoolYear("next year")).toBeNull();
  expect(defaultSchoolYear(new Date(2026, 10, 28))).toBe("2025-26");
  expect(defaultSchoolYear(new Date(2027, 2, 1))).toBe("2026-27");
});

test("code lists accept long, short and & spellings", () => {
  expect(foldKey("Agriculture, Food & Natural Resources")).toBe(foldKey("agriculture food and natural resources"));
  expect(programAreaOf("Ag")?.name).toBe("Agriculture and Natural Resources Education");
  expect(programAreaOf("Agriculture, Food and Natural Resources")?.name).toBe("Agriculture and Natural Resources Education");
  expect(programAreaOf("tech ed")?.name).toBe("Technology and Engineering Education");
  expect(programAreaOf("Woodshop")).toBeNull();
  expect(clusterOf("Marketing")).toBe("Marketing, Sales & Service");
  expect(clusterOf("Transportation, Distribution and Logistics")).toBe("Transportation, Distribution & Logistics");
  expect(exitTypeOf("hsc")?.code).toBe("HSC");
  expect(certificatedStatusOf("A-Student met the requirements of the certificated program")).toBe("A");
  expect(certificatedStatusOf("Continuing in the certificated program")).toBe("B");
  expect(certificatedStatusOf("E")).toBeNull();
});

test("IRC/WBL rows are classified by program name first", () => {
  expect(classifyCareerEdRow("Youth Apprenticeship", "Industry Recognized Credentials").kind).toBe("wbl");
  expect(classifyCareerEdRow("IRC - Something new", "Non-Certified Career Education").kind).toBe("irc");
  expect(classifyCareerEdRow("CNA", "Industry Recognized Credentials").kind).toBe("irc");
  expect(classifyCareerEdRow("Job shadow", "Non-Certified Career Education").kind).toBe("wbl");
});

test("course titles: AP/IB, college credit, semester suffixes", () => {
  expect(apIbOfTitle("MAT AP STATISTICS A")).toBe("AP");
  expect(apIbOfTitle("Advanced Placement Biology")).toBe("AP");
  expect(apIbOfTitle("ENG PRE-AP ENGLISH")).toBe("");
  expect(apIbOfTitle("IB History HL")).toBe("IB");
  expect(apIbOfTitle("Map Reading")).toBe("");
  expect(titleMarksCollegeCredit("SCI CONCEPTS OF BIOLOGY A - TC")).toBe(true);
  expect(titleMarksCollegeCredit("Welding (Start College Now)")).toBe(true);
  expect(titleMarksCollegeCredit("TCP/IP Networking")).toBe(false);
  expect(baseTitle("MAT AP STATISTICS B")).toBe("MAT AP STATISTICS");
  expect(baseTitle("SCI CONCEPTS OF BIOLOGY A - TC")).toBe("SCI CONCEPTS OF BIOLOGY - TC");
});

describe("CSV parser", () => {
  test("BOM, quotes, doubled quotes, embedded newline, CRLF", () => {
    const r = parseCsv('\ufeffa,b,c\r\n"x, y","he said ""hi""","line1\nline2"\r\n1,,3\r\n');
    expect(r.records.map((x) => x.fields)).toEqual([
      ["a", "b", "c"],
      ["x, y", 'he said "hi"', "line1\nline2"],
      ["1", "", "3"],
    ]);
    expect(r.records.map((x) => x.record)).toEqual([1, 2, 3]);
    expect(r.unterminatedQuoteAtRecord).toBeNull();
  });
  test("semicolon and tab separators are detected", () => {
    expect(parseCsv("a;b;c\n1;2,5;3").records[1].fields).toEqual(["1", "2,5", "3"]);
    expect(parseCsv("a\tb\n1\t2").delimiter).toBe("\t");
  });
  test("an unterminated quote is reported", () => {
    expect(parseCsv('a,b\n"oops,1\n').unterminatedQuoteAtRecord).toBe(2);
  });
  test("a blank line is a record, so record numbers match the rows Excel shows", () => {
    expect(parseCsv("a\n\nb\n").records.map((x) => x.fields)).toEqual([["a"], [""], ["b"]]);
  });
});
