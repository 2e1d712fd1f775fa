/**
 * Hostile and unlucky .xlsx files (issue 8): far-away cells, zip bombs (honest and lying, zip64), sheets of
 * millions of cells, zip64 packages, cells without references, and XML that never closes its tags. The CLI
 * runs as a child process under a small heap, so a regression shows as a failed assertion, not a dead worker;
 * the pane's reader (src/io/xlsx.ts) runs in-process with time bounds that only a quadratic scan misses.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { cellSafeText, xmlSafeText } from "../src/core/xmlText";
import { readXlsx as readPaneXlsx, readZipDirectory } from "../src/io/xlsx";
import { BIN, ensureBuilt, fillArgb, noteText, parseReport, readXlsx } from "./helpers/e2e";
import {
  type RawEntry,
  inlineCell,
  numberCell,
  rawWorkbook,
  repeatedDeflate,
  workbookEntries,
  worksheetXml,
  zipParts,
} from "./helpers/rawXlsx";

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-adversarial-xlsx-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The real CLI under a small heap: an out-of-memory abort shows as exit 134 (or a signal), not as a dead test worker. */
function cteCheck(args: string[], heapMB = 512): { code: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMB}`, BIN, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function expectRefusal(r: ReturnType<typeof cteCheck>, message: RegExp): void {
  expect(r.stderr).not.toMatch(/\n\s+at |FATAL|heap/i);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(message);
  expect(r.code).toBe(2);
}

describe("cte-check on hostile workbooks", () => {
  test("a 2 KB workbook whose only value sits at XFD1048576 is read as that one cell, not as 17 billion", () => {
    fs.writeFileSync(
      file("far.xlsx"),
      rawWorkbook({ sheets: [{ name: "Far", sheetData: `<row r="1048576">${inlineCell("stray", "XFD1048576")}</row>` }] }),
    );
    const r = cteCheck(["--json", file("far.xlsx")]);
    // One stray text cell is no export: read, then "nothing was checked" (exit 3), never a crash.
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^cte-check: nothing was checked/)]);
    expect(r.code).toBe(3);
    const report = parseReport(r.stdout);
    expect(report.findings.map((f) => [f.rule, f.cell])).toEqual([["SHEET-UNRECOGNIZED", "XFD1048576"]]);
  });

  test("values at A1 and XFD1048576: refused with the sheet, the range and the limit, before the matrix is built", () => {
    fs.writeFileSync(
      file("corners.xlsx"),
      rawWorkbook({
        sheets: [
          {
            name: "Corners",
            sheetData: `<row r="1">${inlineCell("Student ID", "A1")}</row><row r="1048576">${inlineCell("x", "XFD1048576")}</row>`,
          },
        ],
      }),
    );
    const r = cteCheck([file("corners.xlsx")]);
    expectRefusal(
      r,
      /^cte-check: '.*corners\.xlsx' is too large for cte-check: sheet 'Corners' has values from A1 to XFD1048576, 1,048,576 rows × 16,384 columns \(the limit is 20,000,000 cells a sheet\)/,
    );
  });

  test("a 5 MB zip64 bomb (5 GB declared) is refused from its zip directory alone", () => {
    const bomb = repeatedDeflate([
      { data: worksheetXml("").slice(0, -"</sheetData></worksheet>".length) },
      { data: Buffer.alloc(1024 * 1024, 0x20), copies: 5000 },
      { data: "</sheetData></worksheet>" },
    ]);
    const entries = workbookEntries({ sheets: [{ name: "Bomb" }] }).map((e): RawEntry =>
      e.name.endsWith("sheet1.xml") ? { ...e, packed: bomb.packed, declaredSize: bomb.size, crc: bomb.crc } : e,
    );
    fs.writeFileSync(file("bomb.xlsx"), zipParts(entries, { zip64: true }));
    expect(fs.statSync(file("bomb.xlsx")).size).toBeLessThan(6 * 1024 * 1024);
    const r = cteCheck([file("bomb.xlsx")]);
    expectRefusal(
      r,
      /^cte-check: '.*bomb\.xlsx' is too large for cte-check: its parts unpack to 5,000 MB \(the limit is 1,024 MB\); save each export as its own CSV file and check those\.$/,
    );
    expect(r.ms).toBeLessThan(20_000);
  });

  test("a bomb that understates its size in the zip directory is stopped after one chunk", () => {
    const bomb = repeatedDeflate([{ data: Buffer.alloc(1024 * 1024, 0x20), copies: 5000 }]);
    const entries = workbookEntries({ sheets: [{ name: "Bomb" }] }).map((e): RawEntry =>
      e.name.endsWith("sheet1.xml") ? { ...e, packed: bomb.packed, declaredSize: 2000, crc: bomb.crc } : e,
    );
    fs.writeFileSync(file("liar.xlsx"), zipParts(entries, { zip64: true }));
    const r = cteCheck([file("liar.xlsx")]);
    expectRefusal(
      r,
      /^cte-check: '.*liar\.xlsx' is not a readable Excel workbook \(\.xlsx\): the file is damaged or truncated \(zip part 'xl\/worksheets\/sheet1\.xml' unpacks to more bytes than its zip directory says\)\.$/,
    );
  });

  test("a 16-million-cell sheet in a small file is refused while it is being counted", () => {
    const row = `<row>${"<c><v>1</v></c>".repeat(4096)}</row>`;
    const sheet = repeatedDeflate([
      { data: worksheetXml("").slice(0, -"</sheetData></worksheet>".length) },
      { data: row, copies: 4096 },
      { data: "</sheetData></worksheet>" },
    ]);
    const entries = workbookEntries({ sheets: [{ name: "Big" }] }).map((e): RawEntry =>
      e.name.endsWith("sheet1.xml") ? { ...e, packed: sheet.packed, declaredSize: sheet.size, crc: sheet.crc } : e,
    );
    fs.writeFileSync(file("cells.xlsx"), zipParts(entries));
    const r = cteCheck([file("cells.xlsx")]);
    expectRefusal(
      r,
      /^cte-check: '.*cells\.xlsx' is too large for cte-check: its sheets hold more than 2,000,000 cells \(the limit for a workbook\); save each export as its own CSV file and check those\.$/,
    );
    expect(r.ms).toBeLessThan(30_000);
  });

  const SHEET = (withRefs: boolean) =>
    `<row${withRefs ? ' r="1"' : ""}>${inlineCell("Student ID", withRefs ? "A1" : undefined)}${inlineCell("Grade", withRefs ? "B1" : undefined)}</row>` +
    `<row${withRefs ? ' r="2"' : ""}>${inlineCell("9000000001", withRefs ? "A2" : undefined)}${numberCell(13, withRefs ? "B2" : undefined)}</row>` +
    `<row${withRefs ? ' r="3"' : ""}>${inlineCell("9000000002", withRefs ? "A3" : undefined)}${numberCell(10, withRefs ? "B3" : undefined)}</row>`;

  test("a small zip64 workbook (as streaming writers make them) is read by the CLI and the pane", async () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Participants", sheetData: SHEET(true) }] }, { zip64: true });
    fs.writeFileSync(file("zip64.xlsx"), bytes);
    const r = cteCheck(["--json", file("zip64.xlsx")]);
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).findings.map((f) => [f.rule, f.cell])).toEqual([["GRADE-INVALID", "B2"]]);
    const sheets = await readPaneXlsx(bytes);
    expect(sheets[0].rows).toEqual([
      ["Student ID", "Grade"],
      ["9000000001", 13],
      ["9000000002", 10],
    ]);
  });

  test("rows and cells without an r attribute are read in order by the CLI and the pane", async () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Participants", sheetData: SHEET(false) }] });
    fs.writeFileSync(file("no-refs.xlsx"), bytes);
    const r = cteCheck(["--json", file("no-refs.xlsx")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).findings.map((f) => [f.rule, f.cell])).toEqual([["GRADE-INVALID", "B2"]]);
    const mixed = rawWorkbook({
      sheets: [
        {
          name: "Participants",
          sheetData: `<row r="1">${inlineCell("Student ID")}${inlineCell("Grade")}</row><row r="3">${inlineCell("9000000001", "A3")}${numberCell(13)}</row>`,
        },
      ],
    });
    fs.writeFileSync(file("some-refs.xlsx"), mixed);
    const m = cteCheck(["--json", file("some-refs.xlsx")]);
    expect(parseReport(m.stdout).findings.map((f) => [f.rule, f.cell])).toEqual([["GRADE-INVALID", "B3"]]);
    expect((await readPaneXlsx(bytes))[0].rows).toEqual([
      ["Student ID", "Grade"],
      ["9000000001", 13],
      ["9000000002", 10],
    ]);
    expect((await readPaneXlsx(mixed))[0].rows).toEqual([
      ["Student ID", "Grade"],
      [null, null],
      ["9000000001", 13],
    ]);
  });
});

describe("the pane's reader is linear on pathological XML (1 MB parts, each well under 2 s)", () => {
  const MB = 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));
  /** A valid workbook with one part replaced. */
  const withPart = (name: string, xml: string) =>
    new Uint8Array(
      zipParts(
        workbookEntries({ sheets: [{ name: "S", sheetData: SHEET_OK }], sharedStrings: ["a"] }).map((e) =>
          e.name === name ? { ...e, data: xml } : e,
        ),
      ),
    );
  const SHEET_OK = `<row r="1">${inlineCell("Student ID", "A1")}</row>`;

  const cases: [string, string, string][] = [
    ["workbook.xml: unterminated quoted attribute in many <sheet> tags", "xl/workbook.xml", `<workbook><sheets>${fill('<sheet name="x')}`],
    ["workbook.xml: one huge attribute-less tag", "xl/workbook.xml", `<workbook><sheets><sheet ${fill("a")}/></sheets></workbook>`],
    ["workbook.xml: many `r` lookalikes", "xl/workbook.xml", `<workbook><sheets><sheet ${fill(' r="')}/></sheets></workbook>`],
    ["rels: unterminated <Relationship> tags", "xl/_rels/workbook.xml.rels", `<Relationships>${fill('<Relationship Id="')}`],
    ["rels: many start tags, no end", "xl/_rels/workbook.xml.rels", `<Relationships>${fill("<Relationship ")}`],
    ["sharedStrings: <si> never closed", "xl/sharedStrings.xml", `<sst>${fill("<si><t>a")}`],
    ["sharedStrings: <t> never closed inside one <si>", "xl/sharedStrings.xml", `<sst><si>${fill("<t>a")}</si></sst>`],
    ["sharedStrings: unterminated CDATA", "xl/sharedStrings.xml", `<sst><si><t>${fill("<![CDATA[x")}</t></si></sst>`],
    [
      "sheet: cell tags without '>'",
      "xl/worksheets/sheet1.xml",
      `<worksheet><sheetData><row r="1">${fill('<c r="A1"')}</row></sheetData></worksheet>`,
    ],
    [
      "sheet: cells never closed",
      "xl/worksheets/sheet1.xml",
      `<worksheet><sheetData><row r="1">${fill("<c><v>1")}</row></sheetData></worksheet>`,
    ],
    [
      "sheet: many <v> inside one cell",
      "xl/worksheets/sheet1.xml",
      `<worksheet><sheetData><row r="1"><c>${fill("<v>1")}</c></row></sheetData></worksheet>`,
    ],
  ];

  test.each(cases)(
    "%s",
    async (_title, part, xml) => {
      const bytes = withPart(part, xml);
      const t0 = performance.now();
      const outcome = await readPaneXlsx(bytes).then(
        (sheets) => ({ sheets, message: null as string | null }),
        (err: Error) => ({ sheets: null, message: err.message }),
      );
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(2000);
      // Either read (what could be read) or refused as damaged; never an internal error.
      if (outcome.message !== null)
        expect(outcome.message).toMatch(/^the file is damaged or truncated \(|^it is a zip file but not an Excel workbook$/);
    },
    60_000,
  );
});

describe("the annotated copy always opens in Excel", () => {
  /** Every XML part of a written .xlsx, decoded. */
  function xmlParts(bytes: Buffer): Map<string, string> {
    const parts = new Map<string, string>();
    for (const entry of readZipDirectory(bytes)) {
      if (!/\.(xml|rels|vml)$/.test(entry.name)) continue;
      const at = entry.localHeaderOffset;
      const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
      const data = bytes.subarray(start, start + entry.compressedSize);
      parts.set(entry.name, (entry.method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8"));
    }
    return parts;
  }
  /** What XML 1.0 forbids (UTF-8 cannot carry a lone surrogate: it arrives as U+FFFD, which is allowed). */
  const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

  test("characters XML forbids in values, messages and sheet names are replaced; a 40,000-character cell is cut with a marker", async () => {
    const name = file("roster\uFFFF.csv");
    fs.writeFileSync(name, `Student ID,Grade,Notes\r\n9000000001,1\uFFFF2,a\u0001b\uFFFEc\r\n9000000002,9,${"x".repeat(40_000)}\r\n`);
    const out = file("roster.checked.xlsx");
    const r = cteCheck(["--out", out, name]);
    expect(r.stderr).toMatch(/wrote .*roster\.checked\.xlsx/);
    expect(r.code).toBe(1);
    const parts = xmlParts(fs.readFileSync(out));
    expect(parts.size).toBeGreaterThan(4);
    for (const [part, xml] of parts) expect([part, FORBIDDEN.test(xml)]).toEqual([part, false]);

    const book = await readXlsx(out);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe("roster\uFFFD");
    expect(sheet.getCell("B2").value).toBe("1\uFFFD2");
    expect(sheet.getCell("C2").value).toBe("a\uFFFDb\uFFFDc");
    const long = String(sheet.getCell("C3").value);
    expect(long).toHaveLength(32_767);
    expect(long.endsWith("…[cut: 40,000 characters in the original]")).toBe(true);
    expect(noteText(sheet.getCell("B2").note)).toMatch(/^ERROR GRADE-INVALID: .*1\uFFFD2/);
  });

  test("more than 16,384 columns or 1,048,576 rows are refused with the count and Excel's limit, and nothing is written", () => {
    fs.writeFileSync(
      file("wide.csv"),
      `${["Student ID", ...Array.from({ length: 16_384 }, (_, i) => `c${i}`)].join(",")}\n${Array(16_385).fill("1").join(",")}\n`,
    );
    const wide = cteCheck(["--out", file("wide.checked.xlsx"), file("wide.csv")]);
    expectRefusal(
      wide,
      /^cte-check: cannot write '.*wide\.checked\.xlsx': '.*wide\.csv' has 16,385 columns, more than the 16,384 an Excel worksheet holds; check it without --out, or split it into smaller files\.$/,
    );
    fs.writeFileSync(file("tall.csv"), `Student ID,Grade\n${"9000000001,9\n".repeat(1_048_576)}`);
    // Checking a million rows needs more than the small heap; the 2 GB of an 8 GB laptop's Node.
    const tall = cteCheck(["--out", file("tall.checked.xlsx"), file("tall.csv")], 2048);
    expect(tall.code).toBe(2);
    expect(tall.stderr.trim().split("\n").pop()).toMatch(
      /^cte-check: cannot write '.*tall\.checked\.xlsx': '.*tall\.csv' has 1,048,577 rows, more than the 1,048,576 an Excel worksheet holds/,
    );
    expect(fs.readdirSync(dir).filter((f) => f.includes("checked") && !f.startsWith("roster"))).toEqual([]);
  }, 120_000);

  test("xmlSafeText replaces lone surrogates and forbidden characters, keeps pairs, tab, LF and CR; cellSafeText never splits a pair", () => {
    expect(xmlSafeText("a\uD800b\uDC00c\uD83D\uDE00\t\n\r\u0000\uFFFE\uFFFF")).toBe("a\uFFFDb\uFFFDc\uD83D\uDE00\t\n\r\uFFFD\uFFFD\uFFFD");
    expect(xmlSafeText("plain")).toBe("plain");
    const emoji = "\uD83D\uDE00".repeat(20);
    for (let max = 60; max < 80; max++) {
      const cut = cellSafeText(emoji + "x".repeat(100), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(xmlSafeText(cut)).toBe(cut);
    }
    const t0 = performance.now();
    expect(xmlSafeText("\uD800".repeat(1024 * 1024))).toBe("\uFFFD".repeat(1024 * 1024));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("bounded memory for --out", () => {
  test("a 200,000-row × 20-column CSV gets its annotated copy under a 2 GB heap (the copy is streamed)", async () => {
    const lines = [["Student ID", "Grade", ...Array.from({ length: 18 }, (_, i) => `Extra ${i}`)].join(",")];
    for (let r = 0; r < 200_000; r++) {
      lines.push(
        [
          r === 77_777 ? "" : String(9_000_000_000 + r),
          r === 199_998 ? "13" : String(9 + (r % 4)),
          ...Array.from({ length: 18 }, (_, i) => (i % 2 ? `v${r % 1000}` : String(r + i))),
        ].join(","),
      );
    }
    fs.writeFileSync(file("big20.csv"), `${lines.join("\n")}\n`);
    const out = file("big20.checked.xlsx");
    const r = cteCheck(["--json", "--out", out, file("big20.csv")], 2048);
    expect(r.stderr).not.toMatch(/FATAL|heap/i);
    expect(r.code).toBe(1);
    expect(parseReport(r.stdout).findings.map((f) => [f.rule, f.cell])).toEqual([
      ["STUDENT-ID-MISSING", "A77779"],
      ["GRADE-INVALID", "B200000"],
    ]);
    const book = await readXlsx(out);
    const ws = book.getWorksheet("big20")!;
    expect(ws.rowCount).toBe(200_001);
    expect(ws.getCell("T200001").value).toBe("v999");
    expect(fillArgb(ws.getCell("A77779"))).toBe("FFFFC7CE");
    expect(noteText(ws.getCell("A77779").note)).toMatch(/^ERROR STUDENT-ID-MISSING: /);
    expect(fillArgb(ws.getCell("B200000"))).toBe("FFFFC7CE");
    expect(book.worksheets.map((s) => s.name)).toEqual(["big20", "Snapshot Checklist", "Findings", "CTE Check Log"]);
  }, 240_000);
});
