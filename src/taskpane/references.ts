/**
 * "Load file…" for DPI reference lists, in the browser: a CSV file becomes an engine input. Nothing is
 * uploaded; the text is kept in the workbook's settings so the next run (and the next session) uses it.
 * .xlsx files are not read here (a workbook reader would roughly double the pane's download); the pane says
 * so and suggests pasting the list into a sheet, where it is recognised automatically.
 */
import type { CellValue, SheetInput } from "../core/cells";
import { parseCsv } from "../core/csv";
import { recognize } from "../core/recognize";
import type { StoredReference } from "../excel/settings";

export type ReferenceKind = "dpi-courses" | "dpi-iac-clusters";

export class ReferenceFileError extends Error {}

/** UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252 (Excel's "CSV" on Windows). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

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

/** Reads a file the user chose; throws ReferenceFileError with a plain sentence when it cannot be used. */
export async function readReferenceFile(file: File): Promise<{ reference: StoredReference; kind: ReferenceKind; rows: number }> {
  const name = file.name;
  if (/\.(xlsx|xlsm|xls)$/i.test(name)) {
    throw new ReferenceFileError(`‘${name}’ is an Excel workbook. Only CSV files can be loaded here: save the list from Excel as "CSV UTF-8", or paste it into a sheet of this workbook (a sheet with DPI's headers is used automatically).`);
  }
  const bytes = await fileBytes(file);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new ReferenceFileError(`‘${name}’ is a zip file (probably a workbook), not a CSV text file.`);
  }
  const text = decodeText(bytes);
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new ReferenceFileError(`‘${name}’ is empty.`);
  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteAtRecord !== null) {
    throw new ReferenceFileError(`‘${name}’ ends inside a quoted field at record ${parsed.unterminatedQuoteAtRecord}: the file looks truncated.`);
  }
  const reference: StoredReference = { name, csv: text.replace(/^\uFEFF/, "") };
  const kind = referenceKind(reference);
  if (!kind) {
    throw new ReferenceFileError(`‘${name}’ is not a DPI course catalog (Roster Code, Course Program …) or IAC to Cluster list (IAC code, Cluster): none of its first rows has those headers.`);
  }
  return { reference, kind, rows: referenceRows(reference) };
}
