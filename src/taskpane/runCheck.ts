/**
 * "Run checklist" without React: read the workbook, run the engine (the same call the CLI makes), plan the
 * highlights and apply them, then append the run to the workbook's log (one history line, counts only) and bring
 * the Findings sheet up to date when the workbook has one (or when asked to write it). The pane renders what this
 * returns; tests run it against the fake Excel.
 */
import type { SheetInput } from "../core/cells";
import { type CheckOptions, type CheckResult, runChecklist } from "../core/engine";
import { isFindingsSheet } from "../core/findingsSheet";
import { type HighlightPlan, buildHighlightPlan } from "../core/plan";
import type { Acknowledgement } from "../core/report";
import type { WorkbookLog } from "../core/workbookLog";
import type { ApplyResult, ExcelGateway, FindingsSheetResult, ReadProgress, WorkbookSettings } from "../excel/gateway";
import { GatewayError } from "../excel/gateway";
import type { StoredReference } from "../excel/settings";
import { referenceSheet } from "./references";

export type RunPhase = "reading" | "checking" | "highlighting" | "saving";

export interface RunOptions {
  /** reference lists loaded this session but not kept in the workbook (too large) */
  readonly sessionReferences?: readonly StoredReference[];
  readonly today?: Date;
  /** write the Findings sheet even when the workbook has none yet ("Write findings list") */
  readonly writeFindings?: boolean;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onPhase?: (phase: RunPhase, detail?: string) => void;
  /** yield to the browser so the progress can paint before the engine's synchronous work */
  readonly yieldToUi?: () => Promise<void>;
}

export interface CheckRun {
  readonly sheets: readonly SheetInput[];
  readonly settings: WorkbookSettings;
  /** what the engine was given (a re-check after an acknowledgement uses the same) */
  readonly options: CheckOptions;
  readonly result: CheckResult;
  readonly plan: HighlightPlan;
  /** null when highlighting failed (the findings are still valid) */
  readonly applied: ApplyResult | null;
  readonly applyError: GatewayError | null;
  /** the log as this run left it (this run's history line appended), or as it was when writing it failed */
  readonly log: WorkbookLog;
  readonly logError: GatewayError | null;
  /** whether the workbook holds our Findings sheet (read, or written by this run) */
  readonly hasFindingsSheet: boolean;
  /** the Findings sheet this run wrote, if it wrote one */
  readonly findingsSheet: FindingsSheetResult | null;
  readonly findingsError: GatewayError | null;
}

function asGatewayError(err: unknown, what: string): GatewayError {
  return err instanceof GatewayError ? err : new GatewayError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
}

async function highlight(
  gateway: ExcelGateway,
  result: CheckResult,
  sheets: readonly SheetInput[],
): Promise<Pick<CheckRun, "plan" | "applied" | "applyError">> {
  const plan = buildHighlightPlan(result.report.findings, { sheets: sheets.map((s) => s.name) });
  try {
    return { plan, applied: await gateway.applyHighlights(plan), applyError: null };
  } catch (err) {
    return { plan, applied: null, applyError: asGatewayError(err, "Could not highlight the cells") };
  }
}

export async function runCheck(gateway: ExcelGateway, options: RunOptions = {}): Promise<CheckRun> {
  options.onPhase?.("reading");
  const read = await gateway.readWorkbook(options.onProgress);
  const rows = read.sheets.reduce((n, s) => n + s.rows.length, 0);
  options.onPhase?.("checking", `${rows.toLocaleString("en-US")} rows`);
  await options.yieldToUi?.();
  const stored = read.settings.references;
  const extra = (options.sessionReferences ?? []).filter((r) => !stored.some((s) => s.name === r.name));
  const checkOptions: CheckOptions = {
    schoolYear: read.settings.schoolYear,
    overrides: read.settings.overrides,
    referenceSheets: [...stored, ...extra].map(referenceSheet),
    ...(options.today ? { today: options.today, now: options.today } : {}),
  };
  const result = runChecklist(read.sheets, checkOptions);
  options.onPhase?.("highlighting", `${result.report.findings.length.toLocaleString("en-US")} findings`);
  const highlighted = await highlight(gateway, result, read.sheets);

  options.onPhase?.("saving", "the run history");
  const log = result.tracking.nextLog;
  let logError: GatewayError | null = null;
  try {
    await gateway.writeLog(log);
  } catch (err) {
    logError = asGatewayError(err, "Could not save the run history in the workbook");
  }
  const hadFindingsSheet = read.sheets.some((s) => isFindingsSheet(s.rows));
  let findingsSheet: FindingsSheetResult | null = null;
  let findingsError: GatewayError | null = null;
  if (hadFindingsSheet || options.writeFindings) {
    options.onPhase?.("saving", "the Findings sheet");
    try {
      findingsSheet = await gateway.writeFindingsSheet(result.tracking.worklist);
    } catch (err) {
      findingsError = asGatewayError(err, "Could not write the Findings sheet");
    }
  }
  return {
    sheets: read.sheets,
    settings: read.settings,
    options: checkOptions,
    result,
    ...highlighted,
    log: logError ? { ...log, history: result.tracking.history } : log,
    logError,
    hasFindingsSheet: hadFindingsSheet || findingsSheet !== null,
    findingsSheet,
    findingsError,
  };
}

/**
 * The same sheets checked again with a new list of acknowledgements (after the user acknowledged or
 * un-acknowledged a finding), and the highlights applied again: acknowledged findings are not highlighted.
 * Not a new run: no history line, the workbook is not read again.
 */
export async function recheck(
  gateway: ExcelGateway,
  run: CheckRun,
  acknowledgements: readonly Acknowledgement[],
  log: WorkbookLog,
): Promise<CheckRun> {
  const options: CheckOptions = { ...run.options, acknowledgements, ...(log.snapshotDate ? { snapshotDate: log.snapshotDate } : {}) };
  const result = runChecklist(run.sheets, options);
  return { ...run, options, result, ...(await highlight(gateway, result, run.sheets)), log };
}
