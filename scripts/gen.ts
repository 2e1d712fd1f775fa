// `npm run gen`: regenerates every file made from the code or from reference-data/, in dependency order:
//   src/core/reference/generated.ts  reference lists (scripts/gen-reference.ts)
//   README.md rule table, docs/rules.md  the rule catalogue (scripts/rules-doc.ts)
//   src/functions/help.html          the custom functions' help page (scripts/make-help.ts)
//   samples/                         the synthetic district (scripts/make-sample.ts)
// `npm run gen -- --check` writes nothing and exits 1 naming each stale file (test/generated.test.ts runs it).
// Every script runs through tsx, the one way this repository runs TypeScript outside jest, webpack and tsc.
import * as fs from "fs";
import * as path from "path";
import { generate as generateReference, OUT_FILE as REFERENCE_FILE } from "./gen-reference";
import { build as buildHelp, HELP_HTML } from "./make-help";
import { staleSamples, writeSamples } from "./make-sample";
import { catalogue, README, render as renderReadme, RULES_MD } from "./rules-doc";

const ROOT = path.join(__dirname, "..");
const USAGE = "usage: npm run gen [-- --check]";

/** A generated text file: where it lives and its content as the sources give it now. */
interface TextTarget {
  readonly file: string;
  readonly expected: () => Promise<string> | string;
}

const read = (file: string): string | null => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);

// Order matters: the help page and the catalogue read the registry, which reads the generated reference lists.
const TEXT_TARGETS: readonly TextTarget[] = [
  { file: REFERENCE_FILE, expected: () => generateReference() },
  { file: README, expected: () => renderReadme(read(README) ?? "") },
  { file: RULES_MD, expected: () => catalogue() },
  { file: HELP_HTML, expected: () => buildHelp() },
];

/** The generated files that differ from what their generators produce now. */
export async function staleFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const target of TEXT_TARGETS) {
    if (read(target.file) !== (await target.expected())) stale.push(path.relative(ROOT, target.file));
  }
  return [...stale, ...(await staleSamples())];
}

async function writeAll(): Promise<void> {
  for (const target of TEXT_TARGETS) {
    const text = await target.expected();
    const relative = path.relative(ROOT, target.file);
    if (read(target.file) === text) {
      console.log(`${relative}: up to date`);
      continue;
    }
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    fs.writeFileSync(target.file, text);
    console.log(`${relative}: written`);
  }
  console.log(await writeSamples());
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(" ")}\n${USAGE}`);
    return 2;
  }
  if (!argv.includes("--check")) {
    await writeAll();
    return 0;
  }
  const stale = await staleFiles();
  if (stale.length > 0) {
    console.error(`stale generated files: ${stale.join(", ")}. Run: npm run gen`);
    return 1;
  }
  console.log("all generated files are up to date");
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 2;
    },
  );
}
