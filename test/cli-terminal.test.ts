/**
 * The CLI's text output where people read it: wrapped to the terminal's width with each finding's
 * sheet!cell at the start of its line, and never a raw control character from a cell, a sheet name or a
 * file name (escape injection: a grade cell must not clear the screen and print "All checks passed").
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../src/cli/main";
import { formatReport } from "../src/cli/format";
import { escapeControls, jsonForTerminal, outputWidth, wrap } from "../src/cli/terminal";
import { runChecklist } from "../src/core/engine";
import { TODAY, bin, ensureBuilt, parseReport, writeCsv } from "./helpers/e2e";
import { AFNR, concentrators, courses, participants } from "./helpers/fixtures";

/** Anything a terminal may act on: C0 except line feed, DEL, C1, and the bidirectional overrides. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const CLEAR_AND_LIE = "\u001b[2J\u001b[HAll checks passed\u0007";
const OSC_TITLE = "\u001b]0;pwned\u0007";
const C1_CSI = "\u009b2J";

async function run(argv: string[], width?: number) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), today: TODAY, width });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-terminal-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("control characters are shown, never sent", () => {
  test("escapeControls shows ESC, OSC, BEL, CR, backspace, C1 and bidi overrides as visible escapes", () => {
    expect(escapeControls(CLEAR_AND_LIE)).toBe("\\x1B[2J\\x1B[HAll checks passed\\x07");
    expect(escapeControls(OSC_TITLE)).toBe("\\x1B]0;pwned\\x07");
    expect(escapeControls(C1_CSI)).toBe("\\x9B2J");
    expect(escapeControls("a\rb\bc\nd\u202ee\u007f")).toBe("a\\x0Db\\x08c\\x0Ad\\u202Ee\\x7F");
    expect(escapeControls("Agriculture, Food & Natural Resources ‘01.09’ – é")).toBe("Agriculture, Food & Natural Resources ‘01.09’ – é");
  });

  test("the JSON for stdout parses to the same value and holds no raw control character", () => {
    const value = { message: `${CLEAR_AND_LIE}${OSC_TITLE}${C1_CSI}\u202e\u2028`, n: 1 };
    const text = jsonForTerminal(value);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });

  test("formatReport escapes values in messages, sheet names, figures and file names", () => {
    const sheet = {
      ...participants([
        ["1", CLEAR_AND_LIE],
        ["2", C1_CSI],
      ]),
      name: `Evil${OSC_TITLE}`,
    };
    const { report } = runChecklist([sheet, concentrators([["1", 11, "01.09", `${AFNR}\u001b[31m`, "Ag"]])], { today: TODAY });
    const text = formatReport(report, [`evil\u001b[2J.csv`]);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain("Evil\\x1B]0;pwned\\x07!B2");
    expect(text.replace(/\n +/g, " ")).toContain("\\x1B[2J\\x1B[HAll checks passed\\x07");
    expect(text).toContain("evil\\x1B[2J.csv");
    expect(text.split("\n").some((l) => l.startsWith("All checks passed"))).toBe(false);
  });

  test("in-process: a CSV whose file name and grade cells hold escape sequences", async () => {
    const file = path.join(dir, `Participants\u001b[2J\u0007.csv`);
    writeCsv(file, [
      ["Student ID", "Grade"],
      ["1", CLEAR_AND_LIE],
      ["2", `${OSC_TITLE}12`],
      ["3", 9],
    ]);
    const text = await run([file]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(RAW_CONTROL);
    expect(text.stderr).not.toMatch(RAW_CONTROL);
    expect(text.stdout).toContain("Participants\\x1B[2J\\x07!B2");
    expect(text.stdout.split("\n").some((l) => /^All checks passed/.test(l))).toBe(false);
    const json = await run(["--json", file]);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const report = parseReport(json.stdout);
    expect(report.sheets[0].sheet).toBe("Participants\u001b[2J\u0007");
  });

  test("in-process: an unreadable file's name in the stderr message is escaped", async () => {
    const r = await run([path.join(dir, "missing\u001b]0;pwned\u0007.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cte-check: /);
    expect(r.stderr).toContain("missing\\x1B]0;pwned\\x07.csv");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  test("child process: the real binary prints no raw control character on stdout or stderr", () => {
    const file = path.join(dir, `Roster\u001b[2J.csv`);
    writeCsv(file, [
      ["Student ID", "Grade"],
      ["1", CLEAR_AND_LIE],
      ["2", `${C1_CSI}x`],
    ]);
    const r = bin([file, path.join(dir, "Roster\u0007missing.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\x07missing.csv");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    const ok = bin([file]);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toContain("Roster\\x1B[2J!B2");
    expect(ok.stdout).not.toMatch(RAW_CONTROL);
    // Not a terminal: 80 columns.
    for (const line of ok.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe("wrapping to the terminal", () => {
  test("the width is the terminal's columns on a TTY, else 80", () => {
    expect(outputWidth({ isTTY: true, columns: 132 })).toBe(132);
    expect(outputWidth({ isTTY: true, columns: 60 })).toBe(60);
    expect(outputWidth({ isTTY: false, columns: 132 })).toBe(80);
    expect(outputWidth({})).toBe(80);
    expect(outputWidth({ isTTY: true, columns: 0 })).toBe(80);
    expect(outputWidth({ isTTY: true, columns: 5 })).toBe(20);
  });

  test("wrap breaks at spaces, indents continuation lines and cuts only words longer than a line", () => {
    expect(wrap("one two three four five six", 12, { hanging: 2 })).toEqual(["one two", "  three four", "  five six"]);
    expect(wrap("short", 20, { lead: "Sheet!A1 " })).toEqual(["Sheet!A1  short"]);
    expect(wrap("short", 12, { lead: "Sheet!A1 " })).toEqual(["Sheet!A1", "  short"]); // a hanging indent leaves at least 10 columns
    const long = wrap(`x ${"y".repeat(30)} z`, 12, { hanging: 2 });
    for (const line of long) expect(line.length).toBeLessThanOrEqual(12);
    expect(long.join("").replace(/\s/g, "")).toBe(`x${"y".repeat(30)}z`);
    expect(wrap("", 12)).toEqual([""]);
  });

  test("a 1 MB message wraps in linear time", () => {
    const start = Date.now();
    const lines = wrap(`${"word ".repeat(200_000)}${"z".repeat(1_000_000)}`, 80);
    expect(lines.length).toBeGreaterThan(10_000);
    expect(Date.now() - start).toBeLessThan(2000);
  });

  test.each([40, 60, 80, 132])("at %i columns every line fits and every finding's sheet!cell starts its line", async (width) => {
    const sheets = [
      participants([
        ["1", 8],
        ["", 9],
        ["3", "TBD"],
      ]),
      {
        ...concentrators([
          ["3", 10, "Animal Science", "Advanced Manufacturing", "Industrial Arts"],
          ["4", 12, "99.99", AFNR, ""],
        ]),
        name: "Career Concentrators with a long sheet name",
      },
      courses([
        ["SCI AP BIOLOGY", "10075"],
        ["SCI BIOLOGY HONORS", "10075"],
      ]),
    ];
    const files = sheets.map((s) => {
      const f = path.join(dir, `${s.name}.csv`);
      writeCsv(
        f,
        s.rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))),
      );
      return f;
    });
    const text = await run(files, width);
    const report = parseReport((await run(["--json", ...files])).stdout);
    const lines = text.stdout.replace(/\n$/, "").split("\n");
    const locations = new Set<string>();
    const perTopic = new Map<string, number>();
    for (const f of report.findings) {
      const n = (perTopic.get(f.topic) ?? 0) + 1;
      perTopic.set(f.topic, n);
      if (n <= 5) locations.add(`${f.sheet}!${f.cell}`);
    }
    expect(locations.size).toBeGreaterThan(5);
    for (const location of locations) {
      expect({ location, starts: lines.some((l) => l === location || l.startsWith(`${location}  `)) }).toEqual({ location, starts: true });
    }
    // Only a location longer than the whole line may overflow it; it is never cut.
    for (const line of lines) {
      const long = [...locations].some((l) => [...l].length > width && (line === l || line.startsWith(`${l}  `)));
      expect({ line, fits: long || [...line].length <= width }).toEqual({ line, fits: true });
    }
  });
});
