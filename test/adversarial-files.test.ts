/**
 * Malformed and awkward files through the CLI (issue 5): a clear message and exit 2, or a correct
 * report; never a stack trace, never a partial --out file.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Report } from "../src/core/report";
import { cli, fillArgb, parseReport, readXlsx, writeCsv } from "./helpers/e2e";

let dir: string;
const file = (name: string) => path.join(dir, name);
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-adversarial-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function check(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await cli(["--json", ...args]);
  noStack(r.stderr);
  expect([0, 1]).toContain(r.code);
  return { code: r.code, report: parseReport(r.stdout), stderr: r.stderr };
}

test("dates, booleans, formulas and error values in checked columns are reported, not crashed on", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Concentrators");
  ws.addRow(["WSN", "Grade", "IAC Code", "Cluster"]);
  ws.addRow(["9000000001", true, new Date(Date.UTC(2026, 0, 9)), "Information Technology"]);
  ws.addRow(["9000000002", { formula: "10+2", result: 12 }, { formula: "A1", result: { error: "#REF!" } }, "Information Technology"]);
  ws.addRow([
    { formula: "NA()", result: { error: "#N/A" } },
    11,
    "11.01",
    { richText: [{ text: "Information " }, { text: "Technology" }] },
  ]);
  await wb.xlsx.writeFile(file("types.xlsx"));
  const { code, report } = await check([file("types.xlsx")]);
  expect(code).toBe(1);
  const at = (cell: string) => report.findings.filter((f) => f.cell === cell).map((f) => f.rule);
  expect(at("B2")).toEqual(["GRADE-INVALID"]);
  expect(at("C2")).toEqual(["IAC-INVALID-FORMAT"]);
  expect(at("B3")).toEqual([]);
  expect(at("C3")).toEqual(["VALUE-ERROR"]);
  expect(at("A4")).toEqual(["VALUE-ERROR"]);
  expect(report.findings.filter((f) => f.row === 4 && f.rule !== "VALUE-ERROR")).toEqual([]);
});

test("merged cells: a merged title above the header and a merged block in the data", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Participants");
  ws.getCell("A1").value = "CTE Participant export 2025-26";
  ws.mergeCells("A1:C1");
  ws.addRow([]);
  ws.getRow(3).values = ["Student ID", "Grade", "School"];
  ws.getRow(4).values = ["9000000001", 9, "Badger Valley High School"];
  ws.getRow(5).values = ["9000000002", 10, "Badger Valley High School"];
  ws.mergeCells("C4:C5");
  await wb.xlsx.writeFile(file("merged.xlsx"));
  const { code, report } = await check([file("merged.xlsx")]);
  expect(code).toBe(0);
  expect(report.sheets[0]).toMatchObject({ kind: "participants", headerRow: 3, dataRows: 2 });
});

test("a very wide sheet (3,000 columns) is read and checked", async () => {
  const header = ["Student ID", "Grade", ...Array.from({ length: 2998 }, (_, i) => `Extra ${i + 1}`)];
  const rows = [
    header,
    ...Array.from({ length: 30 }, (_, i) => [String(9000000000 + i), i === 7 ? 8 : 10, ...Array.from({ length: 2998 }, (_, c) => c % 7)]),
  ];
  writeCsv(file("wide.csv"), rows);
  const { code, report } = await check([file("wide.csv")]);
  expect(code).toBe(1);
  expect(report.findings.map((f) => [f.rule, f.row])).toEqual([["GRADE-OUT-OF-RANGE", 9]]);
});

test("a 200,000-row CSV gives a correct report, and --out writes a complete copy", async () => {
  const rows: (string | number)[][] = [["Student ID", "Grade"]];
  for (let i = 0; i < 200_000; i++) rows.push([i === 123_456 ? "" : String(9000000000 + i), i === 199_999 ? "13" : 9 + (i % 4)]);
  writeCsv(file("big.csv"), rows);
  const out = file("big.checked.xlsx");
  const r = await cli(["--json", "--out", out, file("big.csv")]);
  noStack(r.stderr);
  expect(r.code).toBe(1);
  const report = parseReport(r.stdout);
  expect(report.sheets[0]).toMatchObject({ kind: "participants", dataRows: 200_000 });
  expect(report.findings.map((f) => [f.rule, f.row])).toEqual([
    ["STUDENT-ID-MISSING", 123_458],
    ["GRADE-INVALID", 200_001],
  ]);
  expect(report.checklist[0].figure.text).toBe("199999 students");
  const copy = await readXlsx(out);
  const ws = copy.getWorksheet("big")!;
  expect(ws.rowCount).toBe(200_001);
  expect(fillArgb(ws.getCell("A123458"))).toBe("FFFFC7CE");
  expect(fs.readdirSync(dir).filter((f) => f.includes(".tmp") || f.startsWith("."))).toEqual([]);
}, 180_000);

test("--out into a path that is a directory fails cleanly and leaves nothing behind", async () => {
  fs.mkdirSync(file("a-folder.xlsx"));
  writeCsv(file("p.csv"), [
    ["Student ID", "Grade"],
    ["1", 9],
  ]);
  const before = fs.readdirSync(dir).sort();
  const r = await cli(["--out", file("a-folder.xlsx"), file("p.csv")]);
  expect(r.code).toBe(2);
  noStack(r.stderr);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(fs.readdirSync(dir).sort()).toEqual(before);
});

test("a CSV with a semicolon separator, BOM, quotes and an embedded newline", async () => {
  fs.writeFileSync(
    file("semi.csv"),
    '\ufeffStudent ID;Student Name;Grade\r\n9000000001;"Doe; Jane ""JJ""";9\r\n9000000002;"Multi\nLine";7\r\n',
  );
  const { report } = await check([file("semi.csv")]);
  expect(report.findings.map((f) => [f.rule, f.row, f.cell])).toEqual([["GRADE-OUT-OF-RANGE", 3, "C3"]]);
});
