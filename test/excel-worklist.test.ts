/**
 * The worklist sheets through the Office.js gateway, against the fake Excel (test/helpers/fakeExcel.ts), which
 * models what Microsoft documents: TableCollection.add over existing data (fails on overlap), table names unique
 * in the workbook (tables and defined names), tables deleted with their sheet, Worksheet.visibility (hidden
 * sheets are in the collection), formulas kept as formulas, number format "@" keeping text, and 2-D arrays
 * that must match their range. Round trips are counted by the fake.
 */
import { type CellValue, cellText } from "../src/core/cells";
import { CHECKLIST_HISTORY_COLUMNS, checklistLayout } from "../src/core/checklistSheet";
import { runChecklist } from "../src/core/engine";
import { FINDINGS_COLUMNS, FINDINGS_TABLE_NAME, findingsSheetLayout, isFindingsSheet, parseFindingsSheet } from "../src/core/findingsSheet";
import { buildHighlightPlan } from "../src/core/plan";
import { LOG_SHEET_NAME, LOG_TITLE, type WorkbookLog, parseLogSheet } from "../src/core/workbookLog";
import { GatewayError } from "../src/excel/gateway";
import { type ExcelRun, OfficeExcelGateway } from "../src/excel/officeGateway";
import { runCheck } from "../src/taskpane/runCheck";
import { type FakeContext, FakeWorkbook } from "./helpers/fakeExcel";
import { concentratorsSheet, participantsSheet } from "./helpers/district";
import { syntheticWorklist } from "./helpers/syntheticWorklist";

const TODAY = new Date("2026-11-28T12:00:00Z");
const MB = 1024 * 1024;

function gatewayOf(wb: FakeWorkbook): OfficeExcelGateway {
  return new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun });
}

const worklist = syntheticWorklist;

/** A sheet's cells from A1 to its last row ever written, as the engine takes them. */
function valuesOf(wb: FakeWorkbook, sheet: string): CellValue[][] {
  return wb.values(sheet) as CellValue[][];
}

/** The rows holding anything. */
function usedRows(wb: FakeWorkbook, sheet: string): CellValue[][] {
  return valuesOf(wb, sheet).filter((row) => row.some((v) => v !== ""));
}

/** A small district workbook after one "Run checklist" in the pane. */
async function checkedDistrict() {
  const wb = new FakeWorkbook();
  for (const s of [participantsSheet(120), concentratorsSheet(200)]) wb.addSheet(s.name, s.rows);
  const gateway = gatewayOf(wb);
  return { wb, gateway, run: await runCheck(gateway, { today: TODAY }) };
}

function writeSyncs(wb: FakeWorkbook): number {
  return wb.stats.syncRecords.filter((r) => r.writes > 0).length;
}

const LOG: WorkbookLog = {
  snapshotDate: "2026-12-01",
  acknowledgements: [
    { key: "IAC-FORMAT|participants|student:0000000001|iac", rule: "IAC-FORMAT", reason: "early graduate confirmed", on: "2026-11-27" },
  ],
  history: [],
};

