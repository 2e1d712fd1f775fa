/**
 * School years as SIS exports write them on coursework and year-tagged exports: "2024-25", "2024-2025",
 * an end year (2025, as Infinite Campus' "End Year"), or a term that names one ("2024-25 S1", "Fall 2024",
 * "Spring 2025"). Bounded text, single-pass patterns.
 */
import { matchableText } from "./boundedText";
import { CellValue, cellErrorText, cellText } from "./cells";
import { FIRST_SCHOOL_YEAR_START, LAST_SCHOOL_YEAR_START, normalizeSchoolYear } from "./normalize";

function yearOfStart(start: number): string | null {
  if (start < FIRST_SCHOOL_YEAR_START || start > LAST_SCHOOL_YEAR_START) return null;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** The school year a cell names ("2024-25"), or null. A bare year is the year a school year ends (End Year). */
export function schoolYearOfCell(value: CellValue): string | null {
  if (typeof value === "number") return Number.isInteger(value) ? yearOfStart(value - 1) : null;
  if (value === null || value === undefined || cellErrorText(value) !== null) return null;
  const t = matchableText(cellText(value));
  if (t === "") return null;
  const whole = normalizeSchoolYear(t);
  if (whole) return whole;
  if (/^\d{4}$/.test(t)) return yearOfStart(Number(t) - 1);
  const span = /(\d{4})\s*[-–/]\s*(\d{4}|\d{2})(?!\d)/.exec(t);
  if (span) return normalizeSchoolYear(`${span[1]}-${span[2]}`);
  const season = /\b(fall|autumn|spring|summer)\s*(\d{4})\b/i.exec(t);
  if (season) {
    const y = Number(season[2]);
    return season[1].toLowerCase() === "fall" || season[1].toLowerCase() === "autumn" ? yearOfStart(y) : yearOfStart(y - 1);
  }
  return null;
}

/** "2024-25" for "2025-26". */
export function previousSchoolYear(year: string): string {
  return yearOfStart(Number(year.slice(0, 4)) - 1) ?? year;
}

/** Years from the first to the second school year ("2023-24" to "2025-26" is 2). */
export function yearsBetween(from: string, to: string): number {
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4));
}
