/**
 * The Findings sheet and the log sheet as layouts: what the writers write, what the parsers read back (with
 * the team's edits and what Excel makes of typed cells), told by content, and no student data in the history.
 */
import { SheetInput } from "../src/core/cells";
import { CheckResult } from "../src/core/engine";
import {
  FINDINGS_COLUMNS,
  FINDINGS_TABLE_NAME,
  findingsSheetLayout,
  isFindingsSheet,
  parseFindingsSheet,
  parseWorklistStatus,
  whereLink,
} from "../src/core/findingsSheet";
import type { WorklistRow } from "../src/core/tracking";
import { HISTORY_MARKER, MAX_HISTORY_LINES, isLogSheet, logSheetLayout, parseLogSheet, type HistoryEntry } from "../src/core/workbookLog";
import { checklistLayout, isChecklistSheet } from "../src/core/checklistSheet";
import { findingsSheetInput, loadSample, logSheetInput, run } from "./helpers/worklist";

let sample: SheetInput[];
let first: CheckResult;

beforeAll(async () => {
  sample = await loadSample();
  first = run(sample);
});

const row = (partial: Partial<WorklistRow>): WorklistRow => ({
  status: "new",
  severity: "warning",
  topic: "cte-graduates",
  rule: "HSC-NOT-GRADE-12",
  sheet: "HS Completion",
  cell: "C4",
  row: 4,
  subject: "0012345678",
  message: "m",
  fix: "f",
  assignedTo: "",
  teamNote: "",
  ackReason: "",
  firstSeen: "2026-11-28",
  fixedOn: "",
  key: "HSC-NOT-GRADE-12|hs-completion|student:0012345678|grade",
  ...partial,
});

