/**
 * Summary rows are not records: a report saved from an SIS or pasted from a pivot often ends (or breaks)
 * with "Total", "Grand Total", "Totals", "Count:" or "Total Records: 412". Such a row holds one total label,
 * anywhere in the row, and otherwise only numbers. A report's footer line alone in its row is not a record
 * either. A row with any other data ("Total Fitness", a course
 * with its roster code and department) is a record.
 */
import { CellValue, isBlank } from "./cells";
import { asciiWords } from "./courseTitle";

/** Words that make a label a total. */
const TOTAL_WORDS = new Set(["total", "totals", "subtotal", "subtotals", "grandtotal", "count", "counts", "sum"]);
/** Words a total label may carry besides its total word and numbers ("Grand Total", "Total Records: 412"). */
const LABEL_WORDS = new Set([
  "grand",
  "sub",
  "overall",
  "all",
  "the",
  "of",
  "number",
  "no",
  "record",
  "records",
  "row",
  "rows",
  "line",
  "lines",
  "entry",
  "entries",
  "student",
  "students",
  "course",
  "courses",
  "section",
  "sections",
  "participant",
  "participants",
  "concentrator",
  "concentrators",
  "graduate",
  "graduates",
]);
/** A label or a number longer than this is data, not a summary (and bounds the work per cell). */
const MAX_LABEL_CHARS = 80;

const isDigits = (w: string) => w.length > 0 && w.length <= 15 && [...w].every((c) => c >= "0" && c <= "9");

/** "Total", "Grand Total", "Totals", "Count:", "Total Records: 412", "Total: 2 students". */
export function isTotalLabel(text: string): boolean {
  if (text.length > MAX_LABEL_CHARS) return false;
  // Most cells hold none of the total words: a cheap look before splitting the text into words.
  const lower = text.toLowerCase();
  if (!lower.includes("total") && !lower.includes("count") && !lower.includes("sum")) return false;
  const words = asciiWords(text);
  if (!words.some((w) => TOTAL_WORDS.has(w))) return false;
  return words.every((w) => TOTAL_WORDS.has(w) || LABEL_WORDS.has(w) || isDigits(w));
}

/** A number cell, or text that is only a number ("412", "1,200", "12.5", "85%"). */
function isNumberCell(value: CellValue): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "string") return false;
  const t = value.trim();
  if (t.length > MAX_LABEL_CHARS || !/^[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?$/.test(t)) return false;
  return true;
}

/** Words of an SIS report's footer line ("Page 1 of 3", "Number of records: 412", "Report generated 11/29/2026 3:14 PM"). */
const FOOTER_WORDS = new Set([
  "page",
  "of",
  "number",
  "records",
  "record",
  "rows",
  "report",
  "generated",
  "printed",
  "run",
  "on",
  "at",
  "am",
  "pm",
  "date",
]);
/** A footer line names one of these: a page, a record count, or when the report was made. */
const FOOTER_MARKS = new Set(["page", "records", "generated", "printed"]);

/** A report footer: footer words and numbers only, with a page, record-count or generated/printed mark. */
export function isFooterLabel(text: string): boolean {
  if (text.length > MAX_LABEL_CHARS) return false;
  const words = asciiWords(text);
  return words.some((w) => FOOTER_MARKS.has(w)) && words.every((w) => FOOTER_WORDS.has(w) || isDigits(w));
}

/**
 * True for a summary row: one total label, and numbers only in its other non-empty cells; or a report
 * footer ("Page 1 of 3", "Number of records: 412") alone in its row.
 */
export function isSummaryRow(cells: readonly CellValue[]): boolean {
  let only: CellValue | undefined;
  let filled = 0;
  for (const c of cells) {
    if (isBlank(c)) continue;
    if (++filled > 1) break;
    only = c;
  }
  // Words are read only for a row of one cell: the usual row of many pays nothing here.
  if (filled === 1 && typeof only === "string" && isFooterLabel(only)) return true;
  let labels = 0;
  for (const c of cells) {
    if (isBlank(c) || isNumberCell(c)) continue;
    if (typeof c !== "string" || !isTotalLabel(c)) return false;
    labels++;
    if (labels > 1) return false;
  }
  return labels === 1;
}
