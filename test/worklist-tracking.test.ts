/**
 * From one run to the next: statuses (new / open / acknowledged), fixed findings, the team's columns carried
 * over through the Findings sheet (layout → parse → next run), acknowledgements honoured in the counts and the
 * highlight plan and refused for errors, and previous reports of schema 1 and 2.
 */
import { CellValue, SheetInput } from "../src/core/cells";
import { CheckResult, FINDINGS_SHEET_NOTE, LOG_SHEET_NOTE } from "../src/core/engine";
import { parseFindingsSheet } from "../src/core/findingsSheet";
import { buildHighlightPlan } from "../src/core/plan";
import { Finding } from "../src/core/report";
import { PreviousReportError, parsePreviousReport } from "../src/core/reportSchema";
import { ERRORS_NOT_ACKNOWLEDGED, acknowledge, canAcknowledge, unacknowledge } from "../src/core/tracking";
import { completion } from "./helpers/fixtures";
import { LATER, NOW, editRow, findingsSheetInput, loadSample, logSheetInput, redownload, run, withRow } from "./helpers/worklist";

let sample: SheetInput[];
let first: CheckResult;

/** Findings of one rule (and student, when given). */
const one = (result: CheckResult, rule: string, subject?: string): Finding => {
  const found = result.report.findings.filter((f) => f.rule === rule && (subject === undefined || f.subject === subject));
  if (found.length !== 1) throw new Error(`${found.length} findings of ${rule} ${subject ?? ""}`);
  return found[0];
};

/** A copy of the sheets with one cell of a sheet (by name prefix) changed. */
function setCell(sheets: readonly SheetInput[], prefix: string, rowIndex: number, column: number, value: CellValue): SheetInput[] {
  return sheets.map((s) => {
    if (!s.name.startsWith(prefix)) return s;
    const rows = s.rows.map((r, i) => (i === rowIndex ? r.map((c, j) => (j === column ? value : c)) : r));
    return { ...s, rows };
  });
}

const topicOf = (result: CheckResult, topic: string) => result.report.checklist.find((t) => t.topic === topic)!;

beforeAll(async () => {
  sample = await loadSample();
  first = run(sample);
});

describe("a first run (no previous run, nothing acknowledged)", () => {
  it("marks every finding new and says there was no previous run", () => {
    expect(first.report.findings.every((f) => f.status === "new")).toBe(true);
    expect(first.report.since).toEqual({ new: first.report.findings.length, open: 0, fixed: 0, acknowledged: 0, hadPrevious: false });
    expect(first.report.fixed).toEqual([]);
    expect(first.tracking.worklist).toHaveLength(first.report.findings.length);
    expect(first.tracking.worklist.every((r) => r.firstSeen === "2026-11-28" && r.fixedOn === "")).toBe(true);
  });

  it("orders the worklist by severity, then topic, then rule", () => {
    const severities = first.tracking.worklist.map((r) => r.severity);
    const firstWarning = severities.indexOf("warning");
    const firstInfo = severities.indexOf("info");
    expect(severities.slice(0, firstWarning).every((s) => s === "error")).toBe(true);
    expect(severities.slice(firstWarning, firstInfo).every((s) => s === "warning")).toBe(true);
    expect(severities.slice(firstInfo).every((s) => s === "info")).toBe(true);
  });
});