describe("the Findings sheet layout", () => {
  it("is one table from A1 with the columns in order, a link per finding and every text neutralised", () => {
    const layout = findingsSheetLayout([
      row({ sheet: 'Bob\'s "data"', cell: "C7", teamNote: "=SUM(A1)", assignedTo: "+1 555", message: "-x" }),
      row({ status: "fixed", fixedOn: "2026-11-30" }),
    ]);
    expect(layout).toMatchObject({ name: "Findings", tableName: FINDINGS_TABLE_NAME, style: "TableStyleMedium2" });
    expect(layout.header).toEqual([...FINDINGS_COLUMNS]);
    expect(layout.columnWidths).toHaveLength(FINDINGS_COLUMNS.length);
    const [first, fixed] = layout.rows;
    expect(first).toHaveLength(FINDINGS_COLUMNS.length);
    expect(first[FINDINGS_COLUMNS.indexOf("Where")]).toBe('Bob\'s "data"!C7');
    expect(layout.formulas[0][layout.whereColumn]).toBe('=HYPERLINK("#\'Bob\'\'s ""data""\'!C7","Bob\'s ""data""!C7")');
    expect(first[FINDINGS_COLUMNS.indexOf("Team note")]).toBe("'=SUM(A1)");
    expect(first[FINDINGS_COLUMNS.indexOf("Assigned to")]).toBe("'+1 555");
    expect(first[FINDINGS_COLUMNS.indexOf("Message")]).toBe("'-x");
    expect(first[FINDINGS_COLUMNS.indexOf("Student / course")]).toBe("0012345678");
    expect(first[FINDINGS_COLUMNS.indexOf("Severity")]).toBe("warning");
    expect(first[FINDINGS_COLUMNS.indexOf("Topic")]).toBe("CTE Graduates");
    // A fixed row's cell may hold something else now: no link.
    expect(layout.where[1].formula).toBeNull();
    expect(fixed[FINDINGS_COLUMNS.indexOf("Fixed on")]).toBe("2026-11-30");
  });

  it("links only to sheets of the workbook when told which exist", () => {
    const layout = findingsSheetLayout([row({ sheet: "catalog" })], { sheets: ["HS Completion"] });
    expect(layout.where[0]).toEqual({ formula: null, text: "catalog!C4" });
    expect(whereLink("HS Completion", "C4").formula).toBe('=HYPERLINK("#\'HS Completion\'!C4","HS Completion!C4")');
  });

  it("reads back what it wrote, with the team's edits, typed statuses and dates Excel converted", () => {
    const layout = findingsSheetLayout(first.tracking.worklist);
    const rows = [[...layout.header], ...layout.rows.map((r) => [...r] as (string | number | Date)[])];
    const parsed = parseFindingsSheet(rows)!;
    expect(parsed).toHaveLength(first.tracking.worklist.length);
    first.tracking.worklist.forEach((w, i) => {
      expect(parsed[i]).toMatchObject({ key: w.key, rule: w.rule, severity: w.severity, topic: w.topic, sheet: w.sheet, cell: w.cell });
      expect(parsed[i].status).toBe("new");
      expect(parsed[i].subject).toBe(w.subject);
    });
    // A user retypes dates (Excel makes them serials or dates) and a status in capitals.
    rows[1][FINDINGS_COLUMNS.indexOf("First seen")] = 46354; // 2026-11-28 as an Excel serial
    rows[2][FINDINGS_COLUMNS.indexOf("First seen")] = new Date(Date.UTC(2026, 10, 27));
    rows[3][FINDINGS_COLUMNS.indexOf("Status")] = " ACK ";
    rows[4][FINDINGS_COLUMNS.indexOf("Team note")] = "'=keep as text";
    const edited = parseFindingsSheet(rows)!;
    expect(edited[0].firstSeen).toBe("2026-11-28");
    expect(edited[1].firstSeen).toBe("2026-11-27");
    expect(edited[2].status).toBe("acknowledged");
    expect(edited[3].teamNote).toBe("=keep as text");
  });

  it("is told by its header, in any column order, and skips rows without a key", () => {
    const header = [...FINDINGS_COLUMNS].reverse();
    expect(isFindingsSheet([header])).toBe(true);
    expect(isFindingsSheet([[...FINDINGS_COLUMNS].slice(1)])).toBe(false);
    expect(isFindingsSheet([["Findings"], [...FINDINGS_COLUMNS]])).toBe(false);
    const keyAt = header.indexOf("Key");
    const ruleAt = header.indexOf("Rule");
    const withKey = header.map((_, c) => (c === keyAt ? "K|x|y|-" : c === ruleAt ? "R" : ""));
    expect(parseFindingsSheet([header, withKey, header.map(() => "")])).toEqual([{ key: "K|x|y|-", rule: "R" }]);
    expect(parseFindingsSheet([["Status", "Rule"]])).toBeNull();
  });

  it("reads 1 MB cells in every column in well under 2 s (no quadratic pattern)", () => {
    const big = `=${"a ".repeat(500_000)}!C7`;
    const rows = [[...FINDINGS_COLUMNS], FINDINGS_COLUMNS.map(() => big)];
    const started = Date.now();
    const parsed = parseFindingsSheet(rows)!;
    const layout = findingsSheetLayout([row({ message: big, teamNote: big, sheet: big })]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed).toHaveLength(1);
    expect(parsed[0].cell).toBe("C7");
    const message = String(layout.rows[0][FINDINGS_COLUMNS.indexOf("Message")]);
    expect([message.length, message.startsWith("'=a a")]).toEqual([big.length + 1, true]);
  });

  it("parses statuses a user may type", () => {
    expect(["Acknowledged", "ack", "FIXED", "open", "New", "done", ""].map(parseWorklistStatus)).toEqual([
      "acknowledged",
      "acknowledged",
      "fixed",
      "open",
      "new",
      undefined,
      undefined,
    ]);
  });
});

