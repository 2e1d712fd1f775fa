/**
 * The Office.js implementation of `ExcelGateway`: the only code in the add-in that calls `Excel.*`
 * (with its helpers: highlights.ts for the conditional-format rules, checklistWriter.ts for the summary sheet,
 * worklistWriter.ts for the Findings table, the hidden log sheet and a finding's status).
 *
 * Requirement: ExcelApi 1.9 (the manifest's minimum) — RangeAreas and Worksheet.getRanges (1.9),
 * conditional formats (1.6; a sheet's rules are listed through the whole-sheet Range.conditionalFormats, as
 * Worksheet has no such collection), Application.suspendScreenUpdatingUntilNextSync (1.9),
 * suspendApiCalculationUntilNextSync (1.6), Runtime.enableEvents (1.8), workbook settings and the
 * *OrNullObject getters used here (1.4); for the worklist: tables (1.1; TableCollection.add taking a Range,
 * Table.showBandedRows/showFilterButton 1.3), Table.worksheet and setting Worksheet.visibility (1.2), freeze
 * panes (1.7).
 *
 * Round trips ("syncs"):
 * - read: 1 (sheet list, settings) + 1 (used ranges) + the value blocks (paged by readPlan.ts): each load is at most 20,000 rows
 *   and 5,000,000 cells, and one round trip carries blocks (of one or several sheets) up to ~4 MB of
 *   estimated response, so a sheet costs at most ⌈rows/20,000⌉ of them unless it is very wide or
 *   text-heavy. If Excel on the web still refuses a response as too large, that round trip is retried with
 *   smaller blocks.
 * - highlight after a read: 2 or 3; clear: 3, or 4 in a new pane (see highlights.ts).
 * - select a cell: 1; write the Snapshot Checklist sheet: 2; insert the Pathway Plan template: 2; load settings: 1;
 *   save settings: 2. The template's header notes use Worksheet.notes (ExcelApi 1.18) where the host has it.
 * - write the Findings sheet: 2 reads + one write per ~4 MB of request; write the log: 2 or 3; set one or
 *   many findings' status: 1 read + 1 write (see worklistWriter.ts).
 */
import type { CellValue, SheetInput } from "../core/cells";
import type { ChecklistSheetInput } from "../core/checklistSheet";
import { type FindingsSheetLayout, FINDINGS_TABLE_NAME, findingsSheetLayout } from "../core/findingsSheet";
import type { HighlightPlan } from "../core/plan";
import type { WorklistStatus } from "../core/report";
import type { WorklistRow } from "../core/tracking";
import { type WorkbookLog, logSheetLayout } from "../core/workbookLog";
import { queueChecklistSheet } from "./checklistWriter";
import { type TemplateSheetResult, queuePathwayPlanSheet } from "./templateWriter";
import { hasErrorCode, toGatewayError } from "./errors";
import {
  type ApplyResult,
  type ChecklistSheetResult,
  type ClearResult,
  type ExcelGateway,
  type FindingStatusChange,
  type FindingStatusResult,
  type FindingStatusesResult,
  type FindingsSheetResult,
  GatewayError,
  type LogSheetResult,
  type ReadProgress,
  type WorkbookRead,
} from "./gateway";
import { findOurRules, rewriteHighlights, rulesOfPlan } from "./highlights";
import { READ_START, measuredBytesPerCell, nextRoundTrip } from "./readPlan";
import {
  MAX_STORED_REFERENCE_CHARS,
  SETTINGS_KEYS,
  type WorkbookSettings,
  mergeSettings,
  parseSettings,
  serializeReferences,
  serializeSettings,
} from "./settings";
import { estimateJsonBytes, officeRows, sheetFromUsedRange } from "./values";
import { locateFindingsSheet, updateFindingStatuses, writeFindings, writeLogSheet } from "./worklistWriter";

export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;
export type ExcelRun = <T>(batch: ExcelBatch<T>) => Promise<T>;

export interface OfficeGatewayOptions {
  /** default: Excel.run */
  readonly run?: ExcelRun;
  /** rows per read block (default 20,000) */
  readonly blockRows?: number;
  /** cells per read round trip (default 5,000,000) */
  readonly maxCellsPerRead?: number;
  /** estimated response bytes per read round trip (default 4,000,000: under the web's 5 MB) */
  readonly responseBudgetBytes?: number;
  /** estimated request bytes per write round trip (default 4,000,000) */
  readonly requestBudgetBytes?: number;
  /** default: Office.context.requirements.isSetSupported (false outside Office) */
  readonly isSetSupported?: (name: string, version: string) => boolean;
}

