/**
 * Value normalisation shared by every rule, the task pane and the custom functions.
 * Every function here is total: any input gives a result, never an exception.
 */
import { MAX_MATCHED_LENGTH, matchableText } from "./boundedText";
import { CellValue, cellErrorText, cellText } from "./cells";

/** Folds text for code-list matching: case, spacing, punctuation and "&" vs "and" do not matter. */
export function foldKey(text: string): string {
  return (
    matchableText(text)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, " ")
      .trim()
      .replace(/ +/g, " ")
      // NFKD may lengthen a clipped text: bounded again, so folding a folded key changes nothing.
      .slice(0, MAX_MATCHED_LENGTH)
      .trim()
  );
}

/** Trims and folds internal whitespace, keeping case. */
export function cleanText(value: CellValue): string {
  return cellText(value).replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------- grades

const GRADE_WORDS: Record<string, number> = {
  k: 0,
  kg: 0,
  k5: 0,
  kindergarten: 0,
  k4: -1,
  pk: -1,
  pk4: -1,
  "pre k": -1,
  prek: -1,
  prekindergarten: -1,
  "preschool/prekindergarten": -1,
  preschool: -1,
  k3: -2,
  pk3: -2,
  ee: -3,
  "early education": -3,
  "early childhood": -3,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  freshman: 9,
  sophomore: 10,
  junior: 11,
  senior: 12,
};

const MONTH_WORDS: ReadonlySet<string> = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "january",
  "february",
  "march",
  "april",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]);

/**
 * Grade as a number (9, 10 ... 12; kindergarten 0, K4/PK -1, K3 -2), or null when it is not a grade.
 * Accepts 9, "09", "Grade 9", "9th", "K12-09", "Gr. 10", "12.0". Blank -> null (callers test blank first).
 */
export function normalizeGrade(value: CellValue): number | null {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= 12 ? value : null;
  }
  if (typeof value !== "string") return null;
  let t = matchableText(value).toLowerCase();
  if (t === "") return null;
  t = t.replace(/^k12[-_ ]?/, "").replace(/^(grade level|grade|gr)\.?\s*/, "");
  // "10th grade": a trailing word is cut by position; a pattern like /\s+grade$/ backtracks quadratically.
  if (/\sgrade$/.test(t)) t = t.slice(0, -"grade".length);
  t = t.trim();
  // "12 - Twelfth Grade", "KG - Kindergarten": SIS descriptors print the code first.
  const coded = /^([a-z0-9]{1,3})\s*[-–:]\s*([a-z]+)/.exec(t);
  if (coded) {
    // "12-Nov", "11-Dec-2026": Excel turned the cell into a date; the number is a day, not a grade.
    if (MONTH_WORDS.has(coded[2])) return null;
    t = coded[1];
  }
  if (t in GRADE_WORDS) return GRADE_WORDS[t];
  const m = /^0*(\d{1,2})(?:\.0+)?(?:st|nd|rd|th)?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? n : n === 0 ? 0 : null;
}

// ---------------------------------------------------------------- IAC (CIP) codes

export interface IacResult {
  /** "NN.NN" four-digit series, or null when the value is not a CIP code shape. */
  readonly iac: string | null;
  /** The cell was a number, or text that lost a zero ("1.09", "1.1"): the portal value is text. */
  readonly storedAsNumber: boolean;
  /** A six-digit CIP code ("01.0901") was given; its series is the IAC. */
  readonly fromSixDigit: boolean;
  /** Text of a whole number ("1", "15"): a CSV cell Excel saved from the number 1 (01.00) or 15 (15.00). */
  readonly wholeNumberText?: boolean;
}

/** "1" or "15": what Excel writes into a CSV for an IAC cell that had become the number 1 or 15. */
const IAC_WHOLE_NUMBER_TEXT = /^\d{1,2}$/;

const IAC_TEXT = /^(\d{1,2})\.(\d{1,4})(?:\s*(?:[-–:]\s*)?[A-Za-z].*)?$/;

function seriesFrom(intPart: string, fracPart: string): { iac: string; fromSixDigit: boolean } {
  const padded = fracPart.length <= 2 ? fracPart.padEnd(2, "0") : fracPart.padEnd(4, "0");
  return { iac: `${intPart.padStart(2, "0")}.${padded.slice(0, 2)}`, fromSixDigit: padded.length === 4 };
}

/**
 * Normalises an IAC: "01.09", "1.09", "01.0901" and Excel-mangled numbers (1.1 -> "01.10", 11 -> "11.00"),
 * also when a CSV holds them as text ("1.1", "11": a whole number means NN.00).
 * Text may carry a title after the code ("01.09 Animal Sciences").
 */
