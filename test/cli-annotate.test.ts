import { promises as fsp } from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import { FILL_ARGB, USER_NOTE_SEPARATOR, neutralizeFormulaText, uniqueSheetName, writeAnnotatedCopy } from "../src/cli/annotate";
import { InputError, type SpreadsheetInput, readSpreadsheet } from "../src/cli/readInput";
import type { Finding, Report, TopicSummary } from "../src/core/report";
import { reportSchema } from "../src/core/reportSchema";

let dir: string;
let bookPath: string;
let csvPath: string;
let book: SpreadsheetInput;
let csv: SpreadsheetInput;

const USER_FILL = "FF00B0F0";

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "cte-annotate-"));
  bookPath = path.join(dir, "district.xlsx");
  csvPath = path.join(dir, "Participants [fall]*.csv");

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Concentrators");
  ws.getCell("A1").value = "CTE Concentrators 2025-26";
  ws.mergeCells("A1:E1");
  ws.getRow(2).values = ["Student ID", "Grade", "IAC", "Cluster", "Exit Date"];
  ws.getRow(3).values = ["1001", 12, "", "Agriculture, Food and Natural Resources", new Date(Date.UTC(2025, 5, 6))];
  ws.getRow(4).values = ["1002", 9, "11.01", "Information Technology"];
  ws.getRow(5).values = ["1003", 11, "48.05", "Manufacturing"];
  // C3 and C4 carry the same user fill (one shared style once loaded); only C3 is flagged.
  for (const address of ["C3", "C4"]) {
    ws.getCell(address).fill = { type: "pattern", pattern: "solid", fgColor: { argb: USER_FILL } };
    ws.getCell(address).font = { bold: true, color: { argb: "FF7030A0" } };
  }
  ws.getCell("C3").note = "Checked with Ms. K on 11/2";
  ws.getColumn(4).width = 41;
  wb.addWorksheet("Snapshot Checklist").getCell("A1").value = "last year's checklist";
  await wb.xlsx.writeFile(bookPath);
  await fsp.writeFile(csvPath, '\uFEFFStudent ID,Grade,Hours\r\n007,12,=1+2\r\n1002,9,"2,5"\r\n');

  book = await readSpreadsheet(bookPath);
  csv = await readSpreadsheet(csvPath);
});

afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const sha = async (p: string) =>
  createHash("sha256")
    .update(await fsp.readFile(p))
    .digest("hex");

function finding(partial: Partial<Finding> & Pick<Finding, "sheet" | "cell" | "severity" | "rule">): Finding {
  const row = Number(partial.cell.replace(/^[A-Z]+/, ""));
  const key = `${partial.rule}|concentrators|${partial.sheet}!${partial.cell}|-`;
  return { topic: "iac-codes", row, message: `${partial.rule} message`, key, status: "new", ...partial };
}

function topic(partial: Partial<TopicSummary> & Pick<TopicSummary, "topic" | "status">): TopicSummary {
  return {
    title: partial.topic,
    errors: 0,
    warnings: 0,
    infos: 0,
    acknowledged: 0,
    figure: { text: "" },
    exports: "CTE Concentrator export",
    dashboard: "Perkins dashboard",
    notes: [],
    ...partial,
  };
}

function makeReport(findings: Finding[]): Report {
  return reportSchema.parse({
    schemaVersion: 2,
    schoolYear: "2025-26",
    sheets: [
      { sheet: "Concentrators", kind: "concentrators", headerRow: 2, dataRows: 3, columns: { studentId: "Student ID" } },
      { sheet: csv.sheets[0].name, kind: "irc-wbl", headerRow: 1, dataRows: 2, columns: {} },
    ],
    findings,
    checklist: [
      topic({
        topic: "cte-participants",
        title: "CTE Participants",
        status: "pass",
        figure: { text: "72 students" },
        exports: "CTE Participant export",
      }),
      topic({
        topic: "iac-codes",
        title: "Career Pathways / IAC codes",
        status: "fail",
        errors: 2,
        warnings: 1,
        figure: { text: '=HYPERLINK("http://x")' },
        notes: ["No DPI IAC to Cluster list loaded: IAC-UNKNOWN not run.", "-a second note"],
      }),
      topic({ topic: "cte-graduates", title: "CTE Graduates", status: "warn", warnings: 1, figure: { text: "-3 students" } }),
      topic({
        topic: "single-parent",
        title: "Single Parent & Homeless",
        status: "no-data",
        figure: { text: "no Student Demographics export" },
        exports: "Student Demographics export",
        dashboard: "",
      }),
    ],
    fixed: [],
    since: { new: findings.length, open: 0, fixed: 0, acknowledged: 0, hadPrevious: false },
    acknowledged: [],
  });
}

