/**
 * A minimal, dependency-free .xlsx/.xlsm reader for the task pane ("Load file…" of a DPI list saved from Excel).
 * exceljs would add several hundred KB to the pane; this reads only what a reference list needs: the cell
 * values of every worksheet. Formats, formulas, merged cells and hidden state are ignored; a date-formatted number
 * becomes its date (src/core/excelDates.ts, honouring the 1904 date system), as the CLI reads it.
 *
 * Zip: the End Of Central Directory and the central directory are read (no zip64, no multi-disk archives,
 * no encryption); entries are stored (method 0) or deflated (method 8), inflated by an injectable
 * `inflateRaw` (by default the browser's DecompressionStream("deflate-raw")) and checked against their CRC-32.
 * XML: the parts are machine-written (Excel, exceljs, Open XML SDK…), so regular-expression scanning is enough
 * and runs the same in Node (tests) as in the browser; namespace prefixes (`<x:c>`) are accepted.
 */
import type { CellValue, SheetInput } from "../core/cells";
import { dateStyleIndexes, excelSerialToDate, usesDate1904 } from "../core/excelDates";

/** Why a file cannot be read; the message is a lower-case clause that also reads on its own. */
export class XlsxError extends Error {}

export type InflateRaw = (bytes: Uint8Array, maxOutputBytes?: number) => Promise<Uint8Array>;

