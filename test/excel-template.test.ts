/**
 * The pane's "Insert pathway plan template" through the Office.js gateway, against the fake Excel: the
 * layout of core's pathwayPlanLayout, header notes where the host has ExcelApi 1.18 and an explanation row
 * where it does not, Text-formatted cells that keep typed codes' zeros, and a name that never replaces a sheet.
 */
import { PATHWAY_PLAN_COLUMNS, TEMPLATE_FORMATTED_ROWS } from "../src/core/pathwayPlanTemplate";
import { ExcelRun, OfficeExcelGateway } from "../src/excel/officeGateway";
import { FakeContext, FakeWorkbook } from "./helpers/fakeExcel";

const HEADERS = PATHWAY_PLAN_COLUMNS.map((c) => c.header);

function gatewayOf(wb: FakeWorkbook): OfficeExcelGateway {
  return new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun, isSetSupported: wb.isSetSupported });
}

/** Types values into a sheet as a user (or a paste) would: through Range.values, parsed by the cells' formats. */
async function type(wb: FakeWorkbook, sheet: string, address: string, values: unknown[][]): Promise<void> {
  await wb.run(async (context: FakeContext) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = values;
    await context.sync();
  });
}

describe("insertPathwayPlanTemplate", () => {
  test("ExcelApi 1.18: a new sheet with the header row, a note on each header cell, a frozen header, in 2 round trips", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Concentrators", [["WSN", "Grade"]]);
    const result = await gatewayOf(wb).insertPathwayPlanTemplate();
    expect(result).toEqual({ sheet: "Pathway Plan", explanations: "notes" });
    expect(wb.sheetNames()).toEqual(["Concentrators", "Pathway Plan"]);
    expect(wb.values("Pathway Plan")).toEqual([HEADERS]);
    expect(wb.notes("Pathway Plan")).toEqual(PATHWAY_PLAN_COLUMNS.map((c, i) => ({ address: `${"ABCDEFG"[i]}1`, content: c.note })));
    expect(wb.sheetInfo("Pathway Plan").frozenRows).toBe(1);
    expect(wb.selection).toEqual({ sheet: "Pathway Plan", address: "A2" });
    expect(wb.stats.syncs).toBe(2);
    const log = wb.formatLog("Pathway Plan");
    expect(log).toContain("A1:G1 font.bold=true");
    expect(log).toContain(`A1 columnWidth=${Math.round(PATHWAY_PLAN_COLUMNS[0].width * 5.6 + 5)}`);
    expect(log.filter((l) => l.includes("columnWidth"))).toHaveLength(HEADERS.length);
  });

  test("the cells below the header are Text: typed codes keep their zeros (on another sheet they would not)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Scratch", [["x"]]);
    await gatewayOf(wb).insertPathwayPlanTemplate();
    const row = [["Animal Systems", "01.09", "Agriculture, Food & Natural Resources", "01001", "00123", "Vet Science", ""]];
    await type(wb, "Pathway Plan", "A2:G2", row);
    expect(wb.values("Pathway Plan")[1]).toEqual(row[0]);
    const last = 1 + TEMPLATE_FORMATTED_ROWS;
    expect(wb.numberFormat("Pathway Plan", `G${last}`)).toBe("@");
    expect(wb.numberFormat("Pathway Plan", `A${last + 1}`)).toBe("General");
    // The same typing on an ordinary sheet: Excel reads the codes as numbers.
    await type(wb, "Scratch", "B2:E2", [["01.09", "x", "01001", "00123"]]);
    expect(wb.values("Scratch")[1].slice(1, 5)).toEqual([1.09, "x", 1001, 123]);
  });

  test("a host without ExcelApi 1.18: the explanations are a wrapped row above the header, and no note is tried", async () => {
    const wb = new FakeWorkbook();
    wb.excelApi = "1.9";
    const result = await gatewayOf(wb).insertPathwayPlanTemplate();
    expect(result).toEqual({ sheet: "Pathway Plan", explanations: "row" });
    expect(wb.values("Pathway Plan")).toEqual([PATHWAY_PLAN_COLUMNS.map((c) => c.note), HEADERS]);
    expect(wb.notes("Pathway Plan")).toEqual([]);
    expect(wb.sheetInfo("Pathway Plan").frozenRows).toBe(2);
    expect(wb.selection).toEqual({ sheet: "Pathway Plan", address: "A3" });
    const log = wb.formatLog("Pathway Plan");
    expect(log).toContain("A1:G1 wrapText=true");
    expect(log).toContain("A2:G2 font.bold=true");
  });

  test("the fake refuses notes on a 1.9 host as Excel does, so the gateway must ask first", async () => {
    const wb = new FakeWorkbook();
    wb.excelApi = "1.9";
    const lying = new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun, isSetSupported: () => true });
    await expect(lying.insertPathwayPlanTemplate()).rejects.toMatchObject({ name: "GatewayError", code: "ApiNotFound" });
  });

  test("an existing Pathway Plan sheet is never replaced: the new one is Pathway Plan (2)", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("pathway plan", [["my", "filled", "plan"]]);
    const result = await gatewayOf(wb).insertPathwayPlanTemplate();
    expect(result.sheet).toBe("Pathway Plan (2)");
    expect(wb.values("pathway plan")).toEqual([["my", "filled", "plan"]]);
    expect(wb.values("Pathway Plan (2)")).toEqual([HEADERS]);
  });
});
