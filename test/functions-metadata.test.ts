/**
 * functions.json as custom-functions-metadata generates it from the JSDoc (the same generator the
 * webpack plugin runs) and the build finishes it (scripts/functions-json.js), checked against the committed test/fixtures/functions.json so that a tag change
 * shows in review; the manifest's custom-functions declaration; the help page.
 *   Update the fixture after an intended JSDoc change: UPDATE_FIXTURES=1 npx jest test/functions-metadata.test.ts
 */
import * as fs from "fs";
import * as path from "path";
import { KIND_SPECS } from "../src/core/recognize";
import { GRADE_BAND_LIST } from "../src/core/eligibility";
import { RULES } from "../src/core/rules/registry";
import { FUNCTION_DOCS, display } from "../src/functions/examples";
import * as logic from "../src/functions/logic";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
  generateCustomFunctionsMetadata(input: string, wantConsoleOutput?: boolean): Promise<{ metadataJson: string; errors: string[] }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require("../scripts/make-help.ts") as { render(input: unknown): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { finishFunctionsMetadata } = require("../scripts/functions-json.js") as { finishFunctionsMetadata(json: string): typeof metadata };

const ROOT = path.join(__dirname, "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "functions.json");

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Param[];
  result?: { dimensionality?: string };
  options?: Record<string, boolean>;
}

let metadata: { allowCustomDataForDataTypeAny?: boolean; allowErrorForDataTypeAny?: boolean; functions: Fn[] };

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src", "functions", "functions.ts"));
  expect(generated.errors).toEqual([]);
  metadata = finishFunctionsMetadata(generated.metadataJson);
  if (process.env.UPDATE_FIXTURES) fs.writeFileSync(FIXTURE, `${JSON.stringify(metadata, null, 2)}\n`);
});

const ISSUE_FUNCTIONS = [
  "IAC",
  "IACVALID",
  "CLUSTER",
  "IACCLUSTER",
  "PROGRAMAREA",
  "GRADE",
  "ELIGIBLE",
  "APIB",
  "COURSECHECK",
  "WBLHOURS",
  "GRADUATE",
  "CHECK",
  "RULE",
  "PATHWAYCOURSES",
  "SUGGESTPATHWAY",
];

