/**
 * Lookups from user text to DPI code lists (program areas, clusters, exit types, credentials,
 * certificated statuses, IRC and WBL programs), by folded key so case, spacing, punctuation and
 * "&"/"and" do not matter. Built once at module load: lookups are O(1) on hot paths.
 */
import { matchableText } from "./boundedText";
import { foldKey } from "./normalize";
import {
  CERTIFICATED_STATUSES,
  CERTIFIED_PROGRAM_TYPES,
  CLUSTERS,
  CREDENTIAL_TYPES,
  EXIT_TYPES,
  IRC_PROGRAMS,
  PROGRAM_AREAS,
  WBL_PROGRAMS,
} from "./reference";

/**
 * Memoises a text lookup: export columns repeat a handful of codes thousands of times, so each distinct
 * spelling is folded once. Bounded so a column of free text cannot grow it without limit.
 */
export function memoByText<T>(lookup: (text: string) => T, limit = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = lookup(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}

/** Items by the folded form of each of their names; the first item to claim a key keeps it. */
export function indexByKey<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items)
    for (const key of keysOf(item)) {
      const folded = foldKey(key);
      if (folded && !map.has(folded)) map.set(folded, item);
    }
  return map;
}

export type ProgramArea = (typeof PROGRAM_AREAS)[number];
const PROGRAM_AREA_BY_KEY = indexByKey(PROGRAM_AREAS, (p) => [p.name, p.short, ...p.aliases, p.name.replace(/ Education$/, "")]);

/** The canonical program-area entry for a name or alias ("Ag", "Tech Ed", "Family & Consumer Sciences"). */
export const programAreaOf: (text: string) => ProgramArea | null = memoByText(function programAreaOf(text: string): ProgramArea | null {
  return PROGRAM_AREA_BY_KEY.get(foldKey(text)) ?? null;
});

/**
 * A cell may list several program areas ("Ag; Bus"): names contain commas, so only ; | and newlines separate.
 * Memoised (a column repeats a few values); the parts are shared, so they are frozen.
 */
export const splitMultiValue: (text: string) => readonly string[] = memoByText(function splitMultiValue(text: string): readonly string[] {
  return Object.freeze(
    text
      .split(/[;|\n]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );
});

export type Cluster = (typeof CLUSTERS)[number];
const CLUSTER_BY_KEY = indexByKey(CLUSTERS, (c) => [c.title, ...c.aliases]);

/** The canonical cluster title for a name or alias, or null. */
export const clusterOf: (text: string) => string | null = memoByText(function clusterOf(text: string): string | null {
  return CLUSTER_BY_KEY.get(foldKey(text))?.title ?? null;
});

/** Folded cluster key for comparing with a DPI list's own spellings (aliases fold to the canonical title). */
export const clusterKey: (text: string) => string = memoByText(function clusterKey(text: string): string {
  const canonical = clusterOf(text);
  return foldKey(canonical ?? text);
});

/**
 * A code list looked up by code or description, also as "CODE - description" (how SIS exports often
 * print a descriptor).
 */
function codeListLookup<T extends { code: string; description: string }>(items: readonly T[]): (text: string) => T | null {
  const byKey = indexByKey(items, (e) => [e.code, e.description]);
  return memoByText((text: string) => {
    const direct = byKey.get(foldKey(text));
    if (direct) return direct;
    const code = /^\s*([A-Za-z]{1,3})\s*[-–:]/.exec(matchableText(text));
    return code ? (byKey.get(foldKey(code[1])) ?? null) : null;
  });
}

export type ExitType = (typeof EXIT_TYPES)[number];
/** Exit type by code ("HSC") or description ("High School Completion"); "HSC - High School Completion" too. */
export const exitTypeOf: (text: string) => ExitType | null = codeListLookup(EXIT_TYPES);

export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
/** Credential type by code ("R") or description ("Regular diploma"); "R - Regular diploma" too. */
export const credentialTypeOf: (text: string) => CredentialType | null = codeListLookup(CREDENTIAL_TYPES);

/** "A", "a", "A - Student met the requirements…", or the meaning's text -> "A"; null when none fits. */
export const certificatedStatusOf: (text: string) => "A" | "B" | "C" | "D" | null = memoByText(function certificatedStatusOf(
  text: string,
): "A" | "B" | "C" | "D" | null {
  const t = matchableText(text);
  // [\s\S]* rather than \s*.*: two adjacent unbounded quantifiers over spaces backtrack quadratically.
  const code = /^([ABCDabcd])(?:\s*[-–:.)][\s\S]*|\s+\S[\s\S]*)?$/.exec(t);
  if (code) return code[1].toUpperCase() as "A" | "B" | "C" | "D";
  const key = foldKey(t).replace(/^student /, "");
  for (const s of CERTIFICATED_STATUSES) {
    const meaning = foldKey(s.meaning).replace(/^student /, "");
    if (key && (meaning.startsWith(key) || key.startsWith(meaning.slice(0, 20)))) return s.code;
  }
  return null;
});

/** The certified types' names, singular and abbreviated spellings included ("Industry Recognized Credential", "IRC"). */
const CERTIFIED_TYPE_KEYS = new Set(
  [
    ...CERTIFIED_PROGRAM_TYPES,
    "Industry Recognized Credential",
    "Industry-Recognized Credentials (IRC)",
    "Industry Recognized Credentials IRC",
    "IRC",
    "Certified Career Education Program",
    "Certified Career Ed",
  ].map(foldKey),
);

/** True when the program type is a certified one ("Industry Recognized Credentials" or "Certified Career Education"). */
export const isCertifiedProgramType: (text: string) => boolean = memoByText(function isCertifiedProgramType(text: string): boolean {
  return CERTIFIED_TYPE_KEYS.has(foldKey(text));
});

export type WblProgram = (typeof WBL_PROGRAMS)[number];
export type IrcProgram = (typeof IRC_PROGRAMS)[number];
const WBL_BY_KEY = indexByKey(WBL_PROGRAMS, (p) => [p.name, ...p.aliases]);
const IRC_BY_KEY = indexByKey(IRC_PROGRAMS, (p) => [p.name, ...p.aliases]);

export const wblProgramOf: (text: string) => WblProgram | null = memoByText(function wblProgramOf(text: string): WblProgram | null {
  return WBL_BY_KEY.get(foldKey(text)) ?? null;
});

export const ircProgramOf: (text: string) => IrcProgram | null = memoByText(function ircProgramOf(text: string): IrcProgram | null {
  return IRC_BY_KEY.get(foldKey(text)) ?? null;
});

/**
 * Classifies an IRC/WBL export row by program name first: a WBL name makes a WBL row, an IRC
 * name or a name starting "IRC" an IRC row; otherwise the program type decides (certified -> IRC).
 */
export function classifyCareerEdRow(
  programName: string,
  programType: string,
): { kind: "irc" | "wbl"; wbl: WblProgram | null; irc: IrcProgram | null } {
  const wbl = wblProgramOf(programName);
  if (wbl) return { kind: "wbl", wbl, irc: null };
  const irc = ircProgramOf(programName);
  if (irc || /^irc\b/i.test(matchableText(programName))) return { kind: "irc", wbl: null, irc };
  return { kind: isCertifiedProgramType(programType) ? "irc" : "wbl", wbl: null, irc: null };
}