export function normalizeIac(value: CellValue, source: "workbook" | "csv" = "workbook"): IacResult {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0 || value >= 100) return { iac: null, storedAsNumber: true, fromSixDigit: false };
    // Up to four decimals survive a text-to-number conversion of a CIP code; more means it is not one.
    const text = String(Math.round(value * 10000) / 10000);
    if (Math.abs(Number(text) - value) > 1e-9) return { iac: null, storedAsNumber: true, fromSixDigit: false };
    const [intPart, fracPart = ""] = text.split(".");
    const s = seriesFrom(intPart, fracPart);
    return { iac: s.iac, storedAsNumber: true, fromSixDigit: s.fromSixDigit };
  }
  if (typeof value !== "string") return { iac: null, storedAsNumber: false, fromSixDigit: false };
  // An IAC column repeats a few codes: each spelling is read once (results are never mutated).
  if (value.length > IAC_CACHED_LENGTH) return iacOfText(value);
  const known = IAC_TEXT_CACHE.get(value);
  if (known) return known;
  const result = Object.freeze(iacOfText(value));
  if (IAC_TEXT_CACHE.size >= IAC_TEXT_CACHE_LIMIT) IAC_TEXT_CACHE.clear();
  IAC_TEXT_CACHE.set(value, result);
  void source; // text in a CSV and text in a workbook are treated alike: both are the portal's text
  return result;
}

const IAC_TEXT_CACHE = new Map<string, IacResult>();
const IAC_TEXT_CACHE_LIMIT = 4096;
/** Longer text (a code with its title) is read each time rather than kept. */
const IAC_CACHED_LENGTH = 80;

function iacOfText(value: string): IacResult {
  const t = matchableText(value);
  if (IAC_WHOLE_NUMBER_TEXT.test(t))
    return { iac: `${t.padStart(2, "0")}.00`, storedAsNumber: true, fromSixDigit: false, wholeNumberText: true };
  const m = IAC_TEXT.exec(t);
  if (!m) return { iac: null, storedAsNumber: false, fromSixDigit: false };
  const [, intPart, fracPart] = m;
  const s = seriesFrom(intPart, fracPart);
  const lostZero = intPart.length === 1 || (fracPart.length !== 2 && fracPart.length !== 4);
  return { iac: s.iac, storedAsNumber: lostZero, fromSixDigit: s.fromSixDigit };
}

/** The IAC as text, or null. */
export function iacCode(value: CellValue): string | null {
  return normalizeIac(value).iac;
}

// ---------------------------------------------------------------- roster codes

/** Roster (DPI course) code: digits with leading zeros dropped; null when it is not digits. */
export function normalizeRosterCode(value: CellValue): string | null {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  }
  if (typeof value !== "string") return null;
  const t = matchableText(value).replace(/\.0+$/, "");
  if (!/^\d+$/.test(t)) return null;
  return t.replace(/^0+(?=\d)/, "");
}

// ---------------------------------------------------------------- yes / no

const YES = new Set(["y", "yes", "true", "1", "x", "t"]);
const NO = new Set(["n", "no", "false", "0", "f"]);

/** true / false for yes-no forms, null for blank, undefined when the value is not a yes/no form. */
export function normalizeYesNo(value: CellValue): boolean | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const t = matchableText(value).toLowerCase().replace(/\.$/, "");
  if (t === "") return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

// ---------------------------------------------------------------- numbers stored as text

/** A number from a number cell or numeric text ("90", "1,200", " 450 hrs"); null when there is none. */
export function normalizeNumber(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  // Trimmed first, so one \s* remains: two unbounded \s* around optional parts backtrack quadratically.
  const m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?(?:\s*(?:hours?|hrs|hr|h))?\.?$/i.exec(matchableText(value));
  if (!m) return null;
  return Number(m[1].replace(/,/g, "") + (m[2] ?? ""));
}

// ---------------------------------------------------------------- school years

const SCHOOL_YEAR = /^(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$/;

/** School years this checker accepts: WISEdata's era, not year 0000 or 9999 (typos, not years). */
export const FIRST_SCHOOL_YEAR_START = 2000;
export const LAST_SCHOOL_YEAR_START = 2099;

/**
 * "2025-26" from "2025-26", "2025-2026", "2025/26"; null otherwise (the second year must follow the first,
 * and the first lie between 2000 and 2099).
 */
export function normalizeSchoolYear(text: string): string | null {
  const m = SCHOOL_YEAR.exec(matchableText(text));
  if (!m) return null;
  const start = Number(m[1]);
  if (start < FIRST_SCHOOL_YEAR_START || start > LAST_SCHOOL_YEAR_START) return null;
  if (m[2].length === 4 && Number(m[2]) !== start + 1) return null;
  const end = Number(m[2]) % 100;
  if ((start + 1) % 100 !== end) return null;
  return `${start}-${String(end).padStart(2, "0")}`;
}

/**
 * The school year the next December snapshot covers: in calendar year Y that is (Y-1)-Y
 * (Nov 2026 -> "2025-26"; Mar 2027 -> "2026-27", snapshotted in December 2027).
 */
export function defaultSchoolYear(today: Date): string {
  const y = today.getFullYear();
  return `${y - 1}-${String(y % 100).padStart(2, "0")}`;
}

/** Compares "2025-26" style years by their first calendar year. */
export function schoolYearStart(year: string): number {
  return Number(year.slice(0, 4));
}

export { cellErrorText };
