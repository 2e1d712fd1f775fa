#!/usr/bin/env node
// The development server over https, and a way to stop it that leaves no webpack process behind.
//   npm run dev-server     webpack serve on https://localhost:3000 with the Office dev certificate
//   npm stop               stops it (and whatever it started), then unregisters the sideloaded add-in
// The manifest points Office at https URLs, so there is no http fallback: without the certificate this
// says how to install it and exits with status 1. The server runs in its own process group, whose id is
// kept in .dev-server.pid, so `npm stop` ends webpack and every process it started; Ctrl-C does the same.
"use strict";

const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const PID_FILE = path.join(ROOT, ".dev-server.pid");
const CERT_FILES = ["localhost.crt", "localhost.key", "ca.crt"];

/** Where office-addin-dev-certs keeps the certificate: ~/.office-addin-dev-certs. */
function certDir(home = process.env.HOME || process.env.USERPROFILE || os.homedir()) {
  return path.join(home, ".office-addin-dev-certs");
}

/** webpack-dev-server's https options from the Office dev certificate, or null when it is not installed. */
function devHttpsOptions(home) {
  if (missingCerts(home).length > 0) return null;
  const dir = certDir(home);
  return {
    key: fs.readFileSync(path.join(dir, "localhost.key")),
    cert: fs.readFileSync(path.join(dir, "localhost.crt")),
    ca: fs.readFileSync(path.join(dir, "ca.crt")),
  };
}

/** The missing certificate files (empty when the Office dev certificate is installed). */
function missingCerts(home) {
  return CERT_FILES.map((f) => path.join(certDir(home), f)).filter((f) => !fs.existsSync(f));
}

function missingCertMessage(missing) {
  return [
    `The dev server needs the Office dev certificate (Office loads add-ins over https only); missing: ${missing.join(", ")}.`,
    "Install it once with:  npx office-addin-dev-certs install",
    "(on Linux this asks for sudo to trust the certificate), then run `npm run dev-server` again.",
  ].join("\n");
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** Ends the process tree (POSIX: the whole process group) of `pid`. */
function killTree(pid, signal = "SIGTERM") {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `command args` in its own process group, records its pid in `pidFile`, forwards Ctrl-C and
 * termination to the group, and resolves with its exit code when it ends (removing the pid file).
 */
function runGroup(command, args, { pidFile = PID_FILE, env = process.env, stdio = "inherit" } = {}) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio, detached: process.platform !== "win32" });
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  const forward = (signal) => () => killTree(child.pid, signal);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  process.on("SIGHUP", onTerm);
  return {
    child,
    exited: new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        process.off("SIGINT", onInt);
        process.off("SIGTERM", onTerm);
        process.off("SIGHUP", onTerm);
        // Whatever the server started goes with it.
        killTree(child.pid, "SIGTERM");
        try {
          if (fs.readFileSync(pidFile, "utf8").trim() === String(child.pid)) fs.unlinkSync(pidFile);
        } catch {
          // already removed by `stop`
        }
        resolve(code ?? (signal ? 1 : 0));
      });
    }),
  };
}

/** Stops the server recorded in `pidFile`; waits up to `graceMs` before forcing. Returns what it did. */
async function stop({ pidFile = PID_FILE, graceMs = 5000 } = {}) {
  let pid;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  } catch {
    return "no dev server is running (no .dev-server.pid)";
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) {
    fs.rmSync(pidFile, { force: true });
    return "the dev server had already stopped";
  }
  killTree(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isRunning(pid)) killTree(pid, "SIGKILL");
  fs.rmSync(pidFile, { force: true });
  return `stopped the dev server (process group ${pid})`;
}

if (require.main === module) {
  (async () => {
    if (process.argv.includes("--stop")) {
      console.log(await stop());
      return;
    }
    const missing = missingCerts();
    if (missing.length > 0) {
      console.error(missingCertMessage(missing));
      process.exit(1);
    }
    const webpackCli = require.resolve("webpack-cli/bin/cli.js");
    const { exited } = runGroup(process.execPath, [webpackCli, "serve", "--mode", "development"]);
    process.exit(await exited);
  })();
}

module.exports = { missingCerts, missingCertMessage, devHttpsOptions, runGroup, stop, isRunning, certDir };