const manyOnE5 = Array.from({ length: 35 }, (_, i) =>
  finding({ sheet: "Concentrators", cell: "E5", severity: "info", rule: `INFO-${String(i + 1).padStart(2, "0")}` }),
);

const FINDINGS: Finding[] = [
  finding({ sheet: "Concentrators", cell: "C3", severity: "info", rule: "IAC-NOTE", message: "IAC list not loaded" }),
  finding({ sheet: "Concentrators", cell: "C3", severity: "warning", rule: "IAC-SUGGESTED", message: "not one of the 16 suggested IACs" }),
  finding({ sheet: "Concentrators", cell: "C3", severity: "error", rule: "IAC-MISSING", message: "concentrator has no IAC code" }),
  finding({ sheet: "Concentrators", cell: "C3", severity: "error", rule: "IAC-MISSING", message: "concentrator has no IAC code" }),
  finding({ sheet: "Concentrators", cell: "B4", severity: "warning", rule: "GRADE-RANGE", message: "grade 9 concentrator" }),
  finding({ sheet: "Concentrators", cell: "D5", severity: "info", rule: "CLUSTER-INFO", message: "=cluster spelled the long way" }),
  // B1 lies inside the merged title A1:E1: the note goes on the master cell A1.
  finding({ sheet: "Concentrators", cell: "B1", severity: "warning", rule: "TITLE-ROW", message: "title row above the header" }),
  ...manyOnE5,
  finding({
    sheet: "Participants [fall]*",
    cell: "C2",
    severity: "error",
    rule: "HOURS-NOT-NUMBER",
    topic: "work-based-learning",
    message: "hours '=1+2' is not a number",
  }),
  finding({ sheet: "Elsewhere", cell: "A1", severity: "error", rule: "NOWHERE" }),
];

function fillArgb(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === "pattern" && fill.pattern === "solid" ? fill.fgColor?.argb : undefined;
}

