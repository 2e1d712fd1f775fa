/**
 * The task pane's own .xlsx reader (src/io/xlsx.ts) and "Load file…" of a DPI list saved as a workbook.
 * Workbooks are written by exceljs (shared strings, inline strings, rich text, errors, gaps) and by hand (namespace
 * prefixes, cells without references, entities and _xHHHH_ escapes, stored entries, damaged and hostile zips).
 */
import { PassThrough } from "stream";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { type CellValue, cellErrorText } from "../src/core/cells";
import { parseSettings, serializeReferences } from "../src/excel/settings";
import { ReferenceFileError, readReferenceFile, referenceKind, referenceRows, referenceSheet } from "../src/taskpane/references";
import { XlsxError, crc32, decodeOoxmlEscapes, decodeXmlEntities, readXlsx, readZipDirectory } from "../src/io/xlsx";

const inflateRaw = async (b: Uint8Array) => new Uint8Array(zlib.inflateRawSync(b));

// ------------------------------------------------------------------------------------------------
// workbooks made by exceljs

const COURSE_HEADERS = ["Roster Code", "SCED Course Title", "Course Program", "CTE Department", "Deprecated", null, "Notes"];

/** The "Courses" sheet as read: column F and row 4 are empty (gaps), C3 is styled but empty. */
const COURSES: CellValue[][] = [
  COURSE_HEADERS,
  ["10075", "AP Biology", "AP", null, false, null, "Level <2> & \"up\" 'ok'"],
  [10080, "Biology", null, null, false, null, 3.5],
  [null, null, null, null, null, null, null],
  ["21001", "Intro to Business & Industry", null, "Business & Information Technology", true, null, { error: "#N/A" }],
  ["21002", "  Spaces kept  ", null, "Agriculture, Food & Natural Resources", false, null, -0.25],
];

const NOTES: CellValue[][] = [
  ["Downloaded from DPI on", new Date(Date.UTC(2025, 9, 1))],
  ["Downloaded from DPI on", 2],
];

/**
 * exceljs's Workbook always writes shared strings; its streaming writer (useSharedStrings: false, the default there)
 * writes plain strings as t="str" and rich text as t="inlineStr", and zips with data descriptors.
 */
