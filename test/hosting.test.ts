/**
 * Hosting dist/ beyond the dev machine: Excel on the web fetches functions.json and functions.js from the
 * add-in's origin while running on another, so the host must answer with CORS headers. `npm run serve:dist`
 * serves dist/ as the host configuration the build writes (web.config, staticwebapp.config.json, nginx)
 * tells a real host to; this test fetches through it over https with an `Origin` header. Also: the dev
 * server never falls back to http, and stopping it leaves no process behind.
 * Servers listen on 127.0.0.1, on ports the system picks.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
/* eslint-disable @typescript-eslint/no-require-imports */
const { serveDist } = require("../scripts/serve-dist.js") as { serveDist: (o: object) => Promise<https.Server> };
const { CORS_HEADERS, MIME_TYPES } = require("../scripts/hosting.js") as {
  CORS_HEADERS: Record<string, string>;
  MIME_TYPES: Record<string, string>;
};
const devServer = require("../scripts/dev-server.js") as {
  runGroup: (cmd: string, args: string[], o: object) => { child: import("child_process").ChildProcess; exited: Promise<number> };
  stop: (o: object) => Promise<string>;
  isRunning: (pid: number) => boolean;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const ORIGIN = "https://excel.officeapps.live.com";
let tmp: string;
let cert: { cert: string; key: string };

/** A self-signed certificate for localhost/127.0.0.1, made for this test. */
function makeCert(dir: string): { cert: string; key: string } {
  const files = { cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      files.key,
      "-out",
      files.cert,
    ],
    { stdio: "ignore" },
  );
  return files;
}

