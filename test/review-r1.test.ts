/**
 * Adversarial review of the worklist (issue 12): a Findings sheet the team edited beyond its cells (a column
 * renamed or deleted), a user's own table of our table's name, and a megabyte acknowledgement reason.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { binAsync, ensureBuilt, parseReport, readXlsx, writeXlsx } from "./helpers/e2e";
import { FINDINGS_COLUMNS, FINDINGS_TABLE_NAME, isFindingsSheet, parseFindingsSheet, unreadStatuses } from "../src/core/findingsSheet";
import type { CellValue } from "../src/core/cells";
import { decideKind, mapColumns, recognize } from "../src/core/recognize";
import { isPassed } from "../src/core/marks";
import { FINDINGS_SHEET_NOTE, runChecklist } from "../src/core/engine";
import { trackingLines } from "../src/cli/trackingText";
import type { Finding } from "../src/core/report";

const header = [...FINDINGS_COLUMNS] as string[];
const row = (values: Partial<Record<(typeof FINDINGS_COLUMNS)[number], string>>) =>
  header.map((h) => values[h as keyof typeof values] ?? "");
const KEY = "CONCENTRATOR-NOT-PARTICIPANT|concentrators|student:9000000104|studentId";
/** Our header with "Team note" renamed by the team. */
const renamed = header.map((h) => (h === "Team note" ? "Notes" : h));
/** A warning the team acknowledged on the sheet, with a reason. */
const acknowledgedRow = () =>
  row({
    Status: "acknowledged",
    Severity: "warning",
    Rule: "CONCENTRATOR-NOT-PARTICIPANT",
    "Acknowledgement reason": "moved in",
    Key: KEY,
  });

describe("a Findings sheet with a column renamed or deleted by the team is still ours", () => {
  it("a renamed Team note: recognised, the acknowledgement and the other columns read", () => {
    const rows = [renamed, acknowledgedRow()];
    expect(isFindingsSheet(rows)).toBe(true);
    const parsed = parseFindingsSheet(rows)!;
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ key: KEY, status: "acknowledged", ackReason: "moved in", severity: "warning" });
    expect(parsed[0].teamNote).toBeUndefined();
  });

  it("a deleted Fixed on and re-ordered columns: recognised", () => {
    const kept = header.filter((h) => h !== "Fixed on").reverse();
    const values = row({ Status: "ACK", Severity: "warning", Rule: "CONCENTRATOR-NOT-PARTICIPANT", Key: KEY });
    const rows = [kept, kept.map((h) => values[header.indexOf(h)])];
    expect(parseFindingsSheet(rows)).toEqual([expect.objectContaining({ key: KEY, status: "acknowledged" })]);
  });

  it("a user's sheet sharing only a few of our titles (Status, Key, Rule) is data, not ours", () => {
    const rows = [
      ["Student ID", "Status", "Key", "Rule", "Team note"],
      ["9000000104", "acknowledged", "x", "y", ""],
    ];
    expect(isFindingsSheet(rows)).toBe(false);
  });
});

