/**
 * `cte-check` arguments, parsed with node:util parseArgs. Its errors are turned into short messages of
 * our own; an unknown flag names the nearest known one.
 */
import { parseArgs as parseNodeArgs } from "node:util";
import { dayNumber } from "../core/countdown";

export interface CliArgs {
  json: boolean;
  out: string | null;
  references: string[];
  schoolYear: string | undefined;
  team: string | undefined;
  files: string[];
  help: boolean;
  version: boolean;
  recognize: boolean;
  /** "SHEET=KIND" each */
  kinds: string[];
  /** "SHEET:FIELD=HEADER" each */
  columns: string[];
  /** "SHEET=N" each */
  headerRows: string[];
  map: string | undefined;
  /** the concentrator finder's passing rule, as --passing gives it ("C-", "65", "C-,65,no-credit") */
  passing: string | undefined;
  /** a previous run's JSON report (--previous) */
  previous: string | undefined;
  /** the snapshot date (--snapshot-date), checked to be a real yyyy-mm-dd date */
  snapshotDate: string | undefined;
  /** --template NAME: write that empty template to the one file given, instead of checking */
  template: string | undefined;
}

export class UsageError extends Error {}

const OPTIONS = {
  json: { type: "boolean" },
  out: { type: "string" },
  reference: { type: "string", multiple: true },
  "school-year": { type: "string" },
  team: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  recognize: { type: "boolean" },
  kind: { type: "string", multiple: true },
  column: { type: "string", multiple: true },
  "header-row": { type: "string", multiple: true },
  map: { type: "string" },
  passing: { type: "string" },
  previous: { type: "string" },
  "snapshot-date": { type: "string" },
  template: { type: "string" },
} as const;

export const KNOWN_FLAGS: readonly string[] = Object.keys(OPTIONS).map((o) => `--${o}`);

/** Edit distance (insertions, deletions, substitutions), O(a × b) on two short flag names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The known flag nearest to `flag`, when it is close enough to be a typo (or a prefix of exactly one). */
export function nearestFlag(flag: string, known: readonly string[] = KNOWN_FLAGS): string | null {
  const name = flag.split("=")[0].toLowerCase();
  if (name.length > 64) return null;
  const prefixed = known.filter((k) => k.startsWith(name) && name.length > 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: { flag: string; d: number } | null = null;
  for (const k of known) {
    const d = distance(name, k);
    if (!best || d < best.d) best = { flag: k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.flag.length / 3)) ? best.flag : null;
}

function usageErrorOf(err: unknown, argv: readonly string[]): UsageError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^'\s=]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) {
    const original = argv.find((a) => a === flag || a.startsWith(`${flag}=`)) ?? flag;
    const near = nearestFlag(flag);
    return new UsageError(`Unknown option ${original}.${near ? ` Did you mean ${near}?` : ""}`);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
    const name = flag.startsWith("--")
      ? flag
      : `--${Object.entries(OPTIONS).find(([, o]) => "short" in o && `-${o.short}` === flag)?.[0] ?? flag}`;
    const spec = OPTIONS[name.slice(2) as keyof typeof OPTIONS];
    return new UsageError(spec?.type === "boolean" ? `${name} takes no value.` : `${name} needs a value.`);
  }
  return new UsageError(message);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseNodeArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageErrorOf(err, argv);
  }
  const v = parsed.values;
  // An empty value ("--out=") is no value.
  for (const [name, value] of Object.entries(v)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((x) => typeof x === "string" && x.trim() === "")) throw new UsageError(`--${name} needs a value.`);
  }
  return {
    json: v.json === true,
    out: v.out ?? null,
    references: v.reference ?? [],
    schoolYear: v["school-year"],
    team: v.team,
    files: parsed.positionals,
    help: v.help === true,
    version: v.version === true,
    recognize: v.recognize === true,
    kinds: v.kind ?? [],
    columns: v.column ?? [],
    headerRows: v["header-row"] ?? [],
    map: v.map,
    passing: v.passing,
    previous: v.previous,
    snapshotDate: v["snapshot-date"] === undefined ? undefined : checkSnapshotDate(v["snapshot-date"]),
    template: v.template,
  };
}

/** Years a snapshot date may fall in: the school years cte-check accepts end between 2001 and 2100. */
const SNAPSHOT_YEARS = { first: 2000, last: 2100 } as const;

/** The --snapshot-date value when it is a real calendar date written yyyy-mm-dd; a UsageError saying why otherwise. */
export function checkSnapshotDate(value: string): string {
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (!match) throw new UsageError(`--snapshot-date ${shown} is not a date written YYYY-MM-DD (e.g. 2026-12-07).`);
  if (dayNumber(text) === null) throw new UsageError(`--snapshot-date ${shown} is not a calendar date (no such day).`);
  const year = Number(match[1]);
  if (year < SNAPSHOT_YEARS.first || year > SNAPSHOT_YEARS.last) {
    throw new UsageError(`--snapshot-date ${shown} is outside ${SNAPSHOT_YEARS.first}–${SNAPSHOT_YEARS.last}.`);
  }
  return text;
}