describe("the next run with the team's Findings sheet in the workbook", () => {
  const ASSIGNED = "Ms. Lee";
  let sheetBefore: ReturnType<typeof findingsSheetInput>;
  let second: CheckResult;
  let gradeInvalid: Finding;
  let hscWarning: Finding;
  let gradeMissing: Finding;
  let iacMissing: Finding;

  beforeAll(() => {
    gradeInvalid = one(first, "GRADE-INVALID");
    hscWarning = one(first, "HSC-NOT-GRADE-12");
    gradeMissing = one(first, "GRADE-MISSING");
    iacMissing = one(first, "IAC-MISSING");
    sheetBefore = findingsSheetInput(first.tracking.worklist);
    editRow(sheetBefore, gradeInvalid.key, "Assigned to", ASSIGNED);
    editRow(sheetBefore, gradeInvalid.key, "Team note", "asked the registrar");
    editRow(sheetBefore, iacMissing.key, "Assigned to", "Mr. Diaz");
    editRow(sheetBefore, iacMissing.key, "Team note", "=not a formula");
    editRow(sheetBefore, hscWarning.key, "Status", "Acknowledged");
    editRow(sheetBefore, hscWarning.key, "Acknowledgement reason", "early graduate confirmed");
    editRow(sheetBefore, gradeMissing.key, "Status", "acknowledged");

    // The exports downloaded again: GRADE-INVALID fixed in the SIS (row 4: grade TBD → 10), a new problem added.
    let next = setCell(sample, "CTE Participants", 3, 3, 10);
    next = withRow(next, "CTE Participants", ["9123456780", 250001, "Student 9999", 7, "Badger Valley High School", 1]);
    next = redownload(next, first);
    second = run([...next, sheetBefore], { now: LATER });
  });

  it("lists the Findings sheet as the add-in's own sheet, never checked", () => {
    expect(second.report.sheets.find((s) => s.sheet === "Findings")).toMatchObject({ kind: null, note: FINDINGS_SHEET_NOTE });
    expect(second.report.findings.filter((f) => f.sheet === "Findings")).toEqual([]);
  });

  it("marks persisting findings open, the new problem new, and the fixed one fixed with today's date", () => {
    const added = second.report.findings.filter((f) => f.status === "new");
    expect(added.map((f) => f.key)).toEqual(["GRADE-OUT-OF-RANGE|participants|student:9123456780|grade"]);
    expect(second.report.findings.some((f) => f.key === gradeInvalid.key)).toBe(false);
    expect(second.report.fixed).toEqual([
      expect.objectContaining({
        key: gradeInvalid.key,
        rule: "GRADE-INVALID",
        status: "fixed",
        fixedOn: "2026-12-02",
        assignedTo: ASSIGNED,
      }),
    ]);
    const total = second.report.findings.length;
    expect(second.report.since).toEqual({ new: 1, open: total - 2, fixed: 1, acknowledged: 1, hadPrevious: true });
  });

  it("carries Assigned to, Team note and First seen over by key, and keeps the fixed row after the current ones", () => {
    const rows = second.tracking.worklist;
    const iac = rows.find((r) => r.key === iacMissing.key)!;
    expect(iac).toMatchObject({ status: "open", assignedTo: "Mr. Diaz", teamNote: "=not a formula", firstSeen: "2026-11-28", fixedOn: "" });
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({ key: gradeInvalid.key, status: "fixed", assignedTo: ASSIGNED, teamNote: "asked the registrar" });
    expect(last.fixedOn).toBe("2026-12-02");
    expect(rows.find((r) => r.status === "new")!.firstSeen).toBe("2026-12-02");
  });

  it("honours the acknowledged warning: kept with its reason, counted apart, passing nothing to the highlight plan", () => {
    const acked = second.report.findings.find((f) => f.key === hscWarning.key)!;
    expect(acked).toMatchObject({ status: "acknowledged", reason: "early graduate confirmed" });
    const before = topicOf(first, "cte-graduates");
    const after = topicOf(second, "cte-graduates");
    expect(after.warnings).toBe(before.warnings - 1);
    expect(after.acknowledged).toBe(1);
    expect(second.report.acknowledged).toEqual([
      expect.objectContaining({ key: hscWarning.key, rule: "HSC-NOT-GRADE-12", reason: "early graduate confirmed", on: "2026-12-02" }),
    ]);
    const plan = buildHighlightPlan(second.report.findings);
    const layer = plan.layers.find((l) => l.sheet === acked.sheet && l.severity === "warning");
    const highlighted = (layer?.chunks ?? []).join(",").split(",");
    expect(highlighted).not.toContain(acked.cell);
    // The same finding, unacknowledged, is highlighted.
    const unacked = second.report.findings.map((f) => (f === acked ? { ...f, status: "open" as const } : f));
    const planned = buildHighlightPlan(unacked).layers.find((l) => l.sheet === acked.sheet && l.severity === "warning")!;
    expect(planned.chunks.join(",").split(",")).toContain(acked.cell);
  });

  it("refuses to acknowledge an error: it stays open, counted and highlighted, and the refusal says why", () => {
    const error = second.report.findings.find((f) => f.key === gradeMissing.key)!;
    expect(error.status).toBe("open");
    expect(second.report.refusedAcknowledgements).toEqual([{ key: gradeMissing.key, rule: "GRADE-MISSING", why: ERRORS_NOT_ACKNOWLEDGED }]);
    expect(second.tracking.nextLog.acknowledgements.map((a) => a.key)).toEqual([hscWarning.key]);
    expect(topicOf(second, "cte-participants").errors).toBeGreaterThan(0);
  });

  it("un-acknowledges when the Status cell is set back, and keeps a fixed row's date on later runs", () => {
    const sheet = findingsSheetInput(second.tracking.worklist);
    const parsed = parseFindingsSheet(sheet.rows)!;
    expect(parsed.find((p) => p.key === hscWarning.key)).toMatchObject({ status: "acknowledged", ackReason: "early graduate confirmed" });
    editRow(sheet, hscWarning.key, "Status", "open");
    const log = logSheetInput(second.tracking.nextLog);
    const later = new Date(2026, 11, 5, 8, 0);
    const third = run([...sample, sheet, log], { now: later });
    expect(third.report.sheets.find((s) => s.sheet === "CTE Check Log")).toMatchObject({ note: LOG_SHEET_NOTE });
    expect(third.report.findings.find((f) => f.key === hscWarning.key)!.status).toBe("open");
    expect(third.report.acknowledged).toEqual([]);
    expect(topicOf(third, "cte-graduates").acknowledged).toBe(0);
    // GRADE-INVALID is back (the original exports): new again, its Fixed on cleared.
    const back = third.tracking.worklist.find((r) => r.key === gradeInvalid.key)!;
    expect(back).toMatchObject({ status: "new", fixedOn: "", firstSeen: "2026-12-05", assignedTo: ASSIGNED });
    // The new participant of the second run is gone now: fixed on the third run's date.
    expect(third.report.fixed.map((f) => [f.key, f.fixedOn])).toEqual([
      ["GRADE-OUT-OF-RANGE|participants|student:9123456780|grade", "2026-12-05"],
    ]);
  });

  it("honours an acknowledgement kept only in the log (made in the pane), and explicit options override the workbook", () => {
    const log = logSheetInput(second.tracking.nextLog);
    const fromLog = run([...sample, log], { now: LATER });
    expect(fromLog.report.findings.find((f) => f.key === hscWarning.key)).toMatchObject({
      status: "acknowledged",
      reason: "early graduate confirmed",
    });
    expect(fromLog.report.since.hadPrevious).toBe(false);
    const overridden = run([...sample, log, sheetBefore], { now: LATER, acknowledgements: [], previous: [] });
    expect(overridden.report.findings.every((f) => f.status === "new")).toBe(true);
    expect(overridden.report.since.hadPrevious).toBe(true);
  });
});

