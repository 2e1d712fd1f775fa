/**
 * The worklist through the real `cte-check` binary: --previous (schema 1 and 2 reports), statuses and the
 * fixed list, acknowledgements kept in a workbook, the annotated copy's Findings table and hidden log,
 * --snapshot-date and the countdown, and the arguments refused with exit 2.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Report } from "../src/core/report";
import { type CliResult, binAsync, ensureBuilt, fillArgb, parseReport, readXlsx, writeCsv, writeXlsx } from "./helpers/e2e";
import { FILL_ARGB } from "../src/cli/annotate";
import { localDate } from "../src/core/countdown";
import { FINDINGS_COLUMNS } from "../src/core/findingsSheet";

let dir: string;
const file = (name: string) => path.join(dir, name);

const IT = "Information Technology";
const AFNR = "Agriculture, Food & Natural Resources";
const YEAR = ["--school-year", "2025-26"];
/** The copy's Findings table has the core layout's columns, in order. */
const FINDINGS_HEADER = [...FINDINGS_COLUMNS];
/** Every student id of the fixtures: none may appear in the log sheet. */
const STUDENT_IDS = ["9000000101", "9000000102", "9000000103", "9000000104", "9000000105"];

const participants = (extra: (string | number)[][] = []) => ({
  name: "CTE Participants",
  rows: [
    ["Student ID", "Grade", "School"],
    ["9000000101", 10, "Badger Valley High School"],
    ["9000000102", "TBD", "Badger Valley High School"], // row 3: GRADE-INVALID (error)
    ["9000000103", 11, "Badger Valley High School"],
    ...extra,
  ],
});

/** Run 1: IAC-INVALID-FORMAT (error), CONCENTRATOR-NOT-PARTICIPANT and IAC-STORED-AS-NUMBER (warnings), IAC-CLUSTER-MISMATCH. */
const concentrators = {
  name: "Concentrators",
  rows: [
    ["WSN", "Grade Level", "IAC Code", "Cluster"],
    ["9000000103", 11, "11.01", IT],
    ["9000000101", 11, "Animal Science", AFNR], // row 3: IAC-INVALID-FORMAT (C3)
    ["9000000104", 11, 11.01, IT], // row 4: not a participant (A4), IAC stored as a number (C4)
    ["9000000102", 11, "01.09", IT], // row 5: IAC-CLUSTER-MISMATCH (D5)
  ],
};

/**
 * Run 2, re-downloaded: rows in another order, 104's IAC fixed (stored as text), and a new problem for 105
 * (not a participant).
 */
const concentratorsLater = {
  name: "Concentrators (2)",
  rows: [
    ["WSN", "Grade Level", "IAC Code", "Cluster"],
    ["9000000102", 11, "01.09", IT],
    ["9000000104", 11, "11.01", IT],
    ["9000000105", 11, "11.01", IT],
    ["9000000101", 11, "Animal Science", AFNR],
    ["9000000103", 11, "11.01", IT],
  ],
};

const run = (...argv: string[]) => binAsync(argv);

/** The readable output with its line wrapping undone, for matching sentences. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

function json(r: CliResult): Report {
  return parseReport(r.stdout);
}

const byRule = (report: Report) =>
  Object.fromEntries(
    report.findings.filter((f) => f.severity !== "info").map((f) => [`${f.rule} ${f.subject ?? ""}`.trim(), f.status] as const),
  );

/** The copy's Findings table rows as objects keyed by header. */
function findingsRows(wb: ExcelJS.Workbook): Record<string, ExcelJS.CellValue>[] {
  const ws = wb.getWorksheet("Findings");
  if (!ws) throw new Error("no Findings sheet");
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    rows.push(Object.fromEntries(header.map((h, c) => [h, values[c + 1] ?? null])));
  }
  return rows;
}

/** Every cell's text of a worksheet, for scans. */
function sheetText(ws: ExcelJS.Worksheet): string {
  const parts: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell((cell) => parts.push(String(cell.text))));
  return parts.join("\n");
}

