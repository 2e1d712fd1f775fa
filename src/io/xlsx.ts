/**
 * A small .xlsx/.xlsm reader for the task pane ("Load file…" of a DPI list saved from Excel).
 * exceljs would add several hundred KB to the pane; this reads only what a reference list needs: the cell
 * values of every worksheet. Formats, formulas, merged cells and hidden state are ignored; a date-formatted number
 * becomes its date (src/core/excelDates.ts, honouring the 1904 date system), as the CLI reads it.
 *
 * Zip: ./zip.ts reads the central directory (zip64 included; no multi-disk archives, no encryption); entries are
 * stored (method 0) or deflated (method 8), inflated by fflate (or an injected `inflateRaw`) with the size,
 * ratio and total guards below, and checked against their CRC-32.
 * XML: the parts are machine-written (Excel, exceljs, Open XML SDK…), so a small tag scanner is enough. Every
 * scan moves forward only and stops at the first unterminated tag, so any input costs linear time (regular
 * expressions with lazy or alternating quantifiers went quadratic on unterminated tags); namespace prefixes
 * (`<x:c>`) are accepted.
 */
import type { CellValue, SheetInput } from "../core/cells";
import { dateStyleIndexes, excelSerialToDate, usesDate1904 } from "../core/excelDates";
import { DAMAGED, type ZipEntry, ZipError, crc32, entryData, inflateRawBounded, readZipDirectory } from "./zip";

/** Why a file cannot be read; the message is a lower-case clause that also reads on its own. */
export const XlsxError = ZipError;
export type XlsxError = ZipError;
export { crc32, readZipDirectory };

export type InflateRaw = (bytes: Uint8Array, maxOutputBytes?: number) => Promise<Uint8Array>;

export interface ReadXlsxOptions {
  /** Raw-deflate decompressor (tests pass zlib.inflateRawSync). Default: fflate, stopping past the declared size. */
  readonly inflateRaw?: InflateRaw;
  /** Largest uncompressed part (a sheet's XML) that is read. Default 50 MB. */
  readonly maxPartBytes?: number;
  /** Largest sum of the uncompressed parts read. Default 200 MB. */
  readonly maxTotalBytes?: number;
}

export const MAX_XLSX_FILE_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_PART = 50 * 1024 * 1024;
const DEFAULT_MAX_TOTAL = 200 * 1024 * 1024;
/** Deflate cannot compress better than about 1032:1, so a larger declared ratio is a lie or a zip bomb. */
const MAX_RATIO = 1100;
/** Rows × columns of one sheet once placed (a stray cell at XFD1048576 must not allocate billions). */
const MAX_CELLS = 5_000_000;
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

