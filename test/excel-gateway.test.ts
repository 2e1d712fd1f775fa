/**
 * The Office.js gateway against the hand-written fake Excel (test/helpers/fakeExcel.ts): round trips,
 * proxies, request sizes and address lengths within Excel's limits; highlights that never touch the user's
 * values, fills or own conditional formats and that Clear removes exactly, also after save and reopen.
 */
import * as fs from "fs";
import * as path from "path";
import { isCellError } from "../src/core/cells";
import { OWN_SHEET_NOTE, runChecklist } from "../src/core/engine";
import { HighlightPlan, MAX_CHUNK_CHARS, buildHighlightPlan } from "../src/core/plan";
import { checklistLayout } from "../src/core/checklistSheet";
import { readSpreadsheet } from "../src/cli/readInput";
import { GatewayError } from "../src/excel/gateway";
import { ExcelRun, OfficeExcelGateway } from "../src/excel/officeGateway";
import { HIGHLIGHT_FILL, highlightFormula, isOurRuleFormula } from "../src/excel/highlights";
import { SETTINGS_KEYS } from "../src/excel/settings";
import { runCheck } from "../src/taskpane/runCheck";
import { LOG_SHEET_NAME } from "../src/core/workbookLog";
import { FakeExcelError, FakeWorkbook } from "./helpers/fakeExcel";
import { GeneratedSheet, concentratorsSheet, district, participantsSheet } from "./helpers/district";

const TODAY = new Date("2026-11-28T12:00:00Z");

function workbookOf(sheets: GeneratedSheet[]): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const s of sheets) wb.addSheet(s.name, s.rows);
  return wb;
}

function gatewayOf(wb: FakeWorkbook, options: ConstructorParameters<typeof OfficeExcelGateway>[0] = {}): OfficeExcelGateway {
  return new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun, ...options });
}

/** Round trips and proxies of writing the log sheet after a run (its history line appended). */
const LOG_SYNCS = 2;
const LOG_PROXIES = 30; // a fixed few (21 measured at 1,000 and at 50,000 rows), never one per row

/**
 * Runs the checklist through the pane's runCheck and counts the syncs of its read, of its highlighting and of
 * saving the run (the log sheet's history line).
 */
async function runCounted(wb: FakeWorkbook, gateway: OfficeExcelGateway) {
  const read = gateway.readWorkbook.bind(gateway);
  let readSyncs = -1;
  let beforeSaving = -1;
  let proxiesBeforeSaving = -1;
  const start = wb.stats.syncs;
  gateway.readWorkbook = async (onProgress) => {
    const result = await read(onProgress);
    readSyncs = wb.stats.syncs - start;
    return result;
  };
  try {
    const run = await runCheck(gateway, {
      today: TODAY,
      onPhase: (phase) => {
        if (phase !== "saving" || beforeSaving >= 0) return;
        beforeSaving = wb.stats.syncs;
        proxiesBeforeSaving = wb.stats.proxies;
      },
    });
    return {
      run,
      readSyncs,
      writeSyncs: beforeSaving - start - readSyncs,
      saveSyncs: wb.stats.syncs - beforeSaving,
      proxiesBeforeSaving,
    };
  } finally {
    gateway.readWorkbook = read;
  }
}

/** The keys (test-only identities) of a sheet's rules, and of those that are the add-in's. */
function keys(wb: FakeWorkbook, sheet: string): string[] {
  return wb.conditionalFormats(sheet).map((c) => c.key);
}
function ours(wb: FakeWorkbook, sheet: string) {
  return wb.conditionalFormats(sheet).filter((c) => isOurRuleFormula(c.formula));
}

interface Measure {
  rows: number;
  readSyncs: number;
  readBudget: number;
  writeSyncs: number;
  proxies: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
  longestAddress: number;
  rules: number;
  cellsHighlighted: number;
  clearSyncs: number;
  note?: string;
}
const measurements: Measure[] = [];

afterAll(() => {
  if (measurements.length === 0) return;
  const dir = path.join(__dirname, "..", "test-output");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "gateway-measurements.json"), `${JSON.stringify(measurements, null, 2)}\n`);
  console.log(`gateway against the fake Excel:\n${measurements.map((m) => JSON.stringify(m)).join("\n")}`);
});