/** The log sheet's run history rows (after the "Run history" marker and its header row). */
function historyRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  let inHistory = false;
  let header = false;
  ws.eachRow({ includeEmpty: true }, (row) => {
    const first = String(row.getCell(1).text);
    if (first === "Run history") {
      inHistory = true;
      header = true;
      return;
    }
    if (!inHistory) return;
    if (header) {
      header = false;
      return;
    }
    if (first !== "") rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

/** The Snapshot Checklist sheet's run history lines (below its "Run history" title and header row). */
function checklistHistory(ws: ExcelJS.Worksheet): string[] {
  const lines: string[] = [];
  let header = 0;
  ws.eachRow((row, r) => {
    if (String(row.getCell(1).value) === "Run history") header = r + 1;
    else if (header > 0 && r > header && row.getCell(1).value) lines.push(String(row.getCell(1).value));
  });
  return lines;
}

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-worklist-"));
  await writeXlsx(file("run1.xlsx"), [participants(), concentrators]);
  await writeXlsx(file("run2.xlsx"), [participants([["9000000104", 11, "Badger Valley High School"]]), concentratorsLater]);
  // Only warnings: 104 is a participant, so only IAC-STORED-AS-NUMBER and IAC-CLUSTER-MISMATCH remain.
  await writeXlsx(file("warnings.xlsx"), [
    {
      name: "CTE Participants",
      rows: [
        ["Student ID", "Grade", "School"],
        ["9000000102", 11, "Badger Valley High School"],
        ["9000000104", 11, "Badger Valley High School"],
      ],
    },
    {
      name: "Concentrators",
      rows: [
        ["WSN", "Grade Level", "IAC Code", "Cluster"],
        ["9000000104", 11, 11.01, IT],
        ["9000000102", 11, "01.09", IT],
      ],
    },
  ]);
});

afterAll(() => {
  if (!process.env.KEEP_WORKLIST_DIR) fs.rmSync(dir, { recursive: true, force: true });
});

describe("--previous", () => {
  let first: CliResult;
  beforeAll(async () => {
    first = await run("--json", ...YEAR, file("run1.xlsx"));
    fs.writeFileSync(file("run1.json"), first.stdout);
  });

  it("without it every finding is new, with a stable key, and nothing is fixed", () => {
    const report = json(first);
    expect(report.schemaVersion).toBe(2);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.status).toBe("new");
      expect(f.key).toMatch(new RegExp(`^${f.rule}\\|`));
    }
    expect(report.fixed).toEqual([]);
    expect(report.since).toMatchObject({ hadPrevious: false, fixed: 0, open: 0 });
  });

  it("a schema-2 report: findings that persist are open (re-ordered rows too), new ones new, fixed ones listed", async () => {
    const r = await run("--json", ...YEAR, "--previous", file("run1.json"), file("run2.xlsx"));
    expect(r.stderr).toBe("");
    const report = json(r);
    expect(byRule(report)).toEqual({
      "GRADE-INVALID 9000000102": "open",
      "IAC-INVALID-FORMAT 9000000101": "open",
      "IAC-CLUSTER-MISMATCH 9000000102": "open",
      "CONCENTRATOR-NOT-PARTICIPANT 9000000105": "new",
    });
    expect(report.fixed.map((f) => `${f.rule} ${f.subject}`).sort()).toEqual([
      "CONCENTRATOR-NOT-PARTICIPANT 9000000104",
      "IAC-STORED-AS-NUMBER 9000000104",
    ]);
    expect(report.since).toMatchObject({ hadPrevious: true, fixed: 2, new: 1 });

    const text = await run(...YEAR, "--previous", file("run1.json"), file("run2.xlsx"));
    expect(text.code).toBe(1);
    const out = flat(text.stdout);
    expect(out).toMatch(/Since the last run \(run1\.json\): 2 fixed, 1 new, 3 still open\./);
    expect(out).toMatch(
      /Fixed since the last run: Concentrators!A4 CONCENTRATOR-NOT-PARTICIPANT: .* Concentrators!C4 IAC-STORED-AS-NUMBER: /,
    );
    expect(out).toMatch(/Concentrators \(2\)!A4 \[new\] WARNING CONCENTRATOR-NOT-PARTICIPANT/);
    expect(out).toMatch(/Concentrators \(2\)!C5 \[open\] ERROR IAC-INVALID-FORMAT/);
  });

  it("a schema-1 report (no keys): matched by rule, sheet and cell, and the output says so", async () => {
    const v2 = JSON.parse(fs.readFileSync(file("run1.json"), "utf8")) as Record<string, unknown>;
    const v1 = {
      schemaVersion: 1,
      schoolYear: v2.schoolYear,
      sheets: v2.sheets,
      findings: (v2.findings as Record<string, unknown>[]).map((f) => {
        const { key: _key, status: _status, subject: _subject, reason: _reason, ...rest } = f;
        return rest;
      }),
      checklist: (v2.checklist as Record<string, unknown>[]).map((t) => {
        const { acknowledged: _acknowledged, ...rest } = t;
        return rest;
      }),
    };
    fs.writeFileSync(file("run1-v1.json"), JSON.stringify(v1));
    const same = json(await run("--json", ...YEAR, "--previous", file("run1-v1.json"), file("run1.xlsx")));
    expect(same.findings.every((f) => f.status === "open")).toBe(true);
    expect(same.fixed).toEqual([]);
    const later = await run(...YEAR, "--previous", file("run1-v1.json"), file("run2.xlsx"));
    // The sheet was renamed in the re-download: by place nothing matches, which the output explains.
    expect(flat(later.stdout)).toMatch(
      /The previous report is schema 1 \(its findings have no keys\): they were matched by rule, sheet and cell/,
    );
  });
});