const MB = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.ceil(n / 1024)} KB`);

/** fflate's raw-deflate inflater, stopping as soon as the output passes the size the zip directory claims. */
export const defaultInflateRaw: InflateRaw = async (bytes, maxOutputBytes = Number.POSITIVE_INFINITY) =>
  inflateRawBounded(bytes, maxOutputBytes);

class ZipReader {
  private readonly byName = new Map<string, ZipEntry>();
  private total = 0;

  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
    private readonly inflateRaw: InflateRaw,
    private readonly maxPart: number,
    private readonly maxTotal: number,
  ) {
    // OPC part names are case-insensitive.
    for (const e of entries) if (!e.name.endsWith("/")) this.byName.set(e.name.replace(/^\/+/, "").toLowerCase(), e);
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.byName.values()].map((e) => e.name);
  }

  async bytesOf(name: string): Promise<Uint8Array | null> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return null;
    if (entry.uncompressedSize > this.maxPart) {
      throw new XlsxError(
        `it is too large to read here: part ‘${entry.name}’ unpacks to ${MB(entry.uncompressedSize)} ` +
          `(the limit is ${MB(this.maxPart)}); save the list on its own as CSV`,
      );
    }
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      throw new XlsxError(`it looks like a zip bomb: part ‘${entry.name}’ claims to unpack ${ratio} times larger than it is`);
    }
    this.total += entry.uncompressedSize;
    if (this.total > this.maxTotal) {
      throw new XlsxError(`it is too large to read here (over ${MB(this.maxTotal)} unpacked); save the list on its own as CSV`);
    }
    const data = entryData(this.bytes, entry);
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else {
      try {
        out = await this.inflateRaw(data, entry.uncompressedSize);
      } catch (err) {
        if (err instanceof XlsxError) throw err;
        throw new XlsxError(`${DAMAGED} (zip part ‘${entry.name}’ cannot be unpacked)`);
      }
    }
    if (out.length !== entry.uncompressedSize || crc32(out) !== entry.crc32) {
      throw new XlsxError(`${DAMAGED} (zip part ‘${entry.name}’ fails its checksum)`);
    }
    return out;
  }

  async text(name: string): Promise<string | null> {
    const b = await this.bytesOf(name);
    return b === null ? null : decodeXml(b);
  }
}

/** XML parts are UTF-8 (or, rarely, UTF-16 with a BOM). */
function decodeXml(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b);
  return new TextDecoder("utf-8").decode(b).replace(/^\uFEFF/, "");
}

// ------------------------------------------------------------------------------------------------
// XML scanning

const XML_ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML character and entity references. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(XML_ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** OOXML's `_xHHHH_` escapes (ST_Xstring) for characters XML cannot hold; `_x005F_` is a literal underscore. */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text content of an element: CDATA kept as is, entities decoded, line ends normalised as an XML parser does. */
function textContent(raw: string): string {
  const normalise = (s: string) => (s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s);
  const CDATA_OPEN = "<![CDATA[";
  let open = raw.indexOf(CDATA_OPEN);
  if (open < 0) return decodeXmlEntities(normalise(raw));
  let out = "";
  let at = 0;
  while (open >= 0) {
    const close = raw.indexOf("]]>", open + CDATA_OPEN.length);
    if (close < 0) throw new ZipError(`${DAMAGED} (an XML part ends inside a CDATA section)`);
    out += decodeXmlEntities(normalise(raw.slice(at, open))) + normalise(raw.slice(open + CDATA_OPEN.length, close));
    at = close + 3;
    open = raw.indexOf(CDATA_OPEN, at);
  }
  return out + decodeXmlEntities(normalise(raw.slice(at)));
}

/** A start tag: its local name, where its attributes are, and where it ends (just past its ">"). */
interface Tag {
  readonly local: string;
  readonly attrsStart: number;
  readonly attrsEnd: number;
  readonly end: number;
  readonly selfClosing: boolean;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Characters of an XML name (ASCII letters, digits, "_", "-", ".", ":"; any non-ASCII character). */
const isNameChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d || c === 0x2e || c > 0x7f;

/**
 * The next start tag at or after `from` (and before `limit`) whose local name is one of `names`, or null.
 * Other tags are stepped over without looking for their ends; a wanted tag that never ends is damage.
 */
function nextTag(xml: string, from: number, names: ReadonlySet<string>, limit = xml.length): Tag | null {
  let at = from;
  for (;;) {
    const lt = xml.indexOf("<", at);
    if (lt < 0 || lt >= limit) return null;
    let i = lt + 1;
    let colon = -1;
    while (i < xml.length && isNameChar(xml.charCodeAt(i))) {
      if (xml.charCodeAt(i) === 0x3a) colon = i;
      i++;
    }
    at = i > lt + 1 ? i : lt + 1;
    if (i === lt + 1 || i >= xml.length) continue;
    const next = xml.charCodeAt(i);
    if (!isSpace(next) && next !== 0x2f && next !== 0x3e) continue;
    const local = xml.slice(colon >= 0 ? colon + 1 : lt + 1, i);
    if (!names.has(local)) continue;
    // The ">" that ends the tag, stepping over quoted attribute values (which may hold ">").
    let k = i;
    for (;;) {
      if (k >= xml.length) throw new ZipError(`${DAMAGED} (an XML part ends inside <${local}>)`);
      const c = xml.charCodeAt(k);
      if (c === 0x22 || c === 0x27) {
        const quote = xml.indexOf(c === 0x22 ? '"' : "'", k + 1);
        if (quote < 0) throw new ZipError(`${DAMAGED} (an XML part ends inside <${local}>)`);
        k = quote + 1;
      } else if (c === 0x3e) {
        break;
      } else {
        k++;
      }
    }
    const selfClosing = xml.charCodeAt(k - 1) === 0x2f;
    return { local, attrsStart: i, attrsEnd: selfClosing ? k - 1 : k, end: k + 1, selfClosing };
  }
}

/** Where the end tag `</local>` (any prefix) that closes an element whose content starts at `from` begins and ends. */
function closingTag(xml: string, from: number, local: string, limit = xml.length): { start: number; end: number } {
  let at = from;
  for (;;) {
    const lt = xml.indexOf("</", at);
    if (lt < 0 || lt >= limit) throw new ZipError(`${DAMAGED} (an XML part ends inside <${local}>)`);
    let i = lt + 2;
    let colon = -1;
    while (i < xml.length && isNameChar(xml.charCodeAt(i))) {
      if (xml.charCodeAt(i) === 0x3a) colon = i;
      i++;
    }
    at = i;
    if (xml.slice(colon >= 0 ? colon + 1 : lt + 2, i) !== local) continue;
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 0x3e) continue;
    return { start: lt, end: i + 1 };
  }
}

/** The raw content of an element whose start tag is `tag` ("" when self-closing), and where scanning resumes. */
function contentOf(xml: string, tag: Tag, limit = xml.length): { inner: string; resume: number } {
  if (tag.selfClosing) return { inner: "", resume: tag.end };
  const close = closingTag(xml, tag.end, tag.local, limit);
  return { inner: xml.slice(tag.end, close.start), resume: close.end };
}

/**
 * The attributes of a tag in one forward pass: qualified name → decoded value. With `only`, just that
 * attribute's value is looked for (the hot path: a cell's `r` and `t`).
 */
function parseAttrs(xml: string, start: number, end: number): Map<string, string> {
  const attrs = new Map<string, string>();
  forEachAttr(xml, start, end, (name, value) => {
    attrs.set(name, value);
    return false;
  });
  return attrs;
}

function attrOf(xml: string, tag: Tag, wanted: string): string | undefined {
  let found: string | undefined;
  forEachAttr(xml, tag.attrsStart, tag.attrsEnd, (name, value) => {
    if (name !== wanted) return false;
    found = value;
    return true;
  });
  return found;
}

function forEachAttr(xml: string, start: number, end: number, onAttr: (name: string, value: string) => boolean): void {
  let i = start;
  while (i < end) {
    while (i < end && (isSpace(xml.charCodeAt(i)) || xml.charCodeAt(i) === 0x2f)) i++;
    const nameStart = i;
    while (i < end && !isSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 0x3d && xml.charCodeAt(i) !== 0x2f) i++;
    const name = xml.slice(nameStart, i);
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 0x3d) {
      if (i === nameStart) i++;
      continue;
    }
    i++;
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) continue;
    const close = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (close < 0 || close >= end) return;
    const raw = xml.slice(i + 1, close);
    i = close + 1;
    if (name !== "" && onAttr(name, decodeXmlEntities(raw.replace(/[\t\n\r]/g, " ")))) return;
  }
}

const names = (...list: string[]) => new Set(list);
const RELATIONSHIP = names("Relationship");
const SHEET = names("sheet");
const SHEET_DATA = names("sheetData");
const SI = names("si");
const T_OR_RPH = names("t", "rPh");
const ROW_OR_CELL = names("row", "c");
const V = names("v");
const IS = names("is");

/** Every element of this local name (any namespace prefix), in order, with its attributes. */
function* elements(xml: string, wanted: ReadonlySet<string>): Generator<ReadonlyMap<string, string>> {
  let at = 0;
  for (let tag = nextTag(xml, at, wanted); tag; tag = nextTag(xml, at, wanted)) {
    at = contentOf(xml, tag).resume;
    yield parseAttrs(xml, tag.attrsStart, tag.attrsEnd);
  }
}

/** The attribute with this local name in any namespace (`r:id`, `relationships:id`), else undefined. */
function prefixedAttr(attrs: ReadonlyMap<string, string>, local: string): string | undefined {
  for (const [k, v] of attrs) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns:")) return v;
  return undefined;
}

/** The text of a shared string or inline string: its `<t>`s (runs included), phonetic runs left out. */
function richText(inner: string): string {
  let out = "";
  let at = 0;
  for (let tag = nextTag(inner, at, T_OR_RPH); tag; tag = nextTag(inner, at, T_OR_RPH)) {
    const { inner: text, resume } = contentOf(inner, tag);
    if (tag.local === "t" && text !== "") out += textContent(text);
    at = resume;
  }
  return decodeOoxmlEscapes(out);
}

// ------------------------------------------------------------------------------------------------
// workbook

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** A relationships part: Id → type and target resolved against the source part's folder. */
function readRels(xml: string | null, sourceDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (xml === null) return rels;
  for (const attrs of elements(xml, RELATIONSHIP)) {
    const id = attrs.get("Id");
    const target = attrs.get("Target");
    if (!id || target === undefined || attrs.get("TargetMode") === "External") continue;
    rels.set(id, { type: attrs.get("Type") ?? "", target: resolvePart(sourceDir, target) });
  }
  return rels;
}

function resolvePart(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep as written
  }
  const parts = (t.startsWith("/") ? t.slice(1) : dir + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

const dirOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);
const relsOf = (part: string) => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
const isType = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);

function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  let at = 0;
  for (let tag = nextTag(xml, at, SI); tag; tag = nextTag(xml, at, SI)) {
    const { inner, resume } = contentOf(xml, tag);
    out.push(inner === "" ? "" : richText(inner));
    at = resume;
  }
  return out;
}

/** "BC12" → [row 12, column 55], 1-based ("$" signs allowed); null when it is not a cell reference. */
function parseRef(ref: string): [number, number] | null {
  let i = 0;
  const n = ref.length;
  while (i < n && ref.charCodeAt(i) <= 32) i++;
  if (ref.charCodeAt(i) === 36) i++;
  let col = 0;
  let letters = 0;
  for (; i < n; i++, letters++) {
    const ch = ref.charCodeAt(i) | 0x20; // lower case
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < n; i++, digits++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  while (i < n && ref.charCodeAt(i) <= 32) i++;
  return i === n && letters >= 1 && letters <= 3 && digits >= 1 && digits <= 7 ? [row, col] : null;
}

function cellValue(type: string, inner: string, strings: readonly string[], where: () => string): CellValue {
  if (type === "inlineStr") {
    const is = nextTag(inner, 0, IS);
    return is ? richText(contentOf(inner, is).inner) : null;
  }
  const v = nextTag(inner, 0, V);
  if (!v) return null;
  const raw = textContent(contentOf(inner, v).inner);
  switch (type) {
    case "s": {
      if (raw.trim() === "") return null;
      const index = Number(raw.trim());
      if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
        throw new XlsxError(`${DAMAGED} (cell ${where()} refers to shared string ${raw.trim()}, which does not exist)`);
      }
      return strings[index];
    }
    case "str":
      return decodeOoxmlEscapes(raw);
    case "b": {
      const t = raw.trim().toLowerCase();
      return t === "1" || t === "true";
    }
    case "e":
      return { error: raw.trim() };
    case "d":
      // Strict OOXML's ISO dates: kept as written (reference lists hold no dates).
      return raw.trim() || null;
    default: {
      const t = raw.trim();
      if (t === "") return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    }
  }
}

/** A worksheet's cells placed by their references: rows 1..last row with a value, columns 1..last column. */
/** How the workbook stores dates: which cell styles show one, and its date system. */
interface DateStyles {
  readonly styles: ReadonlySet<number>;
  readonly date1904: boolean;
}

function sheetRows(xml: string, strings: readonly string[], sheetName: string, dates: DateStyles): CellValue[][] {
  const sparse: (CellValue[] | undefined)[] = [];
  let lastRow = 0;
  let lastCol = 0;
  const sheetData = nextTag(xml, 0, SHEET_DATA);
  if (!sheetData) return [];
  // The last mention of sheetData is its end tag (or the start tag itself when it is empty: <sheetData/>).
  const end = sheetData.selfClosing ? sheetData.end : xml.lastIndexOf("sheetData");
  let rowNumber = 0;
  let col = 0;
  let at = sheetData.end;
  for (let tag = nextTag(xml, at, ROW_OR_CELL, end); tag; tag = nextTag(xml, at, ROW_OR_CELL, end)) {
    const r = attrOf(xml, tag, "r");
    at = tag.end;
    if (tag.local === "row") {
      rowNumber = r !== undefined && /^\s*[0-9]+\s*$/.test(r) ? Number(r) : rowNumber + 1;
      if (rowNumber < 1 || rowNumber > MAX_ROW) throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a row numbered ${r})`);
      col = 0;
      continue;
    }
    let inner = "";
    if (!tag.selfClosing) {
      const close = closingTag(xml, tag.end, tag.local, end);
      inner = xml.slice(tag.end, close.start);
      at = close.end;
    }
    // A cell's own reference wins over its row's number (they agree in every sane file).
    let cellRow = rowNumber;
    if (r !== undefined) {
      const ref = parseRef(r);
      if (!ref || ref[0] < 1 || ref[0] > MAX_ROW || ref[1] < 1 || ref[1] > MAX_COLUMN) {
        throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a cell named ‘${r}’)`);
      }
      [cellRow, col] = ref;
    } else {
      col += 1;
      if (col > MAX_COLUMN) throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a row wider than Excel allows)`);
    }
    if (cellRow < 1) cellRow = 1;
    if (inner === "") continue;
    let value = cellValue(attrOf(xml, tag, "t") ?? "n", inner, strings, () => `‘${sheetName}’!${r ?? `R${cellRow}C${col}`}`);
    if (typeof value === "number" && dates.styles.has(Number(attrOf(xml, tag, "s")))) {
      value = excelSerialToDate(value, dates.date1904) ?? value;
    }
    if (value === null || value === undefined) continue;
    (sparse[cellRow] ??= [])[col - 1] = value;
    if (cellRow > lastRow) lastRow = cellRow;
    if (col > lastCol) lastCol = col;
  }
  if (lastRow * lastCol > MAX_CELLS) {
    throw new XlsxError(
      `it is too large to read here: sheet ‘${sheetName}’ spans ${lastRow} rows × ${lastCol} columns; save the list on its own as CSV`,
    );
  }
  const rows: CellValue[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = new Array<CellValue>(lastCol).fill(null);
    const cells = sparse[r];
    if (cells) for (let c = 0; c < cells.length; c++) if (cells[c] !== undefined) row[c] = cells[c];
    rows.push(row);
  }
  return rows;
}

