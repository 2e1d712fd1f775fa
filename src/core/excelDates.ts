/**
 * Excel serial dates, in one place, so every reader (the CLI's, the task pane's .xlsx reader) turns a
 * date-formatted number into the same calendar date.
 *
 * A workbook stores a date as a number of days from its epoch, in one of two date systems, chosen per workbook
 * (`<workbookPr date1904="1"/>` in xl/workbook.xml):
 * - 1900 system (the default): serial 1 is 1900-01-01. Excel counts a 29 February 1900 that never existed
 *   (serial 60, kept for Lotus 1-2-3 compatibility), so from serial 61 (1900-03-01) on, serial = days since
 *   1899-12-30; below 60, days since 1899-12-31. Serial 60 is no date at all.
 * - 1904 system (old Mac workbooks): serial 0 is 1904-01-01, no phantom day.
 * The fraction is the time of day. Dates are returned in UTC: a serial has no time zone.
 */

const MS_PER_DAY = 86_400_000;
const EPOCH_1900_FROM_MARCH = Date.UTC(1899, 11, 30);
const EPOCH_1900_BEFORE_MARCH = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** The phantom 1900-02-29 of the 1900 date system. */
export const PHANTOM_LEAP_DAY_SERIAL = 60;
/** 9999-12-31, the last day Excel shows, in each system. */
const MAX_SERIAL_1900 = 2_958_465;
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

/**
 * The calendar date (UTC) of an Excel serial in the workbook's date system; null for what is no calendar
 * date: the phantom 1900-02-29, a time of day alone (serial below 1 in the 1900 system), a negative
 * serial, or one past 9999-12-31.
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (date1904) {
    return serial >= MAX_SERIAL_1904 + 1 ? null : new Date(EPOCH_1904 + Math.round(serial * MS_PER_DAY));
  }
  if (serial < 1 || serial >= MAX_SERIAL_1900 + 1) return null;
  const day = Math.floor(serial);
  if (day === PHANTOM_LEAP_DAY_SERIAL) return null;
  const epoch = day < PHANTOM_LEAP_DAY_SERIAL ? EPOCH_1900_BEFORE_MARCH : EPOCH_1900_FROM_MARCH;
  return new Date(epoch + Math.round(serial * MS_PER_DAY));
}

/** The Excel serial of a date (UTC) in the workbook's date system; null before the system's first day or past 9999. */
export function dateToExcelSerial(date: Date, date1904: boolean): number | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  if (date1904) {
    const serial = (ms - EPOCH_1904) / MS_PER_DAY;
    return serial < 0 || serial >= MAX_SERIAL_1904 + 1 ? null : serial;
  }
  const fromMarch = (ms - EPOCH_1900_FROM_MARCH) / MS_PER_DAY;
  if (fromMarch >= PHANTOM_LEAP_DAY_SERIAL + 1) return fromMarch >= MAX_SERIAL_1900 + 1 ? null : fromMarch;
  const beforeMarch = (ms - EPOCH_1900_BEFORE_MARCH) / MS_PER_DAY;
  return beforeMarch >= 1 ? beforeMarch : null;
}

/** Whether xl/workbook.xml selects the 1904 date system (`<workbookPr date1904="1"/>`, or "true"). */
export function usesDate1904(workbookXml: string): boolean {
  const pr = tags(workbookXml, "workbookPr").next();
  if (pr.done) return false;
  const value = /\sdate1904\s*=\s*["']\s*([^"']*)["']/.exec(pr.value);
  return value !== null && (value[1].trim() === "1" || value[1].trim().toLowerCase() === "true");
}

/** Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30; 27-36 and 50-58 are East Asian dates). */
export function isBuiltInDateFormat(numFmtId: number): boolean {
  return (
    (numFmtId >= 14 && numFmtId <= 22) ||
    (numFmtId >= 27 && numFmtId <= 36) ||
    (numFmtId >= 45 && numFmtId <= 47) ||
    (numFmtId >= 50 && numFmtId <= 58)
  );
}

/**
 * Whether a custom number format code shows a date or time: it has a y, m, d, h or s outside quoted text,
 * escaped characters, fill/padding characters and [colour]/[condition] brackets. Linear: one pass.
 */
export function isDateFormatCode(code: string): boolean {
  // Only the first section (positive numbers) decides, as in Excel's own classification.
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (ch === ";") return false;
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close + 1;
      continue;
    }
    if (ch === "\\" || ch === "_" || ch === "*") {
      i += 2;
      continue;
    }
    if (ch === "[") {
      const close = code.indexOf("]", i + 1);
      const inside = close < 0 ? "" : code.slice(i + 1, close).toLowerCase();
      // [h], [mm], [ss]: elapsed time, a time format; anything else ([Red], [>100], [$-409]) is not.
      if (/^(h+|m+|s+)$/.test(inside)) return true;
      i = close < 0 ? code.length : close + 1;
      continue;
    }
    if ("yYmMdDhHsS".includes(ch)) return true;
    // "General" and "e" of scientific notation hold no date letters; B (Buddhist year) does.
    if (ch === "B" && /[12]/.test(code[i + 1] ?? "")) return true;
    i += 1;
  }
  return false;
}

/**
 * The cell style indexes (a cell's `s` attribute) whose number format shows a date or time, read from
 * xl/styles.xml: custom formats from <numFmts>, styles from <cellXfs> (not <cellStyleXfs>).
 */
export function dateStyleIndexes(stylesXml: string): Set<number> {
  const customDate = new Map<number, boolean>();
  for (const tag of tags(stylesXml, "numFmt")) {
    const id = attribute(tag, "numFmtId");
    const code = attribute(tag, "formatCode");
    if (id !== undefined && code !== undefined) customDate.set(Number(id), isDateFormatCode(decodeXmlText(code)));
  }
  const dates = new Set<number>();
  const start = stylesXml.search(/<(?:[A-Za-z_][\w.-]*:)?cellXfs\b/);
  if (start < 0) return dates;
  const endMatch = /<\/(?:[A-Za-z_][\w.-]*:)?cellXfs\s*>/.exec(stylesXml.slice(start));
  const section = stylesXml.slice(start, endMatch ? start + endMatch.index : stylesXml.length);
  let index = 0;
  for (const tag of tags(section, "xf")) {
    const id = Number(attribute(tag, "numFmtId") ?? "0");
    if (customDate.get(id) ?? isBuiltInDateFormat(id)) dates.add(index);
    index += 1;
  }
  return dates;
}

/**
 * The start tags named `localName` (any namespace prefix), each up to its ">". Linear on any input: a tag with
 * no ">" ends the scan instead of being searched for again from every later start.
 */
function* tags(xml: string, localName: string): Generator<string> {
  const start = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])`, "g");
  for (let m = start.exec(xml); m; m = start.exec(xml)) {
    const close = xml.indexOf(">", start.lastIndex);
    if (close < 0) return;
    yield xml.slice(m.index, close + 1);
    start.lastIndex = close + 1;
  }
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeXmlText(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" })[name] ?? "");
}