function noteOf(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (note === undefined) return undefined;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

describe("writeAnnotatedCopy", () => {
  let outPath: string;
  let result: Awaited<ReturnType<typeof writeAnnotatedCopy>>;
  let out: ExcelJS.Workbook;
  let hashesBefore: string[];

  beforeAll(async () => {
    hashesBefore = [await sha(bookPath), await sha(csvPath)];
    const outDir = path.join(dir, "out");
    await fsp.mkdir(outDir);
    outPath = path.join(outDir, "district.checked.xlsx");
    result = await writeAnnotatedCopy({
      inputs: [csv, book],
      report: makeReport(FINDINGS),
      outPath,
      checkedOn: new Date(2026, 10, 28, 23, 30),
    });
    out = new ExcelJS.Workbook();
    await out.xlsx.readFile(outPath);
  });

  it("returns the counts", () => {
    // C3, B4, A1 filled; D5 and E5 info-only; C2 of the CSV filled.
    expect(result).toEqual({ flaggedCells: 4, notes: 6, unplacedFindings: 1 });
  });

  it("keeps the workbook's sheets first and appends the CSV and the checklist", () => {
    expect(out.worksheets.map((ws) => ws.name)).toEqual([
      "Concentrators",
      "Snapshot Checklist",
      "Participants _fall__",
      "Snapshot Checklist (2)",
    ]);
  });

  it("fills by the worst severity and keeps the user's font and other cells' fills", () => {
    const ws = out.getWorksheet("Concentrators")!;
    expect(fillArgb(ws.getCell("C3"))).toBe(FILL_ARGB.error);
    expect(ws.getCell("C3").font).toMatchObject({ bold: true, color: { argb: "FF7030A0" } });
    expect(fillArgb(ws.getCell("C4"))).toBe(USER_FILL); // same style as C3 before, not flagged
    expect(ws.getCell("C4").font).toMatchObject({ bold: true });
    expect(fillArgb(ws.getCell("B4"))).toBe(FILL_ARGB.warning);
    expect(fillArgb(ws.getCell("A1"))).toBe(FILL_ARGB.warning);
    expect(fillArgb(ws.getCell("D5"))).toBeUndefined();
    expect(fillArgb(ws.getCell("E5"))).toBeUndefined();
    expect(ws.getCell("E5").value).toBeNull(); // an empty cell with a note stays empty
    expect(fillArgb(ws.getCell("A4"))).toBeUndefined();
    expect(ws.getColumn(4).width).toBe(41);
  });

  it("writes one note per cell, severity first, sorted, deduplicated, the user's note kept", () => {
    const ws = out.getWorksheet("Concentrators")!;
    expect(noteOf(ws.getCell("C3"))).toBe(
      [
        "ERROR IAC-MISSING: concentrator has no IAC code",
        "WARNING IAC-SUGGESTED: not one of the 16 suggested IACs",
        "INFO IAC-NOTE: IAC list not loaded",
        USER_NOTE_SEPARATOR,
        "Checked with Ms. K on 11/2",
      ].join("\n"),
    );
    expect(noteOf(ws.getCell("B4"))).toBe("WARNING GRADE-RANGE: grade 9 concentrator");
    expect(noteOf(ws.getCell("D5"))).toBe("INFO CLUSTER-INFO: =cluster spelled the long way");
    expect(noteOf(ws.getCell("A1"))).toBe("WARNING TITLE-ROW: title row above the header");
    expect(noteOf(ws.getCell("A4"))).toBeUndefined();
  });

  it("caps a note at 30 lines", () => {
    const lines = noteOf(out.getWorksheet("Concentrators")!.getCell("E5"))!.split("\n");
    expect(lines).toHaveLength(30);
    expect(lines[0]).toBe("INFO INFO-01: INFO-01 message");
    expect(lines[28]).toBe("INFO INFO-29: INFO-29 message");
    expect(lines[29]).toBe("… and 6 more");
  });

  it("leaves every value of the user's workbook as it was", () => {
    const ws = out.getWorksheet("Concentrators")!;
    expect(ws.getCell("A1").value).toBe("CTE Concentrators 2025-26");
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.getCell("C4").value).toBe("11.01");
    expect(ws.getCell("E3").value).toEqual(new Date(Date.UTC(2025, 5, 6)));
    expect(out.getWorksheet("Snapshot Checklist")!.getCell("A1").value).toBe("last year's checklist");
  });

  it("appends CSV values as text exactly as read", () => {
    const ws = out.getWorksheet("Participants _fall__")!;
    expect(ws.getCell("A2").value).toBe("007");
    expect(ws.getCell("B2").value).toBe("12");
    expect(ws.getCell("C2").value).toBe("=1+2");
    expect(ws.getCell("C2").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("C3").value).toBe("2,5");
    expect(fillArgb(ws.getCell("C2"))).toBe(FILL_ARGB.error);
    expect(noteOf(ws.getCell("C2"))).toBe("ERROR HOURS-NOT-NUMBER: hours '=1+2' is not a number");
  });

  it("writes the Snapshot Checklist like DPI's DEMO page", () => {
    const ws = out.getWorksheet("Snapshot Checklist (2)")!;
    const values = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1);
    expect(ws.getCell("A1").value).toBe("CTE and Career Education Data Check — school year 2025-26");
    expect(ws.getCell("A2").value).toBe("Team Members:");
    expect(ws.getCell("B2").value).toBeNull();
    expect(ws.getCell("B2").border?.bottom?.style).toBe("thin");
    expect(ws.getCell("A3").value).toBe("Date of Data Check:");
    expect(ws.getCell("B3").value).toBe("2026-11-28");
    expect(ws.getCell("A4").value).toBe("Current View is used to check data before the December Snapshot.");
    expect(values(6)).toEqual([
      "Topic",
      "WISEdata Portal export",
      "Figure",
      "Status",
      "Errors",
      "Warnings",
      "WISEdash for District",
      "Checked (initials)",
    ]);
    expect(ws.getCell("A6").font?.bold).toBe(true);
    expect(values(7)).toEqual(["CTE Participants", "CTE Participant export", "72 students", "PASS", 0, 0, "Perkins dashboard"]);
    expect(values(8)).toEqual([
      "Career Pathways / IAC codes",
      "CTE Concentrator export",
      '\'=HYPERLINK("http://x")',
      "FAIL",
      2,
      1,
      "Perkins dashboard",
    ]);
    expect(values(9)).toEqual(["CTE Graduates", "CTE Concentrator export", "'-3 students", "WARN", 0, 1, "Perkins dashboard"]);
    expect(values(10).slice(0, 6)).toEqual([
      "Single Parent & Homeless",
      "Student Demographics export",
      "no Student Demographics export",
      "NO-DATA",
      0,
      0,
    ]);
    expect(values(12)).toEqual(["Not checked"]);
    expect(ws.getCell("A13").value).toBe("Career Pathways / IAC codes");
    expect(ws.getCell("B13").value).toBe("No DPI IAC to Cluster list loaded: IAC-UNKNOWN not run.");
    expect(ws.getCell("H13").type).toBe(ExcelJS.ValueType.Merge);
    expect(ws.getCell("B14").value).toBe("'-a second note");
    expect(ws.getCell("C14").isMerged).toBe(true);
    expect(ws.rowCount).toBe(14);
    expect(["D7", "D8", "D9", "D10"].map((a) => fillArgb(ws.getCell(a)))).toEqual([
      FILL_ARGB.pass,
      FILL_ARGB.error,
      FILL_ARGB.warning,
      FILL_ARGB.noData,
    ]);
    expect(ws.getCell("C8").alignment?.wrapText).toBe(true);
    expect(ws.getColumn(3).width).toBeGreaterThan(30);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it("never touches the inputs and leaves no temporary file", async () => {
    expect([await sha(bookPath), await sha(csvPath)]).toEqual(hashesBefore);
    expect(await fsp.readdir(path.dirname(outPath))).toEqual(["district.checked.xlsx"]);
  });

  it("fills in the team members and re-annotates its own copy without nesting old notes", async () => {
    const again = path.join(dir, "out", "again.xlsx");
    const checked = await readSpreadsheet(outPath);
    await writeAnnotatedCopy({
      inputs: [checked],
      report: makeReport([
        finding({ sheet: "Concentrators", cell: "C3", severity: "warning", rule: "IAC-SUGGESTED", message: "still not suggested" }),
        finding({ sheet: "Concentrators", cell: "B4", severity: "info", rule: "GRADE-RANGE", message: "fine now" }),
      ]),
      outPath: again,
      teamMembers: "=J. Doe, A. Smith",
      checkedOn: new Date(2026, 0, 5),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(again);
    const ws = wb.getWorksheet("Concentrators")!;
    expect(noteOf(ws.getCell("C3"))).toBe(
      ["WARNING IAC-SUGGESTED: still not suggested", USER_NOTE_SEPARATOR, "Checked with Ms. K on 11/2"].join("\n"),
    );
    expect(noteOf(ws.getCell("B4"))).toBe("INFO GRADE-RANGE: fine now");
    const list = wb.getWorksheet("Snapshot Checklist (3)")!;
    expect(list.getCell("B2").value).toBe("'=J. Doe, A. Smith");
    expect(list.getCell("B3").value).toBe("2026-01-05");
  });
});

describe("writeAnnotatedCopy without a workbook input", () => {
  it("starts a new workbook from the CSV values", async () => {
    const outPath = path.join(dir, "csv-only.xlsx");
    const res = await writeAnnotatedCopy({
      inputs: [csv],
      report: makeReport([finding({ sheet: csv.sheets[0].name, cell: "A2", severity: "warning", rule: "ID-FORMAT" })]),
      outPath,
      teamMembers: "J. Doe",
      checkedOn: new Date(2026, 10, 28),
    });
    expect(res).toEqual({ flaggedCells: 1, notes: 1, unplacedFindings: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outPath);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["Participants _fall__", "Snapshot Checklist"]);
    expect(fillArgb(wb.worksheets[0].getCell("A2"))).toBe(FILL_ARGB.warning);
    expect(wb.worksheets[1].getCell("B2").value).toBe("J. Doe");
  });
});

describe("writeAnnotatedCopy refuses unsafe outputs", () => {
  async function listing(d: string): Promise<string[]> {
    return (await fsp.readdir(d)).sort();
  }

  it("refuses to write over an input, however it is spelled", async () => {
    const before = await sha(bookPath);
    const report = makeReport([]);
    const relative = path.relative(process.cwd(), bookPath);
    for (const outPath of [bookPath, relative, path.join(dir, "out", "..", "district.xlsx")]) {
      await expect(writeAnnotatedCopy({ inputs: [book, csv], report, outPath, checkedOn: new Date() })).rejects.toThrow(
        /^refusing to write '.*': it is the input file '.*district\.xlsx', which cte-check never modifies; choose another --out name\.$/,
      );
    }
    const link = path.join(dir, "link.xlsx");
    await fsp.symlink(bookPath, link);
    await expect(writeAnnotatedCopy({ inputs: [book], report, outPath: link, checkedOn: new Date() })).rejects.toBeInstanceOf(InputError);
    expect(await sha(bookPath)).toBe(before);
    const referencePath = path.join(dir, "reference.xlsx");
    await expect(
      writeAnnotatedCopy({ inputs: [csv], report, outPath: referencePath, checkedOn: new Date(), protectedPaths: [referencePath] }),
    ).rejects.toThrow(/^refusing to write '.*reference\.xlsx': it is the input file/);
    await expect(fsp.stat(referencePath)).rejects.toThrow();
  });

  it("rejects a missing folder without creating anything", async () => {
    const before = await listing(dir);
    const outPath = path.join(dir, "missing", "copy.xlsx");
    await expect(writeAnnotatedCopy({ inputs: [book], report: makeReport(FINDINGS), outPath, checkedOn: new Date() })).rejects.toThrow(
      new InputError(`cannot write '${outPath}': the folder '${path.join(dir, "missing")}' does not exist.`),
    );
    expect(await listing(dir)).toEqual(before);
  });

  it("rejects a name that is not .xlsx", async () => {
    const outPath = path.join(dir, "copy.csv");
    await expect(writeAnnotatedCopy({ inputs: [book], report: makeReport([]), outPath, checkedOn: new Date() })).rejects.toThrow(
      /^cannot write '.*copy\.csv': the annotated copy is an Excel workbook, so its name must end in \.xlsx\.$/,
    );
  });

  it("rejects a folder named like the output", async () => {
    const outPath = path.join(dir, "folder.xlsx");
    await fsp.mkdir(outPath);
    await expect(writeAnnotatedCopy({ inputs: [book], report: makeReport([]), outPath, checkedOn: new Date() })).rejects.toThrow(
      /^cannot write '.*folder\.xlsx': it is a folder\.$/,
    );
  });

  it("removes the temporary file when the final rename fails", async () => {
    const outDir = path.join(dir, "rename-fails");
    await fsp.mkdir(outDir);
    const outPath = path.join(outDir, "copy.xlsx");
    const rename = jest.spyOn(fsp, "rename").mockRejectedValueOnce(Object.assign(new Error("EBUSY: resource busy"), { code: "EBUSY" }));
    try {
      await expect(writeAnnotatedCopy({ inputs: [book], report: makeReport(FINDINGS), outPath, checkedOn: new Date() })).rejects.toThrow(
        `cannot write '${outPath}': the file is locked (is it open in Excel?); close it and try again.`,
      );
    } finally {
      rename.mockRestore();
    }
    expect(await fsp.readdir(outDir)).toEqual([]);
  });

  it("replaces an existing copy atomically", async () => {
    const outDir = path.join(dir, "replace");
    await fsp.mkdir(outDir);
    const outPath = path.join(outDir, "copy.xlsx");
    await fsp.writeFile(outPath, "old");
    await writeAnnotatedCopy({ inputs: [book], report: makeReport([]), outPath, checkedOn: new Date() });
    expect((await fsp.readFile(outPath)).subarray(0, 2).toString()).toBe("PK");
    expect(await fsp.readdir(outDir)).toEqual(["copy.xlsx"]);
  });
});

describe("helpers", () => {
  it("neutralizeFormulaText prefixes what a spreadsheet could read as a formula", () => {
    for (const s of ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeFormulaText(s)).toBe(`'${s}`);
    for (const s of ["", "72 students", "a=b", " =x", "'=x"]) expect(neutralizeFormulaText(s)).toBe(s);
  });

  it("uniqueSheetName makes valid, unused names", () => {
    const used = new Set(["concentrators"]);
    expect(uniqueSheetName("Concentrators", used)).toBe("Concentrators (2)");
    expect(uniqueSheetName("CONCENTRATORS", used)).toBe("CONCENTRATORS (3)");
    expect(uniqueSheetName("a/b\\c?d*e:f[g]h", used)).toBe("a_b_c_d_e_f_g_h");
    const long = "Industry-Recognized Credentials and Work-Based Learning";
    const first = uniqueSheetName(long, used);
    const second = uniqueSheetName(long, used);
    expect(first).toBe(long.slice(0, 31));
    expect(second).toHaveLength(31);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("'quoted'", used)).toBe("quoted");
    expect(uniqueSheetName("", used)).toBe("Sheet");
    expect(uniqueSheetName("History", used)).toBe("History_");
  });
});
