/**
 * Bench sections that need TypeScript sources outside the CLI build (the Excel gateway against the
 * counting fake, the custom functions). Compiled by `tsconfig.bench.json` into dist-bench/.
 */
import { iacCode } from "../src/core/normalize";
import { IAC_DEFAULT_CLUSTER } from "../src/core/reference";
import type { ExcelRun } from "../src/excel/officeGateway";
import { OfficeExcelGateway } from "../src/excel/officeGateway";
import * as logic from "../src/functions/logic";
import { runCheck } from "../src/taskpane/runCheck";
import { FakeWorkbook } from "../test/helpers/fakeExcel";
import { district } from "../test/helpers/district";
import { syntheticWorklist } from "../test/helpers/syntheticWorklist";
import { findingsSheetLayout } from "../src/core/findingsSheet";

type Add = (figure: string, value: string, baseline: string, target: string, note?: string) => void;
type Median = (fn: () => void, runs: number) => number;

export async function gateway(add: Add): Promise<void> {
  for (const rows of [1_000, 50_000, 200_000]) {
    const wb = new FakeWorkbook();
    for (const s of district(rows)) wb.addSheet(s.name, s.rows);
    const gw = new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun });
    const read = gw.readWorkbook.bind(gw);
    let readSyncs = -1;
    gw.readWorkbook = async (onProgress) => {
      const result = await read(onProgress);
      readSyncs = wb.stats.syncs;
      return result;
    };
    // A run also appends its history line to the log sheet: counted apart from the highlights.
    const writeLog = gw.writeLog.bind(gw);
    let logSyncs = 0;
    gw.writeLog = async (log) => {
      const before = wb.stats.syncs;
      const result = await writeLog(log);
      logSyncs += wb.stats.syncs - before;
      return result;
    };
    const t0 = performance.now();
    const run = await runCheck(gw, { today: new Date("2026-11-28T12:00:00Z") });
    const ms = performance.now() - t0;
    gw.readWorkbook = read;
    gw.writeLog = writeLog;
    const writeSyncs = wb.stats.syncs - readSyncs - logSyncs;
    const sheets = wb.sheetNames().length;
    const budget = 2 + Math.ceil(rows / 20_000);
    const cfCalls = run.applied?.rules ?? 0;
    const stats = { ...wb.stats };
    // Clear in the same session, and (after a second run) in a new pane after save and reopen.
    wb.resetStats();
    await gw.clearHighlights();
    const clearSyncs = wb.stats.syncs;
    await runCheck(gw, { today: new Date("2026-11-28T12:00:00Z") });
    wb.reopen();
    wb.resetStats();
    await new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun }).clearHighlights();
    const reopenedClearSyncs = wb.stats.syncs;
    const met = readSyncs <= budget && writeSyncs <= 3 && logSyncs <= 3 && clearSyncs <= 3 && reopenedClearSyncs <= 4;
    add(
      `gateway, ${rows.toLocaleString("en-US")} rows × ${sheets} sheets`,
      `read ${readSyncs} / highlight ${writeSyncs} / history line ${logSyncs} / clear ${clearSyncs} (${reopenedClearSyncs} after reopen) syncs`,
      `budget read ≤ ${budget}, highlight ≤ 3, history ≤ 3, clear ≤ 3 (4 after reopen)`,
      "within budget",
      `${met ? "met" : "MISSED"}; ${stats.proxies} proxies, ${cfCalls} CF adds, longest address ${stats.longestAddress} (≤ 7,500), ` +
        `largest request ${(stats.largestRequestBytes / 1024).toFixed(0)} KB, ` +
        `largest response ${(stats.largestResponseBytes / 1024 / 1024).toFixed(2)} MB (< 5 MB), ${ms.toFixed(0)} ms`,
    );
  }
}

/** Writing the Findings sheet: round trips against the floor Excel on the web's 5 MB request limit sets. */
export async function findingsSheet(add: Add): Promise<void> {
  const MB = 1024 * 1024;
  for (const n of [1_000, 20_000]) {
    const wb = new FakeWorkbook();
    wb.addSheet("CTE Participants", [["Student ID"]]);
    const gw = new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun });
    const rows = syntheticWorklist(n);
    const cells = JSON.stringify(findingsSheetLayout(rows).formulas).length;
    const t0 = performance.now();
    await gw.writeFindingsSheet(rows);
    const ms = performance.now() - t0;
    const writes = wb.stats.syncRecords.filter((r) => r.writes > 0).length;
    const reads = wb.stats.syncs - writes;
    const requestBytes = wb.stats.syncRecords.reduce((sum, r) => sum + r.requestBytes, 0);
    const floor = Math.ceil(requestBytes / (5 * MB));
    wb.resetStats();
    await gw.writeFindingsSheet(rows);
    const rewriteSyncs = wb.stats.syncs;
    const rewriteWrites = wb.stats.syncRecords.filter((r) => r.writes > 0).length;
    const met =
      writes <= floor + 1 && rewriteWrites <= floor + 1 && reads <= 2 && rewriteSyncs - rewriteWrites <= 2 && wb.stats.rejectedSyncs === 0;
    add(
      `gateway syncs, Findings sheet ${n.toLocaleString("en-US")} findings`,
      `new sheet ${reads} read + ${writes} write syncs; rewrite ${rewriteSyncs - rewriteWrites} + ${rewriteWrites}`,
      `${(requestBytes / MB).toFixed(1)} MB of requests: ≥ ${floor} under the 5 MB limit`,
      "writes ≤ floor + 1, reads ≤ 2",
      `${met ? "met" : "MISSED"}; cells ${(cells / MB).toFixed(1)} MB, largest request ` +
        `${(wb.stats.largestRequestBytes / MB).toFixed(2)} MB, ${ms.toFixed(0)} ms`,
    );
  }
}