describe("Findings sheet", () => {
  it("is one table from A1: our columns, name, style, banded rows and filter buttons; links are formulas, ids stay text", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"], ["0001"]]);
    const result = await gatewayOf(wb).writeFindingsSheet(worklist(3));
    expect(result).toEqual({ sheet: "Findings", table: FINDINGS_TABLE_NAME, rows: 3, created: true });
    expect(wb.sheetNames()).toEqual(["CTE Participants", "Findings"]);
    expect(wb.tableInfo()).toEqual([
      {
        name: FINDINGS_TABLE_NAME,
        sheet: "Findings",
        address: "A1:N4",
        style: "TableStyleMedium2",
        showBandedRows: true,
        showFilterButton: true,
        showHeaders: true,
        headers: [...FINDINGS_COLUMNS],
        rows: 3,
      },
    ]);
    const where = FINDINGS_COLUMNS.indexOf("Where");
    const whereCell = `${String.fromCharCode(65 + where)}2`;
    expect(wb.formula("Findings", whereCell)).toBe(`=HYPERLINK("#'CTE Participants'!C2","CTE Participants!C2")`);
    expect(wb.cell("Findings", whereCell)).toBe("CTE Participants!C2");
    expect(wb.numberFormat("Findings", whereCell)).toBe("General");
    // "0000000000" would be the number 0 without the Text format.
    expect(wb.cell("Findings", "F2")).toBe("0000000000");
    expect(wb.numberFormat("Findings", "F2")).toBe("@");
    expect(wb.cell("Findings", "L2")).toBe("2026-11-20");
    expect(wb.sheetInfo("Findings").frozenRows).toBe(1);
    expect(wb.activeSheetId).toBe(wb.sheet("Findings").id);
    expect(wb.enableEvents).toBe(true);
    // The engine tells the sheet by its content and reads the rows back.
    expect(isFindingsSheet(valuesOf(wb, "Findings"))).toBe(true);
    expect(parseFindingsSheet(valuesOf(wb, "Findings"))?.map((f) => [f.key, f.cell, f.sheet])).toEqual(
      worklist(3).map((r) => [r.key, r.cell, r.sheet]),
    );
  });

  it("a link to a sheet that is not in the workbook is plain text, and hostile text is not taken for a formula", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Data", [["x"]]);
    const rows = worklist(1, "Gone sheet").map((r) => ({ ...r, teamNote: '=HYPERLINK("http://example.invalid")', subject: "+1" }));
    await gatewayOf(wb).writeFindingsSheet(rows);
    expect(wb.formula("Findings", "E2")).toBeNull();
    expect(wb.cell("Findings", "E2")).toBe("Gone sheet!C2");
    expect(wb.formula("Findings", "J2")).toBeNull();
    expect(cellText(wb.cell("Findings", "J2") as CellValue).endsWith('=HYPERLINK("http://example.invalid")')).toBe(true);
    expect(wb.cell("Findings", "F2")).toBe("'+1");
  });

  it("a rewrite keeps one sheet and one table, sized to the new rows (nothing left below)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    const gateway = gatewayOf(wb);
    await gateway.writeFindingsSheet(worklist(40));
    wb.addSheet("Notes", [["mine"]]);
    const again = await gateway.writeFindingsSheet(worklist(5));
    expect(again).toMatchObject({ sheet: "Findings", created: false, rows: 5 });
    expect(wb.sheetNames()).toEqual(["CTE Participants", "Findings", "Notes"]);
    expect(wb.tableInfo()).toMatchObject([{ name: FINDINGS_TABLE_NAME, sheet: "Findings", address: "A1:N6", rows: 5 }]);
    expect(usedRows(wb, "Findings")).toHaveLength(6);
    // A new pane (no memory of the table) finds the same sheet by its table.
    await gatewayOf(wb).writeFindingsSheet(worklist(2));
    expect(wb.tableInfo()).toMatchObject([{ sheet: "Findings", address: "A1:N3" }]);
    expect(wb.sheetNames().filter((n) => n.startsWith("Findings"))).toEqual(["Findings"]);
  });

  it("never touches a user's sheet called Findings, nor a user's table or name called like ours", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Findings", [
      ["Who", "What"],
      ["Ana", "=not ours"],
    ]);
    wb.addUserTable("Findings", "A1:B2", FINDINGS_TABLE_NAME);
    wb.definedNames.push(`${FINDINGS_TABLE_NAME}2`);
    const before = wb.values("Findings");
    const gateway = gatewayOf(wb);
    const first = await gateway.writeFindingsSheet(worklist(4));
    expect(first).toMatchObject({ sheet: "Findings (2)", table: `${FINDINGS_TABLE_NAME}3`, created: true });
    const second = await gatewayOf(wb).writeFindingsSheet(worklist(2));
    expect(second).toMatchObject({ sheet: "Findings (2)", table: `${FINDINGS_TABLE_NAME}3`, created: false });
    expect(wb.values("Findings")).toEqual(before);
    expect(wb.tableInfo().map((t) => [t.name, t.sheet, t.address])).toEqual([
      [FINDINGS_TABLE_NAME, "Findings", "A1:B2"],
      [`${FINDINGS_TABLE_NAME}3`, "Findings (2)", "A1:N3"],
    ]);
    expect(wb.sheetNames()).toEqual(["Findings", "Findings (2)"]);
  });

  it("an earlier Findings sheet whose table a user removed (Convert to Range) is still ours and gets a table again", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Data", [["x"]]);
    await gatewayOf(wb).writeFindingsSheet(worklist(3));
    wb.tables = [];
    await gatewayOf(wb).writeFindingsSheet(worklist(2));
    expect(wb.sheetNames()).toEqual(["Data", "Findings"]);
    expect(wb.tableInfo()).toMatchObject([{ name: FINDINGS_TABLE_NAME, sheet: "Findings", address: "A1:N3" }]);
  });

  it.each([1_000, 20_000])(
    "%i findings: round trips set by the request size (one write per ~4 MB), not by rows; every request under 5 MB",
    async (n) => {
      const wb = new FakeWorkbook();
      wb.addSheet("CTE Participants", [["Student ID"]]);
      const gateway = gatewayOf(wb);
      const rows = worklist(n);
      const payload = JSON.stringify(findingsSheetLayout(rows).formulas).length;
      wb.resetStats();
      await gateway.writeFindingsSheet(rows);
      const first = { syncs: wb.stats.syncs, writes: writeSyncs(wb), largest: wb.stats.largestRequestBytes };
      wb.resetStats();
      await gateway.writeFindingsSheet(rows);
      const rewrite = { syncs: wb.stats.syncs, writes: writeSyncs(wb), largest: wb.stats.largestRequestBytes };
      console.log(
        `Findings sheet, ${n} findings (${(payload / MB).toFixed(1)} MB of cells): ` +
          `write ${first.syncs} syncs (${first.writes} writing), rewrite ${rewrite.syncs} (${rewrite.writes} writing), ` +
          `largest request ${(Math.max(first.largest, rewrite.largest) / MB).toFixed(2)} MB`,
      );
      expect(wb.stats.rejectedSyncs).toBe(0);
      // Calculation stays on: the links are formulas, and once suspended recalculating would be ours to do.
      expect(wb.stats.calcSuspensions).toBe(0);
      expect(Math.max(first.largest, rewrite.largest)).toBeLessThan(5 * MB);
      // Reads: sheets/tables/names, then the candidate table's header. Writes: one per ~4 MB of request.
      const writesBound = Math.ceil((payload * 1.4) / (4 * MB)) + 1;
      for (const m of [first, rewrite]) {
        expect(m.writes).toBeLessThanOrEqual(writesBound);
        expect(m.syncs - m.writes).toBeLessThanOrEqual(2);
      }
      expect(wb.tableInfo()).toMatchObject([{ rows: n }]);
      expect(wb.stats.syncs).toBeLessThanOrEqual(n === 1_000 ? 3 : 5);
    },
  );
});

