import { promises as fsp } from "fs";
import * as os from "os";
import * as path from "path";
import { randomBytes } from "crypto";
import ExcelJS from "exceljs";
import { InputError, LARGE_SHEET_ROWS, convertCellValue, readSpreadsheet } from "../src/cli/readInput";

let dir: string;

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "cte-read-"));
});

afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);

async function expectInputError(promise: Promise<unknown>, pattern: RegExp): Promise<InputError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InputError);
  const err = caught as InputError;
  expect(err.message).toMatch(pattern);
  // A sentence for the user, never a stack or an exceljs/JSZip internal message.
  expect(err.message).not.toMatch(/\n|\bat \w+ \(|jszip|stuk\.github|central directory/i);
  return err;
}

describe("readSpreadsheet: workbooks", () => {
  const exitDate = new Date(Date.UTC(2025, 5, 6));
  const nextDay = new Date(Date.UTC(2025, 5, 7));

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Concentrators");
    ws.getCell("A1").value = "CTE Concentrators 2025-26";
    ws.mergeCells("A1:D1");
    ws.getRow(2).values = ["Student ID", "Grade", "IAC", "Exit Date", "Cluster"];
    ws.getCell("A3").value = 1001;
    ws.getCell("B3").value = 12;
    ws.getCell("C3").value = { formula: '"1.0"&"9"', result: "1.09" } as ExcelJS.CellFormulaValue;
    ws.getCell("D3").value = exitDate;
    ws.getCell("E3").value = {
      richText: [{ text: "Agriculture, ", font: { bold: true } }, { text: "Food and Natural Resources" }],
    };
    ws.getCell("A4").value = "1002";
    ws.getCell("B4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("C4").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
    ws.getCell("D4").value = { formula: "D3+1", result: nextDay } as ExcelJS.CellFormulaValue;
    ws.getCell("D4").numFmt = "yyyy-mm-dd";
    ws.getCell("E4").value = { text: "Information Technology", hyperlink: "https://dpi.wi.gov" };
    ws.getCell("A5").value = true;
    ws.getCell("B5").value = { formula: "1+1" } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell("C5").value = 0.5;
    ws.mergeCells("D5:E6");
    ws.getCell("D5").value = "merged";
    ws.getCell("A7").value = "Total: 2";
    // Formatting alone does not extend the used range.
    ws.getCell("H20").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00FF00" } };
    const second = wb.addWorksheet("Shared");
    second.getCell("A1").value = 1;
    second.getCell("A2").value = { formula: "A1+1", result: 2, shareType: "shared", ref: "A2:A3" } as ExcelJS.CellFormulaValue;
    second.getCell("A3").value = { sharedFormula: "A2", result: 3 } as ExcelJS.CellSharedFormulaValue;
    second.getCell("C2").value = "  ";
    wb.addWorksheet("Blank");
    await wb.xlsx.writeFile(file("district.xlsx"));
    await fsp.copyFile(file("district.xlsx"), file("macro.XLSM"));
  });

  it("converts every cell kind exactly as Office.js would give it", async () => {
    const input = await readSpreadsheet(file("district.xlsx"));
    expect(input.path).toBe(file("district.xlsx"));
    expect(input.format).toBe("xlsx");
    expect(input.sheets.map((s) => s.name)).toEqual(["Concentrators", "Shared", "Blank"]);
    const [conc, shared, blank] = input.sheets;
    expect(conc).toEqual({
      name: "Concentrators",
      firstRow: 1,
      firstColumn: 1,
      source: "workbook",
      rows: [
        ["CTE Concentrators 2025-26", null, null, null, null],
        ["Student ID", "Grade", "IAC", "Exit Date", "Cluster"],
        [1001, 12, "1.09", exitDate, "Agriculture, Food and Natural Resources"],
        ["1002", { error: "#N/A" }, { error: "#N/A" }, nextDay, "Information Technology"],
        [true, null, 0.5, "merged", null],
        [null, null, null, null, null],
        ["Total: 2", null, null, null, null],
      ],
    });
    expect(conc.rows[2][3]).toBeInstanceOf(Date);
    expect(conc.rows[3][3]).toBeInstanceOf(Date);
    expect(shared.rows).toEqual([
      [1, null, null],
      [2, null, "  "],
      [3, null, null],
    ]);
    expect(blank).toEqual({ name: "Blank", rows: [], firstRow: 1, firstColumn: 1, source: "workbook" });
  });

  it("reads .xlsm (any case) like .xlsx", async () => {
    const input = await readSpreadsheet(file("macro.XLSM"));
    expect(input.format).toBe("xlsx");
    expect(input.sheets[0].rows[1]).toEqual(["Student ID", "Grade", "IAC", "Exit Date", "Cluster"]);
  });

  it("reports progress once per sheet over the large-sheet threshold", async () => {
    const wb = new ExcelJS.Workbook();
    const big = wb.addWorksheet("Big");
    for (let r = 1; r <= LARGE_SHEET_ROWS + 1; r++) big.getCell(r, 1).value = r;
    wb.addWorksheet("Small").getCell("A1").value = "x";
    await wb.xlsx.writeFile(file("big.xlsx"));
    const messages: string[] = [];
    const input = await readSpreadsheet(file("big.xlsx"), { onProgress: (m) => messages.push(m) });
    expect(input.sheets[0].rows).toHaveLength(LARGE_SHEET_ROWS + 1);
    expect(messages).toEqual([`read Big: ${LARGE_SHEET_ROWS + 1} rows`]);
    const direct: string[] = [];
    await readSpreadsheet(file("big.xlsx"), (m) => direct.push(m));
    expect(direct).toEqual(messages);
  });

  it("rejects a workbook without any value", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    wb.addWorksheet("Sheet2");
    await wb.xlsx.writeFile(file("empty-book.xlsx"));
    await expectInputError(readSpreadsheet(file("empty-book.xlsx")), /^'.*empty-book\.xlsx' has no data: every worksheet is empty\.$/);
  });

  it("rejects a workbook without worksheets", async () => {
    await new ExcelJS.Workbook().xlsx.writeFile(file("no-sheets.xlsx"));
    await expectInputError(
      readSpreadsheet(file("no-sheets.xlsx")),
      /^'.*no-sheets\.xlsx' has no data: the workbook contains no worksheets\.$/,
    );
  });

  it("rejects random bytes named .xlsx", async () => {
    const bytes = randomBytes(4096);
    bytes[0] = 0x00; // never a zip signature, never text
    await fsp.writeFile(file("random.xlsx"), bytes);
    await expectInputError(
      readSpreadsheet(file("random.xlsx")),
      /^'.*random\.xlsx' is not a readable Excel workbook \(\.xlsx\): it is not a zip-based \.xlsx file\.$/,
    );
  });

  it("rejects a text file named .xlsx", async () => {
    await fsp.writeFile(file("text.xlsx"), "Student ID,Grade\n1001,12\n");
    await expectInputError(
      readSpreadsheet(file("text.xlsx")),
      /^'.*text\.xlsx' is not a readable Excel workbook \(\.xlsx\): it is a text file, not a workbook \(a CSV file needs the \.csv extension\)\.$/,
    );
  });

  it("rejects a truncated workbook", async () => {
    const full = await fsp.readFile(file("district.xlsx"));
    await fsp.writeFile(file("truncated.xlsx"), full.subarray(0, Math.floor(full.length / 2)));
    await expectInputError(
      readSpreadsheet(file("truncated.xlsx")),
      /^'.*truncated\.xlsx' is not a readable Excel workbook \(\.xlsx\): the file is damaged or truncated \(the zip directory at its end is missing\)\.$/,
    );
  });

  it("rejects a zip that is not a workbook", async () => {
    // A stored (uncompressed) zip holding one text file, built by hand.
    await fsp.writeFile(file("other.xlsx"), storedZip("readme.txt", "hello"));
    await expectInputError(
      readSpreadsheet(file("other.xlsx")),
      /^'.*other\.xlsx' is not a readable Excel workbook \(\.xlsx\): it is a zip file but not an Excel workbook\.$/,
    );
  });

  it("rejects a password-protected / OLE file named .xlsx", async () => {
    await fsp.writeFile(
      file("secret.xlsx"),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    );
    await expectInputError(
      readSpreadsheet(file("secret.xlsx")),
      /^'.*secret\.xlsx' is not a readable Excel workbook \(\.xlsx\): it is password-protected/,
    );
  });

  it("rejects an empty .xlsx file", async () => {
    await fsp.writeFile(file("zero.xlsx"), "");
    await expectInputError(readSpreadsheet(file("zero.xlsx")), /^'.*zero\.xlsx' is empty\.$/);
  });
});

