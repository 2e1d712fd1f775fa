// Builds the add-in into dist/: taskpane.html (+ bundle), functions.html/js/json (custom functions,
// JavaScript-only runtime), help.html, assets and the manifest.
//   npm run build                  production; manifest URLs rewritten to ADDIN_URL (default: unchanged)
//   npm run dev-server             https://localhost:3000 with the Office dev certificates (never http)
// Every build also writes host configuration (CORS headers, MIME types) for IIS, Azure Static Web Apps and
// nginx into dist/ (scripts/hosting.js).
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { CORS_HEADERS, hostConfigs } = require("./scripts/hosting");
const { devHttpsOptions, missingCerts, missingCertMessage } = require("./scripts/dev-server");
const { finishFunctionsMetadata } = require("./scripts/functions-json");

const DEV_URL = "https://localhost:3000/";

/** Emits the static hosts' configuration files into dist/. */
class HostConfigPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HostConfigPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "HostConfigPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const [name, text] of Object.entries(hostConfigs())) compilation.emitAsset(name, new sources.RawSource(text));
      });
    });
  }
}

/** Rewrites the dev URL inside emitted assets (functions.json's helpUrl) for a production build. */
class RewriteUrlsPlugin {
  constructor(from, to, files) {
    Object.assign(this, { from, to, files });
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("RewriteUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "RewriteUrlsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, (assets) => {
        for (const name of this.files) {
          if (!assets[name] || this.from === this.to) continue;
          const text = assets[name].source().toString().split(this.from).join(this.to);
          compilation.updateAsset(name, new sources.RawSource(text));
        }
      });
    });
  }
}

/** Adds what the JSDoc cannot express to the generated functions.json (scripts/functions-json.js). */
class FinishFunctionsMetadataPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FinishFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FinishFunctionsMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        (assets) => {
          if (!assets["functions.json"]) return;
          const finished = finishFunctionsMetadata(assets["functions.json"].source().toString());
          compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(finished, null, 2)));
        },
      );
    });
  }
}

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  const prodUrl = (process.env.ADDIN_URL || DEV_URL).replace(/\/?$/, "/");
  const https = !production ? devHttpsOptions() : null;
  // The manifest says https: serving over http would only fail later, inside Office.
  if (env && env.WEBPACK_SERVE && !https) throw new Error(missingCertMessage(missingCerts()));
  return {
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // Its own layer, so that the modules it shares with the task pane are compiled a second time, for the
      // custom-functions runtime (ES2016: see tsconfig.functions.json).
      functions: { import: "./src/functions/functions.ts", layer: "functions" },
    },
    experiments: { layers: true },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          oneOf: [
            {
              issuerLayer: "functions",
              use: { loader: "ts-loader", options: { configFile: "tsconfig.functions.json", instance: "functions" } },
            },
            { use: { loader: "ts-loader", options: { configFile: "tsconfig.web.json" } } },
          ],
        },
      ],
    },
    performance: { maxAssetSize: 600 * 1024, maxEntrypointSize: 600 * 1024 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HostConfigPlugin(),
      new FinishFunctionsMetadataPlugin(),
      ...(production ? [new RewriteUrlsPlugin(DEV_URL, prodUrl, ["functions.json"])] : []),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "functions.html", template: "./src/functions/functions.html", chunks: ["functions"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/functions/help.html", to: "help.html" },
          { from: "src/taskpane/webview-check.js", to: "webview-check.js" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? content.toString().replace(new RegExp(DEV_URL, "g"), prodUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      headers: CORS_HEADERS,
      server: { type: "https", options: https },
      port: 3000,
      static: { directory: path.join(__dirname, "dist") },
    },
  };
};