describe("the annotated copy", () => {
  let copy: ExcelJS.Workbook;
  let findingsCount: number;
  beforeAll(async () => {
    const r = await run("--json", ...YEAR, "--snapshot-date", "2026-12-07", "--out", file("copy1.xlsx"), file("run1.xlsx"));
    expect(r.code).toBe(1);
    findingsCount = json(r).findings.length;
    copy = await readXlsx(file("copy1.xlsx"));
  });

  it("holds the Findings sheet as one Excel table with the columns, banding, filters and a link per finding", async () => {
    const ws = copy.getWorksheet("Findings")!;
    const table = ws.getTable("CTESnapshotFindings") as unknown as { table: ExcelJS.TableProperties & { tableRef: string } };
    expect(table.table.tableRef).toBe(`A1:N${findingsCount + 1}`);
    expect(table.table.columns.map((c) => c.name)).toEqual(FINDINGS_HEADER);
    expect(table.table.columns.every((c) => c.filterButton)).toBe(true);
    expect(table.table.style).toMatchObject({ theme: "TableStyleMedium2", showRowStripes: true });
    const rows = findingsRows(copy);
    const where = rows.find((row) => row.Rule === "IAC-INVALID-FORMAT")!.Where as ExcelJS.CellFormulaValue;
    expect(where.formula).toBe(`HYPERLINK("#'Concentrators'!C3","Concentrators!C3")`);
    expect(where.result).toBe("Concentrators!C3");
    // ids stay text: the student id column is formatted "@"
    const idRow = rows.findIndex((row) => row["Student / course"] === "9000000101");
    expect(idRow).toBeGreaterThanOrEqual(0);
    expect(ws.getCell(idRow + 2, 6).numFmt).toBe("@");
  });

  it("holds the hidden log with the snapshot date and one history line without student data", () => {
    const log = copy.getWorksheet("CTE Check Log")!;
    expect(log.state).toBe("hidden");
    const text = sheetText(log);
    expect(text).toContain("2026-12-07");
    expect(historyRows(log)).toHaveLength(1);
    for (const id of STUDENT_IDS) expect(text).not.toContain(id);
  });

  it("shows the snapshot date and the days left on the Snapshot Checklist sheet, and this run's history line", () => {
    const ws = copy.getWorksheet("Snapshot Checklist")!;
    const daysLeft = Math.round((Date.UTC(2026, 11, 7) - Date.parse(`${localDate(new Date())}T00:00:00Z`)) / 86_400_000);
    expect(ws.getCell("A5").value).toBe("Snapshot date:");
    expect(String(ws.getCell("B5").value)).toMatch(new RegExp(`^2026-12-07 — (${daysLeft} days? left|today|passed)`));
    expect(checklistHistory(ws)).toHaveLength(1);
  });

  it("re-run on the copy: the team's columns carried over, no second Findings or log sheet, history appended", async () => {
    const edited = await readXlsx(file("copy1.xlsx"));
    const ws = edited.getWorksheet("Findings")!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = findingsRows(edited);
    const target = rows.findIndex((row) => row.Rule === "IAC-CLUSTER-MISMATCH") + 2;
    ws.getCell(target, col("Assigned to")).value = "Ms. K";
    ws.getCell(target, col("Team note")).value = "asked the counselor";
    await edited.xlsx.writeFile(file("copy1-edited.xlsx"));

    const r = await run("--json", ...YEAR, "--out", file("copy2.xlsx"), file("copy1-edited.xlsx"));
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.findings.filter((f) => f.severity !== "info").every((f) => f.status === "open")).toBe(true);
    // the snapshot date comes from the log of the workbook checked
    expect(report.snapshot?.date).toBe("2026-12-07");
    const second = await readXlsx(file("copy2.xlsx"));
    expect(second.worksheets.map((w) => w.name).filter((n) => /^Findings|^CTE Check Log|^Snapshot Checklist/.test(n))).toEqual(
      expect.arrayContaining(["Findings", "CTE Check Log", "Snapshot Checklist"]),
    );
    expect(second.worksheets.filter((w) => /^(Findings|CTE Check Log|Snapshot Checklist)/.test(w.name))).toHaveLength(3);
    const kept = findingsRows(second).find((row) => row.Rule === "IAC-CLUSTER-MISMATCH")!;
    expect(kept["Assigned to"]).toBe("Ms. K");
    expect(kept["Team note"]).toBe("asked the counselor");
    expect(checklistHistory(second.getWorksheet("Snapshot Checklist")!)).toHaveLength(2);
    const log = second.getWorksheet("CTE Check Log")!;
    expect(log.state).toBe("hidden");
    expect(historyRows(log)).toHaveLength(2);
    const logText = sheetText(log);
    for (const id of STUDENT_IDS) expect(logText).not.toContain(id);
  });
});