describe("Run checklist + Clear on the fake Excel", () => {
  it.each([1_000, 50_000])("%i rows: values and the user's formatting survive, syncs stay within budget", async (rows) => {
    const sheets = district(rows);
    const wb = workbookOf(sheets);
    // The user's own formatting: a fill on a flagged cell and on a clean one, and a rule of their own.
    const flagged = "C51"; // row 50 of data: grade 7
    wb.setUserFill("CTE Participants", `${flagged}:D52`, "#00B0F0");
    wb.setUserFill("CTE Participants", "A1:E1", "#FFFF00");
    const userRule = wb.addUserConditionalFormat("CTE Participants", "E2:E20", { type: "Custom", formula: "=TRUE", fill: "#92D050" });
    const userCellValueRule = wb.addUserConditionalFormat("Career Concentrators", "C2:C100", { type: "CellValue", fill: "#FF0000" });
    const before = Object.fromEntries(wb.sheetNames().map((n) => [n, wb.values(n)]));
    const fillsBefore = Object.fromEntries(wb.sheetNames().map((n) => [n, wb.fills(n)]));

    const gateway = gatewayOf(wb);
    wb.resetStats();
    const started = Date.now();
    const { run, readSyncs, writeSyncs, saveSyncs, proxiesBeforeSaving } = await runCounted(wb, gateway);
    const elapsed = Date.now() - started;
    expect(run.applyError).toBeNull();

    // Budget: read ≤ 2 + ⌈rows/20,000⌉ per sheet (the sheets share the first two); highlighting 3 (find
    // our rules with the sheet list, their formulas, then one write).
    const perSheetBudget = sheets.map((s) => 2 + Math.ceil(s.rows.length / 20_000));
    expect(readSyncs).toBeLessThanOrEqual(Math.max(...perSheetBudget) + sheets.length - 1);
    expect(readSyncs).toBeLessThanOrEqual(2 + Math.ceil((rows + 1) / 20_000) + 1);
    expect(writeSyncs).toBeLessThanOrEqual(3);
    expect(saveSyncs).toBeLessThanOrEqual(LOG_SYNCS); // the run's history line, whatever the workbook's size
    // Never a proxy per cell, never too large a request, never too long an address.
    expect(proxiesBeforeSaving).toBeLessThan(100 + 12 * run.applied!.rules);
    expect(wb.stats.proxies - proxiesBeforeSaving).toBeLessThan(LOG_PROXIES);
    expect(wb.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.stats.largestResponseBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.stats.longestAddress).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    expect(wb.stats.largestLoadCells).toBeLessThanOrEqual(5_000_000);
    expect(wb.stats.oversizedLoads).toBe(0);
    expect(wb.stats.rejectedSyncs).toBe(0);
    // Suspended once each, events off for every write and back on afterwards.
    expect(wb.stats.calcSuspensions).toBe(1);
    expect(wb.stats.screenSuspensions).toBe(1);
    expect(wb.stats.writesWithEventsOn).toBe(0);
    expect(wb.enableEvents).toBe(true);
    expect(elapsed).toBeLessThan(30_000);

    // The highlights are there and show over the user's fill while they last.
    const errors = run.result.report.findings.filter((f) => f.severity === "error" && f.sheet === "CTE Participants");
    expect(errors.some((f) => f.cell === flagged)).toBe(true);
    expect(wb.displayedFill("CTE Participants", flagged)).toBe(HIGHLIGHT_FILL.error);
    expect(wb.displayedFill("CTE Participants", "D52")).toBe("#00B0F0");
    const warning = run.result.report.findings.find((f) => f.rule === "IAC-STORED-AS-NUMBER")!;
    expect(wb.displayedFill("Career Concentrators", warning.cell)).toBe(HIGHLIGHT_FILL.warning);
    expect(run.applied!.cells).toBe(run.plan.cells);
    expect(wb.conditionalFormats("CTE Participants").length).toBe(
      1 + run.plan.layers.filter((l) => l.sheet === "CTE Participants").reduce((n, l) => n + l.chunks.length, 0),
    );

    const runStats = { ...wb.stats };
    wb.resetStats();
    const cleared = await gateway.clearHighlights();
    const clearSyncs = wb.stats.syncs;
    expect(cleared.removed).toBe(run.applied!.rules);
    expect(wb.enableEvents).toBe(true);

    // Values identical, the user's fills intact, only their own rules left; the one sheet added is the hidden log.
    expect(wb.sheetNames()).toEqual([...Object.keys(before), LOG_SHEET_NAME]);
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Hidden");
    for (const n of Object.keys(before)) {
      expect(wb.values(n)).toEqual(before[n]);
      expect(wb.fills(n)).toEqual(fillsBefore[n]);
    }
    expect(clearSyncs).toBeLessThanOrEqual(4);
    expect(keys(wb, "CTE Participants")).toEqual([userRule]);
    expect(keys(wb, "Career Concentrators")).toEqual([userCellValueRule]);
    expect(wb.displayedFill("CTE Participants", flagged)).toBe("#00B0F0");
    expect(wb.displayedFill("CTE Participants", "E5")).toBe("#92D050");

    measurements.push({
      rows,
      readSyncs,
      readBudget: 2 + Math.ceil(rows / 20_000),
      writeSyncs,
      proxies: runStats.proxies,
      largestRequestBytes: runStats.largestRequestBytes,
      largestResponseBytes: runStats.largestResponseBytes,
      longestAddress: runStats.longestAddress,
      rules: run.applied!.rules,
      cellsHighlighted: run.applied!.cells,
      clearSyncs,
    });
  });

  it("worst case: 50,000 rows with every other row flagged (nothing to coalesce) stays within Excel's limits", async () => {
    const wb = workbookOf([participantsSheet(50_000, "CTE Participants", 2)]);
    const gateway = gatewayOf(wb);
    const before = wb.values("CTE Participants");
    const { run, readSyncs, writeSyncs, saveSyncs } = await runCounted(wb, gateway);
    expect(run.plan.cells).toBeGreaterThan(25_000);
    expect(readSyncs).toBeLessThanOrEqual(2 + 3);
    expect(writeSyncs).toBeLessThanOrEqual(3);
    expect(saveSyncs).toBeLessThanOrEqual(LOG_SYNCS);
    expect(wb.stats.longestAddress).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    expect(wb.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.stats.proxies).toBeLessThan(100 + 12 * run.applied!.rules);
    expect(wb.stats.calcSuspensions).toBe(1);
    expect(wb.stats.screenSuspensions).toBe(1);
    measurements.push({
      rows: 50_000,
      readSyncs,
      readBudget: 5,
      writeSyncs,
      proxies: wb.stats.proxies,
      largestRequestBytes: wb.stats.largestRequestBytes,
      largestResponseBytes: wb.stats.largestResponseBytes,
      longestAddress: wb.stats.longestAddress,
      rules: run.applied!.rules,
      cellsHighlighted: run.applied!.cells,
      clearSyncs: -1,
      note: "every other row flagged",
    });
    await gateway.clearHighlights();
    expect(wb.values("CTE Participants")).toEqual(before);
    expect(wb.conditionalFormats("CTE Participants")).toEqual([]);
  });

  it("a rule deleted by hand between read and highlight does not break the run", async () => {
    const wb = workbookOf(district(200));
    const gateway = gatewayOf(wb);
    await runCheck(gateway, { today: TODAY });
    const read = await gateway.readWorkbook();
    // The user deletes one of our rules by hand (Home > Conditional Formatting > Manage Rules).
    const first = wb.conditionalFormats("CTE Participants")[0];
    wb.sheet("CTE Participants").cfs = wb.sheet("CTE Participants").cfs.filter((c) => c.key !== first.key);
    const result = runChecklist(read.sheets, { today: TODAY });
    const plan = buildHighlightPlan(result.report.findings, { sheets: read.sheets.map((s) => s.name) });
    const applied = await gateway.applyHighlights(plan);
    expect(applied.rules).toBeGreaterThan(0);
    expect(wb.conditionalFormats("CTE Participants").length).toBe(
      plan.layers.filter((l) => l.sheet === "CTE Participants").reduce((n, l) => n + l.chunks.length, 0),
    );
  });
});

