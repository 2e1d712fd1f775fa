/**
 * The built functions bundle (dist/functions.js and dist/functions.json, `npm run build`) as Excel's
 * JavaScript-only custom-functions runtime sees it. On Office 2021 and Microsoft 365 for Windows before
 * Version 2403 that runtime supports ECMAScript 2016 only: later syntax stops the whole file from loading
 * (every =CTE.… shows #NAME?), and a later built-in throws when it is reached. So the bundle is parsed as
 * ES2016, and run in a sandbox whose post-ES2016 built-ins have been deleted, with a stub CustomFunctions
 * global whose associate() records the registrations; every documented example must give its result there.
 */
import * as acorn from "acorn";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { FUNCTION_DOCS } from "../src/functions/examples";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const BUNDLE = path.join(DIST, "functions.js");
const METADATA = path.join(DIST, "functions.json");

let source = "";
interface Metadata {
  functions: { id: string; parameters: { name: string; dimensionality?: string }[] }[];
}
let metadata: Metadata;

beforeAll(() => {
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(METADATA))
    throw new Error("dist/functions.js is missing: run `npm run build` first (npm test does).");
  source = fs.readFileSync(BUNDLE, "utf8");
  metadata = JSON.parse(fs.readFileSync(METADATA, "utf8"));
});

/**
 * Built-ins newer than ECMAScript 2016, deleted from the sandbox before the bundle runs. (Symbol.asyncIterator
 * cannot be deleted: it is a non-configurable property of Symbol.)
 */
const POST_ES2016 = [
  "Object.values",
  "Object.entries",
  "Object.getOwnPropertyDescriptors", // ES2017
  "String.prototype.padStart",
  "String.prototype.padEnd", // ES2017
  "SharedArrayBuffer",
  "Atomics", // ES2017
  "Promise.prototype.finally",
  "RegExp.prototype.dotAll", // ES2018
  "Object.fromEntries",
  "Array.prototype.flat",
  "Array.prototype.flatMap", // ES2019
  "String.prototype.trimStart",
  "String.prototype.trimEnd",
  "String.prototype.trimLeft",
  "String.prototype.trimRight", // ES2019
  "Symbol.prototype.description", // ES2019
  "String.prototype.matchAll",
  "Promise.allSettled",
  "BigInt",
  "BigInt64Array",
  "BigUint64Array", // ES2020
  "String.prototype.replaceAll",
  "Promise.any",
  "AggregateError",
  "WeakRef",
  "FinalizationRegistry", // ES2021
  "Array.prototype.at",
  "String.prototype.at",
  "Object.hasOwn",
  "RegExp.prototype.hasIndices", // ES2022
  "Array.prototype.findLast",
  "Array.prototype.findLastIndex",
  "Array.prototype.toSorted",
  "Array.prototype.toReversed", // ES2023
  "Array.prototype.toSpliced",
  "Array.prototype.with", // ES2023
  "Object.groupBy",
  "Map.groupBy",
  "Promise.withResolvers",
  "String.prototype.isWellFormed",
  "String.prototype.toWellFormed", // ES2024
  "Array.fromAsync",
  "Iterator",
  "Set.prototype.union",
  "Set.prototype.intersection",
  "RegExp.escape", // ES2025
  "structuredClone",
  "queueMicrotask", // host additions a modern page has and the old runtime does not promise
  "globalThis", // ES2020; deleted last
];

/** Only these remain after the stripping: the ones the bundle is allowed to rely on being installed by its own polyfills. */
const POLYFILLED = [
  "Object.values",
  "Object.entries",
  "Object.getOwnPropertyDescriptors",
  "String.prototype.padStart",
  "String.prototype.padEnd",
  "Object.fromEntries",
  "Array.prototype.flat",
  "Array.prototype.flatMap",
  "String.prototype.trimStart",
  "String.prototype.trimEnd",
  "String.prototype.trimLeft",
  "String.prototype.trimRight",
];

/**
 * The sandbox: a fresh realm without the post-ES2016 built-ins; RegExp built at run time is checked against
 * ES2016 pattern syntax (lookbehind, named groups, the s flag and \p{…} are ES2018); a stub CustomFunctions.
 * Arguments are built inside the realm (from JSON), so the bundle never sees this realm's built-ins.
 */