describe("the CLI on an edited Findings sheet and on a user's table of our table's name", () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-r1-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const exportsSheets = [
    {
      name: "CTE Participants",
      rows: [
        ["Student ID", "Grade", "School"],
        ["9000000101", 10, "Badger Valley High School"],
      ],
    },
    {
      name: "Concentrators",
      rows: [
        ["WSN", "Grade Level", "IAC Code", "Cluster"],
        ["9000000104", 11, "11.01", "Information Technology"],
      ],
    },
  ];

  it("honours an acknowledgement made on a Findings table whose Team note column was renamed; the copy's table names are unique", async () => {
    await writeXlsx(file("in.xlsx"), exportsSheets);
    const wb = await readXlsx(file("in.xlsx"));
    const ws = wb.addWorksheet("Findings");
    ws.addTable({
      name: FINDINGS_TABLE_NAME,
      ref: "A1",
      columns: renamed.map((name) => ({ name })),
      rows: [acknowledgedRow()],
    });
    await wb.xlsx.writeFile(file("edited.xlsx"));
    const r = await binAsync(["--json", "--school-year", "2025-26", "--out", file("copy.xlsx"), file("edited.xlsx")]);
    const report = parseReport(r.stdout);
    expect(report.findings.find((f) => f.key === KEY)).toMatchObject({ status: "acknowledged", reason: "moved in" });
    const copy = await readXlsx(file("copy.xlsx"));
    const tableNames = copy.worksheets.flatMap((w) => Object.keys((w as unknown as { tables: Record<string, unknown> }).tables ?? {}));
    expect(new Set(tableNames).size).toBe(tableNames.length);
  });

  it("a user's own sheet holding a table named like ours: checked as data, and the copy's table names stay unique", async () => {
    await writeXlsx(file("in2.xlsx"), exportsSheets);
    const wb = await readXlsx(file("in2.xlsx"));
    const ws = wb.addWorksheet("Findings");
    ws.addTable({ name: FINDINGS_TABLE_NAME, ref: "A1", columns: [{ name: "Who" }, { name: "What" }], rows: [["me", "audit"]] });
    await wb.xlsx.writeFile(file("user-table.xlsx"));
    const r = await binAsync(["--json", "--school-year", "2025-26", "--out", file("copy2.xlsx"), file("user-table.xlsx")]);
    expect([0, 1]).toContain(r.code);
    const copy = await readXlsx(file("copy2.xlsx"));
    expect(copy.getWorksheet("Findings")!.getCell("A2").value).toBe("me");
    const tableNames = copy.worksheets.flatMap((w) => Object.keys((w as unknown as { tables: Record<string, unknown> }).tables ?? {}));
    expect(tableNames).toHaveLength(2);
    expect(new Set(tableNames).size).toBe(2);
  });
});

describe("--previous from another school year", () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-r1-year-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("says the years differ (last year's report is not this year's progress); the same year says nothing", async () => {
    await writeXlsx(file("in.xlsx"), [
      {
        name: "CTE Participants",
        rows: [
          ["Student ID", "Grade", "School"],
          ["9000000102", "TBD", "Badger Valley High School"],
        ],
      },
    ]);
    const last = await binAsync(["--json", "--school-year", "2024-25", file("in.xlsx")]);
    fs.writeFileSync(file("last.json"), last.stdout);
    const other = await binAsync(["--school-year", "2025-26", "--previous", file("last.json"), file("in.xlsx")]);
    expect(other.stdout.replace(/\s+/g, " ")).toMatch(/previous report checked school year 2024-25, this run checks 2025-26/);
    const same = await binAsync(["--school-year", "2024-25", "--previous", file("last.json"), file("in.xlsx")]);
    expect(same.stdout).not.toMatch(/previous report checked school year/);
    expect(same.stdout.replace(/\s+/g, " ")).toMatch(/Since the last run \(last\.json\): 0 fixed, 0 new, 1 still open/);
  });
});

describe("a megabyte acknowledgement reason from a hostile workbook", () => {
  it("is shown cut in the CLI's text, not printed whole", () => {
    const acknowledged = {
      severity: "warning",
      rule: "CONCENTRATOR-NOT-PARTICIPANT",
      sheet: "Concentrators",
      cell: "A2",
      reason: "y".repeat(1 << 20),
    } as unknown as Finding;
    const lines = trackingLines({
      since: { new: 0, open: 0, fixed: 0, acknowledged: 1, hadPrevious: false },
      fixed: [],
      matchedByPlace: false,
      acknowledged: [acknowledged],
      refused: [],
      whereByKey: new Map(),
      snapshot: null,
      suggestedSnapshotDate: null,
    });
    const line = lines.find((l) => l.text.includes("CONCENTRATOR-NOT-PARTICIPANT"))!;
    expect(line.text.length).toBeLessThan(1000);
    expect(line.text).toMatch(/y…/);
  });
});

