/**
 * Checks on a run's files before and after the engine, kept out of main.ts: the same input given twice,
 * an --out that replaces an existing file, and the JSON report's user text made safe to open in a
 * spreadsheet.
 */
import { promises as fsp } from "fs";
import * as path from "path";
import type { Report } from "../core/report";
import { neutralizeFormulaText } from "../core/text";

/**
 * The input files with repeats of the same file (same real path, so also through a symlink or "./") left
 * out, and one note per repeat. A file that cannot be resolved is kept: reading it reports the problem.
 */
export async function distinctInputFiles(files: readonly string[]): Promise<{ files: string[]; notes: string[] }> {
  const seen = new Map<string, string>();
  const kept: string[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const real = await fsp.realpath(file).catch(() => path.resolve(file));
    const first = seen.get(real);
    if (first !== undefined) {
      notes.push(`note: '${file}' is the same file as '${first}'; it is checked once.`);
      continue;
    }
    seen.set(real, file);
    kept.push(file);
  }
  return { files: kept, notes };
}

/** Whether --out names a file that exists now (so writing the copy replaces it). */
export async function outputExists(outPath: string): Promise<boolean> {
  const stat = await fsp.stat(outPath).catch(() => null);
  return stat !== null && stat.isFile();
}

/** The note said after an existing file was replaced by the annotated copy. */
export function replacedNote(outPath: string): string {
  return `note: '${outPath}' existed and was replaced by the annotated copy.`;
}

/**
 * The report as printed with --json: sheet names, column headers and figure keys are user text, so one
 * that starts like a formula (=, +, -, @, tab, CR) gets the same leading apostrophe as messages' text, in
 * case the JSON is opened or pasted into a spreadsheet. The engine's report itself is unchanged (the
 * annotated copy finds its sheets by their real names).
 */
export function reportForJson(report: Report): Report {
  const safe = neutralizeFormulaText;
  return {
    ...report,
    sheets: report.sheets.map((s) => ({
      ...s,
      sheet: safe(s.sheet),
      columns: Object.fromEntries(Object.entries(s.columns).map(([field, header]) => [field, safe(header)])),
      ...(s.inferred ? { inferred: s.inferred.map((i) => ({ ...i, column: safe(i.column) })) } : {}),
    })),
    findings: report.findings.map((f) => ({ ...f, sheet: safe(f.sheet), ...(f.column !== undefined ? { column: safe(f.column) } : {}) })),
    checklist: report.checklist.map((t) => ({
      ...t,
      figure: { ...(neutralizeKeys(t.figure) as Report["checklist"][number]["figure"]), text: t.figure.text },
    })),
    // Pathway names and course titles are the district's text.
    ...(report.possibleConcentrators
      ? { possibleConcentrators: neutralizeKeys(report.possibleConcentrators) as Report["possibleConcentrators"] }
      : {}),
  };
}

/** Every key and string value of a figure (nested objects and arrays too), neutralised. */
function neutralizeKeys(value: unknown): unknown {
  if (typeof value === "string") return neutralizeFormulaText(value);
  if (Array.isArray(value)) return value.map(neutralizeKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [neutralizeFormulaText(k), neutralizeKeys(v)]));
  }
  return value;
}
