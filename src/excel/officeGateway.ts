/**
 * The Office.js implementation of `ExcelGateway`: the only code in the add-in that calls `Excel.*`.
 *
 * Requirement: ExcelApi 1.9 (the manifest's minimum) — RangeAreas and Worksheet.getRanges (1.9),
 * conditional formats with ConditionalFormat.id and ConditionalFormatCollection.getItem(id) (1.6; a sheet's
 * rules are listed through the whole-sheet Range.conditionalFormats, as Worksheet has no such collection),
 * Application.suspendScreenUpdatingUntilNextSync (1.9), suspendApiCalculationUntilNextSync (1.6),
 * Runtime.enableEvents (1.8), workbook settings and the *OrNullObject getters used here (1.4).
 * ConditionalFormatCollection.getItemOrNullObject would need 1.14, so it is not used: a rule is deleted by
 * id only after the same or an earlier round trip saw that id on the sheet.
 *
 * Round trips ("syncs"):
 * - read: 1 (sheet list, settings) + 1 (used ranges, and the conditional-format ids of sheets we highlighted)
 *   + the value blocks: each load is at most 20,000 rows and 5,000,000 cells, and one round trip carries
 *   blocks (of one or several sheets) up to ~4 MB of estimated response, so a sheet costs at most
 *   ⌈rows/20,000⌉ of them unless it is very wide or text-heavy. If Excel on the web still refuses a response
 *   as too large, that round trip is retried with smaller blocks. After a reopen, the formula and fill of
 *   rules whose ids changed are loaded in the first block's round trip (no extra sync).
 * - apply after a read: 1 (events off, suspend calculation and screen updating, delete our earlier rules,
 *   add the new ones, record them) + 1 (record the ids Excel gave the new rules, events back on). Without a
 *   read just before, 2 more to find our earlier rules. A request over ~4 MB is split, the suspension calls
 *   staying in the first part only.
 * - clear: 2 to find our rules (3 when a reopened workbook gave them new ids), 1 to delete them.
 * - select a cell: 1; write the Snapshot Checklist sheet: 2; load settings: 1; save settings: 2.
 */
import type { CellValue, SheetInput } from "../core/cells";
import { CHECKLIST_COLUMN_WIDTHS, CHECKLIST_COLUMNS, CHECKLIST_SHEET_BASE_NAME, type ChecklistSheetInput, checklistLayout } from "../core/checklistSheet";
import type { HighlightPlan, HighlightSeverity } from "../core/plan";
import { uniqueSheetName } from "../core/text";
import { hasErrorCode, toGatewayError } from "./errors";
import { type ApplyResult, type ChecklistSheetResult, type ClearResult, type ExcelGateway, GatewayError, type ReadProgress, type WorkbookRead } from "./gateway";
import {
  HIGHLIGHT_FILL, HIGHLIGHT_FORMULA, type HighlightRecord, MAX_STORED_REFERENCE_CHARS, SETTINGS_KEYS, type WorkbookSettings,
  isOurRuleSignature, mergeSettings, parseHighlightRecords, parseSettings, serializeHighlightRecords, serializeReferences, serializeSettings,
} from "./settings";
import { estimateJsonBytes, officeRows, sheetFromUsedRange } from "./values";

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
}

export const DEFAULT_BLOCK_ROWS = 20_000;
export const MAX_CELLS_PER_READ = 5_000_000;
/** a used range beyond this is stray cells, not an export: refused with an explanation instead of thousands of reads */
export const MAX_SHEET_CELLS = 25_000_000;
const BUDGET_BYTES = 4_000_000;
/** first guess of JSON bytes per cell before a block was measured */
const INITIAL_BYTES_PER_CELL = 16;
/** rough request cost of one queued command, on top of its strings */
const COMMAND_BYTES = 120;

interface LoadedRule {
  readonly id: string;
  readonly type: string;
  formula?: string;
  color?: string;
}

interface SheetRules {
  readonly sheetId: string;
  readonly name: string;
  readonly rules: LoadedRule[];
}

/** What the workbook holds of our highlights, as plain data (valid across Excel.run calls). */
interface HighlightState {
  readonly records: HighlightRecord[];
  /** sheets named by a record that still exist, with the ids and types of their conditional formats */
  readonly sheets: Map<string, SheetRules>;
  /** every worksheet's id by name */
  readonly sheetIds: Map<string, string>;
  readonly enableEvents: boolean;
}