function sandbox(options: { errorCodeEnum: boolean }) {
  const context = vm.createContext({
    __checkRegExp(source: string, flags: string) {
      acorn.parse(`/${source}/${flags}`, { ecmaVersion: 2016 });
    },
  });
  vm.runInContext(
    `
    var __registered = {};
    (function () {
      var NativeRegExp = RegExp;
      var check = __checkRegExp;
      globalThis.RegExp = new Proxy(NativeRegExp, {
        construct: function (target, args, newTarget) { var r = Reflect.construct(target, args, newTarget); check(r.source, typeof args[1] === "string" ? args[1] : r.flags); return r; },
        apply: function (target, self, args) { var r = Reflect.apply(target, self, args); check(r.source, typeof args[1] === "string" ? args[1] : r.flags); return r; },
      });
    })();
    function StubError(code, message) { this.code = code; this.message = message; }
    var CustomFunctions = {
      associate: function (id, fn) { __registered[id] = fn; },
      Error: StubError,
    };
    if (${options.errorCodeEnum}) CustomFunctions.ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A" };
    var ERROR_TYPES = { "#N/A": "NotAvailable", "#VALUE!": "Value", "#REF!": "Ref", "#DIV/0!": "Div0" };
    // An error cell as Excel hands it over: a CustomFunctions.Error, or (with allowCustomDataForDataTypeAny)
    // an Excel.ErrorCellValue.
    function __revive(key, value) {
      if (value && typeof value === "object" && typeof value.$error === "string") {
        return value.as === "cellValue"
          ? { type: "Error", basicType: "Error", basicValue: value.$error, errorType: ERROR_TYPES[value.$error] }
          : new StubError(value.$error);
      }
      return value;
    }
    function __call(id, argsJson) { return __registered[id].apply(null, JSON.parse(argsJson, __revive)); }
    `,
    context,
  );
  const deleteScript = POST_ES2016.map((name) => {
    const at = name.lastIndexOf(".");
    return at < 0
      ? `delete globalThis[${JSON.stringify(name)}];`
      : `if (typeof ${name.slice(0, at)} !== "undefined") delete ${name.slice(0, at)}[${JSON.stringify(name.slice(at + 1))}];`;
  }).join("\n");
  vm.runInContext(deleteScript, context);
  const present = (name: string) =>
    vm.runInContext(`typeof ${name.split(".")[0]} !== "undefined" && typeof ${name} !== "undefined"`, context) as boolean;
  return {
    context,
    present,
    load() {
      vm.runInContext(source, context, { filename: "functions.js" });
    },
    registered: () => Object.keys(vm.runInContext("__registered", context)),
    call(id: string, args: readonly unknown[]) {
      return vm.runInContext(`__call(${JSON.stringify(id)}, ${JSON.stringify(JSON.stringify(args))})`, context) as unknown[][];
    },
  };
}