describe("readSpreadsheet: CSV", () => {
  it("strips the BOM and keeps quoted commas, doubled quotes and embedded newlines", async () => {
    await fsp.writeFile(
      file("Participants.csv"),
      '\uFEFFStudent ID,Student Name,Grade,Note\r\n1001,"Smith, Ann",12,"said ""hi"""\r\n1002,"Line1\nLine2",,\r\n\r\n',
    );
    const input = await readSpreadsheet(file("Participants.csv"));
    expect(input).toEqual({
      path: file("Participants.csv"),
      format: "csv",
      sheets: [
        {
          name: "Participants",
          firstRow: 1,
          firstColumn: 1,
          source: "csv",
          rows: [
            ["Student ID", "Student Name", "Grade", "Note"],
            ["1001", "Smith, Ann", "12", 'said "hi"'],
            ["1002", "Line1\nLine2", null, null],
          ],
        },
      ],
    });
  });

  it("reads a semicolon-separated file (European Excel) with decimal commas as text", async () => {
    await fsp.writeFile(file("hours.CSV"), "Student ID;Hours\n1001;2,5\n1002;\n");
    const input = await readSpreadsheet(file("hours.CSV"));
    expect(input.sheets[0].name).toBe("hours");
    expect(input.sheets[0].rows).toEqual([
      ["Student ID", "Hours"],
      ["1001", "2,5"],
      ["1002", null],
    ]);
  });

  it("keeps blank records inside the data (row numbers stay record numbers)", async () => {
    await fsp.writeFile(file("gaps.csv"), "a,b\n\n1,2\n");
    const input = await readSpreadsheet(file("gaps.csv"));
    expect(input.sheets[0].rows).toEqual([["a", "b"], [null], ["1", "2"]]);
  });

  it("reads a Windows-1252 file saved by older Excel", async () => {
    await fsp.writeFile(file("ansi.csv"), Buffer.from([...Buffer.from("Name\nCaf"), 0xe9, 0x0a]));
    const input = await readSpreadsheet(file("ansi.csv"));
    expect(input.sheets[0].rows).toEqual([["Name"], ["Café"]]);
  });

  it("reads a UTF-16 file with BOM", async () => {
    const text = "\uFEFFName\tGrade\nZoë\t11\n";
    await fsp.writeFile(file("utf16.csv"), Buffer.from(text, "utf16le"));
    const input = await readSpreadsheet(file("utf16.csv"));
    expect(input.sheets[0].rows).toEqual([
      ["Name", "Grade"],
      ["Zoë", "11"],
    ]);
  });

  it("rejects an unterminated quoted field", async () => {
    await fsp.writeFile(file("cut.csv"), 'Student ID,Name\n1001,"Smith\n1002,Jones\n');
    await expectInputError(
      readSpreadsheet(file("cut.csv")),
      /^'.*cut\.csv' ends inside a quoted field at record 2; the file looks truncated \(or a closing quote is missing\)\.$/,
    );
  });

  it("rejects an empty file and a file of blank lines", async () => {
    await fsp.writeFile(file("empty.csv"), "");
    await expectInputError(readSpreadsheet(file("empty.csv")), /^'.*empty\.csv' is empty\.$/);
    await fsp.writeFile(file("blank.csv"), "\uFEFF\r\n\r\n");
    await expectInputError(readSpreadsheet(file("blank.csv")), /^'.*blank\.csv' is empty\.$/);
    await fsp.writeFile(file("commas.csv"), ",,\n,,\n");
    await expectInputError(readSpreadsheet(file("commas.csv")), /^'.*commas\.csv' has no data\.$/);
  });

  it("rejects a workbook named .csv", async () => {
    await fsp.writeFile(file("book.csv"), storedZip("xl/workbook.xml", "<workbook/>"));
    await expectInputError(
      readSpreadsheet(file("book.csv")),
      /^'.*book\.csv' is an Excel workbook \(or another zip file\), not a CSV text file; if it is a workbook, rename it to \.xlsx\.$/,
    );
  });

  it("rejects binary data named .csv", async () => {
    await fsp.writeFile(file("bin.csv"), Buffer.from([0x41, 0x00, 0x42, 0x0a]));
    await expectInputError(readSpreadsheet(file("bin.csv")), /^'.*bin\.csv' is not a CSV text file: it contains binary data\.$/);
  });
});