interface PendingSignature {
  readonly rule: LoadedRule;
  readonly custom: Excel.CustomConditionalFormat;
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
  /** the highlight state seen by the last read, used once by the next apply (saves a round trip) */
  private stateFromRead: HighlightState | null = null;

  constructor(options: OfficeGatewayOptions = {}) {
    this.run = options.run ?? defaultRun;
    this.blockRows = options.blockRows ?? DEFAULT_BLOCK_ROWS;
    this.maxCellsPerRead = options.maxCellsPerRead ?? MAX_CELLS_PER_READ;
    this.responseBudget = options.responseBudgetBytes ?? BUDGET_BYTES;
    this.requestBudget = options.requestBudgetBytes ?? BUDGET_BYTES;
  }

  // ----------------------------------------------------------------------------------------------
  // read

  async readWorkbook(onProgress?: (progress: ReadProgress) => void): Promise<WorkbookRead> {
    this.stateFromRead = null;
    try {
      return await this.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/name,items/id");
        const stored = querySettings(context);
        context.runtime.load("enableEvents");
        await context.sync();

        const settings = storedSettings(stored);
        const records = parseHighlightRecords(settingValue(stored.highlights));
        const recordedSheets = new Set(records.map((r) => r.sheetId));
        const metas = worksheets.items.map((ws) => ({
          name: ws.name,
          id: ws.id,
          ws,
          used: ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
          rules: recordedSheets.has(ws.id) ? ws.getRange().conditionalFormats.load("items/id,items/type") : null,
        }));
        await context.sync();

        const state: HighlightState = { records, sheets: new Map(), sheetIds: new Map(metas.map((m) => [m.name, m.id])), enableEvents: context.runtime.enableEvents };
        for (const m of metas) {
          if (m.rules) state.sheets.set(m.id, { sheetId: m.id, name: m.name, rules: m.rules.items.map((cf) => ({ id: cf.id, type: cf.type })) });
        }
        // A reopened workbook may have given our rules new ids: then their look identifies them.
        const pending = queueSignatureLoads(state, (sheetId, index) => metas.find((m) => m.id === sheetId)!.rules!.items[index]);

        const sheets = metas.map((m) => ({
          name: m.name,
          ws: m.ws,
          rowIndex: m.used.isNullObject ? 0 : m.used.rowIndex,
          columnIndex: m.used.isNullObject ? 0 : m.used.columnIndex,
          // Every sheet is read: the engine tells the add-in's own Snapshot Checklist sheets by their content
          // (a user's sheet may share the name), and they are small.
          rows: m.used.isNullObject ? 0 : m.used.rowCount,
          columns: m.used.isNullObject ? 0 : m.used.columnCount,
        }));
        for (const s of sheets) {
          if (s.rows * s.columns > MAX_SHEET_CELLS) {
            throw new GatewayError(`Could not read the workbook: sheet ‘${s.name}’ uses ${s.rows.toLocaleString("en-US")} rows × ${s.columns.toLocaleString("en-US")} columns, far more than an export has. Delete the stray cells far below or right of the data (Ctrl+End shows the last one), then run the checklist again.`, "SheetTooLarge");
          }
        }
        const collected: CellValue[][][] = sheets.map(() => []);
        let bytesPerCell = INITIAL_BYTES_PER_CELL;
        let sheetIndex = 0;
        let nextRow = 0;
        let signaturesLoaded = pending.length === 0;
        let shrinks = 0;
        while (sheetIndex < sheets.length || !signaturesLoaded) {
          // One round trip: blocks of one or more sheets within the row, cell and byte budgets.
          const roundStart = { sheetIndex, nextRow };
          const blocks: { sheet: number; range: Excel.Range }[] = [];
          let cells = 0;
          let bytes = 0;
          while (sheetIndex < sheets.length) {
            const s = sheets[sheetIndex];
            if (s.rows === 0 || s.columns === 0) {
              sheetIndex++;
              nextRow = 0;
              continue;
            }
            const byBytes = Math.floor((this.responseBudget - bytes) / (s.columns * bytesPerCell));
            const byCells = Math.floor((this.maxCellsPerRead - cells) / s.columns);
            const fullBlock = Math.min(this.blockRows, s.rows - nextRow);
            let take = Math.min(fullBlock, byBytes, byCells);
            if (blocks.length > 0 && take < fullBlock) break; // the rest of this sheet starts the next round trip
            take = Math.max(1, take);
            const range = s.ws.getRangeByIndexes(s.rowIndex + nextRow, s.columnIndex, take, s.columns).load("values");
            blocks.push({ sheet: sheetIndex, range });
            cells += take * s.columns;
            bytes += take * s.columns * bytesPerCell;
            nextRow += take;
            if (nextRow >= s.rows) {
              sheetIndex++;
              nextRow = 0;
            }
          }
          if (!signaturesLoaded) for (const p of pending) queueSignature(p);
          if (blocks.length === 0 && signaturesLoaded) break;
          try {
            await context.sync();
          } catch (err) {
            // Excel on the web refuses responses over 5 MB: the cells were longer than estimated. Read less at once.
            if (hasErrorCode(err, "ResponsePayloadSizeLimitExceeded") && shrinks < 8 && blocks.some((b) => b.range !== blocks[0].range || cells > 1)) {
              shrinks++;
              bytesPerCell *= 4;
              ({ sheetIndex, nextRow } = roundStart);
              continue;
            }
            throw err;
          }
          if (!signaturesLoaded) {
            for (const p of pending) {
              p.rule.formula = p.custom.rule.formula;
              p.rule.color = p.custom.format.fill.color;
            }
            signaturesLoaded = true;
          }
          let measuredBytes = 0;
          let measuredCells = 0;
          for (const b of blocks) {
            const values = b.range.values;
            if (!values) throw new GatewayError(`Could not read the workbook: Excel returned no values for sheet ‘${sheets[b.sheet].name}’ (is it too large?).`);
            const into = collected[b.sheet];
            for (const row of officeRows(values)) into.push(row);
            const m = estimateJsonBytes(values);
            measuredBytes += m.bytes;
            measuredCells += m.cells;
          }
          if (measuredCells > 0) bytesPerCell = Math.max(bytesPerCell * 0.5, 4, (measuredBytes / measuredCells) * 1.25);
          if (onProgress) {
            for (const i of new Set(blocks.map((b) => b.sheet))) {
              onProgress({ sheet: sheets[i].name, sheetIndex: i, sheetCount: sheets.length, rowsRead: collected[i].length, rows: sheets[i].rows });
            }
          }
        }

        this.stateFromRead = state;
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
    let state = this.stateFromRead;
    this.stateFromRead = null;
    try {
      return await this.run(async (context) => {
        for (let attempt = 0; ; attempt++) {
          if (!state) state = await loadHighlightState(context);
          try {
            return await this.writeHighlights(context, state, plan);
          } catch (err) {
            // Our rules changed since the read (deleted by hand?): look again once.
            if (attempt === 0 && hasErrorCode(err, "ItemNotFound")) {
              state = null;
              continue;
            }
            throw err;
          }
        }
      });
    } catch (err) {
      throw toGatewayError(err, "highlight the cells");
    }
  }

  async clearHighlights(): Promise<ClearResult> {
    this.stateFromRead = null;
    try {
      return await this.run(async (context) => {
        const state = await loadHighlightState(context);
        const { removed } = await this.writeHighlights(context, state, null);
        return { removed };
      });
    } catch (err) {
      throw toGatewayError(err, "clear the highlights");
    }
  }

  /**
   * Deletes our earlier rules and (with a plan) adds one custom-formula rule per sheet × severity × chunk.
   * Events are off from the first write to the last; the suspension calls are queued once.
   */
  private async writeHighlights(context: Excel.RequestContext, state: HighlightState, plan: HighlightPlan | null): Promise<ApplyResult> {
    const worksheets = context.workbook.worksheets;
    const settings = context.workbook.settings;
    const runtime = context.runtime;
    const previousEvents = state.enableEvents;
    const ours = ourRules(state);

    const proxies = new Map<string, Excel.Worksheet>();
    const sheet = (nameOrId: string) => {
      let ws = proxies.get(nameOrId);
      if (!ws) proxies.set(nameOrId, (ws = worksheets.getItem(nameOrId)));
      return ws;
    };
    const rules: { spec: Omit<HighlightRecord, "id">; chunk: string }[] = [];
    for (const layer of plan?.layers ?? []) {
      const sheetId = state.sheetIds.get(layer.sheet);
      if (sheetId === undefined) {
        throw new GatewayError(`Could not highlight the cells: sheet ‘${layer.sheet}’ is no longer in this workbook (renamed or deleted?). Run the checklist again.`, "ItemNotFound");
      }
      let rect = 0;
      for (const chunk of layer.chunks) {
        const areas = chunk.split(",").length;
        const cells = layer.rects.slice(rect, rect + areas).reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
        rect += areas;
        const color = HIGHLIGHT_FILL[layer.severity as HighlightSeverity];
        rules.push({ chunk, spec: { sheetId, sheet: layer.sheet, severity: layer.severity, formula: HIGHLIGHT_FORMULA, color, cells } });
      }
    }

    const ops: { bytes: number; queue: () => void }[] = [];
    for (const { sheetId, id } of ours) {
      ops.push({ bytes: COMMAND_BYTES * 3 + id.length, queue: () => sheet(sheetId).getRange().conditionalFormats.getItem(id).delete() });
    }
    const created: Excel.ConditionalFormat[] = [];
    for (const { chunk, spec } of rules) {
      ops.push({
        bytes: COMMAND_BYTES * 6 + chunk.length,
        queue: () => {
          const cf = sheet(spec.sheetId).getRanges(chunk).conditionalFormats.add("Custom");
          cf.custom.rule.formula = spec.formula;
          cf.custom.format.fill.color = spec.color;
          cf.load("id");
          created.push(cf);
        },
      });
    }

    let restored = false;
    try {
      runtime.enableEvents = false;
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
      // One round trip unless the request would be too large; then the suspension stays with the first part.
      let bytes = 0;
      let queued = 0;
      for (const op of ops) {
        if (queued > 0 && bytes + op.bytes > this.requestBudget) {
          await context.sync();
          bytes = 0;
          queued = 0;
        }
        op.queue();
        bytes += op.bytes;
        queued++;
      }
      // The record goes with the writes (ids not known yet), so it never lags the workbook.
      settings.add(SETTINGS_KEYS.highlights, serializeHighlightRecords(rules.map((r) => ({ ...r.spec, id: null }))));
      if (rules.length === 0) runtime.enableEvents = previousEvents;
      await context.sync();
      if (rules.length > 0) {
        // Now the ids Excel gave the new rules are known: Clear deletes by id, the look is only a fallback.
        settings.add(SETTINGS_KEYS.highlights, serializeHighlightRecords(rules.map((r, i) => ({ ...r.spec, id: created[i].id }))));
        runtime.enableEvents = previousEvents;
        await context.sync();
      }
      restored = true;
      return { rules: rules.length, cells: plan?.cells ?? 0, removed: ours.length };
    } finally {
      if (!restored) {
        runtime.enableEvents = previousEvents;
        await context.sync().catch(() => undefined);
      }
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
        throw new GatewayError(`Could not go to ${cell}: sheet ‘${sheet}’ is no longer in this workbook (renamed or deleted?). Run the checklist again.`, "ItemNotFound");
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
        const name = uniqueSheetName(CHECKLIST_SHEET_BASE_NAME, new Set(worksheets.items.map((w) => w.name.toLowerCase())));
        const layout = checklistLayout(input);
        const width = CHECKLIST_COLUMNS.length;
        const ws = worksheets.add(name);
        ws.getRangeByIndexes(0, 0, layout.values.length, width).values = layout.values;
        const title = ws.getRange("A1").format.font;
        title.bold = true;
        title.size = 14;
        ws.getRange("A2:A3").format.font.bold = true;
        ws.getRange("A4").format.font.italic = true;
        if (!layout.hasTeam) ws.getRange("B2:C2").format.borders.getItem("EdgeBottom").style = "Continuous";
        const header = ws.getRangeByIndexes(layout.headerRow - 1, 0, 1, width).format;
        header.font.bold = true;
        header.fill.color = "#F2F2F2";
        const table = ws.getRangeByIndexes(layout.headerRow - 1, 0, layout.lastTopicRow - layout.headerRow + 1, width);
        table.format.wrapText = true;
        table.format.verticalAlignment = "Top";
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
          table.format.borders.getItem(edge).style = "Continuous";
        }
        const statusFill: Record<string, string> = { fail: HIGHLIGHT_FILL.error, warn: HIGHLIGHT_FILL.warning, pass: "#C6EFCE", "no-data": "#D9D9D9" };
        for (const { row, status } of layout.statuses) {
          const cell = ws.getRange(`D${row}`).format;
          cell.fill.color = statusFill[status];
          cell.font.bold = true;
        }
        if (layout.notesRow !== null) {
          ws.getRange(`A${layout.notesRow}`).format.font.bold = true;
          const notes = ws.getRangeByIndexes(layout.notesRow, 0, layout.values.length - layout.notesRow, width);
          notes.format.wrapText = true;
          notes.format.verticalAlignment = "Top";
        }
        CHECKLIST_COLUMN_WIDTHS.forEach((chars, i) => {
          // columnWidth is in points; a character of the default font is about 5.6 points wide.
          ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(chars * 5.6 + 5);
        });
        ws.freezePanes.freezeRows(layout.headerRow);
        ws.pageLayout.orientation = "Landscape";
        ws.pageLayout.setPrintTitleRows(`$${layout.headerRow}:$${layout.headerRow}`);
        ws.activate();
        await context.sync();
        return { sheet: name };
      });
    } catch (err) {
      throw toGatewayError(err, "write the Snapshot Checklist sheet");
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
        throw new GatewayError(`The reference lists are too large to keep in the workbook (${Math.round(size / 1000)} thousand characters; the limit is ${MAX_STORED_REFERENCE_CHARS / 1000} thousand). They are used until the pane is closed.`, "TooLarge");
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
    highlights: settings.getItemOrNullObject(SETTINGS_KEYS.highlights).load("value"),
  };
}