describe("a topic whose only warnings are acknowledged", () => {
  it("passes, with the warning counted as acknowledged", () => {
    const sheets = [completion([["1000000001", 11, "HSC", "R"]])];
    const plain = run(sheets);
    const warning = one(plain, "HSC-NOT-GRADE-12");
    expect(topicOf(plain, "cte-graduates")).toMatchObject({ status: "warn", warnings: 1, acknowledged: 0 });
    const acked = run(sheets, { acknowledgements: [{ key: warning.key, rule: warning.rule, reason: "", on: "2026-11-27" }] });
    expect(topicOf(acked, "cte-graduates")).toMatchObject({ status: "pass", warnings: 0, acknowledged: 1 });
    expect(buildHighlightPlan(acked.report.findings).cells).toBe(0);
    expect(acked.tracking.thisRun).toMatchObject({ warnings: 0, acknowledged: 1 });
  });
});

describe("an acknowledged warning that goes away and comes back", () => {
  it("stays acknowledged: a Fixed row does not un-acknowledge it", () => {
    const warningRow = ["1000000001", 11, "HSC", "R"];
    const otherRow = ["1000000002", 12, "HSC", "R"];
    const plain = run([completion([warningRow, otherRow])]);
    const warning = one(plain, "HSC-NOT-GRADE-12");
    const acked = acknowledge([], warning, "early graduate", "2026-11-28").acknowledgements;
    // The pane's Acknowledge writes both the log and the Findings row's Status.
    const log1 = logSheetInput({ ...plain.tracking.nextLog, acknowledgements: acked });
    const sheet1 = findingsSheetInput(plain.tracking.worklist);
    editRow(sheet1, warning.key, "Status", "acknowledged");
    const first = run([completion([warningRow, otherRow]), log1, sheet1]);
    expect(first.report.findings.find((f) => f.key === warning.key)!.status).toBe("acknowledged");
    const gone = run([completion([otherRow]), logSheetInput(first.tracking.nextLog), findingsSheetInput(first.tracking.worklist)]);
    expect(gone.tracking.worklist.find((r) => r.key === warning.key)).toMatchObject({ status: "fixed", ackReason: "early graduate" });
    const back = run([
      completion([warningRow, otherRow]),
      logSheetInput(gone.tracking.nextLog),
      findingsSheetInput(gone.tracking.worklist),
    ]);
    expect(back.report.findings.find((f) => f.key === warning.key)).toMatchObject({ status: "acknowledged", reason: "early graduate" });
  });
});