describe("readSpreadsheet: paths and extensions", () => {
  it("names a missing file", async () => {
    const missing = file("nope.xlsx");
    const err = await expectInputError(readSpreadsheet(missing), /^cannot read '.*nope\.xlsx': no such file\.$/);
    expect(err.message).toBe(`cannot read '${missing}': no such file.`);
    await expectInputError(readSpreadsheet(file("no-dir/x.csv")), /^cannot read '.*x\.csv': no such file\.$/);
  });

  it("names a folder", async () => {
    await fsp.mkdir(file("folder.csv"));
    await expectInputError(readSpreadsheet(file("folder.csv")), /^cannot read '.*folder\.csv': it is a folder, not a file\.$/);
  });

  it("tells to save .xls as .xlsx", async () => {
    await expectInputError(
      readSpreadsheet(file("old.xls")),
      /^'.*old\.xls' is an old Excel 97-2003 workbook \(\.xls\), which cte-check cannot read; open it in Excel and save it as an Excel Workbook \(\.xlsx\)\.$/,
    );
  });

  it("names the supported extensions for anything else", async () => {
    await expectInputError(
      readSpreadsheet(file("data.ods")),
      /^'.*data\.ods' has an unsupported file type \(\.ods\); cte-check reads Excel workbooks \(\.xlsx, \.xlsm\) and CSV files \(\.csv\)\.$/,
    );
    await expectInputError(readSpreadsheet(file("README")), /^'.*README' has no file extension; cte-check reads Excel workbooks/);
  });
});

describe("convertCellValue", () => {
  it("handles rich text inside a hyperlink and unknown shapes", () => {
    expect(convertCellValue({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" })).toBe("ab");
    expect(convertCellValue({ sharedFormula: "A1" })).toBeNull();
    expect(convertCellValue({ weird: 1 })).toBeNull();
    expect(convertCellValue(undefined)).toBeNull();
  });
});

/** A minimal zip (one stored entry), enough for the signature checks and for JSZip to open. */
function storedZip(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const nameBytes = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localPart = Buffer.concat([local, nameBytes, data]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

function crc32(buf: Buffer): number {
  let crc = ~0;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