/**
 * For sheets where a recorded rule id is no longer present: every custom rule whose id is not recorded,
 * whose formula and fill must be loaded to tell ours apart by their look.
 */
/** Rule ids are unique only within a sheet's collection: a recorded rule is its sheet's id plus its own. */
function recordedKeys(state: HighlightState): Set<string> {
  return new Set(state.records.filter((r) => r.id !== null).map((r) => `${r.sheetId}\u0001${r.id}`));
}

function queueSignatureLoads(state: HighlightState, item: (sheetId: string, index: number) => Excel.ConditionalFormat): PendingSignature[] {
  const pending: PendingSignature[] = [];
  const recorded = recordedKeys(state);
  for (const sheet of state.sheets.values()) {
    const ids = new Set(sheet.rules.map((r) => r.id));
    // Rules' formulas are looked at only where our record cannot vouch for them (ids lost after a reopen).
    const lost = state.records.some((r) => r.sheetId === sheet.sheetId && (r.id === null || !ids.has(r.id)));
    if (!lost) continue;
    sheet.rules.forEach((rule, index) => {
      if (rule.type !== "Custom" || recorded.has(`${sheet.sheetId}\u0001${rule.id}`)) return;
      pending.push({ rule, custom: item(sheet.sheetId, index).custom });
    });
  }
  return pending;
}