describe("Status cells the team typed that are no status", () => {
  const rows = (statuses: CellValue[]) => [
    header,
    ...statuses.map((status, i) => {
      const r: CellValue[] = row({ Severity: "warning", Rule: "CONCENTRATOR-NOT-PARTICIPANT", Key: `${KEY}#${i + 1}` });
      r[header.indexOf("Status")] = status;
      return r;
    }),
  ];

  it("'yes', 'done' and an error value are listed with their cells; 'Acknowledged ', 'ACK', blank and the statuses are not", () => {
    const unread = unreadStatuses(rows(["yes", "Acknowledged ", "ACK", "", "open", "done", { error: "#N/A" }, "fixed", "x".repeat(100)]));
    expect(unread.map((u) => u.cell)).toEqual(["A2", "A7", "A8", "A10"]);
    expect(unread.map((u) => u.text).slice(0, 3)).toEqual(["yes", "done", "#N/A"]);
    expect(unread[3].text.length).toBeLessThan(30);
  });

  it("the engine's listing of the Findings sheet says so, and nothing when every status is understood", () => {
    const sheet = (statuses: CellValue[]) =>
      runChecklist([{ name: "Findings", rows: rows(statuses) }], {
        schoolYear: "2025-26",
        today: new Date(2026, 10, 30),
      }).report.sheets.find((s) => s.sheet === "Findings")!.note;
    expect(sheet(["yes", "acknowledged"])).toMatch(/1 Status cell is not a status \(A2 ‘yes’\): those rows are read as open/);
    expect(sheet(["acknowledged", "open"])).toBe(FINDINGS_SHEET_NOTE);
  });
});

describe("finder inputs as districts write them", () => {
  it("a plan headed 'Career Pathway | IAC | Cluster | Roster Code …' is a pathway plan, its pathway the Career Pathway column", () => {
    const header = ["Career Pathway", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"];
    expect(decideKind(header)).toBe("pathway-plan");
    expect(mapColumns("pathway-plan", header).columns).toMatchObject({ pathwayName: 0, iac: 1, cluster: 2, rosterCode: 3 });
  });

  it("near misses: a course offering's Career Pathway is its cluster; a plan with a pathway name keeps Career Pathway as cluster", () => {
    expect(decideKind(["School", "Local Course Code", "Local Course Title", "DPI Course Code", "Career Pathway"])).toBe("course-offerings");
    expect(decideKind(["IAC", "Cluster", "Career Pathway"])).toBe("dpi-iac-clusters");
    const named = ["Pathway Name", "IAC", "Career Pathway", "Local Course Code"];
    expect(decideKind(named)).toBe("pathway-plan");
    expect(mapColumns("pathway-plan", named).columns).toMatchObject({ pathwayName: 0, cluster: 2 });
  });

  it("a decimal comma: credit '0,5' is earned credit, '0,0' is none, '59,5' is below 60 and '60,0' passes; '1,000' is not a fraction", () => {
    expect(isPassed({ creditsEarned: "0,5" })).toBe(true);
    expect(isPassed({ creditsEarned: "0,0" })).toBe(false);
    expect(isPassed({ mark: "59,5" })).toBe(false);
    expect(isPassed({ mark: "60,0" })).toBe(true);
    expect(isPassed({ mark: "1,000" })).toBeNull();
  });
});

describe("last year's concentrators saved without a school-year column", () => {
  const rows = [
    ["WSN", "Student Name", "Grade Level", "CTE Concentration IAC Code", "CTE Concentration Program Area"],
    ["9000000101", "Student 1", 11, "11.01", "Information Technology"],
  ];
  it("named for the year before the checked one: last year's concentrators, and the recognition says why", () => {
    const r = recognize(rows, undefined, undefined, { name: "Concentrators 2024-25", schoolYear: "2025-26" });
    expect(r.kind).toBe("previous-concentrators");
    expect(r.note).toMatch(/its name, which says 2024-25/);
    expect(recognize(rows, undefined, undefined, { name: "conc_2024-2025", schoolYear: "2025-26" }).kind).toBe("previous-concentrators");
  });
  it("near misses: this year's name, no year, two years, or a forced kind stay concentrators", () => {
    for (const name of ["Concentrators 2025-26", "Career Concentrators", "Concentrators 2024-25 vs 2025-26", "Conc 12024-25"]) {
      expect(recognize(rows, undefined, undefined, { name, schoolYear: "2025-26" }).kind).toBe("concentrators");
    }
    expect(recognize(rows, "concentrators", undefined, { name: "Concentrators 2024-25", schoolYear: "2025-26" }).kind).toBe(
      "concentrators",
    );
  });
});
