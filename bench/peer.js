// The CSV-path comparison with a peer (bench row "CSV --json vs csv-file-validator"): the same
// 100,000-row concentrators CSV checked by csv-file-validator with five column checks and by
// `cte-check --json`, each as a whole process (node start-up included): wall time and peak RSS.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { sheets } = require("./district.js");

const ROOT = path.join(__dirname, "..");
const REPORTER = path.join(__dirname, "rss-reporter.js");

/** Writes the district's concentrators export (`rows` data rows, about 3% problem rows) as a CSV file. */
function concentratorsCsv(rows, file) {
  // sheets(n) gives concentrators 15% of n rows.
  const sheet = sheets(Math.ceil(rows / 0.15)).find((s) => s.name === "Career Concentrators");
  const field = (v) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = sheet.rows.slice(0, rows + 1).map((r) => r.map(field).join(","));
  fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
}

/** Runs `node args…` to completion: wall time measured here, peak RSS reported by the child at exit. */
function wholeProcess(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", REPORTER, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const m = /@@rss (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`${args.join(" ")} failed: ${r.stderr.slice(0, 500)}`);
  return { ms, rssKB: Number(m[1]), status: r.status };
}

/** Median of `runs` alternating runs of each command (one run is too noisy on a shared machine). */
function compare(commands, runs = 3) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, k) => results[k].push(wholeProcess(args)));
  const mid = (list, key) => list.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return results.map((list) => ({ ms: mid(list, "ms"), rssKB: mid(list, "rssKB"), status: list[0].status }));
}

/** Adds the side-by-side rows to the bench table. */
function peerBench(add, dir) {
  const file = path.join(dir, "concentrators-100k.csv");
  concentratorsCsv(100000, file);
  const [peer, ours] = compare([
    [path.join(__dirname, "peer-validate.js"), file],
    [path.join(ROOT, "bin", "cte-check.js"), "--json", file],
  ]);
  const ratio = (a, b) => `×${(a / b).toFixed(2)}`;
  add(
    "CSV --json, 100,000 concentrators (whole process)",
    `${ours.ms.toFixed(0)} ms`,
    `csv-file-validator ${peer.ms.toFixed(0)} ms`,
    "≤ 1.5",
    ratio(ours.ms, peer.ms),
  );
  add(
    "CSV --json peak RSS (whole process)",
    `${(ours.rssKB / 1024).toFixed(0)} MB`,
    `csv-file-validator ${(peer.rssKB / 1024).toFixed(0)} MB`,
    "≤ 1.5",
    ratio(ours.rssKB, peer.rssKB),
  );
}

module.exports = { concentratorsCsv, wholeProcess, compare, peerBench };