/** Loads the highlight record and the rules of the sheets it names: 2 round trips, 3 after a reopen. */
async function loadHighlightState(context: Excel.RequestContext): Promise<HighlightState> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/id,items/name");
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEYS.highlights).load("value");
  context.runtime.load("enableEvents");
  await context.sync();
  const records = parseHighlightRecords(settingValue(item));
  const state: HighlightState = { records, sheets: new Map(), sheetIds: new Map(worksheets.items.map((ws) => [ws.name, ws.id])), enableEvents: context.runtime.enableEvents };
  // Only sheets we highlighted are looked at: a rule elsewhere that merely looks like ours is the
  // user's (a sheet copied after a run carries copies the user made; Clear leaves those to them).
  const recordedSheets = new Set(records.map((r) => r.sheetId));
  const loaded = worksheets.items.filter((ws) => recordedSheets.has(ws.id)).map((ws) => ({ ws, rules: ws.getRange().conditionalFormats.load("items/id,items/type") }));
  if (loaded.length === 0) return state;
  await context.sync();
  for (const { ws, rules } of loaded) {
    state.sheets.set(ws.id, { sheetId: ws.id, name: ws.name, rules: rules.items.map((cf) => ({ id: cf.id, type: cf.type })) });
  }
  const pending = queueSignatureLoads(state, (sheetId, index) => loaded.find((l) => l.ws.id === sheetId)!.rules.items[index]);
  pending.forEach(queueSignature);
  if (pending.length > 0) {
    await context.sync();
    for (const p of pending) {
      p.rule.formula = p.custom.rule.formula;
      p.rule.color = p.custom.format.fill.color;
    }
  }
  return state;
}

function queueSignature(p: PendingSignature): void {
  p.custom.rule.load("formula");
  p.custom.format.fill.load("color");
}

/** Our rules present in the workbook: recorded ids still there, plus (where ids were lost) rules with our look. */
function ourRules(state: HighlightState): { sheetId: string; id: string }[] {
  const out: { sheetId: string; id: string }[] = [];
  const recorded = recordedKeys(state);
  for (const sheet of state.sheets.values()) {
    for (const rule of sheet.rules) {
      if (recorded.has(`${sheet.sheetId}\u0001${rule.id}`) || (rule.type === "Custom" && isOurRuleSignature(rule.formula, rule.color))) {
        out.push({ sheetId: sheet.sheetId, id: rule.id });
      }
    }
  }
  return out;
}
