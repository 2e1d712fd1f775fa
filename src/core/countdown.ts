/**
 * The December snapshot countdown. Dates are calendar dates (yyyy-mm-dd) compared as UTC day numbers, so a
 * local clock change or time zone never shifts a day; "today" is the caller's local date (localDate).
 */
import { normalizeSchoolYear } from "./normalize";

export const SNAPSHOT_ADVICE = "DPI advises syncing at least daily and re-checking until the snapshot.";
/** Inside this many days before the snapshot (inclusive) DPI's advice is shown. */
export const FINAL_DAYS = 14;

export interface Countdown {
  /** yyyy-mm-dd */
  readonly date: string;
  /** calendar days from today to the snapshot date; negative once it has passed */
  readonly daysLeft: number;
  /** 0 ≤ daysLeft ≤ 14 */
  readonly inFinalTwoWeeks: boolean;
  readonly passed: boolean;
  readonly advice?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A Date's local calendar date as yyyy-mm-dd. */
export function localDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A Date's local time as "yyyy-mm-dd hh:mm" (the run history's "Run at"). */
export function localDateTime(date: Date): string {
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Days since 1970-01-01 of a valid yyyy-mm-dd calendar date; null for anything else (2026-02-30, "Dec 1"). */
export function dayNumber(isoDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(ms / 86_400_000);
}

/** A valid yyyy-mm-dd date, trimmed; null otherwise. */
export function parseIsoDate(text: string): string | null {
  return dayNumber(text) === null ? null : text.trim();
}

/**
 * The suggested snapshot date of a school year: the first business day (Monday to Friday) of December of
 * the year it ends in (school year 2025-26 → December 2026). A suggestion only: DPI publishes the date each
 * year and the user confirms it. Null for a text that is not a school year.
 */
export function suggestedSnapshotDate(schoolYear: string): string | null {
  const year = normalizeSchoolYear(schoolYear);
  if (!year) return null;
  const endYear = Number(year.slice(0, 4)) + 1;
  const day = new Date(Date.UTC(endYear, 11, 1));
  const weekday = day.getUTCDay();
  const date = weekday === 6 ? 3 : weekday === 0 ? 2 : 1;
  return `${pad(endYear, 4)}-12-${pad(date)}`;
}

/** The days left to the snapshot from `today` (a Date read as its local date, or yyyy-mm-dd); null for an invalid date. */
export function countdown(snapshotDate: string, today: Date | string): Countdown | null {
  const target = dayNumber(snapshotDate);
  const now = dayNumber(typeof today === "string" ? today : localDate(today));
  if (target === null || now === null) return null;
  const daysLeft = target - now;
  const inFinalTwoWeeks = daysLeft >= 0 && daysLeft <= FINAL_DAYS;
  return {
    date: snapshotDate.trim(),
    daysLeft,
    inFinalTwoWeeks,
    passed: daysLeft < 0,
    ...(inFinalTwoWeeks ? { advice: SNAPSHOT_ADVICE } : {}),
  };
}
