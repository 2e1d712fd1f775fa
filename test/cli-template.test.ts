/**
 * `cte-check --template pathway-plan FILE.xlsx`: the empty Pathway Plan workbook (core's layout), its header
 * notes and Text format, and the refusals (an existing file is never replaced; exit status 2 says why).
 */
import * as fs from "fs";
import { promises as fsp } from "fs";
import * as os from "os";
import * as path from "path";
import { PATHWAY_PLAN_COLUMNS, PATHWAY_PLAN_SHEET_NAME } from "../src/core/pathwayPlanTemplate";
import { cli, expectUsageError, noteText, parseReport, readXlsx, sha256 } from "./helpers/e2e";

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "cte-template-"));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe("cte-check --template pathway-plan", () => {
  test("writes one Pathway Plan sheet: the header row, a note on each header cell, Text-formatted columns, a frozen header", async () => {
    const file = path.join(dir, "plan.xlsx");
    const r = await cli(["--template", "pathway-plan", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`Wrote ${file}: sheet ‘Pathway Plan’`);

    const wb = await readXlsx(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([PATHWAY_PLAN_SHEET_NAME]);
    const ws = wb.worksheets[0];
    const headers = PATHWAY_PLAN_COLUMNS.map((_, c) => ws.getCell(1, c + 1).value);
    expect(headers).toEqual(["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title", "Program Area"]);
    PATHWAY_PLAN_COLUMNS.forEach((column, c) => {
      const cell = ws.getCell(1, c + 1);
      expect(noteText(cell.note)).toBe(column.note);
      expect(cell.font?.bold).toBe(true);
      // The column's style is Text: what the user types below keeps its zeros.
      expect(ws.getColumn(c + 1).numFmt).toBe("@");
      expect(ws.getColumn(c + 1).width).toBe(column.width);
    });
    // Empty below the header: no example row that would be read as a pathway.
    expect(ws.actualRowCount).toBe(1);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  test("the IAC and roster-code notes say why the codes are kept as text", () => {
    const note = (field: string) => PATHWAY_PLAN_COLUMNS.find((c) => c.field === field)!.note;
    expect(note("iac")).toMatch(/01\.09.*leading zero/);
    expect(note("rosterCode")).toMatch(/leading zeros/);
  });

  test("an existing file is never replaced: exit 2, the file unchanged", async () => {
    const file = path.join(dir, "plan.xlsx");
    fs.writeFileSync(file, "my filled plan");
    const before = sha256(file);
    const r = await cli(["--template", "pathway-plan", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `cte-check: '${file}' already exists and is left as it is: give a new file name for the pathway-plan template.\n`,
    );
    expect(r.stdout).toBe("");
    expect(sha256(file)).toBe(before);
  });

  test("refusals: an unknown template, a file name that is not .xlsx, a missing folder", async () => {
    await expectUsageError(
      ["--template", "pathway", path.join(dir, "x.xlsx")],
      "cte-check: --template pathway: unknown template; the one there is: pathway-plan.",
    );
    const csv = await cli(["--template", "pathway-plan", path.join(dir, "plan.csv")]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/give a file name ending in \.xlsx/);
    expect(fs.existsSync(path.join(dir, "plan.csv"))).toBe(false);
    const missing = await cli(["--template", "pathway-plan", path.join(dir, "no-such-folder", "plan.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/could not write .*its folder does not exist/);
  });

  test("refusals: no file, two files, or options that check files", async () => {
    await expectUsageError(["--template", "pathway-plan"], "cte-check: --template pathway-plan needs the name of the .xlsx file to write.");
    await expectUsageError(
      ["--template", "pathway-plan", path.join(dir, "a.xlsx"), path.join(dir, "b.xlsx")],
      "cte-check: --template pathway-plan writes one file; 2 were given.",
    );
    await expectUsageError(
      ["--template", "pathway-plan", "--json", "--school-year", "2025-26", path.join(dir, "a.xlsx")],
      "cte-check: --template writes a new workbook and checks nothing: leave out --json, --school-year.",
    );
    await expectUsageError(["--template"], "cte-check: --template needs a value.");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("filled in and checked: recognised as a pathway plan, its codes read as typed, no finding on its rows", async () => {
    const file = path.join(dir, "plan.xlsx");
    expect((await cli(["--template", "pathway-plan", file])).code).toBe(0);
    const wb = await readXlsx(file);
    const ws = wb.worksheets[0];
    const rows = [
      ["Animal Systems", "01.09", "Agriculture, Food & Natural Resources", "01001", "AG101", "Intro to Agriculture"],
      ["", "", "", "01011", "AG210", "Veterinary Science"],
    ];
    rows.forEach((row, r) => row.forEach((v, c) => v !== "" && (ws.getCell(r + 2, c + 1).value = v)));
    await wb.xlsx.writeFile(file);
    const r = await cli(["--json", "--school-year", "2025-26", file]);
    const report = parseReport(r.stdout);
    expect(r.code).toBe(0);
    expect(report.sheets).toEqual([expect.objectContaining({ sheet: "Pathway Plan", kind: "pathway-plan", headerRow: 1, dataRows: 2 })]);
    // 01.09 is text in a Text cell: no IAC-STORED-AS-NUMBER, and the plan's pair is valid.
    expect(report.findings.filter((f) => f.sheet === "Pathway Plan").map((f) => f.rule)).toEqual([]);
  });

  test("--help lists --template and its exit statuses", async () => {
    const r = await cli(["--help"]);
    expect(r.stdout).toContain("--template pathway-plan <file.xlsx>");
    expect(r.stdout).toContain("With --template: 0 the file was written, 2 it was not");
  });
});