export function functions(add: Add, median: Median): void {
  const n = 10_000;
  const codes = ["01.09", "11.01", 1.1, "46.99", "48.05", "99.99", "47.06", "01.0901"];
  const range = Array.from({ length: n }, (_, i) => [codes[i % codes.length]]);
  const bare = () => {
    const out: unknown[][] = [];
    for (const [v] of range) out.push([IAC_DEFAULT_CLUSTER.get(iacCode(v as string) ?? "") ?? null]);
    return out;
  };
  logic.cluster(range);
  bare();
  // Ten calls per sample and 15 samples: single 5-10 ms calls are at the mercy of GC pauses.
  const ten = (fn: () => unknown) => () => {
    for (let i = 0; i < 10; i++) fn();
  };
  const tCall =
    median(
      ten(() => logic.cluster(range)),
      15,
    ) / 10;
  const tBare = median(ten(bare), 15) / 10;
  add(
    "=CTE.CLUSTER over 10,000 cells (one call)",
    `${tCall.toFixed(1)} ms`,
    `bare lookup loop ${tBare.toFixed(1)} ms`,
    "≤ 2",
    `×${(tCall / tBare).toFixed(2)} (8 distinct codes, as an IAC column has)`,
  );
  // The worst case for the per-call memo: every cell a different six-digit CIP code (all valid series).
  const series = [...IAC_DEFAULT_CLUSTER.keys()];
  const distinct = Array.from({ length: n }, (_, i) => [
    `${series[i % series.length]}${String(Math.floor(i / series.length)).padStart(2, "0")}`,
  ]);
  const bareDistinct = () => {
    const out: unknown[][] = [];
    for (const [v] of distinct) out.push([IAC_DEFAULT_CLUSTER.get(iacCode(v) ?? "") ?? null]);
    return out;
  };
  logic.cluster(distinct);
  const tCallD =
    median(
      ten(() => logic.cluster(distinct)),
      15,
    ) / 10;
  const tBareD = median(ten(bareDistinct), 15) / 10;
  add(
    "=CTE.CLUSTER, 10,000 distinct six-digit codes",
    `${tCallD.toFixed(1)} ms`,
    `bare lookup loop ${tBareD.toFixed(1)} ms`,
    "≤ 2",
    `×${(tCallD / tBareD).toFixed(2)}`,
  );
  const table = [
    ["WSN", "Grade", "IAC", "Cluster"],
    ...Array.from({ length: n }, (_, i) => [String(9000000000 + i), 11 + (i % 2), "11.01", "Information Technology"]),
  ];
  const tCheck = median(() => logic.check(table), 5);
  add("=CTE.CHECK over a 10,000-row table", `${tCheck.toFixed(0)} ms`, "", "(info)", "one engine run per call");
}

/** Time to first render of the built pane in headless Chromium, and a Run on a 400-row district. */
export async function pane(add: Add): Promise<void> {
  // Loaded lazily: playwright-core and the built dist/ are needed only for this row.
  const fs = await import("fs");
  const { chromium } = await import("playwright-core");
  const { CHROMIUM, CHROMIUM_ARGS, DIST, OFFICE_JS, serve, stubOfficeJs } = await import("../test/helpers/paneHost");
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync(`${DIST}/taskpane.html`)) {
    add("task pane first render", "skipped", "", "(info)", "needs /usr/bin/chromium and npm run build");
    return;
  }
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const port = (server.address() as { port: number }).port;
    const stub = stubOfficeJs(400);
    const renders: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
      await page.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.href === OFFICE_JS) return route.fulfill({ status: 200, contentType: "application/javascript", body: stub });
        return url.hostname === "127.0.0.1" ? route.continue() : route.abort();
      });
      const t0 = Date.now();
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
      const button = page.getByRole("button", { name: "Run checklist" });
      await button.waitFor();
      renders.push(Date.now() - t0);
      const t1 = Date.now();
      await button.click();
      await page.getByText(/cells highlighted/).waitFor({ timeout: 60_000 });
      runs.push(Date.now() - t1);
      await page.close();
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    add(
      "task pane first render (headless Chromium)",
      `${med(renders)} ms`,
      "",
      "(info)",
      `median of 3; Run on a 400-row district: ${med(runs)} ms`,
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