describe("Findings sheet, edges", () => {
  it("takes a ready layout as well as worklist rows", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    await gatewayOf(wb).writeFindingsSheet(findingsSheetLayout(worklist(4), { sheets: ["CTE Participants"] }));
    expect(wb.tableInfo()).toMatchObject([{ name: FINDINGS_TABLE_NAME, address: "A1:N5" }]);
  });

  it("a write Excel refuses halfway turns events back on and says what failed", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    await gatewayOf(wb).writeFindingsSheet(worklist(50));
    // Someone adds a table where ours goes while the rewrite is under way (after its first write round trip).
    let syncs = 0;
    const run = ((batch: (context: FakeContext) => Promise<unknown>) =>
      wb.run(async (context) => {
        const sync = context.sync.bind(context);
        context.sync = async () => {
          if (++syncs === 4) wb.addUserTable("Findings", "A40:B41");
          return sync();
        };
        return batch(context);
      })) as unknown as ExcelRun;
    const gateway = new OfficeExcelGateway({ run, requestBudgetBytes: 20_000 });
    const failure = gateway.writeFindingsSheet(worklist(60).map((r) => ({ ...r, teamNote: "x".repeat(300) })));
    await expect(failure).rejects.toBeInstanceOf(GatewayError);
    await expect(failure).rejects.toThrow(/^Could not write the Findings sheet/);
    expect(syncs).toBeGreaterThan(4);
    expect(wb.enableEvents).toBe(true);
  });
});

