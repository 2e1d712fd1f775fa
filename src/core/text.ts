/** Text safety shared by every adapter that writes into a sheet or a report: nothing we compose starts like a formula. */
import { clipForMatching } from "./boundedText";

/**
 * Text a spreadsheet (or a CSV export of it) could take for a formula gets a leading apostrophe:
 * anything starting with =, +, -, @, tab or CR.
 */
export function neutralizeFormulaText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** "1 student", "3 students": counts in composed text (digits ungrouped, as in the JSON figures). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

function trimApostrophes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === "'") start++;
  while (end > start && s[end - 1] === "'") end--;
  return s.slice(start, end);
}

/** A valid, unused worksheet name (Excel compares names case-insensitively); records it in `used`. */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  // Apostrophes are cut from both ends by position: /'+$/ backtracks quadratically on a long run of them.
  let base = trimApostrophes(
    clipForMatching(wanted)
      .replace(INVALID_SHEET_CHARS, "_")
      .replace(/[\u0000-\u001f]/g, " "),
  ).trim();
  if (base === "" || base.toLowerCase() === "history") base = base === "" ? "Sheet" : `${base}_`;
  base = base.slice(0, MAX_SHEET_NAME);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

/** Quotes a user value for a message: ‘value’, shortened, and never at the start of the message. */
export function q(value: string): string {
  const t = clipForMatching(value).replace(/\s+/g, " ").trim();
  return `‘${t.length > 60 ? `${t.slice(0, 57)}…` : t}’`;
}
