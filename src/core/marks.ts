/**
 * Course marks and pass evidence as SIS transcripts hold them: letter marks (A+ … D-, F, E), percents
 * ("87", "87.5%"), pass/fail words (P, Pass, CR, NC, W, I) and earned credit. Shared by recognition (a
 * coursework "Grade" column of letter marks is the mark, not the grade level) and the concentrator finder.
 */
import { matchableText } from "./boundedText";
import { CellValue, cellErrorText } from "./cells";
import { normalizeGrade, normalizeNumber, normalizeYesNo } from "./normalize";

/** Letter marks from best to worst; E is the failing mark in schools that do not use F. */
export const LETTER_MARKS = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F", "E"] as const;
const LETTER_RANK: ReadonlyMap<string, number> = new Map(LETTER_MARKS.map((l, i) => [l, i]));
const FAILING_LETTERS = new Set(["F", "E"]);

/** Mark words that say passed, failed, or not yet decided (incomplete, in progress, audit). */
const PASS_WORDS = new Set(["p", "pass", "passed", "cr", "credit", "s", "sat", "satisfactory", "complete", "completed", "y", "yes"]);
const FAIL_WORDS = new Set([
  "fail",
  "failed",
  "nc",
  "no credit",
  "np",
  "not passed",
  "u",
  "unsatisfactory",
  "w",
  "wf",
  "wd",
  "withdrawn",
  "n",
  "no",
]);
const OPEN_WORDS = new Set(["i", "inc", "incomplete", "ip", "in progress", "au", "audit", "ng", "nm", "x"]);

export interface PassingRule {
  /** the lowest letter mark that passes (default "D-") */
  readonly minimumLetter: string;
  /** the lowest percent that passes (default 60) */
  readonly minimumPercent: number;
  /** earned credit above zero passes when no flag or mark decides (default true) */
  readonly creditCounts: boolean;
}

/** D- or better, 60% or better, or credit earned: the usual US high school passing line. */
export const DEFAULT_PASSING_RULE: PassingRule = Object.freeze({ minimumLetter: "D-", minimumPercent: 60, creditCounts: true });

/** "B+" from "b+", " B + ", "B plus"? no: only the letter and its sign, case and spaces ignored. */
function letterOf(text: string): string | null {
  const t = text.replace(/\s+/g, "").toUpperCase();
  return LETTER_RANK.has(t) ? t : null;
}

/**
 * A number as a transcript writes it, a decimal comma too ("0,5" credit, "59,5" percent, as European-locale
 * exports write them): one or two digits after a single comma are a fraction, never thousands ("1,000").
 */
function transcriptNumber(text: string): number | null {
  const comma = /^(\d{1,3}),(\d{1,2})$/.exec(text);
  return comma ? Number(`${comma[1]}.${comma[2]}`) : normalizeNumber(text);
}

