// Explicit flat config: typescript-eslint's recommended rules, React hooks rules, plus the purity rule for src/core.
// Ignores come from .gitignore, so lint never reads build output (dist-bench/, dist-cli/ ...) that git ignores.
import { fileURLToPath } from "node:url";
import { includeIgnoreFile } from "@eslint/compat";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const NODE_BUILTINS = [
  "fs",
  "path",
  "os",
  "child_process",
  "http",
  "https",
  "net",
  "url",
  "util",
  "stream",
  "crypto",
  "zlib",
  "worker_threads",
  "process",
  "buffer",
  "events",
];

export default tseslint.config(
  includeIgnoreFile(fileURLToPath(new URL(".gitignore", import.meta.url)), "Files git ignores"),
  // Committed but not ours to lint: the sample workbook folder holds data, not code.
  { ignores: ["samples/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/taskpane/**/*.tsx", "src/taskpane/**/*.ts", "test/**/*.tsx"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: {
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
  },
  {
    // src/core stays pure: the task pane, the custom functions and the CLI all run it.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...NODE_BUILTINS.flatMap((name) => [
              { name, message: "src/core is pure: no Node APIs." },
              { name: `node:${name}`, message: "src/core is pure: no Node APIs." },
            ]),
            { name: "exceljs", message: "src/core is pure: file formats belong to the CLI adapter." },
            { name: "react", message: "src/core is pure: no UI." },
          ],
          patterns: [
            { group: ["node:*"], message: "src/core is pure: no Node APIs." },
            {
              group: [
                "@microsoft/office-js",
                "office-*",
                "@fluentui/*",
                "react-dom",
                "**/cli/**",
                "**/excel/**",
                "**/taskpane/**",
                "**/functions/**",
              ],
              message: "src/core is pure: no Office, DOM or adapter imports.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Office", message: "src/core is pure: no Office.js." },
        { name: "Excel", message: "src/core is pure: no Office.js." },
        { name: "window", message: "src/core is pure: no DOM." },
        { name: "document", message: "src/core is pure: no DOM." },
        { name: "process", message: "src/core is pure: no Node globals." },
        { name: "require", message: "src/core is pure: use imports." },
        { name: "Buffer", message: "src/core is pure: no Node globals." },
        { name: "fetch", message: "No network calls anywhere." },
        { name: "XMLHttpRequest", message: "No network calls anywhere." },
      ],
    },
  },
  // The layers of docs/architecture.md: adapters depend on the engine, never on each other.
  ...[
    ["src/io/**/*.ts", ["**/cli/**", "**/excel/**", "**/taskpane/**", "**/functions/**"], "src/io imports only src/core."],
    ["src/cli/**/*.ts", ["**/excel/**", "**/taskpane/**", "**/functions/**"], "src/cli imports only src/core and src/io."],
    ["src/functions/**/*.ts", ["**/cli/**", "**/excel/**", "**/taskpane/**", "**/io/**"], "src/functions imports only src/core."],
    ["src/excel/**/*.ts", ["**/cli/**", "**/taskpane/**", "**/functions/**"], "src/excel imports only src/core."],
  ].map(([files, group, message]) => ({
    files: [files],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group, message }] }] },
  })),
);
