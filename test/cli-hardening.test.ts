/**
 * `cte-check` under unlucky conditions, as real child processes where the process boundary is the point:
 * a reader that closes the pipe early, a full disk on stdout, --out onto an existing file, the same input
 * twice, absurd school years, user text in the JSON that starts like a formula, and sheets named like the
 * add-in's own Snapshot Checklist.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BIN, bin, cli, ensureBuilt, parseReport, writeCsv } from "./helpers/e2e";

let dir: string;
const file = (name: string) => path.join(dir, name);
/** A participants CSV with `n` blank ids: every row is an error, so the JSON report is large. */
function blankIds(name: string, n: number): string {
  writeCsv(file(name), [["Student ID", "Grade"], ...Array.from({ length: n }, () => ["", 9])]);
  return file(name);
}

beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-hardening-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One "cte-check: …" line on stderr, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).not.toMatch(/\n\s+at |Unhandled|node:events|Error:/);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(pattern);
}

describe("standard output that cannot be written", () => {
  test("a reader that closes the pipe (`| head -1`): one line on stderr, exit status 4", () => {
    const csv = blankIds("many.csv", 3000);
    const r = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${BIN}" --json "${csv}" | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`],
      { encoding: "utf8" },
    );
    const [message, status] = r.stderr.trimEnd().split("\n").slice(-2);
    expect(status).toBe("status=4");
    expectOneLine(
      r.stderr.replace(/status=\d+\n?$/, ""),
      /^cte-check: could not write the report to standard output: the program reading it stopped reading \(the pipe was closed\)\.$/m,
    );
    expect(message).toMatch(/^cte-check: /);
  });

  test("a full disk on stdout (/dev/full): one line on stderr, exit status 4", () => {
    const csv = blankIds("some.csv", 20);
    const full = fs.openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [BIN, "--json", csv], { stdio: ["ignore", full, "pipe"], encoding: "utf8" });
      expect(r.status).toBe(4);
      expectOneLine(r.stderr, /^cte-check: could not write the report to standard output: the disk is full\.$/);
    } finally {
      fs.closeSync(full);
    }
  });

  test("the usage documents exit status 4", () => {
    const r = bin(["--help"]);
    expect(r.stdout).toMatch(/4 the report could not be written to standard output/);
    expect(fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8")).toMatch(/\| *4 *\|[^\n]*could not be written/);
  });
});

test("--out onto an existing file other than the input replaces it and says so on stderr", async () => {
  const csv = blankIds("out-input.csv", 2);
  const out = file("existing.xlsx");
  fs.writeFileSync(out, "an older copy");
  const r = await cli(["--json", "--out", out, csv]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`cte-check: note: '${out}' existed and was replaced by the annotated copy.`);
  expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  const fresh = file("fresh.xlsx");
  expect((await cli(["--json", "--out", fresh, csv])).stderr).not.toContain("replaced");
});

test("the same input file given twice (also through another path) is checked once, with a note", async () => {
  const csv = blankIds("twice.csv", 2);
  const link = file("link.csv");
  fs.symlinkSync(csv, link);
  const r = await cli(["--json", csv, link, path.join(dir, ".", "twice.csv")]);
  const report = parseReport(r.stdout);
  expect(report.sheets.map((s) => s.sheet)).toEqual(["twice"]);
  expect(report.findings.filter((f) => f.rule === "STUDENT-ID-MISSING")).toHaveLength(2);
  expect(r.stderr).toContain(`cte-check: note: '${link}' is the same file as '${csv}'; it is checked once.`);
  expect(r.stderr.match(/is the same file as/g)).toHaveLength(2);
});

test.each(["0000-01", "9999-00", "1899-00", "2025-3026", "2100-01"])("--school-year %s is refused with exit 2", async (year) => {
  const r = await cli(["--school-year", year, blankIds("year.csv", 1)]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(`School year "${year}" is not a school year like 2025-26 (from 2000-01 to 2099-00).`);
});

test("the JSON's sheet names, column headers and figure keys are neutralised like messages", async () => {
  const csv = file("=cmd.csv");
  writeCsv(csv, [
    ["Student ID", "Grade", "Program Name", "Program Type", "Certificated Program Status", "+Hours"],
    ["1234567890", 11, '=HYPERLINK("http://x")', "Industry Recognized Credentials", "A", 5],
  ]);
  const report = parseReport((await cli(["--json", "--", csv])).stdout);
  expect(report.sheets[0].sheet).toBe("'=cmd");
  expect(new Set(report.findings.map((f) => f.sheet))).toEqual(new Set(["'=cmd"]));
  const figures = JSON.stringify(report.checklist.map((t) => t.figure));
  expect(figures).toContain(`"'=HYPERLINK(\\"http://x\\")"`);
  expect(figures).not.toMatch(/"[=+\-@]/);
  for (const s of report.sheets) for (const header of Object.values(s.columns)) expect(header).not.toMatch(/^[=+\-@\t\r]/);
});

describe("sheets named like the add-in's Snapshot Checklist", () => {
  test("a CSV named 'Snapshot Checklist…' is checked like any other", async () => {
    const r = await cli(["--json", blankIds("Snapshot Checklist 2025.csv", 2)]);
    expect(r.code).toBe(1);
    const report = parseReport(r.stdout);
    expect(report.sheets[0]).toMatchObject({ sheet: "Snapshot Checklist 2025", kind: "participants" });
    expect(report.findings.filter((f) => f.rule === "STUDENT-ID-MISSING")).toHaveLength(2);
  });

  test("the sheet cte-check wrote into its copy is listed as not checked when the copy is checked again", async () => {
    const out = file("copy.xlsx");
    await cli(["--json", "--out", out, blankIds("Participants.csv", 2)]);
    const r = await cli(["--json", out]);
    const report = parseReport(r.stdout);
    const own = report.sheets.find((s) => s.sheet === "Snapshot Checklist");
    expect(own).toMatchObject({ kind: null, dataRows: 0 });
    expect(own?.note).toMatch(/Snapshot Checklist sheet written by this add-in or cte-check; not checked/);
    expect(report.findings.filter((f) => f.sheet === "Snapshot Checklist")).toEqual([]);
    const text = await cli([out]);
    expect(text.stdout).toMatch(/Snapshot Checklist\s+not checked: a Snapshot Checklist sheet written/);
  });
});
