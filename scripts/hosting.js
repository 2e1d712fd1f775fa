// How a web server must serve dist/ for Excel: one definition, written out as ready configuration for the
// common static hosts (the build puts these files into dist/) and used by scripts/serve-dist.js.
//
// Excel on the web fetches functions.json and functions.js from the add-in's origin while running on
// another one (the Office online domain), so every response carries CORS headers; the files are public and
// carry no credentials, so any origin may read them.
"use strict";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
};

/** Content types by extension (what IIS or a bare nginx may not know, e.g. .json on old IIS). */
const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** The host configuration files the build writes into dist/, by file name. */
function hostConfigs() {
  const headerLines = Object.entries(CORS_HEADERS);
  const mimeEntries = Object.entries(MIME_TYPES).filter(([ext]) => ext !== ".html");

  // IIS (and Azure App Service on Windows): custom headers and MIME types.
  const webConfig = [
    '<?xml version="1.0" encoding="utf-8"?>',
    "<!-- CTE Snapshot Check on IIS: CORS headers so Excel on the web can load functions.json and functions.js. -->",
    "<configuration>",
    "  <system.webServer>",
    "    <httpProtocol>",
    "      <customHeaders>",
    ...headerLines.flatMap(([name, value]) => [`        <remove name="${name}" />`, `        <add name="${name}" value="${value}" />`]),
    "      </customHeaders>",
    "    </httpProtocol>",
    "    <staticContent>",
    ...mimeEntries.flatMap(([ext, type]) => [
      `      <remove fileExtension="${ext}" />`,
      `      <mimeMap fileExtension="${ext}" mimeType="${type}" />`,
    ]),
    "    </staticContent>",
    "  </system.webServer>",
    "</configuration>",
    "",
  ].join("\r\n");

  // Azure Static Web Apps: global headers and MIME types.
  const staticWebApp = `${JSON.stringify(
    {
      globalHeaders: CORS_HEADERS,
      mimeTypes: Object.fromEntries(mimeEntries.map(([ext, type]) => [ext, type])),
    },
    null,
    2,
  )}\n`;

  // nginx: a location block to include in the server block that serves dist/.
  const nginx = [
    "# CTE Snapshot Check on nginx: include inside the https server { } block that serves dist/,",
    "# e.g. `include /etc/nginx/snippets/cte-snapshot-check.conf;`, and set the root to where dist/ is.",
    "location / {",
    "    # root /var/www/cte-snapshot-check;",
    ...headerLines.map(([name, value]) => `    add_header ${name} "${value}" always;`),
    "    types {",
    ...mimeEntries.map(([ext, type]) => `        ${type.split(";")[0]} ${ext.slice(1)};`),
    "        text/html html;",
    "    }",
    "    charset utf-8;",
    "    charset_types text/javascript application/json application/xml;",
    "    if ($request_method = OPTIONS) { return 204; }",
    "}",
    "",
  ].join("\n");

  return { "web.config": webConfig, "staticwebapp.config.json": staticWebApp, "nginx-cte-snapshot-check.conf": nginx };
}

module.exports = { CORS_HEADERS, MIME_TYPES, hostConfigs };