describe("the annotated copy of CSV inputs (written row by row)", () => {
  it("holds the same Findings table and hidden log, and checking the copy finds the findings open", async () => {
    writeCsv(file("participants.csv"), participants().rows);
    writeCsv(file("concentrators.csv"), concentrators.rows);
    const r = await run("--json", ...YEAR, "--out", file("csv-copy.xlsx"), file("participants.csv"), file("concentrators.csv"));
    expect(r.code).toBe(1);
    const count = json(r).findings.length;
    const copy = await readXlsx(file("csv-copy.xlsx"));
    const ws = copy.getWorksheet("Findings")!;
    const table = ws.getTable("CTESnapshotFindings") as unknown as { table: ExcelJS.TableProperties & { tableRef: string } };
    expect(table.table.tableRef).toBe(`A1:N${count + 1}`);
    expect(table.table.columns.map((c) => c.name)).toEqual(FINDINGS_HEADER);
    const where = findingsRows(copy).find((row) => row.Rule === "GRADE-INVALID")!.Where as ExcelJS.CellFormulaValue;
    expect(where.formula).toBe(`HYPERLINK("#'participants'!B3","participants!B3")`);
    expect(copy.getWorksheet("CTE Check Log")!.state).toBe("hidden");

    const again = json(await run("--json", ...YEAR, file("csv-copy.xlsx")));
    expect(again.since).toMatchObject({ hadPrevious: true, new: 0, fixed: 0, open: count });
  });
});

