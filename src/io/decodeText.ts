/**
 * Bytes of a text file (a CSV export or a DPI list) as a string, shared by the CLI and the task pane.
 * Not in src/core: it needs the Encoding API's TextDecoder (Node and browsers both have it).
 * UTF-8 (a BOM is kept: parseCsv strips it); UTF-16 with a BOM; bytes that are not valid UTF-8 are read
 * as Windows-1252, which is what Excel's plain "CSV" is on Windows.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
