/**
 * "Run checklist" without React: read the workbook, run the engine (the same call the CLI makes), plan the
 * highlights and apply them. The pane renders what this returns; tests run it against the fake Excel.
 */
import type { SheetInput } from "../core/cells";
import { type CheckResult, runChecklist } from "../core/engine";
import { type HighlightPlan, buildHighlightPlan } from "../core/plan";
import type { ApplyResult, ExcelGateway, ReadProgress, WorkbookSettings } from "../excel/gateway";
import { GatewayError } from "../excel/gateway";
import type { StoredReference } from "../excel/settings";
import { referenceSheet } from "./references";

export type RunPhase = "reading" | "checking" | "highlighting";

export interface RunOptions {
  /** reference lists loaded this session but not kept in the workbook (too large) */
  readonly sessionReferences?: readonly StoredReference[];
  readonly today?: Date;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onPhase?: (phase: RunPhase, detail?: string) => void;
  /** yield to the browser so the progress can paint before the engine's synchronous work */
  readonly yieldToUi?: () => Promise<void>;
}

export interface CheckRun {
  readonly sheets: readonly SheetInput[];
  readonly settings: WorkbookSettings;
  readonly result: CheckResult;
  readonly plan: HighlightPlan;
  /** null when highlighting failed (the findings are still valid) */
  readonly applied: ApplyResult | null;
  readonly applyError: GatewayError | null;
}

export async function runCheck(gateway: ExcelGateway, options: RunOptions = {}): Promise<CheckRun> {
  options.onPhase?.("reading");
  const read = await gateway.readWorkbook(options.onProgress);
  const rows = read.sheets.reduce((n, s) => n + s.rows.length, 0);
  options.onPhase?.("checking", `${rows.toLocaleString("en-US")} rows`);
  await options.yieldToUi?.();
  const stored = read.settings.references;
  const extra = (options.sessionReferences ?? []).filter((r) => !stored.some((s) => s.name === r.name));
  const result = runChecklist(read.sheets, {
    schoolYear: read.settings.schoolYear,
    overrides: read.settings.overrides,
    referenceSheets: [...stored, ...extra].map(referenceSheet),
    ...(options.today ? { today: options.today } : {}),
  });
  const plan = buildHighlightPlan(result.report.findings, { sheets: read.sheets.map((s) => s.name) });
  options.onPhase?.("highlighting", `${plan.cells.toLocaleString("en-US")} cells`);
  let applied: ApplyResult | null = null;
  let applyError: GatewayError | null = null;
  try {
    applied = await gateway.applyHighlights(plan);
  } catch (err) {
    applyError =
      err instanceof GatewayError
        ? err
        : new GatewayError(`Could not highlight the cells: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { sheets: read.sheets, settings: read.settings, result, plan, applied, applyError };
}
