/**
 * `cte-check` outside the repository, as the README tells a coordinator to install it: the package's
 * tarball carries the compiled CLI, and a global install (here into a temporary prefix) gives a working
 * command from any folder.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, ensureBuilt } from "./helpers/e2e";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

beforeAll(() => ensureBuilt());

test("npm pack ships the command and its compiled code, not the sources or tests", () => {
  const r = spawnSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  expect(r.status).toBe(0);
  const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
  expect(files).toEqual(
    expect.arrayContaining([
      "bin/cte-check.js",
      "dist-cli/cli/main.js",
      "dist-cli/cli/terminal.js",
      "dist-cli/core/engine.js",
      "package.json",
      "README.md",
    ]),
  );
  expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
});

test("npm install -g into a prefix gives a cte-check command that runs from another folder", () => {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "cte-prefix-"));
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "cte-elsewhere-"));
  try {
    const install = spawnSync(
      npm,
      ["install", "-g", "--prefix", prefix, "--ignore-scripts", "--offline", "--no-audit", "--no-fund", ROOT],
      { cwd: elsewhere, encoding: "utf8" },
    );
    expect({ status: install.status, stderr: install.status === 0 ? "" : install.stderr }).toEqual({ status: 0, stderr: "" });
    const command = process.platform === "win32" ? path.join(prefix, "cte-check.cmd") : path.join(prefix, "bin", "cte-check");
    const r = spawnSync(command, [path.join(ROOT, "samples", "district-sample.xlsx")], { cwd: elsewhere, encoding: "utf8" });
    expect(r.status).toBe(1); // the sample has planted errors
    expect(r.stdout).toMatch(/^CTE Snapshot Check: school year \d{4}-\d{2}; district-sample\.xlsx/);
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});
