/**
 * Text an .xlsx file can hold. XML 1.0 forbids C0 control characters other than tab, line feed and carriage
 * return, U+FFFE, U+FFFF and unpaired surrogates; one of them anywhere makes Excel refuse the whole file.
 * Excel also holds at most 32,767 characters in a cell.
 */

/** Each alternative matches one or two characters with one-character look-arounds: linear on any input. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shown in place of a character XML cannot hold. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

export const MAX_CELL_TEXT = 32_767;

/** `text` with every character XML forbids replaced by U+FFFD (the text is returned as is when it has none). */
export function xmlSafeText(text: string): string {
  XML_FORBIDDEN.lastIndex = 0;
  return XML_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, REPLACEMENT_CHARACTER) : text;
}

/**
 * `text` made XML-safe and, when longer than a cell holds, cut so that it ends with a marker saying how long it
 * was: "…[cut: 40,000 characters in the original]". A surrogate pair is never split.
 */
export function cellSafeText(text: string, max = MAX_CELL_TEXT): string {
  const safe = xmlSafeText(text);
  if (safe.length <= max) return safe;
  const marker = `…[cut: ${safe.length.toLocaleString("en-US")} characters in the original]`;
  let end = max - marker.length;
  const last = safe.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return safe.slice(0, end) + marker;
}
