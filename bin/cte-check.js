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
runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  // The text output wraps to the terminal's width (80 when stdout is not a terminal).
  width: outputWidth(process.stdout),
}).then((code) => {
  process.exitCode = code;
});