// ConditionalFormat.id is documented as the rule's priority position in its collection and Worksheet.id as
// stable within a session only; the fake models both (ids shift as rules come and go, sheets get new ids on
// reopen), so these cases fail for any Clear that keys on recorded ids.
describe("Clear removes exactly the add-in's rules, identified by the marker in their formula", () => {
  const sheet = "CTE Participants";
  /** rules a user might have, including ones that look like the add-in's old "=TRUE" rules */
  function addUserRules(wb: FakeWorkbook, on = sheet): string[] {
    return [
      wb.addUserConditionalFormat(on, "E2:E20", { type: "Custom", formula: "=TRUE", fill: HIGHLIGHT_FILL.error }),
      wb.addUserConditionalFormat(on, "C2:C9", { type: "CellValue", fill: "#FF0000" }),
      wb.addUserConditionalFormat(on, "A2:A5", { type: "Custom", formula: '=ISTEXT("CTE Snapshot Check")', fill: HIGHLIGHT_FILL.warning }),
      wb.addUserConditionalFormat(on, "B2:B9", { type: "Custom", formula: "=$B2>0", fill: "#C6EFCE" }),
    ];
  }

  it("the marker formula is one Excel accepts as a custom rule and always true; user formulas are not ours", () => {
    for (const severity of ["error", "warning"] as const) {
      expect(highlightFormula(severity)).toMatch(/^=ISTEXT\("CTE Snapshot Check highlight: (error|warning)"\)$/);
      expect(isOurRuleFormula(highlightFormula(severity))).toBe(true);
      expect(isOurRuleFormula(` ${highlightFormula(severity).toLowerCase()} `)).toBe(true);
    }
    for (const f of ["=TRUE", '=ISTEXT("CTE Snapshot Check")', '=ISTEXT("CTE Snapshot Check highlight: error")*0', null, undefined, ""]) {
      expect(isOurRuleFormula(f)).toBe(false);
    }
  });

  it("user rules added after Run are all kept (their ids shift ours)", async () => {
    const wb = workbookOf(district(400));
    const gateway = gatewayOf(wb);
    const run = await runCheck(gateway, { today: TODAY });
    expect(run.applied!.rules).toBeGreaterThan(1);
    const user = addUserRules(wb);
    wb.resetStats();
    const cleared = await gateway.clearHighlights();
    expect(cleared.removed).toBe(run.applied!.rules);
    expect(wb.stats.syncs).toBeLessThanOrEqual(3); // the sheet list is as the read saw it
    expect(keys(wb, sheet)).toEqual([...user].reverse());
    for (const n of wb.sheetNames()) expect(ours(wb, n)).toEqual([]);
  });

  it("after save and reopen (new sheet ids, a new pane) every rule of ours goes, the user's stay", async () => {
    const wb = workbookOf(district(800));
    const before = addUserRules(wb);
    const run = await runCheck(gatewayOf(wb), { today: TODAY });
    expect(run.applied!.rules).toBeGreaterThan(0);
    const after = addUserRules(wb, "Career Concentrators");
    const idsBefore = wb.sheets.map((s) => s.id);
    wb.reopen();
    expect(wb.sheets.map((s) => s.id)).not.toEqual(idsBefore);
    wb.resetStats();
    const cleared = await gatewayOf(wb).clearHighlights();
    expect(cleared.removed).toBe(run.applied!.rules);
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(keys(wb, sheet)).toEqual([...before].reverse());
    expect(keys(wb, "Career Concentrators")).toEqual([...after].reverse());
    for (const n of wb.sheetNames()) expect(ours(wb, n)).toEqual([]);
  });

  it("a renamed sheet keeps no highlights after Clear, in the same session or after reopen", async () => {
    for (const reopen of [false, true]) {
      const wb = workbookOf(district(200));
      const gateway = gatewayOf(wb);
      const run = await runCheck(gateway, { today: TODAY });
      wb.renameSheet(sheet, "Participants 2025-26");
      const user = addUserRules(wb, "Participants 2025-26");
      if (reopen) wb.reopen();
      const cleared = await (reopen ? gatewayOf(wb) : gateway).clearHighlights();
      expect(cleared.removed).toBe(run.applied!.rules);
      expect(keys(wb, "Participants 2025-26")).toEqual([...user].reverse());
      for (const n of wb.sheetNames()) expect(ours(wb, n)).toEqual([]);
    }
  });

  it("a copied sheet's copies of our rules are ours too and go; the user's rules on both sheets stay", async () => {
    const wb = workbookOf(district(300));
    const gateway = gatewayOf(wb);
    const user = addUserRules(wb);
    const run = await runCheck(gateway, { today: TODAY });
    const oursOnSheet = ours(wb, sheet).length;
    wb.copySheet(sheet, "CTE Participants (2)");
    expect(ours(wb, "CTE Participants (2)").length).toBe(oursOnSheet);
    const userOnCopy = keys(wb, "CTE Participants (2)").filter((k) => !ours(wb, "CTE Participants (2)").some((c) => c.key === k));
    const cleared = await gateway.clearHighlights();
    expect(cleared.removed).toBe(run.applied!.rules + oursOnSheet);
    expect(keys(wb, sheet)).toEqual([...user].reverse());
    expect(keys(wb, "CTE Participants (2)")).toEqual(userOnCopy);
    expect(userOnCopy.length).toBe(user.length);
  });

  it("Run twice (with a user rule added in between) leaves one set of our rules, and the user's", async () => {
    const wb = workbookOf(district(500));
    const gateway = gatewayOf(wb);
    const first = await runCheck(gateway, { today: TODAY });
    const once = ours(wb, sheet).map((c) => `${c.formula} ${c.fill} ${c.address}`);
    const user = addUserRules(wb);
    const second = await runCheck(gateway, { today: TODAY });
    expect(second.applied!.removed).toBe(first.applied!.rules);
    expect(ours(wb, sheet).map((c) => `${c.formula} ${c.fill} ${c.address}`)).toEqual(once);
    expect(
      keys(wb, sheet)
        .filter((k) => user.includes(k))
        .sort(),
    ).toEqual([...user].sort());
    // And after a reopen, a third run still replaces rather than stacks.
    wb.reopen();
    const third = await runCheck(gatewayOf(wb), { today: TODAY });
    expect(third.applied!.removed).toBe(second.applied!.rules);
    expect(ours(wb, sheet).length).toBe(once.length);
  });

  it("Clear twice: the second finds nothing to remove and writes nothing", async () => {
    const wb = workbookOf(district(200));
    const gateway = gatewayOf(wb);
    const user = addUserRules(wb);
    await runCheck(gateway, { today: TODAY });
    expect((await gateway.clearHighlights()).removed).toBeGreaterThan(0);
    wb.resetStats();
    expect((await gateway.clearHighlights()).removed).toBe(0);
    expect(wb.stats.syncRecords.every((r) => r.writes === 0)).toBe(true);
    expect(wb.stats.syncs).toBeLessThanOrEqual(3);
    expect(keys(wb, sheet)).toEqual([...user].reverse());
  });

  it("a sheet added since the read is looked at too (one more round trip), and nothing is deleted without the marker", async () => {
    const wb = workbookOf(district(200));
    const gateway = gatewayOf(wb);
    await runCheck(gateway, { today: TODAY });
    wb.addSheet("Tracking", [["Item"], ["x"]]);
    const lookalike = wb.addUserConditionalFormat("Tracking", "A1:A2", { type: "Custom", formula: "=TRUE", fill: HIGHLIGHT_FILL.error });
    const copiedByHand = wb.addUserConditionalFormat("Tracking", "A2", {
      type: "Custom",
      formula: highlightFormula("warning"),
      fill: HIGHLIGHT_FILL.warning,
    });
    wb.resetStats();
    await gateway.clearHighlights();
    expect(wb.stats.syncs).toBe(4);
    expect(keys(wb, "Tracking")).toEqual([lookalike]);
    expect(copiedByHand).toBeTruthy();
  });
});

