/**
 * Workbooks built part by part and zipped by hand, for files no spreadsheet program writes: cells without
 * `r` attributes, zip64 records, parts whose zip directory lies about their size, far-away cells.
 */
import * as zlib from "zlib";
import { crc32 } from "../../src/io/xlsx";

export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Uncompressed size written in the zip headers, when it should differ from the real one. */
  declaredSize?: number;
  /** Already deflated data to store as is (then `data` is ignored, and `declaredSize` and `crc` are written). */
  packed?: Buffer;
  crc?: number;
}

export interface ZipOptions {
  /** Write zip64 extra fields, a zip64 end record and its locator (as streaming writers do). */
  zip64?: boolean;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

/** A zip archive of the entries, in order. */
export function zipParts(entries: readonly RawEntry[], opts: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, "utf8");
    const method = entry.method ?? 8;
    const packed = entry.packed ?? (method === 8 ? zlib.deflateRawSync(raw) : raw);
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? raw.length;
    const crc = entry.crc ?? crc32(raw);
    const zip64 = opts.zip64 === true;
    const localExtra = zip64 ? Buffer.concat([u16(1), u16(16), u64(size), u64(packed.length)]) : Buffer.alloc(0);
    // The central header repeats the local header's fields from "version needed" to the name length.
    const shared = [
      u16(zip64 ? 45 : 20),
      u16(0x800),
      u16(method),
      u16(0),
      u16(0x21),
      u32(crc),
      u32(zip64 ? 0xffffffff : packed.length),
      u32(zip64 ? 0xffffffff : size),
      u16(name.length),
    ];
    const local = Buffer.concat([u32(0x04034b50), ...shared, u16(localExtra.length), name, localExtra]);
    const centralExtra = zip64 ? Buffer.concat([u16(1), u16(24), u64(size), u64(packed.length), u64(offset)]) : Buffer.alloc(0);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(zip64 ? 45 : 20),
        ...shared,
        u16(centralExtra.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(zip64 ? 0xffffffff : offset),
        name,
        centralExtra,
      ]),
    );
    locals.push(local, packed);
    offset += local.length + packed.length;
  }
  const central = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const zip64End = Buffer.concat([
      u32(0x06064b50),
      u64(44),
      u16(45),
      u16(45),
      u32(0),
      u32(0),
      u64(entries.length),
      u64(entries.length),
      u64(central.length),
      u64(offset),
    ]);
    const locator = Buffer.concat([u32(0x07064b50), u32(0), u64(offset + central.length), u32(1)]);
    tail.push(zip64End, locator);
    tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(0)]));
  } else {
    tail.push(
      Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(central.length), u32(offset), u16(0)]),
    );
  }
  return Buffer.concat([...locals, central, ...tail]);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface RawSheet {
  name: string;
  /** The worksheet part's XML, or just what goes inside <sheetData> (then wrapped). */
  sheetData?: string;
  xml?: string | Buffer;
  /** Uncompressed size to claim in the zip headers for this sheet's part. */
  declaredSize?: number;
}

export interface RawWorkbook {
  sheets: readonly RawSheet[];
  sharedStrings?: readonly string[];
  /** Replace the workbook part's XML. */
  workbookXml?: string;
}

export const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function worksheetXml(sheetData: string): string {
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheetData}</sheetData></worksheet>`;
}

/** The parts of a minimal valid workbook (content types, relationships, workbook, sheets, shared strings). */
export function workbookEntries(wb: RawWorkbook): RawEntry[] {
  const sheetNames = wb.sheets.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`);
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...sheetNames.map(
      (n) => `<Override PartName="/${n}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    ...(wb.sharedStrings
      ? [
          `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
        ]
      : []),
  ].join("");
  const entries: RawEntry[] = [
    {
      name: "[Content_Types].xml",
      data: `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`,
    },
    {
      name: "_rels/.rels",
      data: `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data:
        wb.workbookXml ??
        `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${wb.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetNames.map((n, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${n.slice(3)}"/>`).join("")}${wb.sharedStrings ? `<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    },
  ];
  wb.sheets.forEach((s, i) =>
    entries.push({ name: sheetNames[i], data: s.xml ?? worksheetXml(s.sheetData ?? ""), declaredSize: s.declaredSize }),
  );
  if (wb.sharedStrings) {
    entries.push({
      name: "xl/sharedStrings.xml",
      data: `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${wb.sharedStrings.length}" uniqueCount="${wb.sharedStrings.length}">${wb.sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("")}</sst>`,
    });
  }
  return entries;
}

export function rawWorkbook(wb: RawWorkbook, opts: ZipOptions = {}): Buffer {
  return zipParts(workbookEntries(wb), opts);
}

/** An inline-string cell (`r` may be omitted). */
export const inlineCell = (text: string, ref?: string) =>
  `<c${ref ? ` r="${ref}"` : ""} t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
export const numberCell = (n: number, ref?: string) => `<c${ref ? ` r="${ref}"` : ""}><v>${n}</v></c>`;

/**
 * Raw-deflate data that unpacks to the segments in order, each `copies` times: each segment is compressed once
 * (ending in a sync flush, so it is byte-aligned and not final) and repeated, then an empty final block ends
 * the stream. Gigabytes of XML in milliseconds; `size` and `crc` are those of the unpacked data.
 */
export function repeatedDeflate(segments: readonly { data: Buffer | string; copies?: number }[]): {
  packed: Buffer;
  size: number;
  crc: number;
} {
  const parts: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const segment of segments) {
    const raw = Buffer.isBuffer(segment.data) ? segment.data : Buffer.from(segment.data, "utf8");
    const one = zlib.deflateRawSync(raw, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    for (let i = 0; i < (segment.copies ?? 1); i++) {
      parts.push(one);
      size += raw.length;
      crc = zlib.crc32(raw, crc);
    }
  }
  parts.push(Buffer.from([0x03, 0x00]));
  return { packed: Buffer.concat(parts), size, crc };
}
