/**
 * The BUILT task pane (dist/taskpane.html, `npm run build` first) in headless Debian Chromium, served from
 * 127.0.0.1, with a stub Office/Excel host: the CDN office.js request is answered locally by a script that
 * defines `Office` and an `Excel.run` backed by the fake Excel of test/helpers/fakeExcel.ts. Nothing goes
 * to the network: every request is recorded and any host other than loopback fails the test.
 * Checks: Run → topics rendered and highlights added; a finding selects its cell; axe-core finds no serious or
 * critical violation; no CSP violation or page error; screenshots in test-output/taskpane.png (the pane as
 * opened after a run) and test-output/taskpane-full.png (every panel open).
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import ts from "typescript";
import { type Browser, chromium } from "playwright-core";
import { TOPIC_META } from "../src/core/checklist";
import { TOPICS } from "../src/core/report";
import { district } from "./helpers/district";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "test-output");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const AXE_PATH = "/__test__/axe.min.js";

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`SKIPPED: the headless Chromium test of the task pane needs ${CHROMIUM} (apt-get install -y chromium); CI installs it.`);
}
const describeIfChromium = hasChromium ? describe : describe.skip;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "application/javascript; charset=utf-8", ".json": "application/json",
  ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain",
};

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = url.pathname === AXE_PATH
      ? path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
      : path.join(DIST, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (url.pathname !== AXE_PATH && !file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** office.js stand-in: the fake Excel (transpiled from the test helper), a sample district, and `Office`. */
function stubOfficeJs(): string {
  const source = fs.readFileSync(path.join(__dirname, "helpers", "fakeExcel.ts"), "utf8");
  const fake = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const sheets = district(400);
  return `
(function () { var exports = {}; var module = { exports: exports };
${fake}
window.__fakeExcel = exports; })();
(function () {
  var wb = new window.__fakeExcel.FakeWorkbook();
  ${JSON.stringify(sheets)}.forEach(function (s) { wb.addSheet(s.name, s.rows); });
  window.__workbook = wb;
  window.Excel = { run: wb.run };
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel" },
    context: { officeTheme: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" }, requirements: { isSetSupported: function () { return true; } } },
    onReady: function (callback) { if (callback) callback(info); return Promise.resolve(info); }
  };
})();`;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

describeIfChromium("task pane in headless Chromium (built dist/)", () => {
  let server: http.Server;
  let browser: Browser;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, "taskpane.html")) || !fs.existsSync(path.join(DIST, "taskpane.js"))) {
      throw new Error("dist/taskpane.html is missing: run `npm run build` before this test (npm test does).");
    }
    server = await serve();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it("runs the checklist, selects a finding, passes axe, makes no outside request", async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
    const requests: string[] = [];
    const blocked: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const stub = stubOfficeJs();
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
      if (url.href === OFFICE_JS) return route.fulfill({ status: 200, contentType: "application/javascript", body: stub });
      blocked.push(url.href);
      return route.abort();
    });

    await page.goto(`${base}/taskpane.html`);
    await page.getByRole("button", { name: "Run checklist" }).click();
    const topics = page.getByRole("list", { name: "Checklist topics" });
    await topics.waitFor({ timeout: 30_000 });
    const titles = await topics.locator(":scope > li > details > summary > span:first-child").allTextContents();
    expect(titles).toEqual(TOPICS.map((t) => TOPIC_META[t].title));
    await page.getByText(/cells highlighted/).waitFor();
    const rules = await page.evaluate(() => (window as unknown as { __workbook: { conditionalFormats(s: string): unknown[] } }).__workbook.conditionalFormats("CTE Participants").length);
    expect(rules).toBeGreaterThan(0);

    await topics.locator('li[data-topic="cte-participants"] summary').click();
    const go = page.getByRole("button", { name: /^Go to CTE Participants!/ }).first();
    const label = (await go.getAttribute("aria-label"))!;
    await go.click();
    await page.waitForFunction(() => (window as unknown as { __workbook: { selection: unknown } }).__workbook.selection !== null);
    const selection = await page.evaluate(() => (window as unknown as { __workbook: { selection: { sheet: string; address: string } } }).__workbook.selection);
    expect(`Go to ${selection.sheet}!${selection.address}`).toBe(label);

    fs.mkdirSync(OUT, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, "taskpane.png") });

    // Every panel open for the accessibility check (and a full-page screenshot).
    await page.evaluate(() => document.querySelectorAll("main > details").forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.addScriptTag({ url: `${base}${AXE_PATH}` });
    const axe: AxeResult = await page.evaluate(async () => (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe.run(document, { resultTypes: ["violations"] }));
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
    expect(serious).toEqual([]);
    if (axe.violations.length > 0) console.log(`axe (moderate/minor): ${axe.violations.map((v) => `${v.impact} ${v.id}`).join(", ")}`);

    await page.screenshot({ path: path.join(OUT, "taskpane-full.png"), fullPage: true });

    expect(blocked).toEqual([]);
    const outside = requests.filter((u) => {
      const host = new URL(u).hostname;
      return host !== "127.0.0.1" && host !== "localhost" && u !== OFFICE_JS;
    });
    expect(outside).toEqual([]);
    expect(requests).toContain(OFFICE_JS); // answered by the stub, never the network
    expect(problems.filter((p) => !/favicon\.ico/.test(p))).toEqual([]);
    await page.close();
  });
});