describe("log sheet", () => {
  it("is added hidden, rewritten in place, read back by readWorkbook and parsed by the engine", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    const gateway = gatewayOf(wb);
    wb.resetStats();
    expect(await gateway.writeLog(LOG)).toEqual({ sheet: LOG_SHEET_NAME, created: true });
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Hidden");
    expect(wb.cell(LOG_SHEET_NAME, "A1")).toBe(LOG_TITLE);
    expect(parseLogSheet(valuesOf(wb, LOG_SHEET_NAME))).toEqual(LOG);

    const shorter: WorkbookLog = { ...LOG, acknowledgements: [] };
    wb.resetStats();
    expect(await gatewayOf(wb).writeLog(shorter)).toEqual({ sheet: LOG_SHEET_NAME, created: false });
    expect(wb.stats.syncs).toBeLessThanOrEqual(3);
    expect(wb.sheetNames()).toEqual(["CTE Participants", LOG_SHEET_NAME]);
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Hidden");
    expect(parseLogSheet(valuesOf(wb, LOG_SHEET_NAME))).toEqual(shorter);
    // The date stays text (no date serial), as typed.
    expect(wb.numberFormat(LOG_SHEET_NAME, "B3")).toBe("@");

    const read = await gatewayOf(wb).readWorkbook();
    const log = read.sheets.find((s) => s.name === LOG_SHEET_NAME);
    expect(log && parseLogSheet(log.rows)).toEqual(shorter);
  });

  it("readWorkbook reads hidden and very hidden sheets", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Data", [["x"]]);
    wb.addSheet("Hidden one", [["h"]]);
    wb.addSheet("Very hidden one", [["v"]]);
    wb.setVisibility("Hidden one", "Hidden");
    wb.setVisibility("Very hidden one", "VeryHidden");
    const read = await gatewayOf(wb).readWorkbook();
    expect(read.sheets.map((s) => [s.name, s.rows])).toEqual([
      ["Data", [["x"]]],
      ["Hidden one", [["h"]]],
      ["Very hidden one", [["v"]]],
    ]);
  });

  it("a user's sheet called CTE Check Log is left alone", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet(LOG_SHEET_NAME, [["my own notes"]]);
    expect(await gatewayOf(wb).writeLog(LOG)).toEqual({ sheet: `${LOG_SHEET_NAME} (2)`, created: true });
    expect(await gatewayOf(wb).writeLog(LOG)).toEqual({ sheet: `${LOG_SHEET_NAME} (2)`, created: false });
    expect(wb.values(LOG_SHEET_NAME)).toEqual([["my own notes"]]);
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Visible");
    expect(wb.visibility(`${LOG_SHEET_NAME} (2)`)).toBe("Hidden");
  });
});

describe("a finding's status", () => {
  async function written() {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    const gateway = gatewayOf(wb);
    await gateway.writeFindingsSheet(worklist(30));
    return { wb, gateway, rows: worklist(30) };
  }

  it("acknowledging writes the status and the reason in one read and one write; un-acknowledging clears the reason", async () => {
    const { wb, gateway, rows } = await written();
    const warning = rows[3];
    wb.resetStats();
    expect(await gateway.setFindingStatus(warning.key, "acknowledged", "  early graduate\nconfirmed ")).toEqual({
      updated: true,
      sheet: "Findings",
      row: 5,
    });
    expect(wb.stats.syncs).toBe(2);
    expect(writeSyncs(wb)).toBe(1);
    expect([wb.cell("Findings", "A5"), wb.cell("Findings", "K5")]).toEqual(["acknowledged", "early graduate confirmed"]);
    expect(parseFindingsSheet(valuesOf(wb, "Findings"))?.[3]).toMatchObject({ key: warning.key, status: "acknowledged" });

    await gatewayOf(wb).setFindingStatus(warning.key, "open");
    expect([wb.cell("Findings", "A5"), wb.cell("Findings", "K5")]).toEqual(["open", ""]);
    // Only that row changed.
    expect(wb.values("Findings").filter((r) => r[0] === "acknowledged")).toHaveLength(0);
  });

  it("finds the row by key after the user sorted the table, refuses errors, and changes nothing without a table or row", async () => {
    const { wb, gateway, rows } = await written();
    // The user sorts by Key descending: rows move.
    const sheet = wb.sheet("Findings");
    sheet.grid = [sheet.grid[0], ...sheet.grid.slice(1).reverse()];
    const target = rows[8];
    const result = await gateway.setFindingStatus(target.key, "acknowledged", "ok");
    expect(result).toMatchObject({ updated: true, row: 1 + 30 - 8 });
    expect(wb.cell("Findings", `N${result.row}`)).toBe(target.key);
    expect(wb.cell("Findings", `A${result.row}`)).toBe("acknowledged");

    await expect(gateway.setFindingStatus(rows[5].key, "acknowledged", "no")).rejects.toBeInstanceOf(GatewayError);
    expect(await gateway.setFindingStatus("NO-SUCH|key", "acknowledged")).toEqual({ updated: false, sheet: "Findings" });

    // The user dragged the Key column before Fixed on: the row is still found, with one more read.
    for (const row of sheet.grid) if (row) [row[12], row[13]] = [row[13], row[12]];
    wb.resetStats();
    const moved = await gateway.setFindingStatus(rows[9].key, "acknowledged", "moved");
    expect(moved).toMatchObject({ updated: true });
    expect(wb.stats.syncs).toBe(3);
    expect([wb.cell("Findings", `M${moved.row}`), wb.cell("Findings", `A${moved.row}`)]).toEqual([rows[9].key, "acknowledged"]);

    const empty = new FakeWorkbook();
    empty.addSheet("Data", [["x"]]);
    empty.resetStats();
    expect(await gatewayOf(empty).setFindingStatus(target.key, "acknowledged")).toEqual({ updated: false });
    expect(empty.stats.syncs).toBe(1);
    expect(writeSyncs(empty)).toBe(0);
  });
});

