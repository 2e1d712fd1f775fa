/**
 * End to end: `cte-check` as a user runs it (the compiled binary in a child process) and, where the
 * process boundary is not the point, in-process through runCli. Every input is generated here.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { CHECKLIST_SHEET_NAME, FILL_ARGB } from "../src/cli/annotate";
import type { Finding, Report } from "../src/core/report";
import {
  type CliResult,
  bin,
  binAsync,
  cli,
  csvText,
  eachCell,
  ensureBuilt,
  expectUsageError,
  fillArgb,
  noteText,
  parseReport,
  readXlsx,
  sha256,
  writeCsv,
  writeXlsx,
} from "./helpers/e2e";

let dir: string;
const file = (name: string) => path.join(dir, name);

const IT = "Information Technology";
const AFNR = "Agriculture, Food & Natural Resources";
const exitDate = new Date(Date.UTC(2026, 5, 5));

/** {sheet,row,rule} of every error and warning, sorted, for exact comparisons. */
const problems = (report: Report) =>
  report.findings
    .filter((f) => f.severity !== "info")
    .map((f) => `${f.sheet}!${f.row} ${f.rule}`)
    .sort();

const only = (report: Report, rule: string) => report.findings.filter((f) => f.rule === rule);

/** Exit 2: one "cte-check: …" line first, the expected words, never a stack trace, nothing on stdout. */
function expectUnusable(r: CliResult, pattern: RegExp, { usage = false } = {}) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toContain("    at ");
  expect(r.stderr).not.toMatch(/\bError:|unexpected failure/);
  const lines = r.stderr.replace(/\n$/, "").split("\n");
  expect(lines[0]).toMatch(/^cte-check: /);
  expect(lines[0]).toMatch(pattern);
  if (usage) {
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^Usage: cte-check /);
  } else {
    expect(lines).toHaveLength(1);
  }
}

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-e2e-"));

  // A clean district: every concentrator is a participant, seniors have HSC + R, pairs match.
  await writeXlsx(file("clean.xlsx"), [
    {
      name: "CTE Participants",
      rows: [
        ["Student ID", "Student Name", "Grade", "School"],
        ["9000000001", "Student 0001", 9, "Badger Valley High School"],
        ["9000000002", "Student 0002", 10, "Badger Valley High School"],
        ["9000000003", "Student 0003", 11, "Badger Valley High School"],
        ["9000000004", "Student 0004", 12, "Badger Valley High School"],
        ["9000000005", "Student 0005", 12, "Badger Valley High School"],
      ],
    },
    {
      name: "Career Concentrators",
      rows: [
        ["WSN", "Grade Level", "CTE Concentration IAC Code", "Cluster", "Program Area"],
        ["9000000003", 11, "11.01", IT, "Business"],
        ["9000000004", 12, "01.09", AFNR, "Ag"],
        ["9000000005", 12, "11.01", IT, "Business and Information Technology Education"],
      ],
    },
    {
      name: "HS Completion",
      rows: [
        ["WSN", "Grade Level", "Exit Type", "Credential Type", "Exit Date"],
        ["9000000004", 12, "HSC", "R", exitDate],
        ["9000000005", 12, "HSC", "R", exitDate],
      ],
    },
  ]);

  // Errors and warnings below a title row and a blank row, with blank rows among the data.
  await writeXlsx(file("errors.xlsx"), [
    {
      name: "CTE Participants",
      rows: [
        ["CTE Participants 2025-26: Badger Valley School District"],
        null,
        ["Student ID", "Grade", "School"],
        ["9000000101", 10, "Badger Valley High School"],
        null,
        ["9000000102", "TBD", "Badger Valley High School"], // row 6: GRADE-INVALID
        ["9000000103", 11, "Badger Valley High School"],
      ],
    },
    {
      name: "Concentrators",
      rows: [
        ["Career Concentrators 2025-26"],
        null,
        ["WSN", "Grade Level", "IAC Code", "Cluster"],
        ["9000000103", 11, "11.01", IT],
        null,
        ["9000000101", 11, "Animal Science", AFNR], // row 6: IAC-INVALID-FORMAT (C6)
        ["9000000104", 11, 11.01, IT], // row 7: not a participant (A7), IAC stored as a number (C7)
        null,
        ["9000000102", 11, "01.09", IT], // row 9: IAC-CLUSTER-MISMATCH (D9)
      ],
    },
  ]);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("exit status through the real binary", () => {
  it("exits 0 on a clean district (participants, concentrators, HS completion)", () => {
    const r = bin(["--school-year", "2025-26", file("clean.xlsx")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CTE Snapshot Check: school year 2025-26; clean\.xlsx/);
    expect(r.stdout).toMatch(/\n0 errors, 0 warnings, \d+ notes?\.\n$/);
  });

  it("reports the clean district with pass statuses and no errors or warnings (--json)", () => {
    const r = bin(["--json", "--school-year", "2025-26", file("clean.xlsx")]);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(problems(report)).toEqual([]);
    expect(report.sheets.map((s) => [s.sheet, s.kind, s.headerRow, s.dataRows])).toEqual([
      ["CTE Participants", "participants", 1, 5],
      ["Career Concentrators", "concentrators", 1, 3],
      ["HS Completion", "hs-completion", 1, 2],
    ]);
    const status = Object.fromEntries(report.checklist.map((t) => [t.topic, t.status]));
    expect(status).toMatchObject({
      "cte-participants": "pass",
      "cte-concentrators": "pass",
      "iac-codes": "pass",
      "career-clusters": "pass",
      "program-areas": "pass",
      "cte-graduates": "pass",
      "single-parent": "no-data",
    });
    const figure = Object.fromEntries(report.checklist.map((t) => [t.topic, t.figure]));
    expect(figure["cte-participants"]).toMatchObject({ students: 5 });
    expect(figure["cte-concentrators"]).toMatchObject({ students: 3 });
    expect(figure["cte-graduates"]).toMatchObject({ graduates: 2 });
  });

  it("exits 1 when errors are found, and --json prints only a report that validates", () => {
    const r = bin(["--json", "--school-year", "2025-26", file("errors.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = parseReport(r.stdout); // the whole of stdout is one JSON document
    expect(report.schoolYear).toBe("2025-26");
    expect(problems(report)).toEqual([
      "CTE Participants!6 GRADE-INVALID",
      "Concentrators!6 IAC-INVALID-FORMAT",
      "Concentrators!7 CONCENTRATOR-NOT-PARTICIPANT",
      "Concentrators!7 IAC-STORED-AS-NUMBER",
      "Concentrators!9 IAC-CLUSTER-MISMATCH",
    ]);
  });

  describe("exit 2 with one clear line on stderr and no stack trace", () => {
    const CASES: Record<string, () => string[]> = {
      missing: () => ["--json", file("missing.xlsx")],
      noise: () => ["--json", file("noise.xlsx")],
      text: () => ["--json", file("text.xlsx")],
      empty: () => ["--json", file("empty.xlsx")],
      truncated: () => ["--json", file("truncated.xlsx")],
      nodata: () => ["--json", file("nodata.xlsx")],
      xls: () => ["--json", file("old.xls")],
      unknownOption: () => ["--frobnicate", file("clean.xlsx")],
      noFile: () => ["--json"],
      noValue: () => [file("clean.xlsx"), "--school-year"],
      badYear: () => ["--json", "--school-year", "2025-27", file("clean.xlsx")],
      badReference: () => ["--json", "--reference", file("not-a-list.csv"), file("clean.xlsx")],
    };
    const results: Record<string, CliResult> = {};

    beforeAll(async () => {
      // Deterministic "random" bytes that are neither a zip, an OLE file nor text.
      let x = 0x2545f491;
      const noise = Buffer.alloc(4096);
      for (let i = 0; i < noise.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        noise[i] = x & 0xff;
      }
      noise[0] = 0x93;
      fs.writeFileSync(file("noise.xlsx"), noise);
      fs.writeFileSync(
        file("text.xlsx"),
        csvText([
          ["Student ID", "Grade"],
          ["9000000001", 11],
        ]),
      );
      fs.writeFileSync(file("empty.xlsx"), Buffer.alloc(0));
      fs.writeFileSync(file("old.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      const clean = fs.readFileSync(file("clean.xlsx"));
      fs.writeFileSync(file("truncated.xlsx"), clean.subarray(0, Math.floor(clean.length / 2)));
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1");
      wb.addWorksheet("Sheet2");
      await wb.xlsx.writeFile(file("nodata.xlsx"));
      writeCsv(file("not-a-list.csv"), [
        ["Student ID", "Grade"],
        ["9000000001", 11],
      ]);
      // The runs are independent: overlap them (each is mostly Node start-up).
      const names = Object.keys(CASES);
      const done = await Promise.all(names.map((name) => binAsync(CASES[name]())));
      names.forEach((name, i) => {
        results[name] = done[i];
      });
    });

    it("a missing file", () => {
      expectUnusable(results.missing, /cannot read '.*missing\.xlsx': no such file\.$/);
    });

    it("random bytes named .xlsx", () => {
      expectUnusable(results.noise, /noise\.xlsx' is not a readable Excel workbook \(\.xlsx\): it is not a zip-based \.xlsx file\.$/);
    });

    it("a text file named .xlsx", () => {
      expectUnusable(results.text, /text\.xlsx' is not a readable Excel workbook.*it is a text file, not a workbook/);
    });

    it("an empty (0-byte) .xlsx", () => {
      expectUnusable(results.empty, /empty\.xlsx' is empty\.$/);
    });

    it("a damaged (truncated) .xlsx", () => {
      expectUnusable(results.truncated, /truncated\.xlsx' is not a readable Excel workbook/);
    });

    it("a workbook with no data", () => {
      expectUnusable(results.nodata, /nodata\.xlsx' has no data: every worksheet is empty\.$/);
    });

    it("an .xls name", () => {
      expectUnusable(results.xls, /old\.xls' is an old Excel 97-2003 workbook \(\.xls\).*save it as an Excel Workbook \(\.xlsx\)/);
    });

    it("an unknown option (usage follows the message)", () => {
      expectUnusable(results.unknownOption, /^cte-check: Unknown option --frobnicate\.$/, { usage: true });
    });

    it("no file argument (usage follows the message)", () => {
      expectUnusable(results.noFile, /^cte-check: no input file given\.$/, { usage: true });
    });

    it("an option without its value", () => {
      expectUnusable(results.noValue, /--school-year needs a value\./, { usage: true });
    });

    it("a bad --school-year", () => {
      expectUnusable(results.badYear, /School year "2025-27" is not a school year like 2025-26 \(from 2000-01 to 2099-00\)\./);
    });

    it("a --reference file that is not a DPI list", () => {
      expectUnusable(results.badReference, /not-a-list\.csv' is not a DPI course catalog .*or IAC to Cluster list/);
    });
  });
});

describe("JSON rows and sheets", () => {
  let report: Report;
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    const r = await cli(["--json", file("errors.xlsx")]);
    expect(r.code).toBe(1);
    report = parseReport(r.stdout);
    book = await readXlsx(file("errors.xlsx"));
  });

  it("gives the worksheet row as Excel shows it (title and blank rows counted)", () => {
    const cellOf = (f: Finding) => book.getWorksheet(f.sheet)!.getCell(f.cell);
    const [grade] = only(report, "GRADE-INVALID");
    expect(grade).toMatchObject({ sheet: "CTE Participants", row: 6, cell: "B6", column: "Grade" });
    expect(cellOf(grade).value).toBe("TBD");
    const [format] = only(report, "IAC-INVALID-FORMAT");
    expect(format).toMatchObject({ sheet: "Concentrators", row: 6, cell: "C6", column: "IAC Code" });
    expect(cellOf(format).value).toBe("Animal Science");
    const [asNumber] = only(report, "IAC-STORED-AS-NUMBER");
    expect(asNumber).toMatchObject({ row: 7, cell: "C7" });
    expect(cellOf(asNumber).value).toBe(11.01);
    const [notParticipant] = only(report, "CONCENTRATOR-NOT-PARTICIPANT");
    expect(notParticipant).toMatchObject({ row: 7, cell: "A7", column: "WSN" });
    expect(cellOf(notParticipant).value).toBe("9000000104");
    const [mismatch] = only(report, "IAC-CLUSTER-MISMATCH");
    expect(mismatch).toMatchObject({ row: 9, cell: "D9", severity: "warning" });
    expect(cellOf(mismatch).value).toBe(IT);
    // Every finding's row is the row of its cell address.
    for (const f of report.findings) expect(Number(f.cell.replace(/^[A-Z]+/, ""))).toBe(f.row);
    expect(report.sheets.map((s) => [s.sheet, s.headerRow, s.dataRows])).toEqual([
      ["CTE Participants", 3, 3],
      ["Concentrators", 3, 4],
    ]);
  });

  it("for a CSV: row = record number (header record = 1), sheet = base name", async () => {
    const csv = file("Fall Participants.2025.csv");
    // Records 2 and 3 each hold a quoted name with a line break (CRLF, then LF): the bad record 4 is on line 6.
    fs.writeFileSync(
      csv,
      'Student ID,Student Name,Grade\r\n9000000201,"Doe,\r\nJane",11\r\n9000000202,"Roe, ""Sam""\nRoe",10\r\n9000000203,Poe,TBD\r\n',
    );
    const lineOfBad =
      fs
        .readFileSync(csv, "utf8")
        .split(/\r?\n/)
        .findIndex((l) => l.endsWith(",TBD")) + 1;
    expect(lineOfBad).toBe(6);
    const r = await cli(["--json", csv]);
    expect(r.code).toBe(1);
    const csvReport = parseReport(r.stdout);
    expect(csvReport.sheets[0]).toMatchObject({ sheet: "Fall Participants.2025", kind: "participants", headerRow: 1, dataRows: 3 });
    expect(problems(csvReport)).toEqual(["Fall Participants.2025!4 GRADE-INVALID"]);
    expect(only(csvReport, "GRADE-INVALID")[0]).toMatchObject({ row: 4, cell: "C4", column: "Grade" });
  });
});

describe("--out: the annotated copy", () => {
  let report: Report;
  let out: ExcelJS.Workbook;
  const outPath = () => file("errors.checked.xlsx");
  let before: string;

  beforeAll(async () => {
    before = sha256(file("errors.xlsx"));
    const r = await cli(["--json", "--out", outPath(), "--team", "A. Smith, B. Jones", file("errors.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(""); // --json: no "wrote …" line either
    report = parseReport(r.stdout);
    out = await readXlsx(outPath());
  });

  it("leaves the input file's bytes unchanged", () => {
    expect(sha256(file("errors.xlsx"))).toBe(before);
  });

  it("fills and notes exactly the flagged cells (error FFFFC7CE, warning FFFFEB9C)", () => {
    expect(FILL_ARGB.error).toBe("FFFFC7CE");
    expect(FILL_ARGB.warning).toBe("FFFFEB9C");
    const expected = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const key = `${f.sheet}!${f.cell}`;
      expected.set(key, [...(expected.get(key) ?? []), f]);
    }
    const filled = new Map<string, string>();
    const noted = new Map<string, string>();
    for (const sheet of ["CTE Participants", "Concentrators"]) {
      eachCell(out.getWorksheet(sheet)!, (cell) => {
        const argb = fillArgb(cell);
        if (argb) filled.set(`${sheet}!${cell.address}`, argb);
        const note = noteText(cell.note);
        if (note) noted.set(`${sheet}!${cell.address}`, note);
      });
    }
    expect(Object.fromEntries(filled)).toEqual({
      "CTE Participants!B6": "FFFFC7CE",
      "Concentrators!C6": "FFFFC7CE",
      "Concentrators!A7": "FFFFEB9C",
      "Concentrators!C7": "FFFFEB9C",
      "Concentrators!D9": "FFFFEB9C",
    });
    expect([...noted.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, findings] of expected) {
      const note = noted.get(key)!;
      for (const f of findings) expect(note).toContain(`${f.severity.toUpperCase()} ${f.rule}: ${f.message}`);
    }
    // The flagged values themselves are untouched.
    expect(out.getWorksheet("Concentrators")!.getCell("C6").value).toBe("Animal Science");
    expect(out.getWorksheet("CTE Participants")!.getCell("B6").value).toBe("TBD");
  });

  it("adds a Snapshot Checklist sheet with one row per topic", () => {
    expect(out.worksheets.map((ws) => ws.name)).toEqual(["CTE Participants", "Concentrators", CHECKLIST_SHEET_NAME]);
    const ws = out.getWorksheet(CHECKLIST_SHEET_NAME)!;
    expect(ws.getCell("B2").value).toBe("A. Smith, B. Jones");
    expect(ws.getCell("A6").value).toBe("Topic");
    const n = report.checklist.length;
    expect(n).toBe(13);
    const rows = Array.from({ length: n }, (_, i) => ws.getRow(7 + i));
    expect(rows.map((row) => row.getCell(1).value)).toEqual(report.checklist.map((t) => t.title));
    expect(rows.map((row) => row.getCell(4).value)).toEqual(report.checklist.map((t) => t.status.toUpperCase()));
    expect(rows.map((row) => row.getCell(5).value)).toEqual(report.checklist.map((t) => t.errors));
    expect(ws.getRow(7 + n).getCell(1).value).toBeNull(); // the table ends after the last topic
  });

  it("annotates a CSV input as a value-only sheet named after the file, CSV untouched", async () => {
    const csv = file("participants-out.csv");
    writeCsv(csv, [
      ["Student ID", "Grade"],
      ["9000000301", 11],
      ["9000000302", "TBD"],
    ]);
    const csvBefore = sha256(csv);
    const copy = file("participants-out.checked.xlsx");
    const r = await cli(["--out", copy, csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cte-check: wrote .*participants-out\.checked\.xlsx: 1 flagged cells, 1 notes\n$/);
    expect(sha256(csv)).toBe(csvBefore);
    const wb = await readXlsx(copy);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["participants-out", CHECKLIST_SHEET_NAME]);
    const ws = wb.getWorksheet("participants-out")!;
    expect(ws.getCell("B3").value).toBe("TBD");
    expect(ws.getCell("A2").value).toBe("9000000301");
    expect(fillArgb(ws.getCell("B3"))).toBe(FILL_ARGB.error);
    expect(noteText(ws.getCell("B3").note)).toMatch(/^ERROR GRADE-INVALID: /);
    expect(fillArgb(ws.getCell("B2"))).toBeNull();
  });

  it("refuses an --out that is an input (any spelling, or a link to it): exit 2, input unchanged", async () => {
    const input = file("errors.xlsx");
    const spelled = path.join(dir, ".", "sub", "..", "errors.xlsx");
    fs.symlinkSync(input, file("link.xlsx"));
    for (const target of [input, spelled, file("link.xlsx")]) {
      const r = await cli(["--out", target, input]);
      expectUnusable(r, /refusing to write '.*': it is the input file '.*errors\.xlsx', which cte-check never modifies/);
    }
    expect(sha256(input)).toBe(before);
    expect(fs.lstatSync(file("link.xlsx")).isSymbolicLink()).toBe(true);
  });

  it("refuses an --out that is a --reference file, which stays unchanged", async () => {
    const catalog = file("catalog-protected.xlsx");
    await writeXlsx(catalog, [
      {
        name: "DPI Courses",
        rows: [
          ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"],
          ["10001", "English 9", "", "No", "", "No"],
        ],
      },
    ]);
    const catalogBefore = sha256(catalog);
    const r = await cli(["--reference", catalog, "--out", catalog, file("errors.xlsx")]);
    expectUnusable(r, /refusing to write '.*catalog-protected\.xlsx': it is the input file/);
    expect(sha256(catalog)).toBe(catalogBefore);
  });

  it("a failing --out (its folder is missing) leaves no file and exits 2", () => {
    const listing = fs.readdirSync(dir).sort();
    const target = path.join(dir, "no-such-folder", "copy.xlsx");
    const r = bin(["--out", target, file("errors.xlsx")]);
    expectUnusable(r, /cannot write '.*copy\.xlsx': the folder '.*no-such-folder' does not exist\.$/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(listing); // no temporary file left behind either
  });
});

describe("several inputs and reference lists", () => {
  beforeAll(() => {
    writeCsv(file("participants.csv"), [
      ["Student ID", "Grade"],
      ["9000000401", 11],
      ["9000000402", 12],
    ]);
    writeCsv(file("concentrators.csv"), [
      ["WSN", "Grade Level", "CTE Concentration IAC Code", "Cluster"],
      ["9000000401", 11, "11.01", IT],
      ["9000000499", 11, "01.09", AFNR],
    ]);
    writeCsv(file("courses.csv"), [
      ["Local Course Title", "DPI Course Code"],
      ["ENG ENGLISH 9", "10001"],
      ["MAT ALGEBRA I", "10002"],
      ["SCI MYSTERY SCIENCE", "10999"],
    ]);
    writeCsv(file("dpi-catalog.csv"), [
      ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"],
      ["10001", "English 9", "", "No", "", "No"],
      ["10002", "Algebra I", "", "No", "", "No"],
    ]);
  });

  it("checks several CSV files together (CONCENTRATOR-NOT-PARTICIPANT across files)", async () => {
    const r = await cli(["--json", file("participants.csv"), file("concentrators.csv")]);
    expect(r.code).toBe(0); // a warning only
    const report = parseReport(r.stdout);
    expect(report.sheets.map((s) => [s.sheet, s.kind])).toEqual([
      ["participants", "participants"],
      ["concentrators", "concentrators"],
    ]);
    expect(problems(report)).toEqual(["concentrators!3 CONCENTRATOR-NOT-PARTICIPANT"]);
    expect(only(report, "CONCENTRATOR-NOT-PARTICIPANT")[0]).toMatchObject({ cell: "A3", severity: "warning" });

    // Alone, the concentrators file has nothing to compare with.
    const alone = parseReport((await cli(["--json", file("concentrators.csv")])).stdout);
    expect(only(alone, "CONCENTRATOR-NOT-PARTICIPANT")).toEqual([]);
  });

  it("gives two inputs' sheets of one name distinct names", async () => {
    const copy = path.join(dir, "copy-dir");
    fs.mkdirSync(copy);
    fs.copyFileSync(file("concentrators.csv"), path.join(copy, "concentrators.csv"));
    const r = await cli(["--json", file("participants.csv"), file("concentrators.csv"), path.join(copy, "concentrators.csv")]);
    const report = parseReport(r.stdout);
    expect(report.sheets.map((s) => s.sheet)).toEqual(["participants", "concentrators", "concentrators (2)"]);
    expect(problems(report)).toEqual(["concentrators (2)!3 CONCENTRATOR-NOT-PARTICIPANT", "concentrators!3 CONCENTRATOR-NOT-PARTICIPANT"]);
  });

  it("--reference with a DPI catalog CSV makes COURSE-CODE-UNKNOWN fire", async () => {
    const without = await cli(["--json", file("courses.csv")]);
    expect(without.code).toBe(0);
    expect(only(parseReport(without.stdout), "COURSE-CODE-UNKNOWN")).toEqual([]);

    const withCatalog = await cli(["--json", "--reference", file("dpi-catalog.csv"), file("courses.csv")]);
    expect(withCatalog.code).toBe(1);
    const report = parseReport(withCatalog.stdout);
    expect(problems(report)).toEqual(["courses!4 COURSE-CODE-UNKNOWN"]);
    expect(only(report, "COURSE-CODE-UNKNOWN")[0]).toMatchObject({ cell: "B4", column: "DPI Course Code", severity: "error" });
    // The reference list is reported as such, never checked as data.
    expect(report.sheets.find((s) => s.sheet === "dpi-catalog")).toMatchObject({ kind: "dpi-courses" });
  });
});

describe("large input", () => {
  it("writes progress to stderr, never to stdout, for a CSV over 20,000 rows (--json still parses)", () => {
    const rows = 20_001;
    const lines = ["Student ID,Grade"];
    for (let i = 0; i < rows; i++) lines.push(`9${String(i).padStart(9, "0")},${9 + (i % 4)}`);
    fs.writeFileSync(file("big.csv"), `${lines.join("\n")}\n`);

    const r = bin(["--json", "--school-year", "2025-26", file("big.csv")]);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.sheets[0]).toMatchObject({ sheet: "big", kind: "participants", dataRows: rows });
    expect(report.checklist.find((t) => t.topic === "cte-participants")!.figure).toMatchObject({ students: rows });
    expect(r.stdout).not.toContain("cte-check:");
    const progress = r.stderr.trimEnd().split("\n");
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const line of progress) expect(line).toMatch(/^cte-check: /);
    expect(r.stderr).toContain("read big: 20002 rows");
    expect(r.stderr).toContain("checking 20,002 rows");
  });
});

describe("argument and naming edge cases", () => {
  it("a CSV's sheet is its base name exactly, even with characters Excel forbids in sheet names", async () => {
    const csv = file("Participants [fall] 2025-26 export for Badger Valley.csv");
    writeCsv(csv, [
      ["Student ID", "Grade"],
      ["", 9],
    ]);
    const r = await cli(["--json", csv]);
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).findings[0].sheet).toBe("Participants [fall] 2025-26 export for Badger Valley");
  });

  it.each([
    ["--out=", "--out needs a value."],
    ["--school-year=", "--school-year needs a value."],
    ["--json=no", "--json takes no value."],
  ])("%s is refused with exit 2", (arg, message) => expectUsageError([arg, file("errors.xlsx")], `cte-check: ${message}`));

  it("a bad school year is refused before any file is read", async () => {
    const r = await cli(["--school-year", "2025-27", file("does-not-exist.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("2025-27");
    expect(r.stderr).not.toContain("does-not-exist");
  });
});

describe("sheet names across inputs, the copy and reference files", () => {
  it("a CSV named like a worksheet of the base workbook gets ' (2)', in the report and in the copy alike; a reference 'Sheet1' never lands on the user's", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["Local Course Title", "DPI Course Code"]);
    ws.addRow(["Woods", "1234"]);
    await wb.xlsx.writeFile(file("names-in.xlsx"));
    const ref = new ExcelJS.Workbook();
    const rs = ref.addWorksheet("Sheet1");
    rs.addRow(["Roster Code", "SCED Course Title", "Course Program", "CTE Department"]);
    rs.addRow(["1005", "Woods", "", { error: "#N/A" }]);
    await ref.xlsx.writeFile(file("names-ref.xlsx"));
    const sub = path.join(dir, "names");
    fs.mkdirSync(sub, { recursive: true });
    writeCsv(path.join(sub, "Sheet1.csv"), [
      ["Student ID", "Grade"],
      ["", 9],
    ]);
    const out = file("names-out.xlsx");
    const r = await cli([
      "--json",
      "--reference",
      file("names-ref.xlsx"),
      "--out",
      out,
      path.join(sub, "Sheet1.csv"),
      file("names-in.xlsx"),
    ]);
    expect(r.code).toBe(1);
    const report = parseReport(r.stdout);
    expect(report.sheets.map((s) => [s.sheet, s.kind])).toEqual([
      ["Sheet1 (2)", "participants"],
      ["Sheet1", "courses"],
      ["names-ref", "dpi-courses"],
    ]);
    expect(report.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual([
      ["STUDENT-ID-MISSING", "Sheet1 (2)", "A2"],
      ["COURSE-CODE-UNKNOWN", "Sheet1", "B2"],
    ]);
    const copy = await readXlsx(out);
    for (const f of report.findings) expect(noteText(copy.getWorksheet(f.sheet)!.getCell(f.cell).note)).toContain(f.rule);
  });
});

describe("the concentrator finder on the sample district", () => {
  const SAMPLE = path.join(__dirname, "..", "samples", "district-sample.xlsx");

  it("the table output lists the possible concentrators after the checklist, with their courses", () => {
    const r = bin(["--school-year", "2025-26", SAMPLE]);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toMatch(/Possible Concentrators\s+WARN\s+0\s+6\s+2 possible concentrators found; 9 students checked/);
    const at = out.indexOf("Possible concentrators (2)");
    expect(at).toBeGreaterThan(out.indexOf("Possible Concentrators "));
    expect(at).toBeLessThan(out.indexOf("Findings ("));
    const list = out.slice(at, out.indexOf("Findings (")).replace(/\s+/g, " ");
    expect(list).toMatch(/grade 11: Animal Science \(IAC 01\.09\): AG ANIMAL SCIENCE \(2024-25\); AG FOOD SCIENCE \(2025-26\)/);
    expect(list).toMatch(/grade 12: Construction \(IAC 46\.99\): TE CONSTRUCTION TRADES \(2024-25\); TE ENGINEERING DESIGN/);
  });

  it("--json adds possibleConcentrators; --passing C changes who passed", async () => {
    const base = parseReport((await cli(["--json", "--school-year", "2025-26", SAMPLE])).stdout);
    expect(base.possibleConcentrators?.map((p) => p.pathway)).toEqual(["Animal Science", "Construction"]);
    // With C as the lowest passing mark, the C+ construction course still passes and the D- welding course does not:
    // the 48.05 concentrator with TE530 (B) and TE540 (D-) is no longer supported by coursework.
    const strict = parseReport((await cli(["--json", "--school-year", "2025-26", "--passing", "C", SAMPLE])).stdout);
    expect(strict.possibleConcentrators?.map((p) => p.pathway)).toEqual(["Animal Science", "Construction"]);
    const supported = (r: Report) => only(r, "CONCENTRATOR-NOT-SUPPORTED").map((f) => `${f.sheet}!${f.row}`);
    expect(supported(strict).length).toBe(supported(base).length + 1);
  });

  it("a --passing value that is no rule is refused with exit 2 before any file is read", async () => {
    const r = await cli(["--passing", "excellent", file("does-not-exist.xlsx")]);
    expectUnusable(r, /--passing "excellent" is not a passing rule/);
  });

  it("--kind SHEET=previous-concentrators reads a sheet without a school-year column as last year's", async () => {
    await writeXlsx(file("last-year.xlsx"), [
      {
        name: "Concentrators",
        rows: [
          ["WSN", "Grade Level", "CTE Concentration IAC Code", "Cluster"],
          ["9000000003", 12, "11.01", IT],
        ],
      },
      {
        name: "Old list",
        rows: [
          ["WSN", "Grade Level", "CTE Concentration IAC Code", "Cluster"],
          ["9000000003", 11, "01.09", AFNR],
        ],
      },
    ]);
    const r = await cli(["--json", "--school-year", "2025-26", "--kind", "Old list=previous-concentrators", file("last-year.xlsx")]);
    const report = parseReport(r.stdout);
    expect(report.sheets.map((s) => s.kind)).toEqual(["concentrators", "previous-concentrators"]);
    expect(only(report, "IAC-CHANGED-SINCE-LAST-YEAR").map((f) => [f.sheet, f.row])).toEqual([["Concentrators", 2]]);
  });
});
