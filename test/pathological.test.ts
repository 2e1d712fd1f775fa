/**
 * Every pattern that runs on user data is linear on any input: each normaliser, header reading, CSV parsing
 * and the custom functions get 1 MB pathological strings (long runs of spaces, digits, dots, repeated
 * prefixes, unterminated quotes). A quadratic pattern takes minutes on these; each call here must finish
 * within MAX_MS (generous on a shared CI machine; linear code takes a few milliseconds).
 */
import { clipForMatching, matchableText, MAX_MATCHED_LENGTH } from "../src/core/boundedText";
import {
  certificatedStatusOf,
  classifyCareerEdRow,
  clusterOf,
  credentialTypeOf,
  exitTypeOf,
  ircProgramOf,
  isCertifiedProgramType,
  programAreaOf,
  splitMultiValue,
  wblProgramOf,
} from "../src/core/codes";
import { parseCsv } from "../src/core/csv";
import { runChecklist } from "../src/core/engine";
import {
  cleanText,
  foldKey,
  normalizeGrade,
  normalizeIac,
  normalizeNumber,
  normalizeRosterCode,
  normalizeSchoolYear,
  normalizeYesNo,
} from "../src/core/normalize";
import { fieldsForHeader, headerKey, isSensitiveHeader, recognize } from "../src/core/recognize";
import { apIbOfTitle, baseTitle, titleMarksCollegeCredit } from "../src/core/courseTitle";
import { q } from "../src/core/text";
import { isPassed, parsePassingRule } from "../src/core/marks";
import { foldLocalCode, foldTitle } from "../src/core/pathways";
import { schoolYearOfCell } from "../src/core/schoolYears";
import { neutralizeFormulaText, uniqueSheetName } from "../src/core/text";
import * as logic from "../src/functions/logic";
import { shortReason } from "../src/cli/readInput";

const MB = 1 << 20;
const MAX_MS = 2000;

/** Strings of about 1 MB shaped to make backtracking patterns blow up, each ending in a non-matching tail. */
export const PATHOLOGICAL: Record<string, string> = {
  spaces: `9${" ".repeat(MB)}x`,
  spacesThenGrade: `9${" ".repeat(MB)}gradex`,
  leadingSpaces: `${" ".repeat(MB)}9 x`,
  tabsAndNewlines: `A -${" \t\r\n".repeat(MB / 4)}\n`,
  digits: `${"1".repeat(MB)}x`,
  digitsWithDot: `01.${"0".repeat(MB)}x`,
  dots: `1${".".repeat(MB)}x`,
  dotZeros: `${".0".repeat(MB / 2)}x`,
  k12: `${"K12-".repeat(MB / 4)}09`,
  gradeWords: `${"grade ".repeat(MB / 6)}x`,
  commas: `1${",000".repeat(MB / 4)}x`,
  hours: `90${" ".repeat(MB)}hrs x`,
  apostrophes: `a${"'".repeat(MB)}b`,
  tc: `Welding TC${" ".repeat(MB)})x`,
  dashes: `${"- ".repeat(MB / 2)}x`,
  sections: `Algebra${" A".repeat(MB / 2)} - TC x`,
  parens: `Single Parent${"(s)".repeat(MB / 3)}   x`,
  quotes: `"${"a".repeat(MB)}`,
  mixed: `${"ab1. -:(".repeat(MB / 8)}`,
};

function timed<T>(label: string, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  if (ms > MAX_MS) throw new Error(`${label} took ${Math.round(ms)} ms on a 1 MB string (limit ${MAX_MS} ms)`);
  return result;
}

const NORMALISERS: Record<string, (s: string) => unknown> = {
  normalizeGrade,
  normalizeIac: (s) => normalizeIac(s, "csv"),
  normalizeRosterCode,
  normalizeYesNo,
  normalizeNumber,
  normalizeSchoolYear,
  foldKey,
  cleanText,
  programAreaOf,
  clusterOf,
  exitTypeOf,
  credentialTypeOf,
  certificatedStatusOf,
  wblProgramOf,
  ircProgramOf,
  isCertifiedProgramType,
  splitMultiValue,
  classifyCareerEdRow: (s) => classifyCareerEdRow(s, s),
  apIbOfTitle,
  titleMarksCollegeCredit,
  baseTitle,
  headerKey,
  fieldsForHeader,
  isSensitiveHeader,
  q,
  neutralizeFormulaText,
  uniqueSheetName: (s) => uniqueSheetName(s, new Set()),
  shortReason: (s) => shortReason(new Error(s)),
  schoolYearOfCell,
  foldLocalCode,
  foldTitle,
  isPassed: (s) => isPassed({ passed: s, mark: s, creditsEarned: s }),
  parsePassingRule,
  "CTE.GRADE": logic.grade,
  "CTE.IAC": logic.iac,
  "CTE.PROGRAMAREA": logic.programArea,
  "CTE.APIB": logic.apib,
  "CTE.GRADUATE": logic.graduate,
  "CTE.WBLHOURS": logic.wblHours,
  "CTE.RULE": logic.rule,
};