describe("many findings' statuses at once", () => {
  it("acknowledging a rule group of 200 takes one read and one write; errors are refused and unknown keys listed", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    const gateway = gatewayOf(wb);
    const rows = worklist(1_000);
    await gateway.writeFindingsSheet(rows);
    const group = rows.slice(0, 250);
    const changes = [
      ...group.map((r) => ({ key: r.key, status: "acknowledged" as const, reason: "left the district" })),
      { key: "GONE|key", status: "acknowledged" as const },
    ];
    wb.resetStats();
    const result = await gatewayOf(wb).setFindingStatuses(changes);
    expect(wb.stats.syncs).toBe(2);
    expect(writeSyncs(wb)).toBe(1);
    expect(wb.enableEvents).toBe(true);
    const errors = group.filter((r) => r.severity === "error").map((r) => r.key);
    expect(result.sheet).toBe("Findings");
    expect(result.refused).toEqual(errors);
    expect(result.missing).toEqual(["GONE|key"]);
    expect(result.rows.size).toBe(250 - errors.length);
    const parsed = parseFindingsSheet(valuesOf(wb, "Findings"))!;
    expect(parsed.filter((f) => f.status === "acknowledged").map((f) => f.key)).toEqual(
      group.filter((r) => r.severity !== "error").map((r) => r.key),
    );
    expect(parsed.find((f) => f.key === group[1].key)?.ackReason).toBe("left the district");
    // Un-acknowledging the group: one read, one write again; reasons cleared.
    wb.resetStats();
    await gateway.setFindingStatuses(group.map((r) => ({ key: r.key, status: "open" as const })));
    expect(wb.stats.syncs).toBe(2);
    expect(parseFindingsSheet(valuesOf(wb, "Findings"))!.filter((f) => f.status === "acknowledged" || f.ackReason)).toEqual([]);
  });
});

