/**
 * RFC 4180 CSV parsing, pure so the CLI, the task pane ("Load file…") and tests share it.
 * Handles a UTF-8 BOM, quoted fields with doubled quotes, embedded CR/LF, CRLF/LF/CR line ends,
 * and comma, semicolon or tab separators (European Excel saves CSV with semicolons).
 */

export interface CsvRecord {
  /** 1-based record number (a record with an embedded newline still counts once). */
  readonly record: number;
  readonly fields: string[];
}

export interface CsvParseResult {
  readonly records: CsvRecord[];
  readonly delimiter: string;
  /** Set when the text ended inside a quoted field (a truncated or malformed file). */
  readonly unterminatedQuoteAtRecord: number | null;
}

/**
 * Picks the delimiter by counting candidates outside quotes over the first lines (up to 10): a title
 * line with a stray ";" above a comma-separated export does not decide it.
 */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === "\n") lines++;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  let best = ",";
  for (const d of [";", "\t"]) if (counts[d] > counts[best]) best = d;
  return best;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Fields are cut from the text with slice (one string per field, never built a character at a time): a
 * 100,000-row export is millions of characters, and per-character concatenation was most of the run's
 * garbage. Quoted fields are joined from the pieces between doubled quotes.
 */
export function parseCsv(input: string, delimiter?: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const sepCode = sep.charCodeAt(0);
  const records: CsvRecord[] = [];
  const n = text.length;
  let fields: string[] = [];
  let unterminated: number | null = null;
  let i = 0;
  // At the top of the loop `i` is the start of a field.
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      field = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) {
          field += text.slice(from);
          unterminated = records.length + 1;
          i = n;
          break;
        }
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += text.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        field += text.slice(from, close);
        i = close + 1;
        break;
      }
      // Text after the closing quote, up to the separator, belongs to the field as it stands.
      const rest = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sepCode || c === CR || c === LF) break;
        i++;
      }
      if (i > rest) field += text.slice(rest, i);
    } else {
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sepCode || c === CR || c === LF) break;
        i++;
      }
      field = text.slice(from, i);
    }
    fields.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === sepCode) {
      i++;
      // A separator at the very end leaves one more (empty) field.
      if (i >= n) fields.push("");
      continue;
    }
    records.push({ record: records.length + 1, fields });
    fields = [];
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
  }
  if (fields.length > 0) records.push({ record: records.length + 1, fields });
  return { records, delimiter: sep, unterminatedQuoteAtRecord: unterminated };
}
