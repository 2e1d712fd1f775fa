import {
  dateStyleIndexes,
  dateToExcelSerial,
  excelSerialToDate,
  isBuiltInDateFormat,
  isDateFormatCode,
  usesDate1904,
} from "../src/core/excelDates";

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const utc = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min));
/** The serial reads as the date, and the date writes back as the same serial. */
const roundTrips = (date1904: boolean) => (serial: number, expected: string) => {
  expect(iso(excelSerialToDate(serial, date1904))).toBe(expected);
  expect(dateToExcelSerial(new Date(expected), date1904)).toBe(serial);
};

describe("1900 date system", () => {
  test.each([
    [1, "1900-01-01T00:00:00.000Z"],
    [59, "1900-02-28T00:00:00.000Z"],
    [61, "1900-03-01T00:00:00.000Z"],
    [25569, "1970-01-01T00:00:00.000Z"],
    [46171, "2026-05-29T00:00:00.000Z"],
    [46171.5, "2026-05-29T12:00:00.000Z"],
    [2958465, "9999-12-31T00:00:00.000Z"],
  ])("serial %s is %s", roundTrips(false));

  test("serial 60 is Excel's phantom 1900-02-29: no date, and no date maps to it", () => {
    expect(excelSerialToDate(60, false)).toBeNull();
    expect(excelSerialToDate(60.25, false)).toBeNull();
    expect(dateToExcelSerial(utc(1900, 2, 28), false)).toBe(59);
    expect(dateToExcelSerial(utc(1900, 3, 1), false)).toBe(61);
  });

  test("a time alone, a negative serial, one past 9999 and a non-number are no date", () => {
    for (const serial of [0, 0.5, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(excelSerialToDate(serial, false)).toBeNull();
    expect(dateToExcelSerial(utc(1899, 12, 31), false)).toBeNull();
    expect(dateToExcelSerial(new Date(Number.NaN), false)).toBeNull();
  });
});

describe("1904 date system", () => {
  test.each([
    [0, "1904-01-01T00:00:00.000Z"],
    [1, "1904-01-02T00:00:00.000Z"],
    [44709, "2026-05-29T00:00:00.000Z"],
    [44709.75, "2026-05-29T18:00:00.000Z"],
    [2957003, "9999-12-31T00:00:00.000Z"],
  ])("serial %s is %s", roundTrips(true));

  test("is 1462 days behind the 1900 system from 1904 on, and has no phantom day", () => {
    for (const date of [utc(1904, 1, 1), utc(2025, 12, 1), utc(2026, 6, 30, 8, 30)]) {
      expect(dateToExcelSerial(date, false)! - dateToExcelSerial(date, true)!).toBeCloseTo(1462, 9);
    }
    expect(iso(excelSerialToDate(60, true))).toBe("1904-03-01T00:00:00.000Z");
    expect(excelSerialToDate(-1, true)).toBeNull();
    expect(dateToExcelSerial(utc(1903, 12, 31), true)).toBeNull();
  });
});

test("usesDate1904 reads workbookPr, with or without a namespace prefix", () => {
  expect(usesDate1904('<workbook><workbookPr date1904="1" defaultThemeVersion="164011"/></workbook>')).toBe(true);
  expect(usesDate1904("<x:workbook><x:workbookPr date1904='true'/></x:workbook>")).toBe(true);
  expect(usesDate1904('<workbook><workbookPr date1904="0"/></workbook>')).toBe(false);
  expect(usesDate1904('<workbook><workbookPr defaultThemeVersion="164011"/></workbook>')).toBe(false);
  expect(usesDate1904("<workbook/>")).toBe(false);
});

describe("date formats", () => {
  test.each([
    ["m/d/yyyy", true],
    ["yyyy-mm-dd", true],
    ["[$-409]mmmm d, yyyy", true],
    ["h:mm AM/PM", true],
    ["[h]:mm:ss", true],
    ["General", false],
    ["0.00", false],
    ["#,##0;[Red]-#,##0", false],
    ['0 "days"', false],
    ["0.00E+00", false],
    ["\\d0", false],
    ["0;m/d/yyyy", false],
  ])("%s shows a date or time: %s", (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  test("built-in ids 14-22 are dates and times, 0-13 are not", () => {
    expect([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47].every(isBuiltInDateFormat)).toBe(true);
    expect([0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 49].some(isBuiltInDateFormat)).toBe(false);
  });

  test("dateStyleIndexes reads cellXfs, not cellStyleXfs, with custom formats from numFmts", () => {
    const styles = `<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="dd&quot;.&quot;mm&quot;.&quot;yyyy"/>
      <numFmt numFmtId="165" formatCode="0.0&quot;h&quot;"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="2"/></cellXfs>
      </styleSheet>`;
    expect([...dateStyleIndexes(styles)]).toEqual([1, 2]);
    expect(dateStyleIndexes("<styleSheet/>").size).toBe(0);
  });

  test("format classification is linear on a pathological format code", () => {
    const t0 = Date.now();
    expect(isDateFormatCode('"'.repeat(1) + "[".repeat(200_000))).toBe(false);
    expect(dateStyleIndexes(`<cellXfs>${"<xf ".repeat(100_000)}`).size).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