describe("reading", () => {
  it("hands the engine what the CLI reader gives it: same findings on the sample district", async () => {
    const file = path.join(__dirname, "..", "samples", "district-sample.xlsx");
    const input = await readSpreadsheet(file);
    const wb = new FakeWorkbook();
    for (const s of input.sheets) {
      // Office.js gives dates as serial numbers and empty cells as "".
      // Office.js gives dates as serial numbers, error cells as their literal and empty cells as "".
      wb.addSheet(
        s.name,
        s.rows.map((r) => r.map((v) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : isCellError(v) ? v.error : (v ?? "")))),
      );
    }
    const read = await gatewayOf(wb).readWorkbook();
    const strip = (r: ReturnType<typeof runChecklist>) => r.report.findings.map((f) => [f.rule, f.sheet, f.cell, f.severity].join(" "));
    const cli = runChecklist(input.sheets, { today: TODAY });
    const pane = runChecklist(read.sheets, { today: TODAY });
    expect(strip(pane)).toEqual(strip(cli));
    expect(pane.report.checklist.map((t) => [t.topic, t.status, t.errors, t.warnings, t.figure.text])).toEqual(
      cli.report.checklist.map((t) => [t.topic, t.status, t.errors, t.warnings, t.figure.text]),
    );
    expect(pane.report.findings.length).toBeGreaterThan(10);
  });

  it("a used range that starts below and right of A1 keeps Excel's addresses", async () => {
    const wb = new FakeWorkbook();
    const p = participantsSheet(60);
    wb.addSheet("Offset", p.rows, { firstRow: 4, firstColumn: 3 });
    const read = await gatewayOf(wb).readWorkbook();
    const sheet = read.sheets[0];
    expect(sheet.firstRow).toBe(1);
    expect(sheet.rows[3][2]).toBe("Student ID");
    const findings = runChecklist(read.sheets, { today: TODAY }).report.findings;
    const grade7 = findings.find((f) => f.rule === "GRADE-OUT-OF-RANGE")!;
    // data row 50 is worksheet row 4 + 50; Grade Level is the third column from C: E
    expect(grade7.cell).toBe("E54");
  });

  it("reports progress per sheet and reads a wide sheet in smaller blocks to stay under 5 MB per response", async () => {
    const wide: GeneratedSheet = { name: "Wide", rows: [] };
    const header = Array.from({ length: 60 }, (_, i) => `Column ${i + 1}`);
    wide.rows.push(header);
    for (let r = 1; r <= 30_000; r++) wide.rows.push(header.map((_, c) => `value ${r}-${c} with some longer text`));
    const wb = workbookOf([wide, concentratorsSheet(100)]);
    const progress: string[] = [];
    const read = await gatewayOf(wb).readWorkbook((p) => progress.push(`${p.sheet} ${p.rowsRead}/${p.rows}`));
    expect(read.sheets[0].rows.length).toBe(30_001);
    expect(read.sheets[0].rows[30_000][59]).toBe("value 30000-59 with some longer text");
    // The first guess was too big for this text-heavy sheet: Excel refused it once, then smaller blocks fit.
    expect(wb.stats.rejectedSyncs).toBeGreaterThanOrEqual(1);
    expect(wb.stats.largestResponseBytes).toBeLessThan(5 * 1024 * 1024);
    expect(progress[progress.length - 1]).toBe("Career Concentrators 101/101");
    expect(progress.filter((p) => p.startsWith("Wide")).length).toBeGreaterThan(2);
  });

  it("never asks for more than 5,000,000 cells or 20,000 rows in one read", async () => {
    const wb = workbookOf([participantsSheet(45_000)]);
    const read = await gatewayOf(wb, { responseBudgetBytes: 100_000_000 }).readWorkbook();
    expect(read.sheets[0].rows.length).toBe(45_001);
    expect(wb.stats.largestLoadCells).toBeLessThanOrEqual(20_000 * 5);
    expect(wb.stats.syncs).toBeLessThanOrEqual(2 + 3);
  });

  it("refuses a used range blown up by a stray cell, with a way out", async () => {
    const wb = workbookOf([participantsSheet(10)]);
    wb.setCell(wb.sheet("CTE Participants"), 1_000_000, 16_000, "x");
    await expect(gatewayOf(wb).readWorkbook()).rejects.toThrow(
      /sheet ‘CTE Participants’ uses 1,000,001 rows × 16,001 columns, far more than an export has\. Delete the stray cells/,
    );
    expect(wb.stats.syncs).toBe(2);
  });
});

