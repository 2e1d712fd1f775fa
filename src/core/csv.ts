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

export function parseCsv(input: string, delimiter?: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let recordHasContent = false;
  let i = 0;
  const n = text.length;

  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push({ record: records.length + 1, fields });
    fields = [];
    recordHasContent = false;
  };

  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      inQuotes = true;
      recordHasContent = true;
      i++;
    } else if (ch === sep) {
      recordHasContent = true;
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      recordHasContent = true;
      i++;
    }
  }
  const unterminated = inQuotes ? records.length + 1 : null;
  if (recordHasContent || field !== "" || fields.length > 0) endRecord();
  return { records, delimiter: sep, unterminatedQuoteAtRecord: unterminated };
}