/** The zip's first bytes say what it probably is, for a clearer message than "not a workbook". */
function notWorkbook(zip: ZipReader): XlsxError {
  const names = zip.names().map((n) => n.toLowerCase());
  if (names.some((n) => n.endsWith("workbook.bin")))
    return new XlsxError("it is an Excel binary workbook (.xlsb); save it as an Excel Workbook (.xlsx) or as CSV");
  if (names.includes("word/document.xml")) return new XlsxError("it is a Word document, not an Excel workbook");
  if (names.includes("ppt/presentation.xml")) return new XlsxError("it is a PowerPoint file, not an Excel workbook");
  if (names.includes("content.xml") && names.includes("mimetype"))
    return new XlsxError("it is an OpenDocument file (.ods), not an Excel workbook; save it as .xlsx or CSV");
  return new XlsxError("it is a zip file but not an Excel workbook");
}

/**
 * Every worksheet of an .xlsx/.xlsm file, in tab order, as engine input (chart and dialog sheets are skipped).
 * Throws XlsxError with a plain reason when the bytes are not a readable workbook.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<SheetInput[]> {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new XlsxError(
      "it is password-protected or an Excel 97-2003 (.xls) file; remove the password or save it as an Excel Workbook (.xlsx) or as CSV",
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new XlsxError("it is not a zip-based Excel workbook (.xlsx)");
  }
  if (bytes.length > MAX_XLSX_FILE_BYTES) {
    throw new XlsxError(
      `it is too large to read here (${MB(bytes.length)}; the limit is ${MB(MAX_XLSX_FILE_BYTES)}); save the list on its own as CSV`,
    );
  }
  const zip = new ZipReader(
    bytes,
    readZipDirectory(bytes),
    options.inflateRaw ?? defaultInflateRaw,
    options.maxPartBytes ?? DEFAULT_MAX_PART,
    options.maxTotalBytes ?? DEFAULT_MAX_TOTAL,
  );

  const rootRels = readRels(await zip.text("_rels/.rels"), "");
  const office = [...rootRels.values()].find((r) => isType(r, "officeDocument"));
  const workbookPart = office && zip.has(office.target) ? office.target : "xl/workbook.xml";
  const workbookXml = zip.has(workbookPart) ? await zip.text(workbookPart) : null;
  if (workbookXml === null) throw notWorkbook(zip);
  const rels = readRels(await zip.text(relsOf(workbookPart)), dirOf(workbookPart));

  const sstRel = [...rels.values()].find((r) => isType(r, "sharedStrings"));
  const sstPart = sstRel?.target ?? `${dirOf(workbookPart)}sharedStrings.xml`;
  const strings = sharedStrings(zip.has(sstPart) ? await zip.text(sstPart) : null);
  const stylesPart = [...rels.values()].find((r) => isType(r, "styles"))?.target ?? `${dirOf(workbookPart)}styles.xml`;
  const stylesXml = zip.has(stylesPart) ? await zip.text(stylesPart) : null;
  const dates: DateStyles = { styles: stylesXml ? dateStyleIndexes(stylesXml) : new Set(), date1904: usesDate1904(workbookXml) };

  const sheets: SheetInput[] = [];
  let index = 0;
  for (const attrs of elements(workbookXml, SHEET)) {
    index += 1;
    const name = attrs.get("name") ?? `Sheet${index}`;
    const id = prefixedAttr(attrs, "id");
    const rel = id !== undefined ? rels.get(id) : undefined;
    // Without relationships, Excel's own layout is the only guess left.
    const part = rel ? rel.target : rels.size === 0 ? `${dirOf(workbookPart)}worksheets/sheet${index}.xml` : null;
    if (rel && !isType(rel, "worksheet")) continue; // chart sheet, dialog sheet, macro sheet
    if (part === null || !zip.has(part)) throw new XlsxError(`${DAMAGED} (the cells of sheet ‘${name}’ are missing)`);
    const xml = (await zip.text(part))!;
    sheets.push({ name, rows: sheetRows(xml, strings, name, dates), firstRow: 1, firstColumn: 1, source: "workbook" });
  }
  if (index === 0) throw new XlsxError(`${DAMAGED} (the workbook lists no sheets)`);
  return sheets;
}
