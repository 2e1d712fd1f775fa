/**
 * The fake Excel models what Microsoft documents (and tests rely on it being this strict):
 * ConditionalFormat.id is the rule's priority position in its collection, Worksheet.id changes on reopen,
 * and strings assigned to Range.values are parsed as if typed unless the cell's number format is Text.
 */
import { FakeContext, FakeWorkbook, parseTyped } from "./helpers/fakeExcel";

type Batch = (context: FakeContext) => Promise<unknown>;
const run = (wb: FakeWorkbook, batch: Batch) => wb.run(batch);

describe("fake Excel", () => {
  it("conditional-format ids are positions: a new rule goes first and shifts the others; items resolve by position when the command runs", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [["a"]]);
    const first = wb.addUserConditionalFormat("S", "A1", { formula: "=TRUE", fill: "#111111" });
    const second = wb.addUserConditionalFormat("S", "A1", { formula: "=TRUE", fill: "#222222" });
    expect(wb.conditionalFormats("S").map((c) => [c.id, c.key])).toEqual([
      ["0", second],
      ["1", first],
    ]);
    await run(wb, async (context) => {
      const rules = context.workbook.worksheets.getItem("S").getRange().conditionalFormats.load("items/id");
      await context.sync();
      expect(rules.items.map((r) => r.id)).toEqual(["0", "1"]);
      // Someone adds a rule between this batch's read and its delete: item 1 now is `second`.
      wb.addUserConditionalFormat("S", "A1", { formula: "=TRUE", fill: "#333333" });
      rules.items[1].delete();
      await context.sync();
    });
    expect(wb.conditionalFormats("S").map((c) => c.key)).toEqual([expect.any(String), first]);
    await expect(
      run(wb, async (context) => {
        context.workbook.worksheets.getItem("S").getRange().conditionalFormats.getItem("7").delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("sheet ids change on reopen; a copied sheet carries copies of the rules", () => {
    const wb = new FakeWorkbook();
    const id = wb.addSheet("S", [["a"]]);
    wb.addUserConditionalFormat("S", "A1", { formula: "=TRUE", fill: "#111111" });
    wb.reopen();
    expect(wb.sheet("S").id).not.toBe(id);
    wb.copySheet("S", "S (2)");
    expect(wb.sheetNames()).toEqual(["S", "S (2)"]);
    expect(wb.conditionalFormats("S (2)").map((c) => c.fill)).toEqual(["#111111"]);
    expect(wb.conditionalFormats("S (2)")[0].key).not.toBe(wb.conditionalFormats("S")[0].key);
  });

  it("values are parsed as if typed, except in Text-formatted cells", async () => {
    expect(parseTyped("01.10", "General")).toEqual({ value: 1.1 });
    expect(parseTyped("2026-11-29", "General")).toEqual({ value: 46355, format: "m/d/yyyy" });
    expect(parseTyped("=SUM(A1)", "General")).toEqual({ value: "", formula: "=SUM(A1)" });
    expect(parseTyped("'01.10", "General")).toEqual({ value: "01.10" });
    expect(parseTyped("true", "General")).toEqual({ value: true });
    expect(parseTyped("12%", "General")).toEqual({ value: 0.12 });
    expect(parseTyped("Ana, Ben", "General")).toEqual({ value: "Ana, Ben" });
    for (const text of ["01.10", "2026-11-29", "=SUM(A1)", "'x", "TRUE"]) expect(parseTyped(text, "@")).toEqual({ value: text });
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    await run(wb, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1");
      range.numberFormat = [["@", "General"]];
      range.values = [["01.10", "01.10"]];
      await context.sync();
    });
    expect([wb.cell("S", "A1"), wb.cell("S", "B1")]).toEqual(["01.10", 1.1]);
    expect(wb.numberFormat("S", "A1")).toBe("@");
  });
});
