/**
 * Office.js failures as plain sentences. Office.js rejects with an `OfficeExtension.Error` carrying
 * `code` (e.g. "InvalidOperationInCellEditMode") and `debugInfo.errorLocation`; neither means anything to a
 * data steward, so the pane shows what happened and what to do.
 */
import { GatewayError } from "./gateway";

const REASONS: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  AccessDenied:
    "the sheet or workbook is protected, or read-only. " +
    "Unprotect it (Review > Unprotect Sheet) or save a copy you can edit, then try again.",
  ItemNotFound: "a sheet or highlight the add-in expected is no longer there (was a sheet renamed or deleted?). Run the checklist again.",
  ItemAlreadyExists: "a sheet with that name already exists. Rename it and try again.",
  InvalidArgument:
    "Excel did not accept a request from the add-in. " +
    "Run the checklist again; if it keeps happening, save the workbook, reopen it and retry.",
  InvalidReference: "a cell reference is no longer valid (were rows or columns deleted?). Run the checklist again.",
  InvalidOperation:
    "Excel did not allow it in the workbook's current state. Close any open dialog, make sure the sheet is not protected, and try again.",
  RequestPayloadSizeLimitExceeded:
    "the change was larger than Excel accepts in one step (5 MB in Excel on the web). Split the sheet or check fewer rows at once.",
  ResponsePayloadSizeLimitExceeded:
    "the sheet is larger than Excel can hand over in one step (5 MB in Excel on the web). " +
    "Remove empty columns or split the sheet, then try again.",
  ApiNotFound: "this version of Excel lacks a feature the add-in needs (Excel JavaScript API 1.9). Update Excel, or use Excel on the web.",
  NotImplemented: "this version of Excel does not support it. Update Excel, or use Excel on the web.",
  UnsupportedOperation: "this version of Excel does not support it. Update Excel, or use Excel on the web.",
  UnsupportedSheet: "the sheet is not an ordinary worksheet (a chart or dialog sheet?).",
  Conflict: "someone else changed the workbook at the same moment. Try again.",
  InsertDeleteConflict: "rows or columns were being inserted or deleted at the same moment. Try again.",
  MergedRangeConflict: "merged cells are in the way. Unmerge them and try again.",
  FilteredRangeConflict: "a filter is in the way. Clear the filter and try again.",
  RangeExceedsLimit: "the range is larger than Excel allows in one step.",
  RequestAborted: "Excel cancelled the request (was the workbook closed or busy?). Try again.",
  ActivityLimitReached: "Excel is busy with too many requests. Wait a moment and try again.",
  GeneralException: "Excel reported an internal error. Save the workbook and try again.",
  Unauthenticated: "Excel could not confirm who you are. Sign in again and retry.",
  NonBlankCellOffSheet: "there is no room left on the sheet.",
};

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { code?: unknown; errorLocation?: unknown; message?: unknown };
}

/**
 * `doing` completes "Could not …", e.g. "read the workbook". Errors that are already GatewayErrors pass
 * through unchanged.
 */
export function toGatewayError(err: unknown, doing: string): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = (err ?? {}) as OfficeLikeError;
  const code = typeof e.code === "string" ? e.code : typeof e.debugInfo?.code === "string" ? e.debugInfo.code : undefined;
  const location =
    typeof e.debugInfo?.errorLocation === "string" && e.debugInfo.errorLocation !== "" ? e.debugInfo.errorLocation : undefined;
  const reason =
    code && REASONS[code]
      ? REASONS[code]
      : code
        ? `Excel reported "${code}". Try again; if it keeps happening, save the workbook, reopen it and retry.`
        : notExcel(err);
  return new GatewayError(`Could not ${doing}: ${reason}`, code, location);
}

function notExcel(err: unknown): string {
  // "Excel is not available" only when Excel is missing (the ReferenceError of calling it): any other
  // failure says what it was, so a bug is not disguised as a hosting problem.
  if (typeof Excel === "undefined" && (!(err instanceof Error) || err instanceof ReferenceError)) {
    return "Excel is not available. Open this pane from the Home tab in Excel.";
  }
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  const line = message.split(/\r?\n/)[0].trim();
  return line ? `${line.replace(/[.\s]+$/, "")}.` : "an unexpected error occurred. Try again.";
}

/** Whether an error is Office.js's `code` (through a GatewayError too). */
export function hasErrorCode(err: unknown, code: string): boolean {
  const e = (err ?? {}) as OfficeLikeError;
  return e.code === code || e.debugInfo?.code === code;
}