describe.each(Object.entries(PATHOLOGICAL))("1 MB pathological string: %s", (shape, text) => {
  test.each(Object.keys(NORMALISERS))(`%s finishes within ${MAX_MS} ms`, (name) => {
    timed(`${name}(${shape})`, () => NORMALISERS[name](text));
  });
  test("parsing it as one CSV field, and as a CSV file of such fields, is linear", () => {
    const parsed = timed(`parseCsv(${shape})`, () => parseCsv(text));
    expect(parsed.records.length).toBeGreaterThan(0);
    timed(`parseCsv(header + ${shape})`, () =>
      parseCsv(`Student ID,Grade,CTE Concentration IAC Code,Cluster\n1,"${text.replace(/"/g, '""')}",${text.slice(0, 1000)},x\n`),
    );
  });
  test("the whole engine on a sheet of such cells finishes", () => {
    const rows = [
      ["Student ID", "Grade", "CTE Concentration IAC Code", "Cluster", "Program Area", text],
      ["1", text, text, text, text, text],
      [text, "11", "01.09", text, "Ag", "x"],
    ];
    const { report } = timed(`runChecklist(${shape})`, () =>
      runChecklist([{ name: "Concentrators", rows, source: "csv" }], { schoolYear: "2025-26" }),
    );
    // Messages quote values shortened: a megabyte never reaches a finding.
    for (const f of report.findings) expect(f.message.length).toBeLessThan(2000);
    timed(`recognize(${shape})`, () => recognize([[text, text, text]]));
  });
  test("the concentrator finder on a plan and coursework of such cells finishes, its messages short", () => {
    const plan = [
      ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
      [text, "01.09", text, text, text, text],
      ["", "", "", "1002", "AG2", `${text}2`],
    ];
    const coursework = [
      ["Student ID", "Grade Level", "School Year", "Course Number", "Course Name", "Mark", "Credits Earned"],
      ["1", "12", text, text, text, "A", text],
      ["1", text, "2025-26", "AG2", text, text, "1"],
      ["1", "12", text, "", `${text}2`, "B", text],
    ];
    const { report } = timed(`finder(${shape})`, () =>
      runChecklist(
        [
          { name: "Plan", rows: plan },
          { name: "Coursework", rows: coursework },
          {
            name: "Concentrators",
            rows: [
              ["WSN", "Grade", "IAC", "Cluster"],
              ["2", 12, "01.09", text],
            ],
          },
        ],
        { schoolYear: "2025-26" },
      ),
    );
    for (const f of report.findings) expect(f.message.length).toBeLessThan(2000);
    for (const p of report.possibleConcentrators ?? []) expect(JSON.stringify(p).length).toBeLessThan(10000);
  });
});

test("a long cell is cut to a bounded length with a mark, so it cannot match a whole-value pattern it did not match", () => {
  expect(clipForMatching("01.09")).toBe("01.09");
  const long = `9${" ".repeat(5000)}x`;
  const clipped = matchableText(long);
  expect(clipped.length).toBe(MAX_MATCHED_LENGTH + 1);
  expect(clipped.endsWith("…")).toBe(true);
  expect(normalizeGrade(long)).toBeNull();
  expect(normalizeGrade(`  ${" ".repeat(5000)}10th grade `)).toBe(10);
  expect(normalizeIac(`01.09 ${"Agricultural Business ".repeat(200)}`).iac).toBe("01.09");
  expect(normalizeNumber(` 90 hrs `)).toBe(90);
  expect(normalizeNumber(`1,200.5`)).toBe(1200.5);
  expect(certificatedStatusOf("A -\n met")).toBe("A");
  expect(baseTitle("MAT AP STATISTICS A - TC")).toBe("MAT AP STATISTICS - TC");
  expect(baseTitle("Welding SEM 2")).toBe("Welding");
  expect(titleMarksCollegeCredit("Welding TC )")).toBe(true);
  expect(headerKey("Course(s) ")).toBe("course");
});

test("=CTE.CHECK's header cell never exceeds Excel's 32,767-character cell limit", () => {
  // 4,000 repeats of one header: the duplicate-column finding names a few and counts the rest.
  const header = ["Student ID", "Grade", ...Array.from({ length: 4000 }, () => "Grade Level")];
  const out = logic.check([header, ["1", "11", ...header.slice(2).map(() => "")]]);
  expect(String(out[0][0]).startsWith("participants | ")).toBe(true);
  expect(String(out[0][0])).toMatch(/and 3998 more/);
  expect(String(out[0][0]).length).toBeLessThanOrEqual(32767);
  // Findings that do add up past the limit (many of them, each long) are cut to it, with a mark.
  const long = { rule: "COLUMN-DUPLICATE", message: "x".repeat(1000) } as Parameters<typeof logic.findingsText>[0][number];
  const text = logic.findingsText(
    Array.from({ length: 40 }, () => long),
    "participants | ",
  );
  expect(text).toHaveLength(32767);
  expect(text.endsWith("…")).toBe(true);
});
