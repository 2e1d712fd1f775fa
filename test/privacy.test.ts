/**
 * Privacy: single-parent and homeless values never leave the user's own cells: not on stdout or stderr
 * (table or JSON), not in notes, not in the Snapshot Checklist sheet; the figure is counts only.
 * Unique marker strings sit in those columns; the only place they may appear is the original cells.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { a1 } from "../src/core/address";
import { CHECKLIST_SHEET_NAME } from "../src/cli/annotate";
import type { Report } from "../src/core/report";
import { type Cell, type CliResult, cli, eachCell, noteText, parseReport, readXlsx, writeCsv, writeXlsx } from "./helpers/e2e";

const SP_MARK = "SPMARK-7f3a";
const HL_MARK = "HLMARK-91c2";
/** Also catch a truncated or partly quoted echo of a marker. */
const LEAKS = [SP_MARK, HL_MARK, "SPMARK", "HLMARK", "7f3a", "91c2"];

const DEMOGRAPHICS = "Student Demographics";
const HEADER = ["WSN", "Student Name", "Grade Level", "Single Parent", "Homeless"];
const SP_COL = HEADER.indexOf("Single Parent");
const HL_COL = HEADER.indexOf("Homeless");

const DATA: Cell[][] = [
  ["9000000501", "Student 0501", 11, "Y", "N"],
  ["9000000502", "Student 0502", 12, "N", "Y"],
  ["9000000503", "Student 0503", 10, SP_MARK, "N"], // SINGLE-PARENT-INVALID (value withheld)
  ["9000000504", "Student 0504", 11, "N", HL_MARK], // homeless is never read by a rule
  ["9000000505", "Student 0505", 12, "Yes", "Y"],
  ["9000000503", "Student 0503", 10, SP_MARK, "N"], // DUPLICATE-ROW of a marker row
  ["9000000506", "Student 0506", 9, "Y", "N"], // SINGLE-PARENT-GRADE
  ["", "Student 0507", 11, `${SP_MARK} (see file)`, `=${HL_MARK}`], // STUDENT-ID-MISSING on a marker row
  ["9000000508", "Student 0508", "Gr 11?", "N", HL_MARK], // GRADE-INVALID on a marker row
];

const PARTICIPANTS: Cell[][] = [
  ["Student ID", "Grade"],
  ...["9000000501", "9000000502", "9000000503", "9000000504", "9000000505", "9000000506"].map((id, i) => [id, 9 + (i % 4)]),
];

/** A1 addresses of the original single-parent and homeless cells that hold a marker. */
const MARKED_CELLS = new Set<string>();
DATA.forEach((row, i) => {
  for (const col of [SP_COL, HL_COL]) {
    if (String(row[col]).includes("MARK")) MARKED_CELLS.add(a1(i + 2, col + 1));
  }
});

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-privacy-"));
  await writeXlsx(file("district.xlsx"), [
    { name: "CTE Participants", rows: PARTICIPANTS },
    { name: DEMOGRAPHICS, rows: [HEADER, ...DATA] },
  ]);
  writeCsv(file("participants.csv"), PARTICIPANTS as (string | number)[][]);
  writeCsv(file(`${DEMOGRAPHICS}.csv`), [HEADER, ...DATA] as (string | number)[][]);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function expectNoMarker(text: string, where: string) {
  for (const mark of LEAKS) {
    if (text.includes(mark)) throw new Error(`${where} contains the sensitive marker ${mark}:\n${text}`);
  }
}

function expectClean(r: CliResult) {
  expectNoMarker(r.stdout, "stdout");
  expectNoMarker(r.stderr, "stderr");
}

const FORMATS = [
  { format: "xlsx", inputs: () => [file("district.xlsx")] },
  { format: "csv", inputs: () => [file("participants.csv"), file(`${DEMOGRAPHICS}.csv`)] },
] as const;

