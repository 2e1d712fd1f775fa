// `npm run demo`: the checklist on the bundled synthetic district workbook, with the synthetic DPI
// course catalog as a reference list. Prints the checklist table, writes the annotated copy and the
// JSON report under samples/out/. The sample has planted problems, so "errors found" (exit 1) is the
// expected result here; anything else fails the demo.
// Runs the CLI from its TypeScript source (through tsx, like every script), so it needs no build of its own.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../src/cli/main";

const root = path.join(__dirname, "..");
const outDir = path.join(root, "samples", "out");
const copy = path.join(outDir, "district-sample.checked.xlsx");
const json = path.join(outDir, "district-sample.report.json");
const args = [
  path.join(root, "samples", "district-sample.xlsx"),
  "--reference",
  path.join(root, "samples", "synthetic-dpi-course-catalog.csv"),
  "--team",
  "Demo team (synthetic data)",
];

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  let jsonText = "";
  const jsonCode = await runCli([...args, "--json"], {
    stdout: (t: string) => {
      jsonText += t;
    },
    stderr: (t: string) => process.stderr.write(t),
  });
  if (jsonCode !== 1) throw new Error(`expected exit 1 (planted errors) from the JSON run, got ${jsonCode}`);
  fs.writeFileSync(json, jsonText);
  const code = await runCli([...args, "--out", copy], {
    stdout: (t: string) => process.stdout.write(t),
    stderr: (t: string) => process.stderr.write(t),
  });
  if (code !== 1) throw new Error(`expected exit 1 (planted errors), got ${code}`);
  process.stdout.write(`\nAnnotated copy: ${path.relative(root, copy)}\nJSON report:    ${path.relative(root, json)}\n`);
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err.message}\n`);
  process.exitCode = 1;
});
