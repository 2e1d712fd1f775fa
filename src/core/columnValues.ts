/**
 * What a column's values look like, for recognising columns whose header we do not know: CIP-like codes,
 * the 16 clusters, the six program areas, grades, 10-digit WSN-like ids, exit types, certificated-status
 * letters, IRC/WBL program names and yes/no flags. Reads a bounded sample of rows, so the cost per sheet is
 * at most SAMPLE_ROWS × columns cell reads, whatever the sheet's size.
 */
import { CellValue, cellErrorText, cellText, isBlank } from "./cells";
import { certificatedStatusOf, clusterOf, exitTypeOf, ircProgramOf, programAreaOf, splitMultiValue, wblProgramOf } from "./codes";
import { normalizeGrade, normalizeIac, normalizeYesNo } from "./normalize";
import { CIP2020_SERIES } from "./reference";

/** Data rows read per sheet when looking at values (blank rows do not count). */
export const SAMPLE_ROWS = 200;
/** Share of a column's non-blank sampled values that must fit a class for the column to be read as it. */
export const MOSTLY = 0.6;
/** A sheet or file name that names the export lowers the bar for that export's own fields to this share. */
export const MOSTLY_WITH_NAME = 0.4;

export type ValueClass =
  "iac" | "cluster" | "programArea" | "grade" | "studentId" | "exitType" | "certificatedStatus" | "programName" | "flag";

/** How a value class is described in messages ("… are CIP codes like 01.09"). */
export const VALUE_CLASS_TEXT: Readonly<Record<ValueClass, string>> = {
  iac: "CIP codes like 01.09",
  cluster: "career cluster names",
  programArea: "program area names",
  grade: "grade levels",
  studentId: "10-digit WSN-like ids",
  exitType: "exit type codes like HSC",
  certificatedStatus: "certificated status letters A-D",
  programName: "IRC or work-based learning program names",
  flag: "yes/no flags",
};

export interface ColumnProfile {
  /** non-blank, non-error values sampled */
  readonly sampled: number;
  /** per class: how many sampled values fit it */
  readonly counts: Readonly<Partial<Record<ValueClass, number>>>;
}

const TEN_DIGITS = /^\d{10}$/;
const UNDOTTED_CIP = /^(\d{2})(\d{2})(\d{2})?$/;

/** A 10-digit id (WSNs are 10 digits; a workbook may hold one as a number). */
function isWsnLike(value: CellValue): boolean {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1e9 && value < 1e10;
  return typeof value === "string" && TEN_DIGITS.test(value.trim());
}

/**
 * A CIP-like code: NN.NN, N.NN, NN.NNNN, a number with a fraction below 100, or undotted NNNN / NNNNNN
 * whose series is a CIP 2020 series (so a 4- or 6-digit local id rarely passes). Whole numbers alone are
 * not: grades and counts are whole numbers too.
 */
function isCipLike(value: CellValue): boolean {
  if (typeof value === "number")
    return Number.isFinite(value) && value > 0 && value < 100 && !Number.isInteger(value) && normalizeIac(value).iac !== null;
  if (typeof value !== "string") return false;
  const t = value.trim();
  if (t.includes(".")) return normalizeIac(t).iac !== null;
  const m = UNDOTTED_CIP.exec(t);
  return m !== null && CIP2020_SERIES.has(`${m[1]}.${m[2]}`);
}

/** Grades 6-12 only: a column of 1s and 2s is more often a count or a section than a grade. */
function isGradeLike(value: CellValue): boolean {
  const g = normalizeGrade(value);
  return g !== null && g >= 6 && g <= 12;
}

/** Which classes one value fits (a value may fit several: "Health Science" is a cluster and a program area). */
function classesOf(value: CellValue, add: (c: ValueClass) => void): void {
  if (isWsnLike(value)) add("studentId");
  if (isCipLike(value)) add("iac");
  if (isGradeLike(value)) add("grade");
  const yesNo = normalizeYesNo(value);
  // 1 and 0 are yes/no forms too, but a column of them is more often a count.
  if (yesNo === true || yesNo === false) if (typeof value !== "number") add("flag");
  if (typeof value !== "string") return;
  const text = value.trim();
  if (text.length > 200) return;
  if (clusterOf(text) !== null) add("cluster");
  const parts = splitMultiValue(text);
  if (parts.length > 0 && parts.every((p) => programAreaOf(p) !== null)) add("programArea");
  if (exitTypeOf(text) !== null) add("exitType");
  if (certificatedStatusOf(text) !== null) add("certificatedStatus");
  if (wblProgramOf(text) !== null || ircProgramOf(text) !== null || /^irc\b/i.test(text)) add("programName");
}

/**
 * Profiles every column of the rows after `headerIndex` (at most SAMPLE_ROWS non-blank rows).
 * Returns one profile per column index up to the widest sampled row.
 */
export function profileColumns(rows: readonly (readonly CellValue[])[], headerIndex: number): ColumnProfile[] {
  const sampled: number[] = [];
  const counts: Partial<Record<ValueClass, number>>[] = [];
  let taken = 0;
  for (let i = headerIndex + 1; i < rows.length && taken < SAMPLE_ROWS; i++) {
    const row = rows[i] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    taken++;
    row.forEach((cell, column) => {
      if (isBlank(cell) || cellErrorText(cell) !== null) return;
      sampled[column] = (sampled[column] ?? 0) + 1;
      const bucket = (counts[column] ??= {});
      classesOf(cell, (c) => {
        bucket[c] = (bucket[c] ?? 0) + 1;
      });
    });
  }
  const width = Math.max(sampled.length, counts.length);
  return Array.from({ length: width }, (_, column) => ({ sampled: sampled[column] ?? 0, counts: counts[column] ?? {} }));
}

/** Share of a column's sampled values that fit a class (0 for an empty column). */
export function shareOf(profile: ColumnProfile, cls: ValueClass): number {
  return profile.sampled === 0 ? 0 : (profile.counts[cls] ?? 0) / profile.sampled;
}

/**
 * A cell no header would be: a number, a date, a yes/no value or a student's id, code or grade. A row with
 * one of these is data, so a student's values are never taken for column names.
 */
export function isDataCell(value: CellValue): boolean {
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return true;
  if (cellText(value) === "") return false;
  let hit = false;
  classesOf(value, (c) => {
    if (c === "studentId" || c === "iac" || c === "grade" || c === "flag") hit = true;
  });
  return hit;
}