describe("the worklist across runs", () => {
  it("survives save and reopen: the team's columns and an acknowledgement carry into the next run, which does not highlight it", async () => {
    const { wb, gateway, run: first } = await checkedDistrict();
    const rows = first.result.tracking.worklist;
    expect(rows.length).toBeGreaterThan(5);
    await gateway.writeFindingsSheet(rows);
    await gateway.writeLog(first.result.tracking.nextLog);
    const warning = rows.find((r) => r.severity === "warning" && r.status !== "fixed")!;
    const error = rows.find((r) => r.severity === "error")!;
    await gateway.setFindingStatus(warning.key, "acknowledged", "early graduate confirmed");
    // The team writes an owner into the table by hand.
    const errorRow = wb.values("Findings").findIndex((r) => r[13] === error.key) + 1;
    await wb.run(async (context) => {
      context.workbook.worksheets.getItem("Findings").getRange(`I${errorRow}`).values = [["Ana"]];
      await context.sync();
    });

    wb.reopen();
    // Saved and reopened: the table, its links (formulas) and the hidden log are still there.
    expect(wb.tableInfo()).toMatchObject([{ name: FINDINGS_TABLE_NAME, sheet: "Findings", rows: rows.length }]);
    expect(wb.formula("Findings", "E2")).toMatch(/^=HYPERLINK\("#'/);
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Hidden");
    const pane = gatewayOf(wb);
    const second = await runCheck(pane, { today: TODAY });
    expect(wb.visibility(LOG_SHEET_NAME)).toBe("Hidden");
    const acknowledged = second.result.report.findings.find((f) => f.key === warning.key);
    expect(acknowledged).toMatchObject({ status: "acknowledged", reason: "early graduate confirmed" });
    // Not highlighted: not in the plan, and its cell shows no fill of ours.
    const plan = buildHighlightPlan(second.result.report.findings, { sheets: wb.sheetNames() });
    expect(plan.cells).toBe(second.plan.cells);
    expect(wb.displayedFill(acknowledged!.sheet, acknowledged!.cell!)).toBeNull();
    const errorFinding = second.result.report.findings.find((f) => f.key === error.key)!;
    expect(wb.displayedFill(errorFinding.sheet, errorFinding.cell!)).not.toBeNull();
    // Our own sheets are never checked, nor highlighted.
    expect(wb.conditionalFormats("Findings")).toEqual([]);
    expect(wb.conditionalFormats(LOG_SHEET_NAME)).toEqual([]);

    const carried = second.result.tracking.worklist.find((r) => r.key === error.key);
    expect(carried).toMatchObject({ assignedTo: "Ana", status: "open" });
    await pane.writeFindingsSheet(second.result.tracking.worklist);
    await pane.writeLog(second.result.tracking.nextLog);
    const again = wb.values("Findings");
    expect(again.find((r) => r[13] === error.key)?.[8]).toBe("Ana");
    expect(again.find((r) => r[13] === warning.key)?.slice(0, 1)).toEqual(["acknowledged"]);
    expect(wb.tableInfo()).toHaveLength(1);
    expect(parseLogSheet(valuesOf(wb, LOG_SHEET_NAME))?.history).toHaveLength(2);

    // Clear removes every highlight and leaves the worklist sheets as they are.
    await pane.clearHighlights();
    for (const name of wb.sheetNames()) expect(wb.conditionalFormats(name)).toEqual([]);
    expect(wb.values("Findings")).toEqual(again);
    expect(runChecklist((await pane.readWorkbook()).sheets, { today: TODAY }).report.findings.length).toBe(
      second.result.report.findings.length,
    );
  });
});

describe("Snapshot Checklist sheet", () => {
  it("shows the snapshot date with the days left and the run history as a bordered table below the notes", async () => {
    const { wb, gateway, run } = await checkedDistrict();
    const snapshot = { date: "2026-12-01", daysLeft: 3, inFinalTwoWeeks: true, passed: false, advice: "DPI advises syncing." };
    const history = [...run.result.tracking.nextLog.history, run.result.tracking.thisRun];
    const layout = checklistLayout({ report: run.result.report, checkedOn: "2026-11-28", snapshot, history });
    const { sheet } = await gateway.writeChecklistSheet({ report: run.result.report, checkedOn: "2026-11-28", snapshot, history });
    expect(layout.snapshotRow).toBe(5);
    expect([wb.cell(sheet, "A5"), wb.cell(sheet, "B5")]).toEqual(["Snapshot date:", "2026-12-01 — 3 days left. DPI advises syncing."]);
    const header = layout.historyHeaderRow!;
    const last = layout.historyLastRow!;
    expect(valuesOf(wb, sheet)[header - 1].slice(0, CHECKLIST_HISTORY_COLUMNS.length)).toEqual([...CHECKLIST_HISTORY_COLUMNS]);
    const line = valuesOf(wb, sheet)[last - 1];
    expect(line[0]).toBe(history[history.length - 1].runAt);
    expect(wb.numberFormat(sheet, `A${last}`)).toBe("@");
    expect(line[1]).toBe(history[history.length - 1].errors);
    const log = wb.formatLog(sheet);
    expect(log).toContain(`A5 font.bold=true`);
    expect(log).toContain(`A${header - 1} font.bold=true`);
    expect(log).toContain(`A${header}:H${last} border.InsideHorizontal.style="Continuous"`);
    // The notes' wrap stops above the history.
    expect(layout.notesRow).not.toBeNull();
    const wraps = log.filter((l) => l.endsWith("wrapText=true")).map((l) => l.split(" ")[0]);
    for (const w of wraps) expect(Number(/\d+$/.exec(w)![0])).toBeLessThan(header - 1);
  });
});
