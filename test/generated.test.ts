// `npm run gen -- --check`: every generated file (reference lists, README rule table, docs/rules.md, the
// functions' help page, the sample) matches what its generator produces, and a stale one is named.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const TSX_CLI = require.resolve("tsx/cli");

function genCheck(root: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [TSX_CLI, path.join(root, "scripts", "gen.ts"), "--check"], { cwd: root, encoding: "utf8" });
}

/** A copy of what the generators read and write, with node_modules linked, so a test may make files stale. */
function copyOfRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-gen-"));
  for (const entry of ["scripts", "src", "reference-data", "samples", "docs", "README.md", "package.json", "tsconfig.json"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true, filter: (from) => !from.includes(`${path.sep}out`) });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

test("npm run gen -- --check passes on the committed tree", () => {
  const r = genCheck(ROOT);
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("all generated files are up to date");
  expect(r.status).toBe(0);
});

test("npm run gen -- --check fails naming each stale file, and npm run gen makes them current", () => {
  const dir = copyOfRepository();
  try {
    fs.appendFileSync(path.join(dir, "docs", "rules.md"), "\nhand edit\n");
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    fs.writeFileSync(path.join(dir, "README.md"), readme.replace(/\| `IAC-MISSING` \|[^\n]*\n/, ""));
    const stale = genCheck(dir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("stale generated files: README.md, docs/rules.md. Run: npm run gen");

    const write = spawnSync(process.execPath, [TSX_CLI, path.join(dir, "scripts", "gen.ts")], { cwd: dir, encoding: "utf8" });
    expect(write.status).toBe(0);
    expect(genCheck(dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe(readme);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
