/**
 * The Pathway Plan template (core layout shared by the CLI and the pane): once filled in, the engine
 * recognises it as a pathway plan with every column mapped, whichever layout was written (header notes,
 * or an explanation row above the header), and the finder reads its pathways from it.
 */
import type { CellValue } from "../src/core/cells";
import { runChecklist } from "../src/core/engine";
import { planFromRows } from "../src/core/pathways";
import { PATHWAY_PLAN_COLUMNS, PATHWAY_PLAN_SHEET_NAME, pathwayPlanLayout } from "../src/core/pathwayPlanTemplate";
import { KIND_SPEC, recognize } from "../src/core/recognize";

const FILLED: CellValue[][] = [
  ["Animal Systems", "01.09", "Agriculture, Food & Natural Resources", "01001", "AG101", "Intro to Agriculture", ""],
  ["", "", "", "01011", "AG210", "Veterinary Science", ""],
  ["Programming", "11.02", "Information Technology", "10152", "CS110", "Intro to Programming", "Business and Information Technology"],
  ["Programming", "11.02", "Information Technology", "10153", "CS210", "AP Computer Science A", ""],
];

function filledTemplate(cellNotes: boolean): CellValue[][] {
  const layout = pathwayPlanLayout({ cellNotes });
  return [...layout.rows.map((r) => [...r]), ...FILLED.map((r) => [...r])];
}

describe("the Pathway Plan template", () => {
  test("covers every field of the pathway-plan kind, each column with its own note", () => {
    expect(PATHWAY_PLAN_COLUMNS.map((c) => c.field).sort()).toEqual([...KIND_SPEC["pathway-plan"].fields].sort());
    expect(new Set(PATHWAY_PLAN_COLUMNS.map((c) => c.note)).size).toBe(PATHWAY_PLAN_COLUMNS.length);
    for (const c of PATHWAY_PLAN_COLUMNS) expect(c.note.length).toBeGreaterThan(40);
  });

  test.each([
    ["header notes", true, 0],
    ["an explanation row above the header", false, 1],
  ])("filled in (%s): recognised as a pathway plan, every column mapped from its header", (_, cellNotes, headerIndex) => {
    const rows = filledTemplate(cellNotes);
    const r = recognize(rows, undefined, undefined, { name: PATHWAY_PLAN_SHEET_NAME });
    expect(r.kind).toBe("pathway-plan");
    expect(r.headerIndex).toBe(headerIndex);
    expect(r.missing).toEqual([]);
    expect(r.inferred).toEqual([]);
    expect(r.mapping.columns).toEqual(Object.fromEntries(PATHWAY_PLAN_COLUMNS.map((c, i) => [c.field, i])));
  });

  test.each([true, false])("the finder reads its pathways, the blank rows continuing the pathway above (cell notes: %s)", (cellNotes) => {
    const plan = planFromRows(filledTemplate(cellNotes));
    expect(plan.pathways.map((p) => [p.name, p.iac, p.cluster, p.courses.map((c) => c.localCode)])).toEqual([
      ["Animal Systems", "01.09", "Agriculture, Food & Natural Resources", ["AG101", "AG210"]],
      ["Programming", "11.02", "Information Technology", ["CS110", "CS210"]],
    ]);
  });

  test("the empty template is recognised and checked without findings on its rows (nothing to check yet)", () => {
    for (const cellNotes of [true, false]) {
      const layout = pathwayPlanLayout({ cellNotes });
      const { report } = runChecklist([{ name: layout.sheetName, rows: layout.rows.map((r) => [...r]) }], { schoolYear: "2025-26" });
      expect(report.sheets[0]).toMatchObject({ sheet: "Pathway Plan", kind: "pathway-plan", headerRow: layout.headerRow, dataRows: 0 });
      expect(report.findings.filter((f) => f.sheet === "Pathway Plan" && f.row !== layout.headerRow)).toEqual([]);
    }
  });
});
