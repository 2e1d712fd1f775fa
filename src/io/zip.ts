/**
 * The zip layer of an .xlsx package, shared by the task pane's reader and the CLI's pre-load guard: the central
 * directory (zip64 included, as streaming writers produce it), each entry's compressed bytes, CRC-32, and a
 * raw-deflate inflater (fflate) that stops as soon as a part unpacks past the size its directory claims, so a
 * zip bomb costs at most one bounded chunk of memory. No Node or DOM APIs: it runs in the pane and in Node.
 */
import { Inflate } from "fflate";

/** Why a zip cannot be read; the message is a lower-case clause that also reads on its own. */
export class ZipError extends Error {}

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
const SIG_ZIP64_EOCD = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const U32_MAX = 0xffffffff;

export const DAMAGED = "the file is damaged or truncated";

/** A little-endian 64-bit field as a number; sizes past 2^53 are not real files. */
function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
}

/** The central directory of a zip archive (plain or zip64; single volume). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (bytes.length < 22) throw new ZipError(`${DAMAGED} (it is too short to be a zip file)`);
  // The EOCD record is the last 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === SIG_EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipError(`${DAMAGED} (the zip directory at its end is missing)`);
  const disk = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  let entriesOnDisk = u16(eocd + 8);
  let entries = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  let directoryEnd = eocd;
  if (eocd >= 20 && u32(eocd - 20) === SIG_ZIP64_LOCATOR) {
    const zip64Eocd = u64(view, eocd - 20 + 8);
    if (u32(eocd - 20 + 4) !== 0 || u32(eocd - 20 + 16) > 1) {
      throw new ZipError("it is part of a split (multi-volume) zip archive, which cannot be read here");
    }
    if (zip64Eocd + 56 > eocd - 20 || u32(zip64Eocd) !== SIG_ZIP64_EOCD) {
      throw new ZipError(`${DAMAGED} (the zip64 directory record is missing)`);
    }
    if (u32(zip64Eocd + 16) !== 0 || u32(zip64Eocd + 20) !== 0) {
      throw new ZipError("it is part of a split (multi-volume) zip archive, which cannot be read here");
    }
    entriesOnDisk = u64(view, zip64Eocd + 24);
    entries = u64(view, zip64Eocd + 32);
    cdSize = u64(view, zip64Eocd + 40);
    cdOffset = u64(view, zip64Eocd + 48);
    directoryEnd = zip64Eocd;
  } else if (disk !== 0 || cdDisk !== 0) {
    throw new ZipError("it is part of a split (multi-volume) zip archive, which cannot be read here");
  } else if (entries === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    throw new ZipError(`${DAMAGED} (its zip64 directory record is missing)`);
  }
  if (entriesOnDisk !== entries) throw new ZipError("it is part of a split (multi-volume) zip archive, which cannot be read here");
  if (cdOffset + cdSize > directoryEnd) throw new ZipError(`${DAMAGED} (the zip directory points past its end)`);
  // Each directory entry takes at least 46 bytes: a count beyond that is a lie, not a reason to loop.
  if (entries * 46 > cdSize) throw new ZipError(`${DAMAGED} (the zip directory is shorter than its entry count)`);
  const out: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < entries; i++) {
    const unreadable = () => new ZipError(`${DAMAGED} (zip directory entry ${i + 1} is unreadable)`);
    if (at + 46 > directoryEnd || u32(at) !== SIG_CENTRAL) throw unreadable();
    const flags = u16(at + 8);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const extraStart = at + 46 + nameLength;
    if (extraStart + extraLength > directoryEnd) throw unreadable();
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    let localHeaderOffset = u32(at + 42);
    if (compressedSize === U32_MAX || uncompressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // The zip64 extra field holds, in this order, only the fields whose 32-bit value is all ones.
      let found = false;
      for (let x = extraStart; x + 4 <= extraStart + extraLength; x += 4 + u16(x + 2)) {
        if (u16(x) !== ZIP64_EXTRA) continue;
        let field = x + 4;
        const end = field + u16(x + 2);
        const next = () => {
          if (field + 8 > end) throw unreadable();
          const value = u64(view, field);
          field += 8;
          return value;
        };
        if (uncompressedSize === U32_MAX) uncompressedSize = next();
        if (compressedSize === U32_MAX) compressedSize = next();
        if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
        found = true;
        break;
      }
      if (!found) throw unreadable();
    }
    out.push({
      name: decodeName(bytes.subarray(at + 46, extraStart), (flags & 0x800) !== 0),
      flags,
      method: u16(at + 10),
      crc32: u32(at + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    at = extraStart + extraLength + commentLength;
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
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if ((entry.flags & 0x0001) !== 0 || (entry.flags & 0x0040) !== 0) {
    throw new ZipError(`it is encrypted (zip part ‘${entry.name}’ needs a password)`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    const what = entry.method === 99 ? "AES-encrypted" : `compressed with zip method ${entry.method}`;
    throw new ZipError(`zip part ‘${entry.name}’ is ${what}; only the standard "deflate" compression can be read here`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
    throw new ZipError(`${DAMAGED} (zip part ‘${entry.name}’ is missing)`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`${DAMAGED} (zip part ‘${entry.name}’ is cut off)`);
  return bytes.subarray(start, end);
}

let crcTable: Int32Array | null = null;

/** CRC-32 of `bytes`, continuing from `previous` (the CRC of what came before). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const table = crcTable;
  let crc = previous ^ -1;
  for (let i = 0, n = bytes.length; i < n; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Compressed input handed to the inflater at a time: deflate expands at most ~1032:1, so one step's output stays under ~16 MB. */
const INFLATE_STEP = 16 * 1024;

export const OVERSIZED_PART = `${DAMAGED} (a zip part unpacks to more bytes than its zip directory says)`;

/**
 * Inflates raw-deflate `data` chunk by chunk, handing each output chunk to `onChunk`, and stops with an error
 * as soon as the output passes `maxOutputBytes`. Returns the number of bytes produced.
 */
export function inflateRawChunks(data: Uint8Array, maxOutputBytes: number, onChunk: (chunk: Uint8Array) => void): number {
  let total = 0;
  /** An error of the caller's (a limit it checks) passes through unchanged. */
  let callerError: unknown = null;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxOutputBytes) throw new ZipError(OVERSIZED_PART);
    try {
      onChunk(chunk);
    } catch (err) {
      callerError = err;
      throw err;
    }
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      inflater.push(data.subarray(at, Math.min(data.length, at + INFLATE_STEP)), at + INFLATE_STEP >= data.length);
    }
  } catch (err) {
    if (err instanceof ZipError || (callerError !== null && err === callerError)) throw err;
    throw new ZipError(`${DAMAGED} (compressed data cannot be unpacked)`);
  }
  return total;
}

/** Raw-deflate inflation into one array, bounded like inflateRawChunks. */
export function inflateRawBounded(data: Uint8Array, maxOutputBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const total = inflateRawChunks(data, maxOutputBytes, (chunk) => chunks.push(chunk));
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