export interface ReadXlsxOptions {
  /** Raw-deflate decompressor (tests pass zlib.inflateRawSync). Default: DecompressionStream("deflate-raw"). */
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

// ------------------------------------------------------------------------------------------------
// zip

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

const DAMAGED = "the file is damaged or truncated";

/** The central directory of a zip archive (the common, zip64-free case). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (bytes.length < 22) throw new XlsxError(`${DAMAGED} (it is too short to be a zip file)`);
  // The EOCD record is the last 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === SIG_EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError(`${DAMAGED} (the zip directory at its end is missing)`);
  const disk = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  const entriesOnDisk = u16(eocd + 8);
  const entries = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== entries) {
    throw new XlsxError("it is part of a split (multi-volume) zip archive, which cannot be read here");
  }
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || (eocd >= 20 && u32(eocd - 20) === SIG_ZIP64_LOCATOR)) {
    throw new XlsxError("it is a zip64 archive (over 4 GB or 65 535 parts), which cannot be read here");
  }
  if (cdOffset + cdSize > eocd) throw new XlsxError(`${DAMAGED} (the zip directory points past its end)`);
  const out: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > eocd || u32(at) !== SIG_CENTRAL) throw new XlsxError(`${DAMAGED} (zip directory entry ${i + 1} is unreadable)`);
    const flags = u16(at + 8);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (at + 46 + nameLength > eocd) throw new XlsxError(`${DAMAGED} (zip directory entry ${i + 1} is unreadable)`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    out.push({
      name: decodeName(nameBytes, (flags & 0x800) !== 0),
      flags,
      method: u16(at + 10),
      crc32: u32(at + 16),
      compressedSize: u32(at + 20),
      uncompressedSize: u32(at + 24),
      localHeaderOffset: u32(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8 (CP437 names): part names of a workbook are ASCII, so Latin-1 is close enough to report them.
    return utf8 ? new TextDecoder("utf-8").decode(bytes) : new TextDecoder("latin1").decode(bytes);
  }
}

/** The compressed bytes of an entry (checks the local header and refuses encrypted or exotic entries). */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if ((entry.flags & 0x0001) !== 0 || (entry.flags & 0x0040) !== 0) {
    throw new XlsxError(`it is encrypted (zip part ‘${entry.name}’ needs a password)`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    const what = entry.method === 99 ? "AES-encrypted" : `compressed with zip method ${entry.method}`;
    throw new XlsxError(`zip part ‘${entry.name}’ is ${what}; only the standard "deflate" compression can be read here`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
    throw new XlsxError(`${DAMAGED} (zip part ‘${entry.name}’ is missing)`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new XlsxError(`${DAMAGED} (zip part ‘${entry.name}’ is cut off)`);
  return bytes.subarray(start, end);
}

let crcTable: Int32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const table = crcTable;
  let crc = -1;
  for (let i = 0, n = bytes.length; i < n; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

export const NO_DECOMPRESSION_MESSAGE =
  "this version of Excel cannot unpack .xlsx files in the task pane (its browser has no DecompressionStream \"deflate-raw\"); " +
  "save the list from Excel as \"CSV UTF-8\" and load the CSV file instead";

/** The browser's raw-deflate decompressor (WebView2/Edge, Safari ≥ 16.4, Node ≥ 18), stopping past maxOutputBytes. */
export const browserInflateRaw: InflateRaw = async (bytes, maxOutputBytes = Number.POSITIVE_INFINITY) => {
  let stream: DecompressionStream;
  try {
    if (typeof DecompressionStream !== "function") throw new Error("missing");
    stream = new DecompressionStream("deflate-raw");
  } catch {
    throw new XlsxError(NO_DECOMPRESSION_MESSAGE);
  }
  const writer = stream.writable.getWriter();
  // Failures surface on the reading side; these promises would otherwise reject unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxOutputBytes) {
      await reader.cancel().catch(() => undefined);
      throw new XlsxError(`${DAMAGED} (a zip part unpacks to more bytes than its zip directory says)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};

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
      throw new XlsxError(`it is too large to read here: part ‘${entry.name}’ unpacks to ${MB(entry.uncompressedSize)} (the limit is ${MB(this.maxPart)}); save the list on its own as CSV`);
    }
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)) {
      throw new XlsxError(`it looks like a zip bomb: part ‘${entry.name}’ claims to unpack ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times larger than it is`);
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
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };

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
  if (!raw.includes("<![CDATA[")) return decodeXmlEntities(normalise(raw));
  let out = "";
  let at = 0;
  for (const m of raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    out += decodeXmlEntities(normalise(raw.slice(at, m.index))) + normalise(m[1]);
    at = m.index + m[0].length;
  }
  return out + decodeXmlEntities(normalise(raw.slice(at)));
}

interface XmlElement {
  /** attributes by qualified name, values decoded */
  readonly attrs: ReadonlyMap<string, string>;
  /** raw inner XML ("" for a self-closing element) */
  readonly inner: string;
}

const NAME_PREFIX = "(?:[A-Za-z_][\\w.-]*:)?";
const ATTRS = "((?:[^>\"']|\"[^\"]*\"|'[^']*')*)";
const openTagCache = new Map<string, RegExp>();
const closeTagCache = new Map<string, RegExp>();

function parseAttrs(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of raw.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1], decodeXmlEntities((m[2] ?? m[3]).replace(/[\t\n\r]/g, " ")));
  }
  return attrs;
}

/** Every `<name …>…</name>` or `<name …/>` (any namespace prefix), in order. Not nested in itself. */
function* elements(xml: string, name: string): Generator<XmlElement> {
  let open = openTagCache.get(name);
  if (!open) openTagCache.set(name, (open = new RegExp(`<${NAME_PREFIX}${name}(?=[\\s/>])${ATTRS}>`, "g")));
  let close = closeTagCache.get(name);
  if (!close) closeTagCache.set(name, (close = new RegExp(`</${NAME_PREFIX}${name}\\s*>`, "g")));
  open.lastIndex = 0;
  for (;;) {
    const m = open.exec(xml);
    if (!m) return;
    const rawAttrs = m[1];
    const selfClosing = rawAttrs.endsWith("/");
    let inner = "";
    if (!selfClosing) {
      close.lastIndex = open.lastIndex;
      const c = close.exec(xml);
      if (!c) throw new XlsxError(`${DAMAGED} (an XML part ends inside <${name}>)`);
      inner = xml.slice(open.lastIndex, c.index);
      open.lastIndex = close.lastIndex;
    }
    const attrs = parseAttrs(selfClosing ? rawAttrs.slice(0, -1) : rawAttrs);
    // The generator may be resumed after other scans used the same cached regular expressions.
    const resumeAt = open.lastIndex;
    yield { attrs, inner };
    open.lastIndex = resumeAt;
  }
}

/** The attribute with this local name in any namespace (`r:id`, `relationships:id`), else undefined. */
function prefixedAttr(attrs: ReadonlyMap<string, string>, local: string): string | undefined {
  for (const [k, v] of attrs) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns:")) return v;
  return undefined;
}

// Hot paths (a catalog has hundreds of thousands of cells): one precompiled expression each, no attribute maps.
const P = NAME_PREFIX;
/** attributes of these elements are numbers, references and type codes, never holding ">" */
const QATTRS = "[^>]*?";
/** `<t …>text</t>` or `<t/>`; group 1 is the raw text */
const T_RE = new RegExp(`<${P}t(?=[\\s/>])${QATTRS}(?:/>|>([\\s\\S]*?)</${P}t\\s*>)`, "g");
const RPH_RE = new RegExp(`<${P}rPh(?=[\\s/>])${QATTRS}(?:/>|>[\\s\\S]*?</${P}rPh\\s*>)`, "g");
const SI_RE = new RegExp(`<${P}si(?=[\\s/>])${QATTRS}(?:/>|>([\\s\\S]*?)</${P}si\\s*>)`, "g");
const V_RE = new RegExp(`<${P}v(?=[\\s/>])${QATTRS}(?:/>|>([\\s\\S]*?)</${P}v\\s*>)`);
const IS_RE = new RegExp(`<${P}is(?=[\\s/>])${QATTRS}(?:/>|>([\\s\\S]*?)</${P}is\\s*>)`);
/** a row's or a cell's start tag; group 1 the element, group 2 its attributes (ending in "/" when self-closing) */
const ROW_OR_CELL_RE = new RegExp(`<${P}(row|c)(?=[\\s/>])([^>]*)>`, "g");
const CELL_END_RE = new RegExp(`</${P}c\\s*>`, "g");
const SHEET_DATA_RE = new RegExp(`<${P}sheetData(?=[\\s/>])`);
const ATTR_R = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_T = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_S = /(?:^|\s)s\s*=\s*(?:"([^"]*)"|'([^']*)')/;

function attrOf(raw: string, re: RegExp): string | undefined {
  const m = re.exec(raw);
  return m ? decodeXmlEntities(m[1] ?? m[2]) : undefined;
}

/** The text of a shared string or inline string: its `<t>`s (runs included), phonetic runs left out. */
function richText(inner: string): string {
  const text = inner.includes("rPh") ? inner.replace(RPH_RE, "") : inner;
  let out = "";
  T_RE.lastIndex = 0;
  for (let m = T_RE.exec(text); m; m = T_RE.exec(text)) if (m[1]) out += textContent(m[1]);
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
  for (const r of elements(xml, "Relationship")) {
    const id = r.attrs.get("Id");
    const target = r.attrs.get("Target");
    if (!id || target === undefined || r.attrs.get("TargetMode") === "External") continue;
    rels.set(id, { type: r.attrs.get("Type") ?? "", target: resolvePart(sourceDir, target) });
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
  SI_RE.lastIndex = 0;
  for (let m = SI_RE.exec(xml); m; m = SI_RE.exec(xml)) out.push(m[1] ? richText(m[1]) : "");
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
    const is = IS_RE.exec(inner);
    return is ? richText(is[1] ?? "") : null;
  }
  const v = V_RE.exec(inner);
  if (!v) return null;
  const raw = v[1] === undefined ? "" : textContent(v[1]);
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
  const start = xml.search(SHEET_DATA_RE);
  if (start < 0) return [];
  // The last mention of sheetData is its end tag (or the start tag itself when it is empty: <sheetData/>).
  const end = xml.lastIndexOf("sheetData");
  let rowNumber = 0;
  let col = 0;
  ROW_OR_CELL_RE.lastIndex = start;
  for (let m = ROW_OR_CELL_RE.exec(xml); m && m.index < end; m = ROW_OR_CELL_RE.exec(xml)) {
    const rawAttrs = m[2];
    const r = attrOf(rawAttrs, ATTR_R);
    if (m[1] === "row") {
      rowNumber = r !== undefined && /^\s*[0-9]+\s*$/.test(r) ? Number(r) : rowNumber + 1;
      if (rowNumber < 1 || rowNumber > MAX_ROW) throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a row numbered ${r})`);
      col = 0;
      continue;
    }
    let inner = "";
    if (!rawAttrs.endsWith("/")) {
      CELL_END_RE.lastIndex = ROW_OR_CELL_RE.lastIndex;
      const close = CELL_END_RE.exec(xml);
      if (!close || close.index > end) throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ ends inside a cell)`);
      inner = xml.slice(ROW_OR_CELL_RE.lastIndex, close.index);
      ROW_OR_CELL_RE.lastIndex = CELL_END_RE.lastIndex;
    }
    // A cell's own reference wins over its row's number (they agree in every sane file).
    let cellRow = rowNumber;
    if (r !== undefined) {
      const at = parseRef(r);
      if (!at || at[0] < 1 || at[0] > MAX_ROW || at[1] < 1 || at[1] > MAX_COLUMN) {
        throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a cell named ‘${r}’)`);
      }
      [cellRow, col] = at;
    } else {
      col += 1;
      if (col > MAX_COLUMN) throw new XlsxError(`${DAMAGED} (sheet ‘${sheetName}’ has a row wider than Excel allows)`);
    }
    if (cellRow < 1) cellRow = 1;
    if (inner === "") continue;
    let value = cellValue(attrOf(rawAttrs, ATTR_T) ?? "n", inner, strings, () => `‘${sheetName}’!${r ?? `R${cellRow}C${col}`}`);
    if (typeof value === "number" && dates.styles.has(Number(attrOf(rawAttrs, ATTR_S)))) value = excelSerialToDate(value, dates.date1904) ?? value;
    if (value === null || value === undefined) continue;
    (sparse[cellRow] ??= [])[col - 1] = value;
    if (cellRow > lastRow) lastRow = cellRow;
    if (col > lastCol) lastCol = col;
  }
  if (lastRow * lastCol > MAX_CELLS) {
    throw new XlsxError(`it is too large to read here: sheet ‘${sheetName}’ spans ${lastRow} rows × ${lastCol} columns; save the list on its own as CSV`);
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
  if (names.some((n) => n.endsWith("workbook.bin"))) return new XlsxError("it is an Excel binary workbook (.xlsb); save it as an Excel Workbook (.xlsx) or as CSV");
  if (names.includes("word/document.xml")) return new XlsxError("it is a Word document, not an Excel workbook");
  if (names.includes("ppt/presentation.xml")) return new XlsxError("it is a PowerPoint file, not an Excel workbook");
  if (names.includes("content.xml") && names.includes("mimetype")) return new XlsxError("it is an OpenDocument file (.ods), not an Excel workbook; save it as .xlsx or CSV");
  return new XlsxError("it is a zip file but not an Excel workbook");
}

/**
 * Every worksheet of an .xlsx/.xlsm file, in tab order, as engine input (chart and dialog sheets are skipped).
 * Throws XlsxError with a plain reason when the bytes are not a readable workbook.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<SheetInput[]> {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new XlsxError("it is password-protected or an Excel 97-2003 (.xls) file; remove the password or save it as an Excel Workbook (.xlsx) or as CSV");
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new XlsxError("it is not a zip-based Excel workbook (.xlsx)");
  }
  if (bytes.length > MAX_XLSX_FILE_BYTES) {
    throw new XlsxError(`it is too large to read here (${MB(bytes.length)}; the limit is ${MB(MAX_XLSX_FILE_BYTES)}); save the list on its own as CSV`);
  }
  const zip = new ZipReader(
    bytes,
    readZipDirectory(bytes),
    options.inflateRaw ?? browserInflateRaw,
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
  for (const sheet of elements(workbookXml, "sheet")) {
    index += 1;
    const name = sheet.attrs.get("name") ?? `Sheet${index}`;
    const id = prefixedAttr(sheet.attrs, "id");
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