export const DEFAULT_BLOCK_ROWS = 20_000;
export const MAX_CELLS_PER_READ = 5_000_000;
/** a used range beyond this is stray cells, not an export: refused with an explanation instead of thousands of reads */
export const MAX_SHEET_CELLS = 25_000_000;
const BUDGET_BYTES = 4_000_000;
/** first guess of JSON bytes per cell before a block was measured */
const INITIAL_BYTES_PER_CELL = 16;
/** passes Clear makes at most when Excel reports rule counts it did not expect (rules changed meanwhile) */
const CLEAR_PASSES = 3;

function officeSupports(name: string, version: string): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported?.(name, version) === true;
}

function defaultRun<T>(batch: ExcelBatch<T>): Promise<T> {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") {
    return Promise.reject(new GatewayError("Excel is not available: open this pane from the Home tab in Excel."));
  }
  return Excel.run(batch);
}

export class OfficeExcelGateway implements ExcelGateway {
  private readonly run: ExcelRun;
  private readonly blockRows: number;
  private readonly maxCellsPerRead: number;
  private readonly responseBudget: number;
  private readonly requestBudget: number;
  private readonly isSetSupported: (name: string, version: string) => boolean;
  /** the sheet names last seen, in order: finding our rules loads them with the sheet list when unchanged */
  private knownSheets: string[] | null = null;
  /** our Findings table's name as last written (it differs from the default when a user's table had that name) */
  private findingsTable: string | null = null;

  constructor(options: OfficeGatewayOptions = {}) {
    this.run = options.run ?? defaultRun;
    this.blockRows = options.blockRows ?? DEFAULT_BLOCK_ROWS;
    this.maxCellsPerRead = options.maxCellsPerRead ?? MAX_CELLS_PER_READ;
    this.responseBudget = options.responseBudgetBytes ?? BUDGET_BYTES;
    this.requestBudget = options.requestBudgetBytes ?? BUDGET_BYTES;
    this.isSetSupported = options.isSetSupported ?? officeSupports;
  }

  // ----------------------------------------------------------------------------------------------
  // read

