/**
 * Helpers for the end-to-end tests: run `cte-check` in-process (runCli) or as the real binary, and write
 * small workbooks / CSV files into a temporary folder.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/main";
import type { Report } from "../../src/core/report";
import { reportSchema } from "../../src/core/reportSchema";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "cte-check.js");
const COMPILED_MAIN = path.join(ROOT, "dist-cli", "cli", "main.js");

/** A fixed "today" for in-process runs, so the default school year (2025-26) never drifts. */
export const TODAY = new Date("2026-11-28T12:00:00Z");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCli in-process, capturing what it would print. */
export async function cli(argv: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    today: TODAY,
  });
  return { code, stdout, stderr };
}

/** The in-process CLI refuses the arguments as a usage error: exit status 2, and this first line on stderr. */
export async function expectUsageError(argv: readonly string[], firstLine: string): Promise<void> {
  const r = await cli(argv);
  expect(r.code).toBe(2);
  expect(r.stderr.split("\n")[0]).toBe(firstLine);
}

/** Builds dist-cli once when the compiled CLI is missing (`npm run build:cli`). */
export function ensureBuilt(): void {
  if (fs.existsSync(COMPILED_MAIN)) return;
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["run", "build:cli"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0 || !fs.existsSync(COMPILED_MAIN)) {
    throw new Error(`npm run build:cli failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** The real binary: `node bin/cte-check.js …` in a child process. */
export function bin(argv: readonly string[], cwd: string = ROOT): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The real binary without blocking, so independent runs can overlap. */
export function binAsync(argv: readonly string[], cwd: string = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** Parses stdout as one JSON document and validates it against the report schema. */
export function parseReport(stdout: string): Report {
  return reportSchema.parse(JSON.parse(stdout));
}

export type Cell = ExcelJS.CellValue;

export interface SheetSpec {
  name: string;
  /** rows[i] is worksheet row i + 1; null / undefined leaves the row empty */
  rows: (readonly Cell[] | null | undefined)[];
}

export async function writeXlsx(file: string, sheets: readonly SheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((row, i) => {
      if (!row) return;
      row.forEach((value, c) => {
        if (value !== null && value !== undefined && value !== "") ws.getCell(i + 1, c + 1).value = value;
      });
    });
  }
  await wb.xlsx.writeFile(file);
}

/** RFC 4180: quotes a field when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function writeCsv(file: string, rows: readonly (readonly (string | number)[])[]): void {
  fs.writeFileSync(file, csvText(rows));
}

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Plain text of an exceljs note (string or rich-text `{ texts }`), "" when there is none. */
export function noteText(note: ExcelJS.Cell["note"] | undefined): string {
  if (note === undefined || note === null) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

/** Solid fill colour (ARGB) of a cell, or null. */
export function fillArgb(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return fill.fgColor?.argb ?? null;
}

/** Every cell with a value, a style or a note, in every row (notes can sit on empty cells). */
export function eachCell(ws: ExcelJS.Worksheet, fn: (cell: ExcelJS.Cell) => void): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => fn(cell));
  });
}