async function exceljsWorkbook(opts: { useSharedStrings?: boolean; lists?: ("courses" | "iac")[] } = {}): Promise<Uint8Array> {
  if (opts.useSharedStrings === false) {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    fillWorkbook(writer, opts.lists);
    await writer.commit();
    return new Uint8Array(Buffer.concat(chunks));
  }
  const wb = new ExcelJS.Workbook();
  fillWorkbook(wb, opts.lists);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function fillWorkbook(wb: Pick<ExcelJS.Workbook, "addWorksheet">, lists: readonly ("courses" | "iac")[] = ["courses"]): void {
  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "Downloaded from DPI on";
  notes.getCell("B1").value = new Date(Date.UTC(2025, 9, 1));
  notes.getCell("A2").value = { formula: "A1", result: "Downloaded from DPI on" };
  notes.getCell("B2").value = { formula: "1+1", result: 2 };
  for (const list of lists) {
    if (list === "iac") {
      const iac = wb.addWorksheet("IAC");
      iac.addRow(["IAC code", "Cluster"]);
      iac.addRow(["01.09", "Agriculture, Food & Natural Resources"]);
      continue;
    }
    const ws = wb.addWorksheet("Courses");
    COURSE_HEADERS.forEach((h, i) => {
      if (h !== null) ws.getCell(1, i + 1).value = h as string;
    });
    ws.getCell("A2").value = "10075";
    ws.getCell("B2").value = "AP Biology";
    ws.getCell("C2").value = "AP";
    ws.getCell("E2").value = false;
    ws.getCell("G2").value = "Level <2> & \"up\" 'ok'";
    ws.getCell("A3").value = 10080;
    ws.getCell("B3").value = "Biology";
    ws.getCell("C3").font = { bold: true };
    ws.getCell("E3").value = false;
    ws.getCell("G3").value = 3.5;
    ws.getCell("A5").value = "21001";
    ws.getCell("B5").value = { richText: [{ text: "Intro to " }, { font: { bold: true }, text: "Business & Industry" }] };
    ws.getCell("D5").value = "Business & Information Technology";
    ws.getCell("E5").value = true;
    ws.getCell("G5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A6").value = "21002";
    ws.getCell("B6").value = "  Spaces kept  ";
    ws.getCell("D6").value = "Agriculture, Food & Natural Resources";
    ws.getCell("E6").value = false;
    ws.getCell("G6").value = -0.25;
  }
}

/** One part of a zip, unpacked with Node (to check what exceljs wrote). */
function zipPart(bytes: Uint8Array, name: string): string {
  const entry = readZipDirectory(bytes).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = entry.localHeaderOffset + 30 + b.readUInt16LE(entry.localHeaderOffset + 26) + b.readUInt16LE(entry.localHeaderOffset + 28);
  const data = b.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8");
}

function fileLike(name: string, bytes: Uint8Array): File {
  return { name, arrayBuffer: async () => bytes.slice().buffer } as unknown as File;
}

async function readError(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

// ------------------------------------------------------------------------------------------------
// workbooks made by hand

interface Part {
  readonly name: string;
  readonly data: string | Uint8Array;
  readonly method?: number;
  readonly flags?: number;
  /** the uncompressed size the zip claims (a lie, for hostile files) */
  readonly declaredSize?: number;
}

function makeZip(parts: readonly Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : Buffer.from(p.data);
    const method = p.method ?? 8;
    const data = method === 8 ? zlib.deflateRawSync(raw) : raw;
    const name = Buffer.from(p.name, "utf8");
    const crc = crc32(raw);
    const size = p.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((p.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((p.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_TYPE = (t: string) => `${NS_REL}/${t}`;

/** A workbook as another generator might write it: prefixes, a non-default workbook part, a chart sheet, no cell refs. */
function handmadeParts(sheetXml?: string): Part[] {
  return [
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: "_rels/.rels",
      method: 0,
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE("officeDocument")}" Target="/xl/book.xml"/></Relationships>`,
    },
    {
      name: "xl/book.xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<x:workbook xmlns:x="${NS_MAIN}" xmlns:rel="${NS_REL}"><x:sheets>` +
        `<x:sheet name="Chart &amp; Co" sheetId="3" rel:id="rId3"/>` +
        `<x:sheet name='IAC &lt;list&gt;' sheetId="1" rel:id="rId1" /></x:sheets></x:workbook>`,
    },
    {
      name: "xl/_rels/book.xml.rels",
      data:
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_TYPE("worksheet")}" Target="sheets/iac%20list.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_TYPE("sharedStrings")}" Target="./strings.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_TYPE("chartsheet")}" Target="chartsheets/sheet1.xml"/>` +
        `<Relationship Id="rId9" Type="${REL_TYPE("hyperlink")}" Target="https://dpi.wi.gov/" TargetMode="External"/></Relationships>`,
    },
    {
      name: "xl/strings.xml",
      data:
        `<sst xmlns="${NS_MAIN}" count="3" uniqueCount="3"><si><t>IAC code</t></si>` +
        `<si><r><rPr><b/></rPr><t xml:space="preserve">Clus</t></r><r><t>ter</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>` +
        `<si><t>Agriculture, Food &amp; Natural Resources &#8211; &#x2014; _x000D_ _x005F_x0041_ &quot;&apos;&lt;&gt;</t></si></sst>`,
    },
    { name: "xl/chartsheets/sheet1.xml", data: "<chartsheet/>" },
    {
      name: "xl/sheets/iac list.xml",
      method: 0,
      data:
        sheetXml ??
        `<x:worksheet xmlns:x="${NS_MAIN}"><x:dimension ref="A1:D4"/><x:sheetData>` +
          `<x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>` +
          `<x:row><x:c t="str"><x:v>01.09</x:v></x:c><x:c t="s" s="2"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[a<b & c]]></x:t></x:is></x:c></x:row>` +
          `<x:row r="3"/>` +
          `<x:row r="4"><x:c r="B4" t="d"><x:v>2025-10-01</x:v></x:c><x:c r="C4" t="e"><x:v>#REF!</x:v></x:c><x:c r="D4"><x:f>1/0</x:f></x:c><x:c r="E4" s="1"/></x:row>` +
          `</x:sheetData><x:mergeCells count="0"/></x:worksheet>`,
    },
  ];
}

const HANDMADE_ROWS: CellValue[][] = [
  ["IAC code", "Cluster", null],
  ["01.09", "Agriculture, Food & Natural Resources \u2013 \u2014 \r _x0041_ \"'<>", "a<b & c"],
  [null, null, null],
  [null, "2025-10-01", { error: "#REF!" }],
];

// ------------------------------------------------------------------------------------------------

describe("xlsx.ts reads workbooks exceljs writes", () => {
  it("shared strings, rich text, numbers, booleans, an error, entities, a gap row and a gap column; sheets in tab order", async () => {
    const bytes = await exceljsWorkbook();
    expect(zipPart(bytes, "xl/sharedStrings.xml")).toMatch(/<r>.*Business &amp; Industry/);
    const sheets = await readXlsx(bytes, { inflateRaw });
    expect(sheets).toEqual([
      { name: "Notes", rows: NOTES, firstRow: 1, firstColumn: 1, source: "workbook" },
      { name: "Courses", rows: COURSES, firstRow: 1, firstColumn: 1, source: "workbook" },
    ]);
  });

  it("inline strings and formula strings (no shared strings part) give the same rows", async () => {
    const bytes = await exceljsWorkbook({ useSharedStrings: false });
    const sheetXml = zipPart(bytes, "xl/worksheets/sheet2.xml");
    expect(sheetXml).toMatch(/t="inlineStr"/);
    expect(sheetXml).toMatch(/t="str"/);
    expect(readZipDirectory(bytes).some((e) => e.name === "xl/sharedStrings.xml")).toBe(false);
    expect(readZipDirectory(bytes).some((e) => (e.flags & 0x8) !== 0)).toBe(true);
    const sheets = await readXlsx(bytes, { inflateRaw });
    expect(sheets.map((s) => s.rows)).toEqual([NOTES, COURSES]);
  });

  it("reads with its default inflater (fflate)", async () => {
    const sheets = await readXlsx(await exceljsWorkbook());
    expect(sheets[1].rows).toEqual(COURSES);
  });
});

describe("xlsx.ts reads what other generators write", () => {
  it("namespace prefixes, a non-default workbook part, cells and rows without references, entities and _xHHHH_ escapes, CDATA, phonetic runs; chart sheets skipped", async () => {
    const sheets = await readXlsx(makeZip(handmadeParts()), { inflateRaw });
    expect(sheets).toEqual([{ name: "IAC <list>", rows: HANDMADE_ROWS, firstRow: 1, firstColumn: 1, source: "workbook" }]);
  });

  it("decodes XML entities and OOXML escapes", () => {
    expect(decodeXmlEntities("Business &amp; Industry &lt;&gt; &quot;&apos; &#65;&#x42;&#x1F600; &unknown; &#xD800;")).toBe(
      "Business & Industry <> \"' AB\u{1F600} &unknown; &#xD800;",
    );
    expect(decodeXmlEntities("&amp;lt;")).toBe("&lt;");
    expect(decodeOoxmlEscapes("a_x000A_b _x005F_x000A_ _xZZZZ_")).toBe("a\nb _x000A_ _xZZZZ_");
  });

  it("computes CRC-32 as zlib does", () => {
    const data = new TextEncoder().encode("Roster Code,Course Program\n10075,AP\n");
    expect(crc32(data)).toBe(zlib.crc32(data));
  });
});

describe("xlsx.ts refuses unreadable files with a plain reason", () => {
  const reason = (bytes: Uint8Array, opts = {}) => readError(readXlsx(bytes, { inflateRaw, ...opts }));

  it("a truncated workbook", async () => {
    const bytes = await exceljsWorkbook();
    for (const cut of [bytes.subarray(0, Math.floor(bytes.length / 2)), bytes.subarray(0, bytes.length - 10), bytes.subarray(0, 30)]) {
      const err = await reason(cut);
      expect(err).toBeInstanceOf(XlsxError);
      expect(err.message).toMatch(/^the file is damaged or truncated \(/);
    }
  });

  it("random bytes, random bytes after a zip signature, and an old .xls or password-protected file", async () => {
    let seed = 7;
    const random = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    random[0] = 0x13;
    expect((await reason(random)).message).toBe("it is not a zip-based Excel workbook (.xlsx)");
    const pk = random.slice();
    pk.set([0x50, 0x4b, 3, 4]);
    expect((await reason(pk)).message).toMatch(/^the file is damaged or truncated \(the zip directory at its end is missing\)$/);
    const cfb = random.slice();
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await reason(cfb)).message).toMatch(/^it is password-protected or an Excel 97-2003 \(\.xls\) file/);
  });

  it("a zip that is not a workbook", async () => {
    expect((await reason(makeZip([{ name: "hello.txt", data: "hello" }]))).message).toBe("it is a zip file but not an Excel workbook");
    expect((await reason(makeZip([{ name: "word/document.xml", data: "<w:document/>" }]))).message).toBe(
      "it is a Word document, not an Excel workbook",
    );
    expect((await reason(makeZip([{ name: "xl/workbook.bin", data: "binary" }]))).message).toMatch(
      /^it is an Excel binary workbook \(\.xlsb\)/,
    );
  });

  it("encrypted entries, unsupported compression, zip64 and split archives", async () => {
    const parts = handmadeParts();
    const withPart = (i: number, change: Partial<Part>) => makeZip(parts.map((p, j) => (j === i ? { ...p, ...change } : p)));
    expect((await reason(withPart(1, { flags: 1 }))).message).toBe("it is encrypted (zip part ‘_rels/.rels’ needs a password)");
    expect((await reason(withPart(2, { method: 12, data: "bzip2?" }))).message).toBe(
      'zip part ‘xl/book.xml’ is compressed with zip method 12; only the standard "deflate" compression can be read here',
    );
    expect((await reason(withPart(2, { method: 99, data: "aes" }))).message).toMatch(/AES-encrypted/);
    const zip64 = makeZip(parts);
    new DataView(zip64.buffer).setUint16(zip64.length - 12, 0xffff, true);
    new DataView(zip64.buffer).setUint16(zip64.length - 14, 0xffff, true);
    expect((await reason(zip64)).message).toBe("the file is damaged or truncated (its zip64 directory record is missing)");
    const split = makeZip(parts);
    new DataView(split.buffer).setUint16(split.length - 18, 1, true);
    expect((await reason(split)).message).toMatch(/split \(multi-volume\) zip archive/);
  });

  it("damaged compressed data, a wrong checksum and a shared string that does not exist", async () => {
    const bytes = await exceljsWorkbook();
    const sheet = readZipDirectory(bytes).find((e) => e.name === "xl/worksheets/sheet2.xml")!;
    const damaged = bytes.slice();
    damaged[sheet.localHeaderOffset + 30 + sheet.name.length + 5] ^= 0xff;
    expect((await reason(damaged)).message).toMatch(
      /^the file is damaged or truncated \(zip part ‘xl\/worksheets\/sheet2\.xml’ (cannot be unpacked|fails its checksum)\)$/,
    );
    const lying = makeZip(handmadeParts().map((p) => (p.name === "xl/strings.xml" ? { ...p, declaredSize: 20 } : p)));
    expect((await reason(lying)).message).toBe("the file is damaged or truncated (zip part ‘xl/strings.xml’ fails its checksum)");
    const badIndex = makeZip(handmadeParts(`<worksheet><sheetData><row r="1"><c r="B1" t="s"><v>7</v></c></row></sheetData></worksheet>`));
    expect((await reason(badIndex)).message).toBe(
      "the file is damaged or truncated (cell ‘IAC <list>’!B1 refers to shared string 7, which does not exist)",
    );
    const badRef = makeZip(handmadeParts(`<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`));
    expect((await reason(badRef)).message).toBe("the file is damaged or truncated (sheet ‘IAC <list>’ has a cell named ‘XFE1’)");
  });

  it("size guards: a part over the limit, a zip bomb's ratio, a sheet spanning too many cells, an understated size", async () => {
    expect((await reason(await exceljsWorkbook(), { maxPartBytes: 1000 })).message).toMatch(
      /^it is too large to read here: part ‘xl\/.*’ unpacks to \d+ KB \(the limit is 1 KB\); save the list on its own as CSV$/,
    );
    const zeros = new Uint8Array(60 * 1024 * 1024);
    const big = makeZip(
      [...handmadeParts(), { name: "xl/worksheets/big.xml", data: zeros }].map((p) =>
        p.name === "xl/_rels/book.xml.rels" ? { ...p, data: (p.data as string).replace("sheets/iac%20list.xml", "worksheets/big.xml") } : p,
      ),
    );
    expect((await reason(big)).message).toBe(
      "it is too large to read here: part ‘xl/worksheets/big.xml’ unpacks to 60 MB (the limit is 50 MB); " +
        "save the list on its own as CSV",
    );
    const bomb = makeZip(
      handmadeParts().map((p) =>
        p.name === "xl/strings.xml" ? { ...p, data: new Uint8Array(1024 * 1024), declaredSize: 40 * 1024 * 1024 } : p,
      ),
    );
    expect((await reason(bomb)).message).toMatch(
      /^it looks like a zip bomb: part ‘xl\/strings\.xml’ claims to unpack \d+ times larger than it is$/,
    );
    const wide = makeZip(
      handmadeParts(
        `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="XFD1000000"><v>1</v></c></row></sheetData></worksheet>`,
      ),
    );
    expect((await reason(wide)).message).toBe(
      "it is too large to read here: sheet ‘IAC <list>’ spans 1000000 rows × 16384 columns; save the list on its own as CSV",
    );
    // The default inflater stops as soon as a part unpacks past the size its directory claims.
    const understated = makeZip(
      handmadeParts().map((p) => (p.name === "xl/strings.xml" ? { ...p, data: new Uint8Array(8 * 1024 * 1024), declaredSize: 100 } : p)),
    );
    expect((await readError(readXlsx(understated))).message).toBe(
      "the file is damaged or truncated (a zip part unpacks to more bytes than its zip directory says)",
    );
  });

  it('needs no DecompressionStream (older webviews lack "deflate-raw"): the default inflater is fflate', async () => {
    const saved = globalThis.DecompressionStream;
    try {
      delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
      const sheets = await readXlsx(await exceljsWorkbook());
      expect(sheets.map((s) => s.name)).toEqual(["Notes", "Courses"]);
    } finally {
      globalThis.DecompressionStream = saved;
    }
  });
});

describe("Load file… with an Excel workbook", () => {
  it("keeps the DPI list sheet as cell values (errors as their literal), which settings load back", async () => {
    const loaded = await readReferenceFile(fileLike("DPI courses 2025.xlsx", await exceljsWorkbook()), { inflateRaw });
    expect(loaded.kind).toBe("dpi-courses");
    expect(loaded.rows).toBe(5);
    const values = COURSES.map((row) => row.map((v) => (typeof v === "object" && v !== null ? "#N/A" : v)));
    expect(loaded.reference).toEqual({ name: "DPI courses 2025.xlsx", values });

    const reloaded = parseSettings(
      undefined,
      serializeReferences([{ name: "old.csv", csv: "IAC code,Cluster\n01.09,AFNR\n" }, loaded.reference]),
    );
    expect(reloaded.references).toEqual([{ name: "old.csv", csv: "IAC code,Cluster\n01.09,AFNR\n" }, loaded.reference]);
    const ref = reloaded.references[1];
    expect(referenceKind(ref)).toBe("dpi-courses");
    expect(referenceRows(ref)).toBe(5);
    const sheet = referenceSheet(ref);
    expect(sheet).toMatchObject({ name: "DPI courses 2025.xlsx", source: "workbook" });
    expect(cellErrorText(sheet.rows[4][6])).toBe("#N/A");
    expect(sheet.rows[2][0]).toBe(10080);
  });

  it("reads an .xlsm, and a workbook whatever its name says (zip bytes), with the default inflater too", async () => {
    const handmade = makeZip(handmadeParts());
    const xlsm = await readReferenceFile(fileLike("iac.xlsm", handmade), { inflateRaw });
    expect(xlsm.kind).toBe("dpi-iac-clusters");
    expect(xlsm.reference.values).toEqual(HANDMADE_ROWS.map((r) => r.map((v) => (typeof v === "object" && v !== null ? "#REF!" : v))));
    const renamed = await readReferenceFile(fileLike("iac.csv", handmade));
    expect(renamed.reference).toEqual({ ...xlsm.reference, name: "iac.csv" });
  });

  it("refuses a workbook without a DPI list, with two lists, an .xls, and a damaged workbook", async () => {
    const noList = await exceljsWorkbook({ lists: [] });
    let err = await readError(readReferenceFile(fileLike("notes.xlsx", noList), { inflateRaw }));
    expect(err).toBeInstanceOf(ReferenceFileError);
    expect(err.message).toBe(
      "‘notes.xlsx’ has no DPI course catalog (Roster Code, Course Program …) or IAC to Cluster list (IAC code, Cluster): " +
        "none of the first rows of its sheet ‘Notes’ has those headers.",
    );

    err = await readError(readReferenceFile(fileLike("both.xlsx", await exceljsWorkbook({ lists: ["courses", "iac"] })), { inflateRaw }));
    expect(err.message).toBe(
      "‘both.xlsx’ has 2 DPI lists, in the sheets ‘Courses’ (DPI course catalog), ‘IAC’ (DPI IAC to Cluster list); " +
        "load one list per file: save each list as its own workbook or CSV file, " +
        "or paste the lists into sheets of this workbook (they are used automatically).",
    );

    err = await readError(readReferenceFile(fileLike("catalog.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])), { inflateRaw }));
    expect(err.message).toMatch(
      /^‘catalog\.xls’ is an Excel 97-2003 workbook \(\.xls\), which cannot be read here: open it in Excel and save it as an Excel Workbook \(\.xlsx\) or as "CSV UTF-8"/,
    );

    const whole = await exceljsWorkbook();
    err = await readError(readReferenceFile(fileLike("cut.xlsx", whole.subarray(0, 2000)), { inflateRaw }));
    expect(err).toBeInstanceOf(ReferenceFileError);
    expect(err.message).toMatch(/^Could not read ‘cut\.xlsx’ as an Excel workbook: the file is damaged or truncated \(.*\)\.$/);

    err = await readError(readReferenceFile(fileLike("text.xlsx", new TextEncoder().encode("IAC code,Cluster\n")), { inflateRaw }));
    expect(err.message).toBe("Could not read ‘text.xlsx’ as an Excel workbook: it is not a zip-based Excel workbook (.xlsx).");

    err = await readError(readReferenceFile(fileLike("empty.xlsx", new Uint8Array(0)), { inflateRaw }));
    expect(err.message).toBe("‘empty.xlsx’ is empty.");
  });

  it("still reads CSV files as before", async () => {
    const loaded = await readReferenceFile(
      fileLike("iac-list.csv", new TextEncoder().encode('IAC code,Cluster\n01.09,"Agriculture, Food & Natural Resources"\n')),
    );
    expect(loaded).toEqual({
      kind: "dpi-iac-clusters",
      rows: 1,
      reference: { name: "iac-list.csv", csv: 'IAC code,Cluster\n01.09,"Agriculture, Food & Natural Resources"\n' },
    });
  });
});