describe("previous JSON reports", () => {
  const without = <T extends object>(value: T, keys: readonly string[]) =>
    Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));

  /** The first run's report as cte-check wrote it before keys existed (schema 1). */
  function schemaOne(result: CheckResult): unknown {
    const { findings, sheets, schoolYear, checklist } = result.report;
    return {
      schemaVersion: 1,
      schoolYear,
      sheets,
      findings: findings.map((f) => without(f, ["key", "status", "subject", "reason"])),
      checklist: checklist.map((t) => without(t, ["acknowledged"])),
    };
  }

  it("accepts a schema-1 report, matching its findings by rule, sheet and cell", () => {
    const previous = parsePreviousReport(JSON.parse(JSON.stringify(schemaOne(first))));
    expect(previous).toHaveLength(first.report.findings.length);
    expect(previous.every((p) => p.matchBy === "place")).toBe(true);
    const gradeInvalid = one(first, "GRADE-INVALID");
    const fixedSheets = setCell(sample, "CTE Participants", 3, 3, 10);
    const next = run(fixedSheets, { previous, now: LATER });
    expect(next.report.since).toMatchObject({ new: 0, fixed: 1, open: first.report.findings.length - 1, hadPrevious: true });
    expect(next.report.fixed).toEqual([
      expect.objectContaining({ rule: "GRADE-INVALID", sheet: gradeInvalid.sheet, cell: gradeInvalid.cell }),
    ]);
  });

  it("accepts a schema-2 report, matching by key across a re-download", () => {
    const previous = parsePreviousReport(JSON.parse(JSON.stringify(first.report)));
    const next = run(redownload(sample, first), { previous, now: LATER });
    expect(next.report.since).toEqual({ new: 0, open: first.report.findings.length, fixed: 0, acknowledged: 0, hadPrevious: true });
  });

  it("keeps the Findings sheet's team columns when the previous run comes from a report", () => {
    const sheet = findingsSheetInput(first.tracking.worklist);
    const iac = one(first, "IAC-MISSING");
    editRow(sheet, iac.key, "Assigned to", "Mr. Diaz");
    const previous = parsePreviousReport(JSON.parse(JSON.stringify(first.report)));
    const next = run([...sample, sheet], { previous, now: LATER });
    expect(next.tracking.worklist.find((r) => r.key === iac.key)).toMatchObject({ status: "open", assignedTo: "Mr. Diaz" });
  });

  it("refuses anything else with a message that says why", () => {
    expect(() => parsePreviousReport([])).toThrow(PreviousReportError);
    expect(() => parsePreviousReport({ findings: [] })).toThrow("it has no schemaVersion");
    expect(() => parsePreviousReport({ schemaVersion: 3, findings: [] })).toThrow(
      "schemaVersion 3 is not one this cte-check reads (1 or 2)",
    );
    expect(() => parsePreviousReport({ schemaVersion: 2, findings: [{ rule: "X", sheet: "S", cell: "A1" }] })).toThrow(
      /schema 2 report's \(findings\.0\.key/,
    );
    expect(() => parsePreviousReport({ schemaVersion: 1, findings: "none" })).toThrow(/schema 1 report's \(findings:/);
  });
});

describe("dates", () => {
  it("uses the run's local date for first seen and fixed on", () => {
    expect(NOW.getDate()).toBe(28);
    expect(first.tracking.thisRun.runAt).toBe("2026-11-28 09:30");
  });
});

describe("acknowledge and unacknowledge (the pane's buttons)", () => {
  it("adds an acknowledgement once per key, refuses errors, and removes it again", () => {
    const warning = one(first, "HSC-NOT-GRADE-12");
    const error = one(first, "GRADE-MISSING");
    const once = acknowledge([], warning, "  early   graduate ", "2026-11-28");
    expect(once).toEqual({
      acknowledgements: [
        {
          key: warning.key,
          rule: warning.rule,
          reason: "early graduate",
          on: "2026-11-28",
          severity: "warning",
          where: `${warning.sheet}!${warning.cell}`,
        },
      ],
    });
    const again = acknowledge(once.acknowledgements, warning, "confirmed", "2026-11-29").acknowledgements;
    expect(again.map((a) => [a.key, a.reason])).toEqual([[warning.key, "confirmed"]]);
    const refused = acknowledge(again, error, "no", "2026-11-29");
    expect(refused.acknowledgements).toEqual(again);
    expect(refused.refused).toEqual({ key: error.key, rule: "GRADE-MISSING", why: ERRORS_NOT_ACKNOWLEDGED });
    expect(canAcknowledge(error)).toBe(false);
    expect(unacknowledge(again, warning.key)).toEqual([]);
    // The engine honours what the buttons produce.
    const acked = run(sample, { acknowledgements: again });
    expect(acked.report.findings.find((f) => f.key === warning.key)).toMatchObject({ status: "acknowledged", reason: "confirmed" });
  });
});