describe.each(FORMATS)("single parent and homeless values ($format)", ({ format, inputs }) => {
  let report: Report;

  beforeAll(async () => {
    const r = await cli(["--json", ...inputs()]);
    expect(r.code).toBe(1);
    expectClean(r);
    report = parseReport(r.stdout);
  });

  it("the checks still run: the problems are reported by position only", () => {
    const got = report.findings
      .filter((f) => f.sheet === DEMOGRAPHICS)
      .map((f) => `${f.rule} ${f.cell}`)
      .sort();
    expect(got).toEqual([
      "DUPLICATE-ROW A7",
      "GRADE-INVALID C10",
      "SINGLE-PARENT-GRADE D8",
      "SINGLE-PARENT-INVALID D4",
      "SINGLE-PARENT-INVALID D7",
      "SINGLE-PARENT-INVALID D9",
      "STUDENT-ID-MISSING A9",
    ]);
    expect(report.sheets.find((s) => s.sheet === DEMOGRAPHICS)).toMatchObject({ kind: "demographics" });
  });

  it("--json: no marker anywhere in the report", () => {
    expectNoMarker(JSON.stringify(report), "the JSON report");
  });

  it("the single-parent figure holds counts only", () => {
    const topic = report.checklist.find((t) => t.topic === "single-parent")!;
    const { text, ...rest } = topic.figure;
    // Y/Yes in 0501, 0505, 0506; homeless Y in 0502, 0505. Markers are neither yes nor no.
    expect(text).toBe("3 single parents, 2 homeless (counts only)");
    expect(rest).toEqual({ singleParents: 3, homeless: 2 });
    for (const value of Object.values(rest)) expect(typeof value).toBe("number");
    expect(topic.status).toBe("fail");
  });

  it("the readable table (no --json): no marker on stdout or stderr", async () => {
    const r = await cli(inputs());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SINGLE-PARENT-INVALID/);
    expectClean(r);
  });

  it(`--out: no marker in any cell or note of the copy except the original ${format} cells, which keep it`, async () => {
    const out = file(`checked-${format}.xlsx`);
    const r = await cli(["--out", out, ...inputs()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cte-check: wrote /);
    expectClean(r);

    const wb = await readXlsx(out);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(
      // The Findings and log sheets are scanned below like every other sheet.
      [format === "xlsx" ? "CTE Participants" : "participants", DEMOGRAPHICS, CHECKLIST_SHEET_NAME, "Findings", "CTE Check Log"],
    );
    let notes = 0;
    const seenOriginals = new Set<string>();
    for (const ws of wb.worksheets) {
      expectNoMarker(ws.name, "a sheet name");
      eachCell(ws, (cell) => {
        const where = `${ws.name}!${cell.address}`;
        const note = noteText(cell.note);
        if (note) notes++;
        expectNoMarker(note, `the note of ${where}`);
        if (ws.name === DEMOGRAPHICS && MARKED_CELLS.has(cell.address)) {
          seenOriginals.add(cell.address);
          return;
        }
        expectNoMarker(JSON.stringify(cell.value ?? null), where);
      });
    }
    expect(notes).toBeGreaterThanOrEqual(7);
    // The user's own cells are copied as they were.
    expect([...seenOriginals].sort()).toEqual([...MARKED_CELLS].sort());
    const demo = wb.getWorksheet(DEMOGRAPHICS)!;
    DATA.forEach((row, i) => {
      for (const col of [SP_COL, HL_COL]) {
        const address = a1(i + 2, col + 1);
        if (MARKED_CELLS.has(address)) expect(demo.getCell(address).value).toBe(row[col]);
      }
    });
    // The Findings sheet lists the single-parent findings (so the scan above covered them): rule and student id only.
    const findingsRules: string[] = [];
    wb.getWorksheet("Findings")!.eachRow((row) => findingsRules.push(String(row.getCell(4).value)));
    expect(findingsRules).toContain("SINGLE-PARENT-INVALID");
    // The Snapshot Checklist shows the counts.
    const checklist = wb.getWorksheet(CHECKLIST_SHEET_NAME)!;
    const rows: string[] = [];
    checklist.eachRow((row) => rows.push(row.values ? JSON.stringify(row.values) : ""));
    expect(rows.join("\n")).toContain("3 single parents, 2 homeless (counts only)");
  });
});