describe("functions.json", () => {
  test("matches the committed snapshot (test/fixtures/functions.json)", () => {
    const committed = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
    expect(metadata).toEqual(committed);
  });

  test("declares the issue's functions, each with a description, a help URL and described parameters", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(ISSUE_FUNCTIONS);
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id}`);
      expect(f.parameters.length).toBeGreaterThan(0);
      for (const p of f.parameters)
        expect({ fn: f.id, param: p.name, described: (p.description ?? "").length > 5 }).toEqual({
          fn: f.id,
          param: p.name,
          described: true,
        });
      // one value or a range: every data parameter is a matrix of any; results are matrices (they spill)
      for (const p of f.parameters.filter((x) => x.name !== "schoolYear"))
        expect([f.id, p.name, p.type, p.dimensionality]).toEqual([f.id, p.name, "any", "matrix"]);
      expect(f.result?.dimensionality).toBe("matrix");
      // no volatile / streaming functions: they recalculate only when their inputs change
      expect(f.options).toBeUndefined();
    }
  });

  test("error cells in a range reach the functions (allowErrorForDataTypeAny), which answer them per cell", () => {
    // Without it one #N/A anywhere in a range argument turns the whole spilled result into #N/A, and
    // Excel never calls the function. It is a top-level property covering every `any` parameter, so every
    // function must (and does, through logic's batch and CHECK's VALUE-ERROR rows) handle error cells.
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    const errorTaking = metadata.functions.flatMap((f) => f.parameters.filter((p) => p.type === "any").map((p) => `${f.id}.${p.name}`));
    const perCell = FUNCTION_DOCS.map((d) => d.id);
    expect(new Set(errorTaking.map((n) => n.split(".")[0]))).toEqual(new Set(perCell));
  });

  test("optional parameters are the issue's [bracketed] ones", () => {
    const optional = metadata.functions.flatMap((f) => f.parameters.filter((p) => p.optional).map((p) => `${f.id}.${p.name}`));
    expect(optional).toEqual([
      "IACVALID.iacList",
      "CLUSTER.iacList",
      "IACCLUSTER.iacList",
      "COURSECHECK.catalog",
      "GRADUATE.credentialType",
      "CHECK.catalog",
      "CHECK.iacList",
      "CHECK.schoolYear",
      "PATHWAYCOURSES.passing",
      "SUGGESTPATHWAY.passing",
    ]);
  });

  test("every function has a logic export and help examples", () => {
    expect(FUNCTION_DOCS.map((d) => d.id)).toEqual(ISSUE_FUNCTIONS);
    for (const d of FUNCTION_DOCS) expect(typeof logic[d.logic]).toBe("function");
  });
});

describe("manifest.xml", () => {
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const url = (id: string) => new RegExp(`<bt:Url id="${id.replace(/\./g, "\\.")}" DefaultValue="([^"]+)"`).exec(manifest)?.[1];
  const resid = (tag: string) => new RegExp(`<${tag}>\\s*<SourceLocation resid="([^"]+)"/>`).exec(manifest)?.[1];

  test("declares the CTE namespace and the functions' script, page and metadata", () => {
    const extension = /<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(manifest)?.[1] ?? "";
    expect(extension).toMatch(/<Namespace resid="Functions\.Namespace"\/>/);
    expect(manifest).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="CTE"\/>/);
    expect(url(resid("Script")!)).toBe("https://localhost:3000/functions.js");
    expect(url(resid("Page")!)).toBe("https://localhost:3000/functions.html");
    expect(url(resid("Metadata")!)).toBe("https://localhost:3000/functions.json");
  });

  test("JavaScript-only runtime: no shared runtime, and the runtime version CustomFunctions.Error needs", () => {
    expect(manifest).not.toMatch(/SharedRuntime/);
    expect(manifest).not.toMatch(/<Runtimes>/);
    const version = /<Set Name="CustomFunctionsRuntime" MinVersion="([\d.]+)"\/>/.exec(manifest)?.[1];
    expect(Number(version)).toBeGreaterThanOrEqual(1.2);
  });

  test("the build turns functions.ts into functions.json and serves help.html (webpack.config.js)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../webpack.config.js")({}, { mode: "production" });
    // its own layer, compiled for the ES2016 runtime by tsconfig.functions.json
    expect(config.entry.functions).toEqual({ import: "./src/functions/functions.ts", layer: "functions" });
    const tsRule = config.module.rules.find((r: { test?: RegExp }) => r.test?.test("x.ts"));
    expect(tsRule.oneOf[0]).toMatchObject({ issuerLayer: "functions", use: { options: { configFile: "tsconfig.functions.json" } } });
    expect(config.plugins.map((p: { constructor: { name: string } }) => p.constructor.name)).toContain("FinishFunctionsMetadataPlugin");
    const plugin = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CustomFunctionsMetadataPlugin");
    expect(plugin.options).toEqual({ output: "functions.json", input: "./src/functions/functions.ts" });
    expect(JSON.stringify(config.plugins)).toContain("src/functions/help.html");
  });
});

describe("help.html", () => {
  const html = fs.readFileSync(path.join(ROOT, "src", "functions", "help.html"), "utf8");

  test("lists every function of functions.json under its @helpurl anchor, with syntax and an example", () => {
    for (const f of metadata.functions) {
      const anchor = new URL(f.helpUrl!).hash.slice(1);
      const section = new RegExp(`<section id="${anchor}">([\\s\\S]*?)</section>`).exec(html)?.[1];
      expect({ fn: f.id, found: section !== undefined }).toEqual({ fn: f.id, found: true });
      expect(section).toContain(`=CTE.${f.name}(`);
      expect(section).toMatch(/<h3>Examples?<\/h3>/);
      for (const p of f.parameters) expect(section).toContain(`<code>${p.name}</code>`);
    }
  });

  test("lists every rule id with its description", () => {
    for (const r of RULES) expect(html).toContain(`<tr id="rule-${r.id}"><td><code>${r.id}</code></td>`);
  });

  test("is self-contained: no scripts, stylesheets, images or frames from anywhere", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  test("is up to date with the JSDoc, the examples and the registry (npm run gen)", () => {
    const fresh = render({
      functions: metadata.functions,
      docs: FUNCTION_DOCS,
      rules: RULES,
      bands: GRADE_BAND_LIST,
      kinds: KIND_SPECS.map((k) => ({ kind: k.kind, title: k.title })),
      evaluate: (doc: { logic: keyof typeof logic }, ex: { args: unknown[] }) =>
        (logic[doc.logic] as (...a: unknown[]) => logic.Out[][])(...ex.args),
    });
    expect(fresh).toBe(html);
  });

  test("every example's documented result is what the function returns", () => {
    for (const doc of FUNCTION_DOCS) {
      for (const ex of doc.examples) {
        const out = (logic[doc.logic] as (...a: unknown[]) => logic.Out[][])(...ex.args);
        expect({ formula: ex.formula, result: out.map((r) => r.map(display)) }).toEqual({ formula: ex.formula, result: ex.result });
      }
    }
  });
});
