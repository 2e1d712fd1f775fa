#!/usr/bin/env node
// Serves dist/ the way a configured host does (scripts/hosting.js): https, CORS headers, content types.
//   npm run serve:dist [-- --port 3000 --host 127.0.0.1 --cert file.crt --key file.key]
// Without --cert/--key it uses the Office dev certificate (~/.office-addin-dev-certs), which
// `npx office-addin-dev-certs install` creates; there is no plain-http mode, as Office loads add-ins over
// https only.
"use strict";

const fs = require("fs");
const https = require("https");
const os = require("os");
const path = require("path");
const { CORS_HEADERS, MIME_TYPES } = require("./hosting");

const USAGE = "usage: node scripts/serve-dist.js [--dir dist] [--port 3000] [--host 127.0.0.1] [--cert file.crt --key file.key]";

function parseArgs(argv) {
  const options = { dir: path.join(__dirname, "..", "dist"), port: 3000, host: "127.0.0.1", cert: null, key: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!["--dir", "--port", "--host", "--cert", "--key"].includes(flag) || value === undefined)
      throw new Error(`${flag === undefined ? "missing argument" : `unknown or incomplete option ${flag}`}\n${USAGE}`);
    i++;
    if (flag === "--port") {
      options.port = Number(value);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
        throw new Error(`--port must be 0–65535, not ${value}`);
    } else {
      options[flag.slice(2)] = value;
    }
  }
  return options;
}

/** The certificate and key to serve with: the given files, else the Office dev certificate. */
function tlsOptions({ cert, key }) {
  if ((cert === null) !== (key === null)) throw new Error("give both --cert and --key, or neither (to use the Office dev certificate)");
  if (cert !== null) return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
  if (!fs.existsSync(files.cert) || !fs.existsSync(files.key)) {
    throw new Error(
      `No certificate: ${files.cert} is missing. ` +
        "Install the Office dev certificate with `npx office-addin-dev-certs install`, or pass --cert and --key.",
    );
  }
  return { cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
}

/** A request handler serving files under `root` (GET, HEAD, OPTIONS), never outside it. */
function handler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD, OPTIONS" }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "https://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(base, `.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
        return;
      }
      res.writeHead(200, {
        "Content-Type": MIME_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": stat.size,
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  };
}

/** Starts the server; resolves with it once it listens (port 0 picks a free port). */
function serveDist(options) {
  if (!fs.existsSync(path.join(options.dir, "manifest.xml"))) throw new Error(`${options.dir} has no build: run \`npm run build\` first.`);
  const server = https.createServer(tlsOptions(options), handler(options.dir));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

if (require.main === module) {
  (async () => {
    try {
      const options = parseArgs(process.argv.slice(2));
      const server = await serveDist(options);
      const { port } = server.address();
      const host = options.host === "127.0.0.1" ? "localhost" : options.host;
      console.log(`Serving ${options.dir} at https://${host}:${port}/ (CORS on). Ctrl-C stops it.`);
      const stop = () => server.close(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    } catch (err) {
      console.error(`serve:dist: ${err.message}`);
      process.exit(2);
    }
  })();
}

module.exports = { serveDist, handler, parseArgs };