describe("acknowledgements kept in the workbook", () => {
  /** The original workbook plus the copy's Findings sheet with `edit` applied to its rows (Status, reason). */
  async function acknowledged(source: string, out: string, statuses: Record<string, string>): Promise<void> {
    const r = await run("--json", ...YEAR, "--out", file(`${out}-copy.xlsx`), file(source));
    expect([0, 1]).toContain(r.code);
    const copy = await readXlsx(file(`${out}-copy.xlsx`));
    const findings = copy.getWorksheet("Findings")!;
    const header = (findings.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const original = await readXlsx(file(source));
    const ws = original.addWorksheet("Findings");
    findings.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        ws.getCell(r, c).value = cell.value;
      }),
    );
    for (let r = 2; r <= ws.rowCount; r++) {
      const rule = String(ws.getCell(r, header.indexOf("Rule") + 1).value);
      if (rule in statuses) {
        ws.getCell(r, header.indexOf("Status") + 1).value = "acknowledged";
        ws.getCell(r, header.indexOf("Acknowledgement reason") + 1).value = statuses[rule];
      }
    }
    await original.xlsx.writeFile(file(`${out}.xlsx`));
  }

  it("a warning acknowledged in the Findings sheet is honoured (not highlighted, counted apart); an error is refused", async () => {
    await acknowledged("run1.xlsx", "ack", {
      "CONCENTRATOR-NOT-PARTICIPANT": "early graduate confirmed",
      "IAC-INVALID-FORMAT": "we like it",
    });
    const r = await run("--json", ...YEAR, "--out", file("ack-out.xlsx"), file("ack.xlsx"));
    expect(r.code).toBe(1); // the error still counts
    const report = json(r);
    const ack = report.findings.find((f) => f.rule === "CONCENTRATOR-NOT-PARTICIPANT")!;
    expect(ack.status).toBe("acknowledged");
    expect(ack.reason).toBe("early graduate confirmed");
    expect(report.findings.find((f) => f.rule === "IAC-INVALID-FORMAT")!.status).not.toBe("acknowledged");
    expect(report.refusedAcknowledgements?.map((a) => a.rule)).toEqual(["IAC-INVALID-FORMAT"]);
    const topic = report.checklist.find((t) => t.topic === ack.topic)!;
    expect(topic.acknowledged).toBe(1);

    const annotated = await readXlsx(file("ack-out.xlsx"));
    const concentratorsSheet = annotated.getWorksheet("Concentrators")!;
    expect(fillArgb(concentratorsSheet.getCell(ack.cell))).toBeNull();
    expect(fillArgb(concentratorsSheet.getCell("C3"))).toBe(FILL_ARGB.error);

    const text = await run(...YEAR, file("ack.xlsx"));
    const out = flat(text.stdout);
    expect(out).toMatch(/Acknowledged \(not counted\): Concentrators!A4 WARNING CONCENTRATOR-NOT-PARTICIPANT — early graduate confirmed/);
    expect(out).toMatch(/refused\): Concentrators!C3 IAC-INVALID-FORMAT: errors cannot be acknowledged/);
    expect(out).toMatch(/2 errors, 2 warnings, 0 notes, 1 acknowledged\.$/);
    expect(out).not.toMatch(/!A4 (\[\w+\] )?WARNING CONCENTRATOR-NOT-PARTICIPANT:/);
  });

  it("acknowledging every warning leaves exit status 0 and no warnings counted", async () => {
    await acknowledged("warnings.xlsx", "ack-warnings", {
      "IAC-STORED-AS-NUMBER": "",
      "IAC-CLUSTER-MISMATCH": "program moved",
    });
    const before = json(await run("--json", ...YEAR, file("warnings.xlsx")));
    expect(before.checklist.reduce((n, t) => n + t.warnings, 0)).toBeGreaterThan(0);
    const r = await run(...YEAR, file("ack-warnings.xlsx"));
    expect(r.code).toBe(0);
    expect(flat(r.stdout)).toMatch(/0 errors, 0 warnings, 0 notes, 2 acknowledged\.$/);
  });
});

