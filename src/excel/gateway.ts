/**
 * What the task pane asks of Excel. The UI only sees this interface: `OfficeExcelGateway` implements it
 * with Office.js (the only code calling `Excel.*`), tests hand the UI a fake.
 */
import type { SheetInput } from "../core/cells";
import type { ChecklistSheetInput } from "../core/checklistSheet";
import type { FindingsSheetLayout } from "../core/findingsSheet";
import type { HighlightPlan } from "../core/plan";
import type { WorklistStatus } from "../core/report";
import type { WorklistRow } from "../core/tracking";
import type { WorkbookLog } from "../core/workbookLog";
import type { WorkbookSettings } from "./settings";

export type { WorkbookSettings, StoredReference } from "./settings";

/** How far "Run checklist" has read (one call per sheet after each round trip that read some of it). */
export interface ReadProgress {
  readonly sheet: string;
  /** 0-based position among the sheets being read, and how many there are */
  readonly sheetIndex: number;
  readonly sheetCount: number;
  readonly rowsRead: number;
  readonly rows: number;
}

export interface WorkbookRead {
  /** every worksheet's used range as values, in workbook order (empty sheets have no rows) */
  readonly sheets: readonly SheetInput[];
  /** what the workbook remembers (kept in its document settings) */
  readonly settings: WorkbookSettings;
}

export interface ApplyResult {
  /** conditional-format rules added (one per sheet × severity × address chunk) */
  readonly rules: number;
  /** cells highlighted */
  readonly cells: number;
  /** rules of an earlier run that were removed first */
  readonly removed: number;
}

export interface ClearResult {
  /** conditional-format rules removed */
  readonly removed: number;
}

export interface ChecklistSheetResult {
  /** name of the sheet written (a new sheet; an earlier one is never overwritten) */
  readonly sheet: string;
}

export interface FindingsSheetResult {
  /** the sheet written: our earlier Findings sheet rewritten, or a new one ("Findings (2)" when a user's sheet has the name) */
  readonly sheet: string;
  /** the Excel table holding the rows */
  readonly table: string;
  /** data rows written (findings, and the fixed ones kept) */
  readonly rows: number;
  readonly created: boolean;
}

export interface LogSheetResult {
  /** the hidden log sheet written */
  readonly sheet: string;
  readonly created: boolean;
}

export interface FindingStatusResult {
  /** false when the workbook has no Findings table or no row with the key (nothing was changed) */
  readonly updated: boolean;
  readonly sheet?: string;
  /** 1-based worksheet row changed */
  readonly row?: number;
}

export interface FindingStatusChange {
  readonly key: string;
  readonly status: WorklistStatus;
  /** for "acknowledged"; any other status clears the row's reason */
  readonly reason?: string;
}

export interface FindingStatusesResult {
  /** the Findings table's sheet, or null when the workbook has none (nothing was changed) */
  readonly sheet: string | null;
  /** 1-based worksheet row changed, by key */
  readonly rows: ReadonlyMap<string, number>;
  /** keys with no row in the table */
  readonly missing: readonly string[];
  /** errors asked to be acknowledged: left as they were (errors cannot be acknowledged) */
  readonly refused: readonly string[];
}

export interface ExcelGateway {
  /** Reads every worksheet's used range (values only), hidden sheets included (the add-in's log sheet is hidden). */
  readWorkbook(onProgress?: (progress: ReadProgress) => void): Promise<WorkbookRead>;
  /** Removes the highlights of an earlier run, then highlights the plan's cells. */
  applyHighlights(plan: HighlightPlan): Promise<ApplyResult>;
  /** Removes every highlight the add-in added (and only those), also after the workbook was reopened. */
  clearHighlights(): Promise<ClearResult>;
  /** Activates the sheet and selects the cell ("C7"). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Adds a "Snapshot Checklist" sheet (DPI's DEMO page) and activates it. */
  writeChecklistSheet(input: ChecklistSheetInput): Promise<ChecklistSheetResult>;
  /**
   * Writes the "Findings" sheet as one Excel table (a new sheet, or our earlier one rewritten; a user's sheet of
   * that name is never touched). Rows come from the run's worklist (the layout is made here, with the
   * workbook's sheet names for the links) or a ready layout.
   */
  writeFindingsSheet(worklist: readonly WorklistRow[] | FindingsSheetLayout): Promise<FindingsSheetResult>;
  /** Writes the hidden "CTE Check Log" sheet (snapshot date, acknowledgements, run history); adds it hidden when absent. */
  writeLog(log: WorkbookLog): Promise<LogSheetResult>;
  /**
   * Sets the Status (and, for "acknowledged", the Acknowledgement reason; any other status clears it) of the
   * Findings-table row with `key`, when the workbook has the table. Errors cannot be acknowledged.
   */
  setFindingStatus(key: string, status: WorklistStatus, reason?: string): Promise<FindingStatusResult>;
  /**
   * `setFindingStatus` for many rows at once (acknowledging a whole rule group): one read and one write round
   * trip however many; errors to acknowledge are refused and listed, the others still change.
   */
  setFindingStatuses(changes: readonly FindingStatusChange[]): Promise<FindingStatusesResult>;
  loadSettings(): Promise<WorkbookSettings>;
  /** Merges `patch` into the stored settings and returns what is stored now. */
  saveSettings(patch: Partial<WorkbookSettings>): Promise<WorkbookSettings>;
}

/** A failure the pane shows as it is: `message` is one or two plain sentences. */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** Office.js error code, e.g. "InvalidOperationInCellEditMode" */
    readonly code?: string,
    /** where Excel says it failed (debugInfo.errorLocation), for support */
    readonly location?: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }
}
