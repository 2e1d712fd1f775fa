/**
 * Bytes of a text file (a CSV export or a DPI list) as a string, shared by the CLI and the task pane.
 * Not in src/core: it needs the Encoding API's TextDecoder (Node and browsers both have it).
 *
 * - UTF-8 (a BOM is kept: parseCsv strips it); UTF-16 with a BOM.
 * - Bytes that are not UTF-8, with fewer well-formed UTF-8 multi-byte sequences than bad bytes, are Windows-1252, which is what
 *   Excel's plain "CSV (Comma delimited)" is on Windows. They are decoded by Windows-1252's own table:
 *   Node's decoder reads 0x80–0x9F as C1 control characters (an en dash 0x96 became U+0096).
 * - A file that is UTF-8 apart from a few stray bytes stays UTF-8 (the stray bytes read as U+FFFD): one bad
 *   byte is no reason to re-read every accented name of the file in another encoding. Either way the caller
 *   is told (`invalidUtf8At`) so it can say which byte was not UTF-8.
 */

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** 0-based byte offset of the first byte that is not valid UTF-8 (null when the file is valid UTF-8 or UTF-16) */
  readonly invalidUtf8At: number | null;
}

/**
 * Windows-1252 characters for bytes 0x80–0x9F (the rest of the code page is Latin-1). The five bytes
 * Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their C1 code point, as the Encoding
 * Standard specifies.
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeText(bytes: Uint8Array): string {
  return decodeTextWithEncoding(bytes).text;
}

export function decodeTextWithEncoding(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le", invalidUtf8At: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be", invalidUtf8At: null };
  // Valid UTF-8, the usual case, is decided by the platform's decoder; only other bytes are scanned here.
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8", invalidUtf8At: null };
  } catch {
    // not UTF-8: see how far from it below
  }
  const scan = scanUtf8(bytes);
  // More well-formed multi-byte sequences than bad bytes: a UTF-8 file with stray bytes, not Windows-1252
  // (whose accented letters and dashes are single bytes that are almost never well-formed UTF-8).
  if (scan.multiByteSequences > scan.invalidBytes) {
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), encoding: "utf-8", invalidUtf8At: scan.firstInvalid };
  }
  return { text: decodeWindows1252(bytes), encoding: "windows-1252", invalidUtf8At: scan.firstInvalid };
}

/** Windows-1252 by its real table, whatever the platform's decoder does with 0x80–0x9F. */
export function decodeWindows1252(bytes: Uint8Array): string {
  // Latin-1 for every byte (0x80–0x9F as C1 code points, also where a decoder already maps them), then the
  // 32 code points of 0x80–0x9F replaced by the table: one linear pass.
  const latin1 = new TextDecoder("windows-1252").decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]));
}

/** First invalid UTF-8 byte offset (null when valid), how many bytes are not UTF-8, how many well-formed multi-byte sequences occur. */
function scanUtf8(bytes: Uint8Array): { firstInvalid: number | null; invalidBytes: number; multiByteSequences: number } {
  let multiByteSequences = 0;
  let invalidBytes = 0;
  let firstInvalid: number | null = null;
  const n = bytes.length;
  for (let i = 0; i < n;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= n;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k] & 0xc0) === 0x80;
    if (valid && length >= 3) {
      const b1 = bytes[i + 1];
      // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
      if (b === 0xe0 && b1 < 0xa0) valid = false;
      else if (b === 0xed && b1 > 0x9f) valid = false;
      else if (b === 0xf0 && b1 < 0x90) valid = false;
      else if (b === 0xf4 && b1 > 0x8f) valid = false;
    }
    if (valid) {
      multiByteSequences++;
      i += length;
    } else {
      if (firstInvalid === null) firstInvalid = i;
      invalidBytes++;
      i++;
    }
  }
  return { firstInvalid, invalidBytes, multiByteSequences };
}
