/**
 * Checks a workbook's zip package before exceljs loads it, so hostile or unlucky files cost bounded memory:
 * - the central directory's declared sizes: total unpacked size and the compression ratio of each part;
 * - every part is unpacked in bounded chunks (never as a whole) and must not unpack past its declared size,
 *   so a zip bomb that lies in its directory is caught after one chunk;
 * - the cells of every worksheet are counted while unpacking (exceljs spends about 400 bytes per cell);
 * - rows and cells written without an `r` reference (legal; some generators do it) are numbered in order,
 *   because exceljs cannot read them.
 * Every refusal is an InputError naming the file and the limit.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";
import * as zlib from "zlib";
import { OVERSIZED_PART, ZipError, type ZipEntry, entryData, readZipDirectory } from "../io/zip";
import { columnLetters, columnNumber } from "../core/address";
import { InputError } from "./inputError";

export const WORKBOOK_LIMITS = {
  /** Sum of the unpacked parts. */
  maxUnpackedBytes: 1024 * 1024 * 1024,
  /** Deflate cannot compress better than about 1032:1; a larger claim is a lie or a zip bomb. */
  maxRatio: 1100,
  /** Cell elements in all worksheets together (styled empty cells count: exceljs keeps them too). */
  maxCells: 2_000_000,
};

