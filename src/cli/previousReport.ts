/**
 * `--previous REPORT.json`: an earlier run's JSON report, read to mark this run's findings new / open and to
 * list the fixed ones. The file's size is checked before it is read, and anything unusable (not a file, not
 * JSON, not a cte-check report, a schema version this cte-check does not know) is an InputError: exit 2.
 */
import { promises as fsp } from "fs";
import type { PreviousFinding } from "../core/report";
import { parsePreviousReport } from "../core/reportSchema";
import { decodeText } from "../io/decodeText";
import { InputError } from "./inputError";
import { shortReason } from "./readInput";

/** A report of 20,000 findings is about 10 MB; anything far larger is not one of ours. */
export const MAX_PREVIOUS_REPORT_BYTES = 64 * 1024 * 1024;

export interface PreviousReport {
  findings: PreviousFinding[];
  /** the report's schemaVersion (1 reports have no keys: their findings are matched by rule, sheet and cell) */
  schemaVersion: number;
  /** the school year the report says it checked, when it says one */
  schoolYear?: string;
}

export async function readPreviousReport(file: string): Promise<PreviousReport> {
  const stat = await fsp.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read --previous '${file}': ${err.code === "ENOENT" ? "no such file" : shortReason(err)}.`);
  });
  if (!stat.isFile()) throw new InputError(`cannot read --previous '${file}': it is not a file.`);
  if (stat.size > MAX_PREVIOUS_REPORT_BYTES) {
    throw new InputError(
      `--previous '${file}' is ${stat.size.toLocaleString("en-US")} bytes, more than the ` +
        `${MAX_PREVIOUS_REPORT_BYTES.toLocaleString("en-US")} a cte-check --json report can be; give the report an earlier run printed.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (err) {
    throw new InputError(`cannot read --previous '${file}': ${shortReason(err)}.`);
  }
  // PowerShell's `>` writes UTF-16 with a byte-order mark, Notepad UTF-8 with one: both are the report.
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--previous '${file}' is not JSON (${shortReason(err)}); give it the output of cte-check --json.`);
  }
  let findings: PreviousFinding[];
  try {
    findings = parsePreviousReport(json);
  } catch (err) {
    throw new InputError(`--previous '${file}' is not a report cte-check can compare with: ${shortReason(err)}.`);
  }
  const { schemaVersion: version, schoolYear } = json as { schemaVersion?: unknown; schoolYear?: unknown };
  return {
    findings,
    schemaVersion: typeof version === "number" ? version : 0,
    ...(typeof schoolYear === "string" && schoolYear !== "" ? { schoolYear } : {}),
  };
}
