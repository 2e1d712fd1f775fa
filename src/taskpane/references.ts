/**
 * "Load file…" for DPI reference lists, in the browser: a CSV file or an Excel workbook (.xlsx, .xlsm) becomes
 * an engine input. Nothing is uploaded; the list is kept in the workbook's settings so the next run (and the next
 * session) uses it: a CSV file as its text, a workbook's list sheet as its cell values (numbers stay numbers, as
 * when the list is pasted into a sheet). Workbooks are read by ./xlsx, a small reader of our own: a general
 * workbook library would roughly double the pane's download.
 */
import { type CellValue, type SheetInput, isCellError } from "../core/cells";
import { parseCsv } from "../core/csv";
import { recognize } from "../core/recognize";
import type { StoredReference } from "../excel/settings";
import { type InflateRaw, XlsxError, readXlsx } from "../io/xlsx";
import { decodeText } from "../io/decodeText";

export type ReferenceKind = "dpi-courses" | "dpi-iac-clusters";

export class ReferenceFileError extends Error {}

/** A stored reference as engine input (named after its file, so findings say where they are). */
export function referenceSheet(ref: StoredReference): SheetInput {
  if (ref.values) return { name: ref.name, rows: ref.values as CellValue[][], source: "workbook" };
  const parsed = parseCsv(ref.csv ?? "");
  const rows: CellValue[][] = parsed.records.map((r) => r.fields.map((f) => (f === "" ? null : f)));
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
  return { name: ref.name, rows, source: "csv" };
}

/** Which DPI list a stored reference is, or null when it is neither. */
export function referenceKind(ref: StoredReference): ReferenceKind | null {
  const kind = recognize(referenceSheet(ref).rows).kind;
  return kind === "dpi-courses" || kind === "dpi-iac-clusters" ? kind : null;
}

export function referenceRows(ref: StoredReference): number {
  return Math.max(0, referenceSheet(ref).rows.length - 1);
}

async function fileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

export interface ReadReferenceOptions {
  /** raw-deflate decompressor for workbooks (tests); default: fflate (src/io/zip.ts) */
  readonly inflateRaw?: InflateRaw;
}

export interface ReadReference {
  readonly reference: StoredReference;
  readonly kind: ReferenceKind;
  readonly rows: number;
}

const NOT_A_LIST = "DPI course catalog (Roster Code, Course Program …) or IAC to Cluster list (IAC code, Cluster)";
const KIND_TITLE: Record<ReferenceKind, string> = { "dpi-courses": "DPI course catalog", "dpi-iac-clusters": "DPI IAC to Cluster list" };

function isListKind(kind: string | null): kind is ReferenceKind {
  return kind === "dpi-courses" || kind === "dpi-iac-clusters";
}

/** Reads a file the user chose; throws ReferenceFileError with a plain sentence when it cannot be used. */
export async function readReferenceFile(file: File, options: ReadReferenceOptions = {}): Promise<ReadReference> {
  const name = file.name;
  if (/\.(xls|xlsb)$/i.test(name)) {
    const what = /b$/i.test(name) ? "an Excel binary workbook (.xlsb)" : "an Excel 97-2003 workbook (.xls)";
    throw new ReferenceFileError(
      `‘${name}’ is ${what}, which cannot be read here: ` +
        'open it in Excel and save it as an Excel Workbook (.xlsx) or as "CSV UTF-8", ' +
        "or paste the list into a sheet of this workbook (a sheet with DPI's headers is used automatically).",
    );
  }
  const bytes = await fileBytes(file);
  if (bytes.length === 0) throw new ReferenceFileError(`‘${name}’ is empty.`);
  if (/\.(xlsx|xlsm)$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return readWorkbookList(name, bytes, options);
  const text = decodeText(bytes);
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new ReferenceFileError(`‘${name}’ is empty.`);
  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteAtRecord !== null) {
    throw new ReferenceFileError(
      `‘${name}’ ends inside a quoted field at record ${parsed.unterminatedQuoteAtRecord}: the file looks truncated.`,
    );
  }
  const reference: StoredReference = { name, csv: text.replace(/^\uFEFF/, "") };
  const kind = referenceKind(reference);
  if (!kind) {
    throw new ReferenceFileError(`‘${name}’ is not a ${NOT_A_LIST}: none of its first rows has those headers.`);
  }
  return { reference, kind, rows: referenceRows(reference) };
}

/** A cell as kept in the settings (JSON): an error cell becomes its literal ("#N/A"), which reads back as an error. */
function storedValue(value: CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (isCellError(value)) return value.error;
  return null;
}

/** The one sheet of a workbook that is a DPI list, kept as its cell values. */
async function readWorkbookList(name: string, bytes: Uint8Array, options: ReadReferenceOptions): Promise<ReadReference> {
  let sheets: SheetInput[];
  try {
    sheets = await readXlsx(bytes, { inflateRaw: options.inflateRaw });
  } catch (err) {
    if (err instanceof XlsxError) throw new ReferenceFileError(`Could not read ‘${name}’ as an Excel workbook: ${err.message}.`);
    throw err;
  }
  const lists = sheets.flatMap((sheet) => {
    const kind = recognize(sheet.rows).kind;
    return isListKind(kind) ? [{ sheet, kind }] : [];
  });
  if (lists.length === 0) {
    const where = sheets.length === 1 ? `its sheet ‘${sheets[0].name}’` : `its ${sheets.length} sheets`;
    throw new ReferenceFileError(`‘${name}’ has no ${NOT_A_LIST}: none of the first rows of ${where} has those headers.`);
  }
  if (lists.length > 1) {
    const found = lists.map(({ sheet, kind }) => `‘${sheet.name}’ (${KIND_TITLE[kind]})`).join(", ");
    throw new ReferenceFileError(
      `‘${name}’ has ${lists.length} DPI lists, in the sheets ${found}; load one list per file: ` +
        "save each list as its own workbook or CSV file, or paste the lists into sheets of this workbook (they are used automatically).",
    );
  }
  const { sheet, kind } = lists[0];
  const reference: StoredReference = { name, values: sheet.rows.map((row) => row.map(storedValue)) };
  return { reference, kind, rows: referenceRows(reference) };
}
