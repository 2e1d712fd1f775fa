/**
 * Hosts the BUILT task pane for headless Chromium (the browser test and `npm run bench`): a loopback
 * server for dist/, and an office.js stand-in that defines `Office` and an `Excel.run` backed by the
 * fake Excel (test/helpers/fakeExcel.ts, transpiled) holding a synthetic district.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import ts from "typescript";
import { district } from "./district";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** The project root (also when this file runs compiled from dist-bench/). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const DIST = path.join(ROOT, "dist");
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const AXE_PATH = "/__test__/axe.min.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

export function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file =
      url.pathname === AXE_PATH
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
export function stubOfficeJs(rows = 400): string {
  const source = fs.readFileSync(path.join(ROOT, "test", "helpers", "fakeExcel.ts"), "utf8");
  const fake = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  const sheets = district(rows);
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