describe("splitting large writes", () => {
  it("splits a write over the request budget, suspending calculation and screen updating once", async () => {
    const wb = workbookOf(district(3_000));
    const gateway = gatewayOf(wb, { requestBudgetBytes: 4_000 });
    const read = await gateway.readWorkbook();
    const result = runChecklist(read.sheets, { today: TODAY });
    const plan: HighlightPlan = buildHighlightPlan(result.report.findings, { sheets: read.sheets.map((s) => s.name), maxChunkChars: 60 });
    wb.resetStats();
    const applied = await gateway.applyHighlights(plan);
    expect(applied.rules).toBeGreaterThan(5);
    expect(wb.stats.syncs).toBeGreaterThan(2);
    expect(wb.stats.calcSuspensions).toBe(1);
    expect(wb.stats.screenSuspensions).toBe(1);
    expect(wb.stats.writesWithEventsOn).toBe(0);
    expect(wb.enableEvents).toBe(true);
  });
});

describe("errors", () => {
  it("Excel errors become plain sentences, and events are restored after a failed write", async () => {
    const wb = workbookOf(district(100));
    const gateway = gatewayOf(wb);
    const read = await gateway.readWorkbook();
    const plan = buildHighlightPlan(runChecklist(read.sheets, { today: TODAY }).report.findings, {
      sheets: read.sheets.map((s) => s.name),
    });
    // The address limit of Excel rejects the write: our plan never builds such an address, a forced one does.
    const bad: HighlightPlan = {
      ...plan,
      layers: [{ ...plan.layers[0], chunks: [Array.from({ length: 2500 }, (_, i) => `A${i + 2}`).join(",")] }],
    };
    const err = await gateway.applyHighlights(bad).catch((e) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toMatch(/^Could not highlight the cells: Excel did not accept/);
    expect(wb.enableEvents).toBe(true);
  });

  it("cell-edit mode is explained", async () => {
    const busy = new OfficeExcelGateway({
      run: () => Promise.reject(new FakeExcelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.")),
    });
    await expect(busy.readWorkbook()).rejects.toThrow(
      "Could not read the workbook: Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
    );
  });

  it("going to a cell of a deleted sheet says so", async () => {
    const wb = workbookOf(district(10));
    await expect(gatewayOf(wb).selectCell("Gone", "B2")).rejects.toThrow(/sheet ‘Gone’ is no longer in this workbook/);
  });
});

describe("navigation, summary sheet, settings", () => {
  it("selects a finding's cell on its sheet in one round trip", async () => {
    const wb = workbookOf(district(10));
    wb.resetStats();
    await gatewayOf(wb).selectCell("Career Concentrators", "E7");
    expect(wb.selection).toEqual({ sheet: "Career Concentrators", address: "E7" });
    expect(wb.activeSheetId).toBe(wb.sheet("Career Concentrators").id);
    expect(wb.stats.syncs).toBe(1);
  });

  it("writes the Snapshot Checklist sheet as a new sheet each time, neutralising formula text", async () => {
    const wb = workbookOf(district(100));
    const gateway = gatewayOf(wb);
    const run = await runCheck(gateway, { today: TODAY });
    const valuesBefore = wb.values("CTE Participants");
    wb.resetStats();
    const first = await gateway.writeChecklistSheet({
      report: run.result.report,
      teamMembers: '=HYPERLINK("http://x") Ana, Ben',
      checkedOn: "2026-11-28",
    });
    expect(first.sheet).toBe("Snapshot Checklist");
    expect(wb.stats.syncs).toBe(2);
    const values = wb.values("Snapshot Checklist");
    expect(values[0][0]).toBe("CTE and Career Education Data Check — school year 2025-26");
    expect(values[1]).toEqual(expect.arrayContaining(["Team Members:", '\'=HYPERLINK("http://x") Ana, Ben']));
    expect(values[2][1]).toBe(46354); // 2026-11-28 as Excel's date serial
    expect(wb.numberFormat("Snapshot Checklist", "B3")).toBe("yyyy-mm-dd");
    expect(values[5][0]).toBe("Topic");
    const topics = run.result.report.checklist;
    expect(values.slice(6, 6 + topics.length).map((r) => r[0])).toEqual(topics.map((t) => t.title));
    const iac = values.find((r) => r[0] === "IAC Codes")!;
    expect(iac[3]).toBe("FAIL");
    expect(typeof iac[4]).toBe("number");
    expect(wb.sheetInfo("Snapshot Checklist")).toEqual({ frozenRows: 6, orientation: "Landscape", printTitleRows: "$6:$6" });
    expect(wb.activeSheetId).toBe(wb.sheet("Snapshot Checklist").id);
    const second = await gateway.writeChecklistSheet({ report: run.result.report, teamMembers: "", checkedOn: "2026-11-29" });
    expect(second.sheet).toBe("Snapshot Checklist (2)");
    expect(wb.values("CTE Participants")).toEqual(valuesBefore);
    // The checklist sheets are told by their content and listed as not checked on the next run.
    const again = await runCheck(gateway, { today: TODAY });
    const own = again.result.report.sheets.filter((s) => s.sheet.startsWith("Snapshot Checklist"));
    expect(own.map((s) => [s.sheet, s.kind, s.note])).toEqual([
      ["Snapshot Checklist", null, OWN_SHEET_NOTE],
      ["Snapshot Checklist (2)", null, OWN_SHEET_NOTE],
    ]);
    expect(again.result.report.findings.filter((f) => f.sheet.startsWith("Snapshot Checklist"))).toEqual([]);
  });

  it('text stays text (Excel would parse "01.10" as 1.1, a date-like name as a date, "=…" as a formula); the check date is a real date', async () => {
    const wb = workbookOf(district(100));
    const gateway = gatewayOf(wb);
    const run = await runCheck(gateway, { today: TODAY });
    const teamMembers = "01.10";
    await gateway.writeChecklistSheet({ report: run.result.report, teamMembers, checkedOn: "2026-11-29" });
    const layout = checklistLayout({ report: run.result.report, teamMembers, checkedOn: "2026-11-29" });
    const values = wb.values("Snapshot Checklist");
    expect(values[1][1]).toBe("01.10");
    layout.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const address = `${String.fromCharCode(65 + c)}${r + 1}`;
        if (r === 2 && c === 1) return;
        expect({ address, value: values[r][c] }).toEqual({ address, value: v });
        expect(wb.formula("Snapshot Checklist", address)).toBeNull();
        if (typeof v === "string")
          expect({ address, format: wb.numberFormat("Snapshot Checklist", address) }).toEqual({ address, format: "@" });
      }),
    );
    expect(values[2][1]).toBe(46355);
    expect(wb.numberFormat("Snapshot Checklist", "B3")).toBe("yyyy-mm-dd");
    // Names that look like numbers, dates or booleans, and an entry that is not a date, stay as typed.
    for (const [team, checkedOn] of [
      ["2026-11-29", "next Tuesday"],
      ["TRUE", "2026-02-30"],
      ["1e3", "2026-11-29"],
    ]) {
      const written = await gateway.writeChecklistSheet({ report: run.result.report, teamMembers: team, checkedOn });
      const v = wb.values(written.sheet);
      expect(v[1][1]).toBe(team);
      if (checkedOn === "2026-11-29") expect(v[2][1]).toBe(46355);
      else expect(v[2][1]).toBe(checkedOn);
    }
  });

  it("keeps settings in the document, across reopen, and refuses reference lists too large to keep", async () => {
    const wb = workbookOf(district(10));
    const gateway = gatewayOf(wb);
    expect(await gateway.loadSettings()).toEqual({ overrides: {}, references: [] });
    await gateway.saveSettings({ overrides: { Notes: { kind: "ignore" } }, schoolYear: "2024-25" });
    await gateway.saveSettings({
      teamMembers: "Ana, Ben",
      references: [{ name: "iac.csv", csv: "IAC code,Cluster\n01.09,Agriculture\n" }],
    });
    wb.reopen();
    const loaded = await gatewayOf(wb).loadSettings();
    expect(loaded).toEqual({
      overrides: { Notes: { kind: "ignore" } },
      schoolYear: "2024-25",
      teamMembers: "Ana, Ben",
      references: [{ name: "iac.csv", csv: "IAC code,Cluster\n01.09,Agriculture\n" }],
    });
    const huge = "Roster Code,Course Program\n" + "1,AP\n".repeat(400_000);
    await expect(gateway.saveSettings({ references: [{ name: "big.csv", csv: huge }] })).rejects.toThrow(
      /too large to keep in the workbook/,
    );
    // A damaged value never breaks the pane.
    wb.settings.set(SETTINGS_KEYS.settings, JSON.stringify("{not json"));
    expect((await gateway.loadSettings()).overrides).toEqual({});
  });

  it("a run uses the stored overrides and school year", async () => {
    const wb = workbookOf(district(100));
    const gateway = gatewayOf(wb);
    await gateway.saveSettings({ overrides: { "CTE Participants": { kind: "ignore" } }, schoolYear: "2024-25" });
    const run = await runCheck(gateway, { today: TODAY });
    expect(run.result.report.schoolYear).toBe("2024-25");
    expect(run.result.report.sheets.find((s) => s.sheet === "CTE Participants")!.kind).toBeNull();
    expect(run.result.report.findings.some((f) => f.sheet === "CTE Participants")).toBe(false);
    expect(wb.conditionalFormats("CTE Participants")).toEqual([]);
  });
});