/** A percent from 0 to 100 ("87", "87.5", "87,5", "87%"), or null. */
function percentOf(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
  if (typeof value !== "string") return null;
  const t = matchableText(value);
  const n = transcriptNumber(t.endsWith("%") ? t.slice(0, -1).trimEnd() : t);
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

export type MarkReading =
  | { readonly kind: "letter"; readonly letter: string }
  | { readonly kind: "percent"; readonly percent: number }
  | { readonly kind: "word"; readonly passed: boolean | null };

/** How a mark cell reads (null: not a mark at all). */
export function readMark(value: CellValue): MarkReading | null {
  if (value === null || value === undefined || cellErrorText(value) !== null) return null;
  if (typeof value === "boolean") return { kind: "word", passed: value };
  if (typeof value === "number") {
    const p = percentOf(value);
    return p === null ? null : { kind: "percent", percent: p };
  }
  if (typeof value !== "string") return null;
  const t = matchableText(value);
  if (t === "") return null;
  const letter = letterOf(t);
  if (letter) return { kind: "letter", letter };
  const p = percentOf(t);
  if (p !== null) return { kind: "percent", percent: p };
  const w = t
    .toLowerCase()
    .replace(/[.\s]+/g, " ")
    .trim();
  if (PASS_WORDS.has(w)) return { kind: "word", passed: true };
  if (FAIL_WORDS.has(w)) return { kind: "word", passed: false };
  if (OPEN_WORDS.has(w)) return { kind: "word", passed: null };
  return null;
}

/** Whether a rule's minimum letter is a letter mark we know ("D-", "C", "b+"). */
export function isLetterMark(text: string): boolean {
  return letterOf(text) !== null && !FAILING_LETTERS.has(letterOf(text)!);
}

/** Passed, failed, or null when the mark does not say (blank, incomplete, not a mark). */
export function markPasses(value: CellValue, rule: PassingRule = DEFAULT_PASSING_RULE): boolean | null {
  const m = readMark(value);
  if (m === null) return null;
  if (m.kind === "word") return m.passed;
  if (m.kind === "percent") return m.percent >= rule.minimumPercent;
  const minimum = LETTER_RANK.get(letterOf(rule.minimumLetter) ?? "D-") ?? LETTER_RANK.get("D-")!;
  return !FAILING_LETTERS.has(m.letter) && LETTER_RANK.get(m.letter)! <= minimum;
}

/** A passed flag: yes/no forms plus P / Pass / Passed / F / Fail; null when blank or not a flag. */
export function flagPasses(value: CellValue): boolean | null {
  const yn = normalizeYesNo(value ?? null);
  if (yn === true || yn === false) return yn;
  const m = readMark(value);
  return m?.kind === "word" ? m.passed : null;
}

/** Earned credit: above zero passes, zero does not; null when blank or not a number. */
export function creditPasses(value: CellValue): boolean | null {
  if (value === null || value === undefined || cellErrorText(value) !== null) return null;
  const n = typeof value === "string" ? transcriptNumber(matchableText(value)) : normalizeNumber(value as number | boolean | Date | null);
  return n === null ? null : n > 0;
}

export interface PassEvidence {
  readonly passed?: CellValue;
  readonly creditsEarned?: CellValue;
  readonly mark?: CellValue;
}

/**
 * Whether a course was passed: the passed flag decides when it is readable, else the mark (letter against
 * the minimum letter, percent against the minimum percent, pass/fail words), else earned credit (when the
 * rule counts credit). null when none of them says (blanks, "I", "IP"): unknown, never a pass.
 */
export function isPassed(row: PassEvidence, rule: PassingRule = DEFAULT_PASSING_RULE): boolean | null {
  const flag = flagPasses(row.passed);
  if (flag !== null) return flag;
  const mark = markPasses(row.mark, rule);
  if (mark !== null) return mark;
  return rule.creditCounts ? creditPasses(row.creditsEarned) : null;
}

/**
 * A passing rule from the CLI's --passing value: a letter ("C-"), a percent ("65" or "65%"), or both
 * separated by a comma ("C-,65"); "no-credit" stops earned credit from counting. null when unreadable.
 */
export function parsePassingRule(text: string, base: PassingRule = DEFAULT_PASSING_RULE): PassingRule | null {
  let rule: PassingRule = { ...base };
  const parts = matchableText(text)
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return null;
  for (const part of parts) {
    if (/^no-?credit$/i.test(part)) rule = { ...rule, creditCounts: false };
    else if (isLetterMark(part)) rule = { ...rule, minimumLetter: letterOf(part)! };
    else {
      const p = percentOf(part);
      if (p === null) return null;
      rule = { ...rule, minimumPercent: p };
    }
  }
  return rule;
}

/**
 * Whether a sampled column reads as marks rather than grade levels: most values are letter marks, pass/fail
 * words or percents above 12 (a grade level is 6-12, so 9-12 read as grades).
 */
export function looksLikeMarks(values: readonly CellValue[]): boolean {
  const { sampled, marks, grades } = markCounts(values);
  return sampled > 0 && marks > grades && marks >= sampled * 0.6;
}

/** How many of the non-blank values read as marks, and how many as grade levels. */
export function markCounts(values: readonly CellValue[]): { sampled: number; marks: number; grades: number } {
  let sampled = 0;
  let marks = 0;
  let grades = 0;
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "") || cellErrorText(v) !== null) continue;
    sampled++;
    const g = normalizeGrade(v);
    if (g !== null && g >= 6 && g <= 12) {
      grades++;
      continue;
    }
    const m = readMark(v);
    if (m !== null && !(m.kind === "word" && typeof v === "string" && /^[yn]$/i.test(v.trim()))) marks++;
  }
  return { sampled, marks, grades };
}