describe("--snapshot-date", () => {
  it("prints the date and the days left; without it, a suggested date to confirm", async () => {
    const [given, suggested] = await Promise.all([
      run(...YEAR, "--snapshot-date", "2026-12-07", file("warnings.xlsx")),
      run(...YEAR, file("warnings.xlsx")),
    ]);
    const daysLeft = Math.round((Date.UTC(2026, 11, 7) - Date.parse(`${localDate(new Date())}T00:00:00Z`)) / 86_400_000);
    expect(flat(given.stdout)).toMatch(new RegExp(`Snapshot date 2026-12-07: ${daysLeft} days? (left|ago)`));
    // 2026-12-01 is a Tuesday: the first business day of December 2026
    expect(flat(suggested.stdout)).toMatch(
      /Snapshot date not set: suggested 2026-12-01 .* confirm it, then give --snapshot-date 2026-12-01\./,
    );
  });
});

describe("unusable --previous and --snapshot-date: exit 2 with one line", () => {
  const CASES: Record<string, () => string[]> = {
    missing: () => ["--previous", file("nothing.json"), file("run1.xlsx")],
    notJson: () => ["--previous", file("not.json"), file("run1.xlsx")],
    unknownSchema: () => ["--previous", file("schema9.json"), file("run1.xlsx")],
    notReport: () => ["--previous", file("array.json"), file("run1.xlsx")],
    huge: () => ["--previous", file("huge.json"), file("run1.xlsx")],
    folder: () => ["--previous", dir, file("run1.xlsx")],
    badFormat: () => ["--snapshot-date", "12/07/2026", file("run1.xlsx")],
    noSuchDay: () => ["--snapshot-date", "2026-02-30", file("run1.xlsx")],
    emptyDate: () => ["--snapshot-date=", file("run1.xlsx")],
  };
  const results: Record<string, CliResult> = {};
  beforeAll(async () => {
    fs.writeFileSync(file("not.json"), "{ schemaVersion: 2, findings: [");
    fs.writeFileSync(file("schema9.json"), JSON.stringify({ schemaVersion: 9, findings: [] }));
    fs.writeFileSync(file("array.json"), "[1, 2, 3]");
    // A sparse file: its size is checked before anything is read.
    fs.closeSync(fs.openSync(file("huge.json"), "w"));
    fs.truncateSync(file("huge.json"), 65 * 1024 * 1024);
    const names = Object.keys(CASES);
    const done = await Promise.all(names.map((name) => run(...YEAR, ...CASES[name]())));
    names.forEach((name, i) => {
      results[name] = done[i];
    });
  });

  const expectUnusable = (r: CliResult, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure/);
    expect(r.stderr.split("\n")[0]).toMatch(pattern);
  };

  it("a missing report", () => expectUnusable(results.missing, /^cte-check: cannot read --previous '.*nothing\.json': no such file\.$/));
  it("a report that is not JSON", () => expectUnusable(results.notJson, /^cte-check: --previous '.*not\.json' is not JSON/));
  it("an unknown schema version", () =>
    expectUnusable(results.unknownSchema, /^cte-check: --previous '.*schema9\.json' is not a report.*9/));
  it("JSON that is not a report", () => expectUnusable(results.notReport, /^cte-check: --previous '.*array\.json' is not a report/));
  it("a file too large to be a report, refused before reading", () =>
    expectUnusable(results.huge, /^cte-check: --previous '.*huge\.json' is 68,157,440 bytes/));
  it("a folder", () => expectUnusable(results.folder, /^cte-check: cannot read --previous '.*': it is not a file\.$/));
  it("a date not written YYYY-MM-DD", () =>
    expectUnusable(results.badFormat, /^cte-check: --snapshot-date "12\/07\/2026" is not a date written YYYY-MM-DD/));
  it("a day that does not exist", () =>
    expectUnusable(results.noSuchDay, /^cte-check: --snapshot-date "2026-02-30" is not a calendar date/));
  it("an empty date", () => expectUnusable(results.emptyDate, /^cte-check: --snapshot-date needs a value\.$/));
});
