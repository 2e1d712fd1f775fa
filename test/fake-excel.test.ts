/**
 * The fake Excel models what Microsoft documents (and tests rely on it being this strict):
 * ConditionalFormat.id is the rule's priority position in its collection, Worksheet.id changes on reopen,
 * and strings assigned to Range.values are parsed as if typed unless the cell's number format is Text.
 * Tables, sheet visibility and formulas follow the Excel JavaScript API reference (ExcelApi 1.1-1.4):
 * TableCollection.add "If the table cannot be added (e.g., because the address is invalid, or the table would
 * overlap with another table), an error will be thrown"; a table's name follows Excel's naming rules and is
 * unique in the workbook; Worksheet.delete fails on a "VeryHidden" sheet; WorksheetCollection.getCount(visibleOnly)
 * counts "only visible worksheets, skipping over any hidden ones" (so the collection holds hidden sheets);
 * Range.formulas "Represents the formula in A1-style notation".
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

  it("tables: added over existing data with headers, default name and style, Excel's name rules, no overlap", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [
      ["Id", "", "Id"],
      ["1", "2", "3"],
    ]);
    wb.definedNames.push("Taken_Name");
    await run(wb, async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      const table = ws.tables.add(ws.getRange("A1:C2"), true);
      table.load("name,style,showBandedRows,showFilterButton");
      await context.sync();
      expect([table.name, table.style, table.showBandedRows, table.showFilterButton]).toEqual(["Table1", "TableStyleMedium2", true, true]);
    });
    expect(wb.tableInfo("S")[0]).toMatchObject({ address: "A1:C2", headers: ["Id", "Column2", "Id2"], rows: 1 });
    for (const bad of ["has space", "1abc", "A1", "r", "RC", "x".repeat(256), "taken_name"]) {
      await expect(
        run(wb, async (context) => {
          context.workbook.tables.getItem("Table1").name = bad;
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: bad === "taken_name" ? "ItemAlreadyExists" : "InvalidArgument" });
    }
    wb.addUserTable("S", "E1:F3", "Other");
    await expect(
      run(wb, async (context) => {
        context.workbook.tables.getItem("table1").name = "OTHER";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(
      run(wb, async (context) => {
        context.workbook.tables.add("S!B2:E4", true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(
      run(wb, async (context) => {
        context.workbook.tables.getItem("Table1").style = "TableStyleMedium29";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("tables: without headers Excel inserts a header row; delete clears the cells; a deleted sheet takes its tables; a copy renames them", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S", [["a"], ["b"], ["below"]]);
    wb.addSheet("Other", [["x"]]);
    await run(wb, async (context) => {
      context.workbook.tables.add("S!A1:A2", false).name = "Mine";
      await context.sync();
    });
    expect(wb.values("S").map((r) => r[0])).toEqual(["Column1", "a", "b", "below"]);
    expect(wb.tableInfo()).toMatchObject([{ name: "Mine", address: "A1:A3" }]);
    wb.copySheet("S", "S (2)");
    expect(wb.tableInfo().map((t) => [t.name, t.sheet])).toEqual([
      ["Mine", "S"],
      ["Mine2", "S (2)"],
    ]);
    wb.deleteSheet("S (2)");
    expect(wb.tableInfo().map((t) => t.name)).toEqual(["Mine"]);
    await run(wb, async (context) => {
      context.workbook.tables.getItem("Mine").delete();
      await context.sync();
    });
    expect(wb.tableInfo()).toEqual([]);
    expect(wb.values("S").map((r) => r[0])).toEqual(["", "", "", "below"]);
  });

  it("visibility: hidden sheets are in the collection; the last visible sheet cannot be hidden; a very hidden one cannot be deleted", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("A", [["a"]]);
    wb.addSheet("B", [["b"]]);
    await run(wb, async (context) => {
      context.workbook.worksheets.getItem("B").visibility = "Hidden";
      const sheets = context.workbook.worksheets.load("items/name,items/visibility");
      const all = context.workbook.worksheets.getCount();
      const visible = context.workbook.worksheets.getCount(true);
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ["A", "Visible"],
        ["B", "Hidden"],
      ]);
      expect([all.value, visible.value]).toEqual([2, 1]);
    });
    await expect(
      run(wb, async (context) => {
        context.workbook.worksheets.getItem("A").visibility = "Hidden";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    wb.setVisibility("B", "VeryHidden");
    await expect(
      run(wb, async (context) => {
        context.workbook.worksheets.getItem("B").delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    wb.reopen();
    expect(wb.visibility("B")).toBe("VeryHidden");
  });

  it("formulas: kept as formulas (HYPERLINK shows its text), text in Text-formatted cells, and the array must match the range", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const link = `=HYPERLINK("#'Bob''s'!C7","Bob's!C7 ""x""")`;
    await run(wb, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B1");
      range.numberFormat = [["General", "@"]];
      range.formulas = [[link, "=1+1"]];
      const back = range.load("formulas,values");
      await context.sync();
      expect(back.formulas).toEqual([[link, "=1+1"]]);
      expect(back.values).toEqual([[`Bob's!C7 "x"`, "=1+1"]]);
    });
    expect([wb.formula("S", "A1"), wb.formula("S", "B1")]).toEqual([link, null]);
    await expect(
      run(wb, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B2").formulas = [["a", "b"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    wb.reopen();
    expect(wb.formula("S", "A1")).toBe(link);
  });
});
