/**
 * The task pane in an old web view (Internet Explorer 11, or EdgeHTML on Office 2019 / older Office 2016):
 * its ES2020 bundle cannot run there, so src/taskpane/webview-check.js (ES5, loaded before the deferred
 * bundle) replaces the blank pane with one sentence naming the Excel or web view that is needed. Run in
 * jsdom with the features an old engine lacks deleted; the page's Content-Security-Policy allows it.
 */
import * as acorn from "acorn";
import * as fs from "fs";
import { JSDOM } from "jsdom";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const SCRIPT = fs.readFileSync(path.join(ROOT, "src", "taskpane", "webview-check.js"), "utf8");
const TEMPLATE = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8");

/** The pane's page with the check run in a window from which `missing` were deleted first. */
function paneWithout(missing: readonly string[]): JSDOM {
  const dom = new JSDOM(TEMPLATE.replace(/<script src="https:[^"]+"><\/script>/, ""), { runScripts: "outside-only" });
  for (const name of missing) {
    const at = name.lastIndexOf(".");
    dom.window.eval(
      at < 0 ? `delete window[${JSON.stringify(name)}]` : `delete ${name.slice(0, at)}[${JSON.stringify(name.slice(at + 1))}]`,
    );
    expect(dom.window.eval(`typeof ${name}`)).toBe("undefined");
  }
  dom.window.eval(SCRIPT);
  return dom;
}

const message = (dom: JSDOM) => dom.window.document.getElementById("webview-message");

describe("the task pane in an old web view", () => {
  test("the check is ES5, so IE11 can run it", () => {
    expect(() => acorn.parse(SCRIPT, { ecmaVersion: 5 })).not.toThrow();
  });

  test("in a current engine it shows nothing", () => {
    const dom = paneWithout([]);
    expect(message(dom)).toBeNull();
    expect(dom.window.document.body.textContent?.trim()).toBe("");
  });

  test.each([
    [
      "Internet Explorer 11",
      ["Promise", "Object.fromEntries", "Array.prototype.flat", "String.prototype.matchAll", "globalThis", "Symbol"],
    ],
    ["EdgeHTML 18", ["Object.fromEntries", "Array.prototype.flat", "Promise.allSettled", "String.prototype.matchAll", "globalThis"]],
    ["an engine without Object.fromEntries only", ["Object.fromEntries"]],
    ["an engine without Promise.allSettled only", ["Promise.allSettled"]],
  ])("in %s it says, in one sentence above the empty root, which Excel or web view is needed", (_engine, missing) => {
    const dom = paneWithout(missing);
    const note = message(dom);
    expect(note).not.toBeNull();
    expect(note!.getAttribute("role")).toBe("alert");
    const text = note!.textContent ?? "";
    expect(text).toMatch(/WebView2/);
    expect(text).toMatch(/Microsoft 365/);
    expect(text).toMatch(/Excel 2021/);
    expect(text).toMatch(/Excel on the web/);
    expect(text).toMatch(/Internet Explorer or the original Edge/);
    expect(text.match(/[.!?](\s|$)/g)?.length).toBe(1); // one sentence
    expect(note!.nextElementSibling?.id).toBe("root");
  });

  test("the page loads it from its own origin (the Content-Security-Policy allows no inline script), before the bundle", () => {
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(TEMPLATE)?.[1] ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc.split(/\s+/)).toContain("'self'");
    expect(scriptSrc).not.toMatch(/unsafe-inline|sha256-|nonce-/);
    expect(TEMPLATE).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // every script has a src
    expect(TEMPLATE).toMatch(/<script src="webview-check\.js"><\/script>/);
  });

  test("the build emits it beside taskpane.html, not deferred, ahead of the deferred bundle", () => {
    const dist = path.join(ROOT, "dist");
    if (!fs.existsSync(path.join(dist, "taskpane.html")))
      throw new Error("dist/taskpane.html is missing: run `npm run build` first (npm test does).");
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    expect(fs.existsSync(path.join(dist, "webview-check.js"))).toBe(true);
    expect(() => acorn.parse(fs.readFileSync(path.join(dist, "webview-check.js"), "utf8"), { ecmaVersion: 5 })).not.toThrow();
    const check = /<script src="?webview-check\.js"?([^>]*)>/.exec(html);
    expect(check).not.toBeNull();
    expect(check![1]).not.toMatch(/defer|async/);
    expect(html).toMatch(/<script defer(?:="defer")? src="?taskpane\.js"?>/);
  });
});