/** A cell value as Excel shows it: errors by their code. */
function shown(v: unknown): string {
  if (v && typeof v === "object" && "code" in v) return String((v as { code: unknown }).code);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** The arguments as Excel passes them: a value for a range parameter as a 1x1 matrix, omitted ones as null. */
function asExcelPasses(id: string, args: readonly unknown[]): unknown[] {
  const fn = metadata.functions.find((f) => f.id === id)!;
  return fn.parameters.map((p, i) => {
    const a = i < args.length ? args[i] : null;
    if (a === null || a === undefined) return null;
    return p.dimensionality === "matrix" && !Array.isArray(a) ? [[a]] : a;
  });
}

describe("dist/functions.js", () => {
  test("is ECMAScript 2016: no later syntax anywhere (??, ?., async/await, object spread, ** is fine), regex literals included", () => {
    let problem = "";
    try {
      acorn.parse(source, { ecmaVersion: 2016, sourceType: "script" });
    } catch (err) {
      const pos = (err as { pos?: number }).pos ?? 0;
      problem = `${(err as Error).message}: …${source.slice(Math.max(0, pos - 60), pos + 60)}…`;
    }
    expect(problem).toBe("");
    // and it is a real parse: the parser does reject a later feature at this version
    expect(() => acorn.parse("a ?? b", { ecmaVersion: 2016 })).toThrow();
    expect(() => acorn.parse("/(?<=a)b/", { ecmaVersion: 2016 })).toThrow();
  });

  test("does not carry zod (the report schema is for tests; the bundle only needs the report's constants)", () => {
    expect(source).not.toMatch(/ZodError|zod\.dev/);
    // generous ceiling, a guard against pulling a big dependency back in; bench/ reports the exact size
    // (the engine's worklist, keys, tracking and its own sheets' parsers, added about 12 KB: 165 KB in all)
    expect(source.length).toBeLessThan(176 * 1024);
  });

  test("the sandbox really lacks the post-ES2016 built-ins before the bundle runs", () => {
    const box = sandbox({ errorCodeEnum: true });
    expect(POST_ES2016.filter(box.present)).toEqual([]);
    expect(box.present("Array.prototype.includes")).toBe(true); // ES2016 stays
    // a pattern built at run time is held to ES2016 syntax too (today the code builds none: all are literals)
    expect(() => vm.runInContext("new RegExp('(?<=a)b')", box.context)).toThrow();
    expect(() => vm.runInContext("RegExp('a.b', 's')", box.context)).toThrow();
    expect(vm.runInContext("new RegExp('a+', 'gi').test('xAA')", box.context)).toBe(true);
  });

  test("registers every function of functions.json where the post-ES2016 built-ins are missing, installing only its own polyfills", () => {
    // the emitted metadata is the committed one (test/functions-metadata.test.ts checks that against the JSDoc)
    expect(metadata).toEqual(JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "functions.json"), "utf8")));
    const box = sandbox({ errorCodeEnum: true });
    box.load();
    expect(box.registered()).toEqual(metadata.functions.map((f) => f.id));
    expect(POST_ES2016.filter(box.present)).toEqual(POLYFILLED);
  });

  test("every function's documented examples give the documented results there", () => {
    for (const errorCodeEnum of [true, false]) {
      const box = sandbox({ errorCodeEnum });
      box.load();
      for (const doc of FUNCTION_DOCS) {
        for (const ex of doc.examples) {
          const out = box.call(doc.id, asExcelPasses(doc.id, ex.args));
          expect({ formula: ex.formula, errorCodeEnum, result: out.map((r) => r.map(shown)) }).toEqual({
            formula: ex.formula,
            errorCodeEnum,
            result: ex.result,
          });
        }
      }
    }
  });

  test("errors carry the functions' messages", () => {
    const box = sandbox({ errorCodeEnum: true });
    box.load();
    expect(box.call("IAC", [[[1.1], ["Animal Science"]]])).toEqual([
      ["01.10"],
      [{ code: "#VALUE!", message: "IAC ‘Animal Science’ is not a CIP code. Use the four-digit series form NN.NN, e.g. 01.09." }],
    ]);
    expect(box.call("RULE", [[["nope"]]])[0][0]).toMatchObject({ code: "#N/A", message: expect.stringMatching(/is not a rule id/) });
  });

  describe.each(["customFunctionsError", "cellValue"])(
    "an error cell in a range, handed over as %s, is answered for that cell only",
    (as) => {
      const err = (code: string) => ({ $error: code, as });

      test("the emitted functions.json lets error cells through to the functions (else Excel never calls them)", () => {
        expect((metadata as { allowErrorForDataTypeAny?: boolean }).allowErrorForDataTypeAny).toBe(true);
      });

      test("scalar functions: that cell gets an error naming the input error, the others their values", () => {
        const box = sandbox({ errorCodeEnum: true });
        box.load();
        const iac = box.call("IAC", [[[1.1], [err("#N/A")], ["01.0901"]]]);
        expect(iac.map((r) => r.map(shown))).toEqual([["01.10"], ["#N/A"], ["01.09"]]);
        expect(iac[1][0]).toMatchObject({ message: expect.stringContaining("#N/A") });
        expect(box.call("GRADE", [[["09"], [err("#REF!")], ["Grade 10"]]]).map((r) => r.map(shown))).toEqual([["9"], ["#VALUE!"], ["10"]]);
        expect(
          box.call("IACCLUSTER", [[["11.01"], ["11.01"]], [["Information Technology"], [err("#DIV/0!")]], null]).map((r) => r.map(shown)),
        ).toEqual([["TRUE"], ["#VALUE!"]]);
      });

      test("CTE.CHECK reports VALUE-ERROR on the row that holds #N/A, as the CLI does, and checks the other rows", () => {
        const box = sandbox({ errorCodeEnum: true });
        box.load();
        const table = [
          ["WSN", "Grade", "IAC", "Cluster"],
          ["9000000001", 11, "01.09", "Agriculture, Food & Natural Resources"],
          ["9000000002", 12, err("#N/A"), "Information Technology"],
          ["9000000003", 12, "11.01", "Information Technology"],
        ];
        const out = box.call("CHECK", [table, null, null, "2025-26"]).map((r) => r.map(shown));
        expect(out[0]).toEqual(["concentrators"]);
        expect(out[1]).toEqual(["OK"]);
        expect(out[2][0]).toMatch(/^VALUE-ERROR: .*#N\/A/);
        expect(out[3]).toEqual(["OK"]);
      });
    },
  );
});