const MB = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString("en-US")} MB`;
const count = (n: number) => n.toLocaleString("en-US");
const SAVE_EACH_EXPORT_AS_CSV = "save each export as its own CSV file and check those";

export interface WorkbookInspection {
  /** Cell elements found in the worksheets. */
  cells: number;
  /** The bytes to give exceljs: the file itself, or a copy whose rows and cells all carry references. */
  bytes: Uint8Array;
}

const isWorksheet = (name: string) => /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name);

export async function inspectWorkbook(file: string, bytes: Uint8Array, limits = WORKBOOK_LIMITS): Promise<WorkbookInspection> {
  const notReadable = (reason: string) => new InputError(`'${file}' is not a readable Excel workbook (.xlsx): ${reason}.`);
  const tooLarge = (reason: string) => new InputError(`'${file}' is too large for cte-check: ${reason}.`);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (err) {
    if (err instanceof ZipError) throw notReadable(err.message);
    throw err;
  }
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      throw notReadable(
        `it looks like a zip bomb: part '${entry.name}' claims to unpack ${count(ratio)} times larger than it is ` +
          `(real workbooks stay under ${count(limits.maxRatio)})`,
      );
    }
  }
  if (declared > limits.maxUnpackedBytes) {
    throw tooLarge(`its parts unpack to ${MB(declared)} (the limit is ${MB(limits.maxUnpackedBytes)}); ${SAVE_EACH_EXPORT_AS_CSV}`);
  }

  let cells = 0;
  const tooManyCells = () =>
    tooLarge(`its sheets hold more than ${count(limits.maxCells)} cells (the limit for a workbook); ${SAVE_EACH_EXPORT_AS_CSV}`);
  const needsReferences: string[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const counter = isWorksheet(entry.name) ? new CellCounter() : null;
    // Counted while unpacking, so a sheet of millions of cells is refused after its first millions.
    const scan = (chunk: Uint8Array) => {
      if (!counter) return;
      counter.push(chunk);
      if (cells + counter.cells > limits.maxCells) throw tooManyCells();
    };
    let produced: number;
    try {
      const data = entryData(bytes, entry);
      if (entry.method === 0) {
        produced = data.length;
        scan(data);
      } else {
        produced = await inflateRawChunks(data, entry.uncompressedSize, scan);
      }
    } catch (err) {
      if (err instanceof ZipError) throw notReadable(err.message.replace("a zip part", `zip part '${entry.name}'`));
      throw err;
    }
    if (produced !== entry.uncompressedSize) {
      throw notReadable(
        `the file is damaged or truncated (zip part '${entry.name}' unpacks to ${count(produced)} bytes, ` +
          `not the ${count(entry.uncompressedSize)} its zip directory says)`,
      );
    }
    if (!counter) continue;
    cells += counter.cells;
    if (counter.missingReference) needsReferences.push(entry.name);
  }
  return { cells, bytes: needsReferences.length > 0 ? withReferences(bytes, needsReferences) : bytes };
}

/**
 * zlib's raw inflater (native, several times faster than fflate here), fed the whole entry and read in
 * 256 KB chunks: it stops as soon as the output passes `maxOutputBytes`, and errors thrown by `onChunk` pass through.
 */
function inflateRawChunks(data: Uint8Array, maxOutputBytes: number, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let total = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxOutputBytes) return fail(new ZipError(OVERSIZED_PART));
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err);
      }
    });
    inflater.on("error", () => fail(new ZipError("the file is damaged or truncated (compressed data cannot be unpacked)")));
    inflater.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(total);
    });
    inflater.end(data);
  });
}

const LT = 0x3c;
const GT = 0x3e;
/** A tag split across two unpacked chunks is carried over; past this length it is not a cell tag worth reading. */
const MAX_CARRY = 64 * 1024;

const isNameByte = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d || c === 0x2e;
const isSpaceByte = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Counts `<c>` start tags (any namespace prefix) in a worksheet's XML fed in chunks, and notices rows or cells without `r`. */
class CellCounter {
  cells = 0;
  missingReference = false;
  private carry: Uint8Array | null = null;

  push(chunk: Uint8Array): void {
    let data = chunk;
    if (this.carry) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
      this.carry = null;
    }
    let at = 0;
    for (;;) {
      const lt = data.indexOf(LT, at);
      if (lt < 0) return;
      let i = lt + 1;
      let localStart = i;
      while (i < data.length && isNameByte(data[i])) {
        if (data[i] === 0x3a) localStart = i + 1;
        i++;
      }
      if (i >= data.length) {
        this.keep(data, lt);
        return;
      }
      const length = i - localStart;
      const isCell = length === 1 && data[localStart] === 0x63;
      const isRow = length === 3 && data[localStart] === 0x72 && data[localStart + 1] === 0x6f && data[localStart + 2] === 0x77;
      if ((!isCell && !isRow) || !(isSpaceByte(data[i]) || data[i] === GT || data[i] === 0x2f)) {
        at = i > lt + 1 ? i : lt + 1;
        continue;
      }
      const gt = data.indexOf(GT, i);
      if (gt < 0) {
        this.keep(data, lt);
        return;
      }
      if (isCell) this.cells++;
      if (!this.missingReference && !hasReference(data, i, gt)) this.missingReference = true;
      at = gt + 1;
    }
  }

  private keep(data: Uint8Array, from: number): void {
    if (data.length - from <= MAX_CARRY) this.carry = data.slice(from);
  }
}

/** Whether the attributes between `from` and `to` include `r=`. */
function hasReference(data: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (data[i] !== 0x72 || !isSpaceByte(data[i - 1])) continue;
    let j = i + 1;
    while (j < to && isSpaceByte(data[j])) j++;
    if (data[j] === 0x3d) return true;
  }
  return false;
}

/** A copy of the package whose listed worksheets have `r` on every row and cell (numbered in document order). */
function withReferences(bytes: Uint8Array, parts: readonly string[]): Uint8Array {
  // Every part's size was verified above, so unpacking the whole package is bounded.
  const files: Zippable = unzipSync(bytes);
  for (const part of parts) {
    const xml = new TextDecoder("utf-8").decode(files[part] as Uint8Array);
    files[part] = new TextEncoder().encode(numberRowsAndCells(xml));
  }
  // Stored, not deflated: exceljs reads it once, straight away.
  return zipSync(files, { level: 0 });
}

const ROW_OR_CELL_TAG = /<((?:[A-Za-z_][\w.-]*:)?(row|c))(?=[\s/>])([^<>]*)>/g;
/** A reference is short; bounded quantifiers keep this linear whatever the attributes hold. */
const REFERENCE = /\sr\s*=\s*["']\s*([^"'\s]{0,20})\s*["']/;

/** Adds `r` to the rows and cells that lack it: a row follows the previous row, a cell the previous cell. */
export function numberRowsAndCells(xml: string): string {
  let row = 0;
  let col = 0;
  return xml.replace(ROW_OR_CELL_TAG, (whole, qname: string, local: string, attrs: string) => {
    const ref = REFERENCE.exec(attrs);
    const value = ref ? ref[1] : null;
    if (local === "row") {
      row = value !== null && /^[0-9]+$/.test(value) ? Number(value) : row + 1;
      col = 0;
      return value !== null ? whole : `<${qname} r="${row}"${attrs}>`;
    }
    if (value !== null) {
      const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(value);
      if (m) col = columnNumber(m[1].toUpperCase());
      return whole;
    }
    col += 1;
    return `<${qname} r="${columnLetters(col)}${Math.max(row, 1)}"${attrs}>`;
  });
}
