/**
 * `cte-check --template pathway-plan FILE.xlsx`: writes core's empty Pathway Plan template (the same layout
 * the task pane inserts) as a new workbook, with a note on each header cell.
 *
 * An existing FILE is never replaced: a template is a starting point the user fills in, so overwriting a
 * file of that name could destroy a filled plan. The file is created with the exclusive flag, so a file
 * that appears between the check and the write is not replaced either.
 */
import { promises as fsp } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { TEXT_NUMBER_FORMAT, pathwayPlanLayout } from "../core/pathwayPlanTemplate";
import { InputError, shortReason } from "./readInput";

/** Templates `--template` can write. */
export const TEMPLATES = ["pathway-plan"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATES as readonly string[]).includes(name);
}

const HEADER_FILL = "FFF2F2F2";

/** The Pathway Plan template as an exceljs workbook (cell notes on the header, Text format on every column). */
export function pathwayPlanWorkbook(): ExcelJS.Workbook {
  const layout = pathwayPlanLayout({ cellNotes: true });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cte-check";
  const ws = workbook.addWorksheet(layout.sheetName, { views: [{ state: "frozen", ySplit: layout.frozenRows }] });
  layout.columnWidths.forEach((width, i) => {
    const column = ws.getColumn(i + 1);
    column.width = width;
    // A column style: every cell the user types into later takes the Text format, however far down.
    column.numFmt = TEXT_NUMBER_FORMAT;
  });
  layout.rows.forEach((values, r) =>
    values.forEach((value, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = value;
      cell.numFmt = TEXT_NUMBER_FORMAT;
    }),
  );
  for (let c = 1; c <= layout.columnWidths.length; c++) {
    const cell = ws.getCell(layout.headerRow, c);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: "thin" } };
  }
  for (const note of layout.notes) ws.getCell(note.row, note.column).note = note.text;
  return workbook;
}

/**
 * Writes the template to `file` (a new .xlsx file); returns the sheet name written.
 * @throws InputError when the name is not .xlsx, the file exists, or it cannot be written.
 */
export async function writeTemplate(name: TemplateName, file: string): Promise<string> {
  if (path.extname(file).toLowerCase() !== ".xlsx") {
    throw new InputError(`the template is an Excel workbook: give a file name ending in .xlsx, not '${file}'.`);
  }
  const workbook = pathwayPlanWorkbook();
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  try {
    await fsp.writeFile(file, bytes, { flag: "wx" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new InputError(`'${file}' already exists and is left as it is: give a new file name for the ${name} template.`);
    }
    throw new InputError(`could not write '${file}': ${code === "ENOENT" ? "its folder does not exist" : shortReason(err)}.`);
  }
  return workbook.worksheets[0].name;
}
