// `npm run bench`: speed and size figures, each as a ratio against a baseline measured in the same run.
// Prints one table. Needs `npm run build:cli` (and `npm run build` for the bundle row). Not a test:
// figures vary by machine; targets are printed beside them.
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { spawnSync } = require("child_process");
const { sheets, writeXlsx } = require("./district.js");

const ROOT = path.join(__dirname, "..");
const core = (m) => require(path.join(ROOT, "dist-cli", "core", m));
const { runChecklist } = core("engine.js");
const { cellText } = core("cells.js");
const { foldKey } = core("normalize.js");

const rows = [];
const add = (figure, value, baseline, target, note = "") => rows.push({ figure, value, baseline, target, note });

function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** The floor: read every cell once and normalise it (text, trimmed, folded). */
function floor(input) {
  let n = 0;
  for (const s of input) for (const row of s.rows) for (const c of row) n += foldKey(cellText(c)).length;
  return n;
}

function engineBench() {
  for (const size of [10000, 100000]) {
    const input = sheets(size);
    const runs = size > 50000 ? 3 : 5;
    floor(input); runChecklist(input, { schoolYear: "2025-26" }); // warm up
    const tFloor = median(() => floor(input), runs);
    const tEngine = median(() => runChecklist(input, { schoolYear: "2025-26" }), runs);
    add(`engine, ${size.toLocaleString("en-US")} rows`, `${tEngine.toFixed(0)} ms`, `floor ${tFloor.toFixed(0)} ms`, "≤ 3", ratio(tEngine, tFloor));
  }
}

function ratio(a, b) {
  return `×${(a / b).toFixed(2)}`;
}

/** Runs a Node child and reads its wall time and peak RSS (maxRSS from process.resourceUsage). */
function child(script, args, nodeArgs = []) {
  const wrapper = `const t0=Date.now();const done=(c)=>{process.stderr.write("\\n@@"+JSON.stringify({ms:Date.now()-t0,rssKB:process.resourceUsage().maxRSS,code:c})+"\\n")};${script}`;
  const r = spawnSync(process.execPath, [...nodeArgs, "-e", wrapper, "--", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  const m = /@@(\{.*\})/.exec(r.stderr);
  if (!m) throw new Error(`child failed: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(m[1]);
}

async function cliBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-bench-"));
  const file = path.join(dir, "district-100k.xlsx");
  await writeXlsx(100000, file);
  // Three runs of each, alternating, medians: one child run is too noisy on a 2-core machine.
  const bares = [];
  const clis = [];
  for (let i = 0; i < 3; i++) {
    bares.push(child(`const E=require("exceljs");new E.Workbook().xlsx.readFile(process.argv[1]).then(()=>done(0));`, [file]));
    clis.push(child(`require("./dist-cli/cli/main.js").runCli(["--json",process.argv[1]],{stdout:()=>{},stderr:()=>{}}).then(done);`, [file]));
  }
  const mid = (runs) => runs.slice().sort((a, b) => a.ms - b.ms)[1];
  const bare = mid(bares);
  const cli = mid(clis);
  const out = path.join(dir, "checked.xlsx");
  // --out runs under the 2 GB heap Node gives on an 8 GB laptop; a run that dies there has no figures.
  const HEAP = ["--max-old-space-size=2048"];
  const runOut = `require("./dist-cli/cli/main.js").runCli(["--json","--out",process.argv[2],process.argv[1]],{stdout:()=>{},stderr:()=>{}}).then(done);`;
  const cliOut = child(runOut, [file, out], HEAP);
  const mb = (run) => `${(run.rssKB / 1024).toFixed(0)} MB`;
  const withinGB = (run) => (run.rssKB <= 1024 * 1024 ? "met" : "MISSED");
  add("CLI --json, 100,000-row .xlsx", `${cli.ms} ms`, `exceljs read ${bare.ms} ms`, "≤ 1.5", ratio(cli.ms, bare.ms));
  add("CLI --json peak RSS", mb(cli), `exceljs read ${mb(bare)}`, "≤ 500 MB", "");
  add("CLI --json --out, 100,000 rows", `${cliOut.ms} ms`, `exceljs read ${bare.ms} ms`, "(info)", ratio(cliOut.ms, bare.ms));
  add("CLI --out peak RSS, 100,000-row .xlsx", mb(cliOut), `exceljs read ${mb(bare)}`, "≤ 1 GB", `${withinGB(cliOut)}, ${ratio(cliOut.rssKB, bare.rssKB)}`);
  // The copy of CSV input is streamed: 200,000 rows × 20 columns, against the same check without --out.
  const csv = path.join(dir, "participants-200k-x20.csv");
  const lines = [["Student ID", "Grade", ...Array.from({ length: 18 }, (_, i) => `Extra ${i}`)].join(",")];
  for (let r = 0; r < 200000; r++) lines.push([String(9000000000 + r), String(9 + (r % 4)), ...Array.from({ length: 18 }, (_, i) => (i % 2 ? `v${r % 1000}` : String(r + i)))].join(","));
  fs.writeFileSync(csv, `${lines.join("\n")}\n`);
  const csvJson = child(`require("./dist-cli/cli/main.js").runCli(["--json",process.argv[1]],{stdout:()=>{},stderr:()=>{}}).then(done);`, [csv], HEAP);
  const csvOut = child(runOut, [csv, path.join(dir, "csv-checked.xlsx")], HEAP);
  add("CLI --out peak RSS, 200,000 × 20 CSV", mb(csvOut), `--json alone ${mb(csvJson)}`, "≤ 1 GB", `${withinGB(csvOut)}, ${ratio(csvOut.rssKB, csvJson.rssKB)}, ${csvOut.ms} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function bundleBench() {
  const file = path.join(ROOT, "dist", "taskpane.js");
  if (!fs.existsSync(file)) {
    add("task pane bundle", "not built", "", "≤ 300 KB gzip", "run npm run build");
    return;
  }
  const raw = fs.readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 9 });
  add("task pane bundle (taskpane.js)", `${(gz.length / 1024).toFixed(1)} KB gzip`, `${(raw.length / 1024).toFixed(1)} KB raw`, "≤ 300 KB gzip", gz.length <= 300 * 1024 ? "met" : "MISSED");
}

function print() {
  const cols = ["figure", "value", "baseline", "target", "note"];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => cols.map((c, i) => String(r[c]).padEnd(width[i])).join("  ");
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

(async () => {
  const sections = require(path.join(ROOT, "dist-bench", "bench", "sections.js"));
  engineBench();
  await cliBench();
  await sections.gateway(add);
  sections.functions(add, median);
  bundleBench();
  await sections.pane(add);
  print();
})().catch((err) => {
  console.error(`bench failed: ${err.stack || err}`);
  process.exitCode = 1;
});