describe("the log sheet", () => {
  const entry = (runAt: string, errors: number): HistoryEntry => ({
    ...first.tracking.thisRun,
    runAt,
    errors,
  });

  it("round-trips the snapshot date, the acknowledgements and the history", () => {
    const log = {
      snapshotDate: "2026-12-01",
      acknowledgements: [
        { key: "A|b|student:1|-", rule: "A", reason: "=early graduate", on: "2026-11-28", severity: "warning" as const, where: "S!C4" },
      ],
      history: [entry("2026-11-27 08:00", 5), first.tracking.thisRun],
    };
    const layout = logSheetLayout(log);
    expect(layout.rows[0][0]).toBe("CTE Snapshot Check log — written by the add-in; the Findings sheet is where you edit");
    expect(layout.rows.every((r) => r.length === layout.width)).toBe(true);
    expect(layout.rows.some((r) => r.includes("'=early graduate"))).toBe(true);
    expect(isLogSheet(layout.rows)).toBe(true);
    expect(parseLogSheet(layout.rows)).toEqual(log);
    expect(parseLogSheet([["something else"]])).toBeNull();
  });

  it("keeps the newest 1,000 history lines", () => {
    const history = Array.from({ length: MAX_HISTORY_LINES + 5 }, (_, i) => entry(`2026-11-28 ${String(i % 24).padStart(2, "0")}:00`, i));
    const parsed = parseLogSheet(logSheetLayout({ snapshotDate: null, acknowledgements: [], history }).rows)!;
    expect(parsed.history).toHaveLength(MAX_HISTORY_LINES);
    expect(parsed.history[0].errors).toBe(5);
    expect(parsed.snapshotDate).toBeNull();
  });

  it("appends one history line per run, from the workbook's log, and its lines hold no student data", () => {
    const second = run([...sample, logSheetInput(first.tracking.nextLog)], { now: new Date(2026, 10, 29, 14, 0) });
    expect(second.tracking.history).toEqual([first.tracking.thisRun]);
    expect(second.tracking.nextLog.history).toEqual([first.tracking.thisRun, second.tracking.thisRun]);
    const totals = second.report.checklist.reduce((n, t) => n + t.errors, 0);
    // The log holds counts, not findings: without a Findings sheet or --previous, every finding is new.
    const newCount = second.report.findings.length;
    expect(second.tracking.thisRun).toMatchObject({
      runAt: "2026-11-29 14:00",
      schoolYear: "2025-26",
      errors: totals,
      new: newCount,
      open: 0,
    });

    // Every student id (and name) in the sample, against every cell of the history section.
    const people = new Set<string>();
    for (const t of first.tables) {
      for (const r of t.rows) {
        for (const field of ["studentId", "localStudentId", "studentName"] as const) {
          const v = t.present(r, field);
          if (v !== null) people.add(v);
        }
      }
    }
    expect(people.size).toBeGreaterThan(100);
    const rows = logSheetLayout(second.tracking.nextLog).rows;
    const from = rows.findIndex((r) => r[0] === HISTORY_MARKER);
    const historyCells = rows.slice(from).flat().map(String);
    expect(historyCells.length).toBeGreaterThan(50);
    for (const cell of historyCells) {
      for (const id of people) expect(cell.includes(id) ? `${cell} holds ${id}` : "").toBe("");
    }
  });

  it("adds the history table to the Snapshot Checklist sheet, which is still told as ours", () => {
    const history = [entry("2026-11-27 08:00", 5), first.tracking.thisRun];
    const layout = checklistLayout({ report: first.report, checkedOn: "2026-11-28", history });
    expect(layout.historyHeaderRow).not.toBeNull();
    const header = layout.values[layout.historyHeaderRow! - 1];
    expect(header).toEqual(["Run at", "Errors", "Warnings", "Notes", "Acknowledged", "New", "Open", "Fixed"]);
    expect(layout.values[layout.historyLastRow! - 1].slice(0, 2)).toEqual([first.tracking.thisRun.runAt, first.tracking.thisRun.errors]);
    expect(layout.historyLastRow! - layout.historyHeaderRow!).toBe(2);
    expect(isChecklistSheet(layout.values)).toBe(true);
    expect(checklistLayout({ report: first.report, checkedOn: "2026-11-28" }).historyHeaderRow).toBeNull();
  });
});

describe("privacy of the worklist", () => {
  it("never puts a single-parent or homeless value into the Findings sheet, the log or the keys", () => {
    const SP = "SPMARK-7f3a";
    const HL = "HLMARK-91c2";
    const rows = [
      ["WSN", "Student Name", "Grade Level", "Single Parent", "Homeless"],
      ["9000000503", "Student 0503", 10, SP, "N"],
      ["9000000503", "Student 0503", 10, SP, "N"],
      ["9000000506", "Student 0506", 9, "Y", HL],
      ["", "Student 0507", 11, `${SP} (see file)`, `=${HL}`],
      ["9000000508", "Student 0508", "Gr 11?", "N", HL],
    ];
    const first = run([{ name: "Student Demographics", rows }]);
    const ackable = first.report.findings.filter((f) => f.severity !== "error");
    const acknowledgements = ackable.map((f) => ({ key: f.key, rule: f.rule, reason: "checked", on: "2026-11-28" }));
    const second = run([{ name: "Student Demographics", rows }, findingsSheetInput(first.tracking.worklist)], { acknowledgements });
    expect(second.report.findings.length).toBeGreaterThanOrEqual(4);
    const texts = [
      JSON.stringify(second.report),
      JSON.stringify(findingsSheetLayout(second.tracking.worklist)),
      JSON.stringify(logSheetLayout(second.tracking.nextLog)),
      JSON.stringify(checklistLayout({ report: second.report, checkedOn: "2026-11-28", history: second.tracking.nextLog.history })),
    ];
    for (const text of texts) for (const mark of ["SPMARK", "HLMARK", "7f3a", "91c2"]) expect(text.includes(mark) ? mark : "").toBe("");
  });
});