  async readWorkbook(onProgress?: (progress: ReadProgress) => void): Promise<WorkbookRead> {
    try {
      return await this.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name");
        const stored = querySettings(context);
        await context.sync();

        const settings = storedSettings(stored);
        const metas = worksheets.items.map((ws) => ({
          name: ws.name,
          ws,
          used: ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
        }));
        await context.sync();
        this.knownSheets = metas.map((m) => m.name);

        const sheets = metas.map((m) => ({
          name: m.name,
          ws: m.ws,
          rowIndex: m.used.isNullObject ? 0 : m.used.rowIndex,
          columnIndex: m.used.isNullObject ? 0 : m.used.columnIndex,
          // Every sheet is read: the engine tells the add-in's own sheets (Snapshot Checklist, Findings, the log)
          // by their content (a user's sheet may share the name). The collection lists hidden and very hidden
          // sheets too (WorksheetCollection.getCount(visibleOnly) counts "only visible worksheets, skipping over
          // any hidden ones"), so the hidden log sheet is read like any other.
          rows: m.used.isNullObject ? 0 : m.used.rowCount,
          columns: m.used.isNullObject ? 0 : m.used.columnCount,
        }));
        for (const s of sheets) {
          if (s.rows * s.columns > MAX_SHEET_CELLS) {
            throw new GatewayError(
              `Could not read the workbook: sheet ‘${s.name}’ uses ${s.rows.toLocaleString("en-US")} rows × ` +
                `${s.columns.toLocaleString("en-US")} columns, far more than an export has. ` +
                "Delete the stray cells far below or right of the data (Ctrl+End shows the last one), then run the checklist again.",
              "SheetTooLarge",
            );
          }
        }
        const collected: CellValue[][][] = sheets.map(() => []);
        const budget = { blockRows: this.blockRows, maxCells: this.maxCellsPerRead, responseBytes: this.responseBudget };
        let bytesPerCell = INITIAL_BYTES_PER_CELL;
        let cursor = READ_START;
        let shrinks = 0;
        for (;;) {
          const trip = nextRoundTrip(sheets, cursor, budget, bytesPerCell);
          if (trip.blocks.length === 0) break;
          const blocks = trip.blocks.map((b) => {
            const s = sheets[b.sheet];
            const range = s.ws.getRangeByIndexes(s.rowIndex + b.firstRow, s.columnIndex, b.rows, s.columns).load("values");
            return { sheet: b.sheet, range };
          });
          // One sync per round trip on purpose (office-addins' no-context-sync-in-loop): each carries as many blocks
          // as the response budget allows; a single sync for the whole workbook is refused above 5 MB.
          try {
            await context.sync();
          } catch (err) {
            // Excel on the web refuses responses over 5 MB: the cells were longer than estimated. Read less at once.
            if (hasErrorCode(err, "ResponsePayloadSizeLimitExceeded") && shrinks < 8 && (blocks.length > 1 || trip.cells > 1)) {
              shrinks++;
              bytesPerCell *= 4;
              continue;
            }
            throw err;
          }
          cursor = trip.next;
          let measuredBytes = 0;
          let measuredCells = 0;
          for (const b of blocks) {
            const values = b.range.values;
            if (!values)
              throw new GatewayError(
                `Could not read the workbook: Excel returned no values for sheet ‘${sheets[b.sheet].name}’ (is it too large?).`,
              );
            const into = collected[b.sheet];
            for (const row of officeRows(values)) into.push(row);
            const m = estimateJsonBytes(values);
            measuredBytes += m.bytes;
            measuredCells += m.cells;
          }
          bytesPerCell = measuredBytesPerCell(bytesPerCell, measuredBytes, measuredCells);
          if (onProgress) {
            for (const i of new Set(blocks.map((b) => b.sheet))) {
              onProgress({
                sheet: sheets[i].name,
                sheetIndex: i,
                sheetCount: sheets.length,
                rowsRead: collected[i].length,
                rows: sheets[i].rows,
              });
            }
          }
        }

        const inputs: SheetInput[] = sheets.map((s, i) => sheetFromUsedRange(s.name, collected[i], s.rowIndex, s.columnIndex));
        return { sheets: inputs, settings };
      });
    } catch (err) {
      throw toGatewayError(err, "read the workbook");
    }
  }

  // ----------------------------------------------------------------------------------------------
  // highlights

  async applyHighlights(plan: HighlightPlan): Promise<ApplyResult> {
    try {
      return await this.run(async (context) => {
        const found = await findOurRules(context, this.knownSheets);
        this.knownSheets = found.sheets.map((s) => s.name);
        const result = await rewriteHighlights(context, found, rulesOfPlan(plan), this.requestBudget);
        return { rules: result.added, cells: plan.cells, removed: result.removed };
      });
    } catch (err) {
      throw toGatewayError(err, "highlight the cells");
    }
  }

  async clearHighlights(): Promise<ClearResult> {
    try {
      return await this.run(async (context) => {
        let removed = 0;
        for (let pass = 0; pass < CLEAR_PASSES; pass++) {
          const found = await findOurRules(context, this.knownSheets);
          this.knownSheets = found.sheets.map((s) => s.name);
          const result = await rewriteHighlights(context, found, [], this.requestBudget);
          removed += result.removed;
          // A sheet's rules changed while we deleted (the user added or removed one): look again for ours.
          if (result.unexpected.length === 0) break;
        }
        return { removed };
      });
    } catch (err) {
      throw toGatewayError(err, "clear the highlights");
    }
  }

  // ----------------------------------------------------------------------------------------------
  // navigation, summary sheet, settings

  async selectCell(sheet: string, cell: string): Promise<void> {
    try {
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      });
    } catch (err) {
      if (hasErrorCode(err, "ItemNotFound")) {
        throw new GatewayError(
          `Could not go to ${cell}: sheet ‘${sheet}’ is no longer in this workbook (renamed or deleted?). Run the checklist again.`,
          "ItemNotFound",
        );
      }
      throw toGatewayError(err, `go to ${sheet}!${cell}`);
    }
  }

  async writeChecklistSheet(input: ChecklistSheetInput): Promise<ChecklistSheetResult> {
    try {
      return await this.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name");
        await context.sync();
        const name = queueChecklistSheet(worksheets, input);
        await context.sync();
        return { sheet: name };
      });
    } catch (err) {
      throw toGatewayError(err, "write the Snapshot Checklist sheet");
    }
  }

  // ----------------------------------------------------------------------------------------------
  // worklist: the Findings sheet, the log sheet, a finding's status

  async writeFindingsSheet(worklist: readonly WorklistRow[] | FindingsSheetLayout): Promise<FindingsSheetResult> {
    try {
      return await this.run(async (context) => {
        const target = await locateFindingsSheet(context, this.findingsTable);
        const layout = isLayout(worklist) ? worklist : findingsSheetLayout(worklist, { sheets: target.sheetNames });
        const written = await writeFindings(context, target, layout, this.requestBudget);
        this.findingsTable = written.tableName;
        if (written.created) this.addedSheet(written.sheet);
        return { sheet: written.sheet, table: written.tableName, rows: written.rows, created: written.created };
      });
    } catch (err) {
      throw toGatewayError(err, "write the Findings sheet");
    }
  }

  /**
   * A sheet this gateway added goes last in the sheet list ("added at the end of existing worksheets", per
   * WorksheetCollection.add), so Clear keeps finding the list as it expects, without an extra round trip.
   */
  private addedSheet(name: string): void {
    if (this.knownSheets && !this.knownSheets.includes(name)) this.knownSheets = [...this.knownSheets, name];
  }

  async writeLog(log: WorkbookLog): Promise<LogSheetResult> {
    try {
      const written = await this.run((context) => writeLogSheet(context, logSheetLayout(log), this.requestBudget));
      if (written.created) this.addedSheet(written.sheet);
      return written;
    } catch (err) {
      throw toGatewayError(err, "write the add-in's log sheet");
    }
  }

  async setFindingStatus(key: string, status: WorklistStatus, reason?: string): Promise<FindingStatusResult> {
    const result = await this.setFindingStatuses([{ key, status, ...(reason === undefined ? {} : { reason }) }]);
    if (result.refused.length > 0) {
      throw new GatewayError("Errors cannot be acknowledged (as in WISEdata): fix the data instead.", "ErrorNotAcknowledged");
    }
    const row = result.rows.get(key);
    if (row === undefined) return result.sheet === null ? { updated: false } : { updated: false, sheet: result.sheet };
    return { updated: true, sheet: result.sheet!, row };
  }

  async setFindingStatuses(changes: readonly FindingStatusChange[]): Promise<FindingStatusesResult> {
    try {
      return await this.run((context) =>
        updateFindingStatuses(context, this.findingsTable ?? FINDINGS_TABLE_NAME, changes, this.requestBudget),
      );
    } catch (err) {
      throw toGatewayError(err, "set the findings' status on the Findings sheet");
    }
  }

  async insertPathwayPlanTemplate(): Promise<TemplateSheetResult> {
    try {
      return await this.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name");
        await context.sync();
        const result = queuePathwayPlanSheet(worksheets, this.isSetSupported("ExcelApi", "1.18"));
        await context.sync();
        return result;
      });
    } catch (err) {
      throw toGatewayError(err, "insert the Pathway Plan template");
    }
  }

  async loadSettings(): Promise<WorkbookSettings> {
    try {
      return await this.run(async (context) => {
        const stored = querySettings(context);
        await context.sync();
        return storedSettings(stored);
      });
    } catch (err) {
      throw toGatewayError(err, "read the add-in's settings from the workbook");
    }
  }

  async saveSettings(patch: Partial<WorkbookSettings>): Promise<WorkbookSettings> {
    if (patch.references) {
      const size = serializeReferences(patch.references).length;
      if (size > MAX_STORED_REFERENCE_CHARS) {
        throw new GatewayError(
          `The reference lists are too large to keep in the workbook (${Math.round(size / 1000)} thousand characters; ` +
            `the limit is ${MAX_STORED_REFERENCE_CHARS / 1000} thousand). They are used until the pane is closed.`,
          "TooLarge",
        );
      }
    }
    try {
      return await this.run(async (context) => {
        const stored = querySettings(context);
        await context.sync();
        const current = storedSettings(stored);
        const next = mergeSettings(current, patch);
        const settings = context.workbook.settings;
        settings.add(SETTINGS_KEYS.settings, serializeSettings(next));
        if (patch.references) settings.add(SETTINGS_KEYS.references, serializeReferences(next.references));
        await context.sync();
        return next;
      });
    } catch (err) {
      throw toGatewayError(err, "save the add-in's settings in the workbook");
    }
  }
}

// ------------------------------------------------------------------------------------------------
// helpers (each queues commands; the caller syncs)

function isLayout(input: readonly WorklistRow[] | FindingsSheetLayout): input is FindingsSheetLayout {
  return !Array.isArray(input);
}

/** The value of a setting loaded with getItemOrNullObject (undefined when there is none). */
function settingValue(item: Excel.Setting): unknown {
  return item.isNullObject === true ? undefined : item.value;
}

function storedSettings(stored: ReturnType<typeof querySettings>): WorkbookSettings {
  return parseSettings(settingValue(stored.settings), settingValue(stored.references));
}

function querySettings(context: Excel.RequestContext) {
  const settings = context.workbook.settings;
  return {
    settings: settings.getItemOrNullObject(SETTINGS_KEYS.settings).load("value"),
    references: settings.getItemOrNullObject(SETTINGS_KEYS.references).load("value"),
  };
}
