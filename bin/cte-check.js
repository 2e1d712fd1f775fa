#!/usr/bin/env node
// Entry point declared in package.json "bin": runs the compiled CLI (npm run build:cli).
const path = require("path");
const fs = require("fs");
const compiled = path.join(__dirname, "..", "dist-cli", "cli", "main.js");
if (!fs.existsSync(compiled)) {
  process.stderr.write("cte-check: not built yet; run `npm run build:cli` first.\n");
  process.exit(2);
}
const { runCli } = require(compiled);
const { outputWidth } = require(path.join(__dirname, "..", "dist-cli", "cli", "terminal.js"));
// A closed pipe or a full disk on stdout ends the run with one line on stderr and exit status 4.
require(path.join(__dirname, "..", "dist-cli", "cli", "processIo.js")).runCliProcess(runCli, process, {
  width: outputWidth(process.stdout),
});
