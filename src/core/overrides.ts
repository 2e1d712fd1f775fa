/**
 * The user's corrections as the CLI takes them: `--map FILE` (JSON of exactly the overrides the task pane
 * keeps in the workbook: sheet name -> { kind, columns, headerRow }) and the flags `--kind "SHEET=KIND"`,
 * `--column "SHEET:FIELD=HEADER"`, `--header-row "SHEET=N"`. Validated against the sheets actually read,
 * so a typo in a sheet, kind, field or header is an error that names it, never a silently ignored choice.
 */
import { z } from "zod";
import { SheetInput } from "./cells";
import type { SheetOverride } from "./engine";
import { ALL_FIELDS, Field, KIND_SPEC, headerKey, recognize } from "./recognize";
import { EXPORT_KINDS, ExportKind } from "./report";
import { headerTexts } from "./table";

export class OverrideError extends Error {}

const KIND_OR_IGNORE = [...EXPORT_KINDS, "ignore"] as const;

export const sheetOverrideSchema = z
  .object({
    kind: z.enum(KIND_OR_IGNORE).optional(),
    columns: z
      .partialRecord(z.enum(ALL_FIELDS as [Field, ...Field[]]), z.union([z.string().min(1), z.number().int().nonnegative()]))
      .optional(),
    headerRow: z.number().int().positive().optional(),
  })
  .strict();

export const overrideMapSchema = z.record(z.string(), sheetOverrideSchema);

export type OverrideMap = Record<string, SheetOverride>;

function issueText(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join(" › ") : "the file";
  if (issue.code === "invalid_value" && issue.path[issue.path.length - 1] === "kind")
    return `${where}: unknown kind (use one of ${KIND_OR_IGNORE.join(", ")})`;
  if (issue.code === "invalid_key") return `${where}: unknown field (fields: ${ALL_FIELDS.join(", ")})`;
  if (issue.code === "unrecognized_keys" && issue.path[issue.path.length - 1] === "columns")
    return `${where}: unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} (fields: ${ALL_FIELDS.join(", ")})`;
  if (issue.code === "unrecognized_keys")
    return `${where}: unknown setting ${issue.keys.map((k) => `"${k}"`).join(", ")} (a sheet takes kind, columns and headerRow)`;
  return `${where}: ${issue.message}`;
}

/** The overrides of a --map file's text: the pane's override record, or a stored settings object holding one. */
export function parseOverrideMap(text: string, file: string): OverrideMap {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new OverrideError(`--map ${file} is not JSON: ${(err as Error).message}`);
  }
  if (json && typeof json === "object" && !Array.isArray(json) && "overrides" in json) json = (json as { overrides: unknown }).overrides;
  const parsed = overrideMapSchema.safeParse(json);
  if (!parsed.success) throw new OverrideError(`--map ${file}: ${parsed.error.issues.slice(0, 5).map(issueText).join("; ")}`);
  return parsed.data as OverrideMap;
}

function kindOf(text: string, flag: string): ExportKind | "ignore" {
  const k = text.trim().toLowerCase();
  if ((KIND_OR_IGNORE as readonly string[]).includes(k)) return k as ExportKind | "ignore";
  throw new OverrideError(`${flag}: unknown kind "${text.trim()}" (use one of ${KIND_OR_IGNORE.join(", ")}).`);
}

