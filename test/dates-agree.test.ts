// The CLI's reader (exceljs) and the task pane's .xlsx reader read the same workbook's dates as the same dates,
// in both date systems, through src/core/excelDates.ts.
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import type { CellValue } from "../src/core/cells";
import { convertCellValue, loadWorkbook, worksheetToSheetInput } from "../src/cli/readInput";
import { readXlsx } from "../src/io/xlsx";

const inflateRaw = async (b: Uint8Array) => new Uint8Array(zlib.inflateRawSync(b));
const DATES = [new Date(Date.UTC(2026, 4, 29)), new Date(Date.UTC(2025, 11, 1, 14, 30)), new Date(Date.UTC(1904, 0, 2))];

/** A workbook with DATES in A1:A3 (date format), a plain number in B1, and serial 60 date-formatted in C1. */
async function workbook(date1904: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet("Dates");
  DATES.forEach((d, i) => {
    ws.getCell(i + 1, 1).value = d;
    ws.getCell(i + 1, 1).numFmt = "yyyy-mm-dd hh:mm";
  });
  ws.getCell("B1").value = 46171;
  ws.getCell("C1").value = 60;
  ws.getCell("C1").numFmt = "m/d/yyyy";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Rows = readonly (readonly CellValue[])[];

async function bothReaders(bytes: Buffer): Promise<[Rows, Rows]> {
  const cli = worksheetToSheetInput((await loadWorkbook("dates.xlsx", bytes)).worksheets[0]).rows;
  const pane = (await readXlsx(new Uint8Array(bytes), { inflateRaw }))[0].rows;
  return [cli, pane];
}

test.each([false, true])("date1904 %s: both readers give the same dates and leave plain numbers alone", async (date1904) => {
  const [cli, pane] = await bothReaders(await workbook(date1904));
  expect(pane).toEqual(cli);
  expect(cli.map((row) => row[0])).toEqual(DATES);
  expect(cli[0][1]).toBe(46171);
});

test("serial 60 (Excel's phantom 1900-02-29) stays a number in both readers", async () => {
  const [cli, pane] = await bothReaders(await workbook(false));
  expect(cli[0][2]).toBe(60);
  expect(pane[0][2]).toBe(60);
});

test("convertCellValue re-reads exceljs's dates before March 1900 with the phantom leap day", () => {
  // exceljs reads serial 1 as 1899-12-31 (it counts every serial from 1899-12-30); Excel shows 1900-01-01.
  expect(convertCellValue(new Date(Date.UTC(1899, 11, 31)))).toEqual(new Date(Date.UTC(1900, 0, 1)));
  expect(convertCellValue(new Date(Date.UTC(2026, 4, 29)), true)).toEqual(new Date(Date.UTC(2026, 4, 29)));
});