function request(
  port: number,
  pathname: string,
  method = "GET",
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: "127.0.0.1", port, path: pathname, method, headers, ca: fs.readFileSync(cert.cert), servername: "localhost" },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, "functions.json")) || !fs.existsSync(path.join(DIST, "web.config"))) {
    throw new Error("dist/ is missing or old: run `npm run build` before this test (npm test does).");
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cte-hosting-"));
  cert = makeCert(tmp);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("serve:dist serves dist/ as a configured host does", () => {
  let server: https.Server;
  let port: number;
  beforeAll(async () => {
    server = await serveDist({ dir: DIST, port: 0, host: "127.0.0.1", cert: cert.cert, key: cert.key });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("functions.json and functions.js over https, readable from Excel on the web's origin", async () => {
    const json = await request(port, "/functions.json", "GET", { Origin: ORIGIN });
    expect(json.status).toBe(200);
    expect(json.headers["access-control-allow-origin"]).toBe("*");
    expect(json.headers["content-type"]).toMatch(/^application\/json/);
    expect(Array.isArray(JSON.parse(json.body).functions)).toBe(true);
    const js = await request(port, "/functions.js", "GET", { Origin: ORIGIN });
    expect(js.status).toBe(200);
    expect(js.headers["access-control-allow-origin"]).toBe("*");
    expect(js.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(js.body).toBe(fs.readFileSync(path.join(DIST, "functions.js"), "utf8"));
    const page = await request(port, "/taskpane.html");
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("answers a CORS preflight, and never serves outside dist/", async () => {
    const preflight = await request(port, "/functions.json", "OPTIONS", { Origin: ORIGIN, "Access-Control-Request-Method": "GET" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(String(preflight.headers["access-control-allow-methods"])).toContain("GET");
    expect((await request(port, "/../package.json")).status).toBe(404);
    expect((await request(port, "/%2e%2e/package.json")).status).toBe(404);
    expect((await request(port, "/nothing-here.js")).status).toBe(404);
    expect((await request(port, "/functions.json", "POST")).status).toBe(405);
  });

  it("without a certificate it refuses to start and says how to get one (no http fallback)", () => {
    const home = fs.mkdtempSync(path.join(tmp, "home-"));
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "serve-dist.js"), "--port", "0"], {
      env: { ...process.env, HOME: home, USERPROFILE: home },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("npx office-addin-dev-certs install");
  });
});

describe("host configuration written into dist/", () => {
  it("IIS, Azure Static Web Apps and nginx get the same CORS headers and content types", () => {
    const swa = JSON.parse(fs.readFileSync(path.join(DIST, "staticwebapp.config.json"), "utf8"));
    expect(swa.globalHeaders).toEqual(CORS_HEADERS);
    expect(swa.mimeTypes[".json"]).toMatch(/^application\/json/);
    const webConfig = fs.readFileSync(path.join(DIST, "web.config"), "utf8");
    const nginx = fs.readFileSync(path.join(DIST, "nginx-cte-snapshot-check.conf"), "utf8");
    for (const [name, value] of Object.entries(CORS_HEADERS)) {
      expect(webConfig).toContain(`<add name="${name}" value="${value}" />`);
      expect(nginx).toContain(`add_header ${name} "${value}" always;`);
    }
    expect(webConfig).toContain(`<mimeMap fileExtension=".json" mimeType="${MIME_TYPES[".json"]}" />`);
    expect(nginx).toMatch(/application\/json json;/);
    // well-formed XML with the elements IIS reads
    expect(webConfig).toMatch(/<configuration>[\s\S]*<system\.webServer>[\s\S]*<customHeaders>[\s\S]*<\/configuration>/);
  });
});

describe("dev server", () => {
  const withHome = <T>(home: string, f: () => T): T => {
    const saved = { HOME: process.env.HOME, USERPROFILE: process.env.USERPROFILE };
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    try {
      return f();
    } finally {
      process.env.HOME = saved.HOME;
      process.env.USERPROFILE = saved.USERPROFILE;
    }
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = () => require("../webpack.config.js")({ WEBPACK_SERVE: true }, { mode: "development" });

  it("serves https with the Office dev certificate, and refuses to start without it", () => {
    const home = fs.mkdtempSync(path.join(tmp, "home-"));
    expect(() => withHome(home, config)).toThrow(/npx office-addin-dev-certs install/);
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "dev-server.js")], {
      env: { ...process.env, HOME: home, USERPROFILE: home },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("npx office-addin-dev-certs install");
    const dir = path.join(home, ".office-addin-dev-certs");
    fs.mkdirSync(dir);
    for (const f of ["localhost.crt", "ca.crt"]) fs.copyFileSync(cert.cert, path.join(dir, f));
    fs.copyFileSync(cert.key, path.join(dir, "localhost.key"));
    const server = withHome(home, config).devServer;
    expect(server.server.type).toBe("https");
    expect(String(server.server.options.cert)).toBe(fs.readFileSync(cert.cert, "utf8"));
    expect(server.headers).toEqual(CORS_HEADERS);
  });

  it("stop ends the server's whole process tree (nothing left behind)", async () => {
    const pidFile = path.join(tmp, "dev-server.pid");
    // A stand-in for webpack serve that, like it, starts a process of its own and runs until stopped.
    const script =
      "const c=require('child_process').spawn(process.execPath,['-e','setInterval(()=>{},1000)'],{stdio:'ignore'});console.log(c.pid);setInterval(()=>{},1000);";
    const { child, exited } = devServer.runGroup(process.execPath, ["-e", script], { pidFile, stdio: ["ignore", "pipe", "inherit"] });
    const grandchild = await new Promise<number>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))));
    expect(fs.readFileSync(pidFile, "utf8").trim()).toBe(String(child.pid));
    expect(devServer.isRunning(child.pid!)).toBe(true);
    expect(devServer.isRunning(grandchild)).toBe(true);
    expect(await devServer.stop({ pidFile })).toMatch(/stopped/);
    await exited;
    const deadline = Date.now() + 5000;
    while (devServer.isRunning(grandchild) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(devServer.isRunning(child.pid!)).toBe(false);
    expect(devServer.isRunning(grandchild)).toBe(false);
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(await devServer.stop({ pidFile })).toMatch(/no dev server is running/);
  });
});