function splitLast(text: string, sep: string, flag: string, shape: string): [string, string] {
  const at = text.lastIndexOf(sep);
  if (at <= 0 || at === text.length - 1) throw new OverrideError(`${flag} "${text}" is not ${shape}.`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** Adds the --kind, --column and --header-row flags to a map (flags win over the map, field by field). */
export function overridesFromFlags(
  base: OverrideMap,
  flags: { kinds: readonly string[]; columns: readonly string[]; headerRows: readonly string[] },
): OverrideMap {
  const out: Record<string, { kind?: ExportKind | "ignore"; columns?: Partial<Record<Field, string | number>>; headerRow?: number }> = {};
  for (const [sheet, o] of Object.entries(base)) out[sheet] = { ...o, ...(o.columns ? { columns: { ...o.columns } } : {}) };
  const entry = (sheet: string) => (out[sheet] ??= {});
  for (const f of flags.kinds) {
    const [sheet, kind] = splitLast(f, "=", "--kind", `SHEET=KIND`);
    entry(sheet).kind = kindOf(kind, "--kind");
  }
  for (const f of flags.headerRows) {
    const [sheet, n] = splitLast(f, "=", "--header-row", "SHEET=N");
    if (!/^\d{1,7}$/.test(n) || Number(n) < 1)
      throw new OverrideError(`--header-row "${f}": the row must be a worksheet row number (1 or more).`);
    entry(sheet).headerRow = Number(n);
  }
  for (const f of flags.columns) {
    const { sheet, field, header } = splitColumnFlag(f);
    const e = entry(sheet);
    e.columns = { ...(e.columns ?? {}), [field]: header };
  }
  return out as OverrideMap;
}

const fieldNamed = (text: string): Field | undefined => ALL_FIELDS.find((x) => x.toLowerCase() === text.trim().toLowerCase());

/**
 * "SHEET:FIELD=HEADER". Sheet names and headers may hold ':' and '=' themselves ("a=b", "IAC: code"), so
 * the split is at the first ':' that is followed by a known field and '='.
 */
function splitColumnFlag(f: string): { sheet: string; field: Field; header: string } {
  for (let colon = f.indexOf(":"); colon > 0; colon = f.indexOf(":", colon + 1)) {
    const eq = f.indexOf("=", colon + 1);
    if (eq < 0) break;
    const field = fieldNamed(f.slice(colon + 1, eq));
    const sheet = f.slice(0, colon).trim();
    const header = f.slice(eq + 1).trim();
    if (field && sheet !== "" && header !== "") return { sheet, field, header };
  }
  const eq = f.indexOf("=");
  const left = eq > 0 ? f.slice(0, eq) : "";
  const colon = left.lastIndexOf(":");
  if (colon <= 0 || f.slice(eq + 1).trim() === "") throw new OverrideError(`--column "${f}" is not SHEET:FIELD=HEADER.`);
  throw new OverrideError(`--column "${f}": unknown field "${left.slice(colon + 1).trim()}" (fields: ${ALL_FIELDS.join(", ")}).`);
}

/**
 * Re-keys corrections to the sheet names as read: a name typed in another Unicode form (macOS file names are
 * decomposed, "e" + U+0301, where a typed "é" is one character) or another case names the same sheet, as
 * Excel's sheet names are case-insensitive. Names left unmatched stay, for validateOverrides to refuse.
 */
export function matchOverrideSheets(overrides: OverrideMap, sheets: readonly SheetInput[]): OverrideMap {
  const fold = (name: string) => name.normalize("NFC").toLowerCase();
  const byFolded = new Map<string, string>();
  for (const s of sheets) if (!byFolded.has(fold(s.name))) byFolded.set(fold(s.name), s.name);
  const exact = new Set(sheets.map((s) => s.name));
  const out: Record<string, SheetOverride> = {};
  // The JSON report shows a name that starts like a formula with a leading apostrophe ("'=Budget"); copied
  // from there, it still names the sheet.
  const unneutralised = (name: string) => (/^'[=+\-@\t\r]/.test(name) ? name.slice(1) : name);
  for (const [name, o] of Object.entries(overrides)) {
    const target = exact.has(name) ? name : (byFolded.get(fold(name)) ?? byFolded.get(fold(unneutralised(name))) ?? name);
    const prev = out[target];
    out[target] = prev ? { ...prev, ...o, ...(prev.columns || o.columns ? { columns: { ...prev.columns, ...o.columns } } : {}) } : o;
  }
  return out;
}

/** The sheet name nearest to a mistyped one (case and spacing ignored, then a shared prefix), for the error. */
function nearestSheet(name: string, sheets: readonly string[]): string | null {
  const key = headerKey(name);
  return sheets.find((s) => headerKey(s) === key) ?? sheets.find((s) => key.length > 2 && headerKey(s).startsWith(key.slice(0, 4))) ?? null;
}

/**
 * Checks every correction against the sheets read: the sheet exists, a column's header is in its header
 * row (or the index is within it), and a field belongs to the sheet's kind. Throws one error listing all.
 */
export function validateOverrides(overrides: OverrideMap, sheets: readonly SheetInput[]): void {
  const problems: string[] = [];
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const [name, o] of Object.entries(overrides)) {
    const sheet = byName.get(name);
    if (!sheet) {
      const near = nearestSheet(name, [...byName.keys()]);
      const inputs = [...byName.keys()].map((s) => `‘${s}’`).join(", ");
      problems.push(`no sheet or CSV file named ‘${name}’${near ? ` (did you mean ‘${near}’?)` : ""}; the inputs have: ${inputs}`);
      continue;
    }
    if (o.kind === "ignore") continue;
    const first = sheet.firstRow ?? 1;
    if (o.headerRow !== undefined && (o.headerRow < first || o.headerRow - first >= sheet.rows.length)) {
      problems.push(`‘${name}’ has no row ${o.headerRow} (its rows are ${first}-${first + sheet.rows.length - 1})`);
      continue;
    }
    if (!o.columns) continue;
    const r = recognize(sheet.rows, o.kind ?? null, o.headerRow !== undefined ? o.headerRow - first : undefined, { name });
    if (r.kind === null || r.headerIndex === null) {
      problems.push(`‘${name}’ is not recognised, so its columns cannot be set: give its kind too (--kind "${name}=KIND")`);
      continue;
    }
    const headers = headerTexts(sheet, r.headerIndex);
    for (const [field, target] of Object.entries(o.columns) as [Field, string | number][]) {
      if (!KIND_SPEC[r.kind].fields.includes(field)) {
        problems.push(
          `‘${name}’ is a ${KIND_SPEC[r.kind].title}, which has no field ${field} (its fields: ${KIND_SPEC[r.kind].fields.join(", ")})`,
        );
      } else if (typeof target === "number" ? target >= headers.length : !headers.some((h) => headerKey(h) === headerKey(target))) {
        const column = typeof target === "number" ? `number ${target}` : `‘${target}’`;
        const named = headers
          .filter((h) => h !== "")
          .map((h) => `‘${h}’`)
          .join(", ");
        problems.push(`‘${name}’ has no column ${column} for ${field} (its headers: ${named})`);
      }
    }
  }
  if (problems.length) throw new OverrideError(`Corrections refused: ${problems.join("; ")}.`);
}
