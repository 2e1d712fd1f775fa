/**
 * What the task pane asks of Excel. The UI only sees this interface: `OfficeExcelGateway` implements it
 * with Office.js (the only code calling `Excel.*`), tests hand the UI a fake.
 */
import type { SheetInput } from "../core/cells";
import type { ChecklistSheetInput } from "../core/checklistSheet";
import type { HighlightPlan } from "../core/plan";
import type { WorkbookSettings } from "./settings";
import type { TemplateSheetResult } from "./templateWriter";

export type { WorkbookSettings, StoredReference } from "./settings";
export type { TemplateSheetResult } from "./templateWriter";

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

export interface ExcelGateway {
  /** Reads every worksheet's used range (values only). */
  readWorkbook(onProgress?: (progress: ReadProgress) => void): Promise<WorkbookRead>;
  /** Removes the highlights of an earlier run, then highlights the plan's cells. */
  applyHighlights(plan: HighlightPlan): Promise<ApplyResult>;
  /** Removes every highlight the add-in added (and only those), also after the workbook was reopened. */
  clearHighlights(): Promise<ClearResult>;
  /** Activates the sheet and selects the cell ("C7"). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Adds a "Snapshot Checklist" sheet (DPI's DEMO page) and activates it. */
  writeChecklistSheet(input: ChecklistSheetInput): Promise<ChecklistSheetResult>;
  /** Adds an empty, formatted "Pathway Plan" sheet (each column explained) and activates it. */
  insertPathwayPlanTemplate(): Promise<TemplateSheetResult>;
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
