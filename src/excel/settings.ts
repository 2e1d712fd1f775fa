/**
 * What the add-in keeps in the workbook (Excel document settings, saved with the file). (Its highlights
 * need no record: each rule carries its own marker, see highlights.ts.) Pure: parsing and serialising only;
 * the gateway does the Excel calls.
 * Stored values are JSON strings validated on the way in, so a damaged or foreign value never breaks the pane.
 */
import { z } from "zod";
import type { SheetOverride } from "../core/engine";
import { EXPORT_KINDS } from "../core/report";

export const SETTINGS_KEYS = {
  /** overrides, school year, team members */
  settings: "cteSnapshotCheck.settings",
  /** loaded reference lists (CSV text) */
  references: "cteSnapshotCheck.references",
} as const;

/** Reference lists bigger than this (characters of JSON) are used for the session but not kept in the file. */
export const MAX_STORED_REFERENCE_CHARS = 1_500_000;

export interface StoredReference {
  /** the file name as loaded, e.g. "dpi-courses-2025.csv" */
  readonly name: string;
  /** the file's text (CSV) */
  readonly csv?: string;
  /** or its cells (a list read from a workbook) */
  readonly values?: (string | number | boolean | null)[][];
}

export interface WorkbookSettings {
  /** per sheet name: forced kind and column mapping */
  readonly overrides: Readonly<Record<string, SheetOverride>>;
  /** "2025-26"; absent: the default year */
  readonly schoolYear?: string;
  readonly teamMembers?: string;
  readonly references: readonly StoredReference[];
}

export const EMPTY_SETTINGS: WorkbookSettings = { overrides: {}, references: [] };

const overrideSchema = z.object({
  kind: z.enum([...EXPORT_KINDS, "ignore"]).optional(),
  columns: z.record(z.string(), z.union([z.string(), z.number().int().nonnegative()])).optional(),
  headerRow: z.number().int().positive().optional(),
});

const settingsSchema = z.object({
  overrides: z.record(z.string(), overrideSchema).catch({}),
  schoolYear: z.string().optional().catch(undefined),
  teamMembers: z.string().optional().catch(undefined),
});

const referenceSchema = z.object({
  name: z.string(),
  csv: z.string().optional(),
  values: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).optional(),
});

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Settings from the stored values (a missing or damaged value gives the defaults). */
export function parseSettings(settingsValue: unknown, referencesValue: unknown): WorkbookSettings {
  const parsed = settingsSchema.safeParse(parseJson(settingsValue) ?? {});
  const refs = z.array(referenceSchema).safeParse(parseJson(referencesValue) ?? []);
  const base = parsed.success ? parsed.data : { overrides: {} };
  return {
    overrides: base.overrides as Record<string, SheetOverride>,
    ...(base.schoolYear ? { schoolYear: base.schoolYear } : {}),
    ...(base.teamMembers ? { teamMembers: base.teamMembers } : {}),
    references: refs.success ? refs.data.filter((r) => r.csv !== undefined || r.values !== undefined) : [],
  };
}

export function serializeSettings(s: WorkbookSettings): string {
  return JSON.stringify({ overrides: s.overrides, schoolYear: s.schoolYear, teamMembers: s.teamMembers });
}

export function serializeReferences(refs: readonly StoredReference[]): string {
  return JSON.stringify(refs);
}

export function mergeSettings(current: WorkbookSettings, patch: Partial<WorkbookSettings>): WorkbookSettings {
  const merged: WorkbookSettings = { ...current, ...patch };
  // An explicit "" or undefined clears the value.
  const out: { -readonly [K in keyof WorkbookSettings]: WorkbookSettings[K] } = {
    overrides: merged.overrides ?? {},
    references: merged.references ?? [],
  };
  if (merged.schoolYear) out.schoolYear = merged.schoolYear;
  if (merged.teamMembers) out.teamMembers = merged.teamMembers;
  return out;
}
