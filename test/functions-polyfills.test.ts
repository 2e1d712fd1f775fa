/**
 * src/functions/polyfills.ts against the engine's own built-ins: loaded into a realm from which the
 * built-ins it provides were deleted, each must give what the native one gives, on generated inputs.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import * as vm from "vm";

const PROVIDED = {
  Object: ["values", "entries", "getOwnPropertyDescriptors", "fromEntries"],
  "String.prototype": ["padStart", "padEnd", "trimStart", "trimEnd", "trimLeft", "trimRight"],
  "Array.prototype": ["flat", "flatMap"],
} as const;

const compiled = ts.transpileModule(fs.readFileSync(path.join(__dirname, "..", "src", "functions", "polyfills.ts"), "utf8"), {
  compilerOptions: { target: ts.ScriptTarget.ES2016, module: ts.ModuleKind.CommonJS },
}).outputText;

function polyfilledRealm(): vm.Context {
  const context = vm.createContext({ exports: {} });
  for (const [owner, names] of Object.entries(PROVIDED)) for (const n of names) vm.runInContext(`delete ${owner}.${n}`, context);
  vm.runInContext(compiled, context);
  return context;
}

/** Runs `expr` over the JSON value `input` in both realms; results compared as JSON. */
function both(context: vm.Context, expr: string, input: unknown): [unknown, unknown] {
  const json = JSON.stringify(input);
  const run = (ctx: vm.Context | null) => {
    const code = `(function (x) { try { return JSON.stringify(${expr}); } catch (e) { return "throws " + e.constructor.name; } })(JSON.parse(${JSON.stringify(json)}))`;
    return ctx ? vm.runInContext(code, ctx) : vm.runInNewContext(code);
  };
  return [run(context), run(null)];
}

describe("polyfills for the ES2016 custom-functions runtime", () => {
  const context = polyfilledRealm();

  test("are installed where missing, non-enumerable, under the built-ins' names", () => {
    for (const [owner, names] of Object.entries(PROVIDED)) {
      for (const n of names) {
        const d = vm.runInContext(`Object.getOwnPropertyDescriptor(${owner}, ${JSON.stringify(n)})`, context);
        expect({ n, type: typeof d?.value, enumerable: d?.enumerable, writable: d?.writable }).toEqual({
          n,
          type: "function",
          enumerable: false,
          writable: true,
        });
      }
    }
    expect(vm.runInContext("var a = [1, 2], keys = []; for (var k in a) keys.push(k); keys.join()", context)).toBe("0,1");
  });

  test("leave a host's own built-ins alone", () => {
    const native = vm.createContext({ exports: {} });
    const before = vm.runInContext("Object.entries", native);
    vm.runInContext(compiled, native);
    expect(vm.runInContext("Object.entries", native)).toBe(before);
  });

  test("String padStart/padEnd/trimStart/trimEnd match the native ones", () => {
    const ws = fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u3000", "\ufeff", "\u2028", "x", "ab", "");
    const text = fc.array(ws, { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, fc.integer({ min: -3, max: 20 }), fc.option(fc.string({ maxLength: 4 }), { nil: undefined }), (s, n, fill) => {
        for (const expr of [
          "x.s.padStart(x.n, x.fill)",
          "x.s.padEnd(x.n, x.fill)",
          "x.s.padStart(x.n)",
          "x.s.trimStart()",
          "x.s.trimEnd()",
          "x.s.trimLeft()",
          "x.s.trimRight()",
        ]) {
          const [ours, theirs] = both(context, expr, { s, n, fill });
          expect({ expr, s, n, fill, ours }).toEqual({ expr, s, n, fill, ours: theirs });
        }
      }),
    );
    const [ours, theirs] = both(
      context,
      "[String.prototype.padStart.call(5, 3, '0'), 'ab'.padEnd(7, 'xyz'), 'ab'.padStart(NaN), 'ab'.padStart(Infinity - Infinity)]",
      null,
    );
    expect(ours).toEqual(theirs);
    expect(both(context, "String.prototype.trimEnd.call(null)", null)).toEqual(["throws TypeError", "throws TypeError"]);
  });

  test("Array flat/flatMap match the native ones, holes and depths included", () => {
    const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.string({ maxLength: 2 }), fc.constant(null), tie("array")),
      array: fc.array(tie("value"), { maxLength: 4 }),
    })).array;
    fc.assert(
      fc.property(nested, fc.integer({ min: -1, max: 4 }), (a, depth) => {
        for (const expr of [
          "x.a.flat()",
          "x.a.flat(x.depth)",
          "x.a.flat(Infinity)",
          "x.a.flatMap(function (v, i) { return [v, [i]]; })",
          "x.a.flatMap(function (v) { return v; })",
        ]) {
          const [ours, theirs] = both(context, expr, { a, depth });
          expect({ expr, a, ours }).toEqual({ expr, a, ours: theirs });
        }
      }),
    );
    const [ours, theirs] = both(
      context,
      "[[1, , 3].flat(), [[1, , [2]]].flat(2), [1, , 2].flatMap(function (v) { return [v]; }), Array.prototype.flat.call({ length: 2, 0: [1], 1: 2 })]",
      null,
    );
    expect(ours).toBe("[[1,3],[1,2],[1,2],[1,2]]");
    expect(ours).toEqual(theirs);
    expect(both(context, "[1].flatMap(3)", null)).toEqual(["throws TypeError", "throws TypeError"]);
  });

  test("Object values/entries/fromEntries/getOwnPropertyDescriptors match the native ones", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean())), (o) => {
        for (const expr of [
          "Object.values(x)",
          "Object.entries(x)",
          "Object.fromEntries(Object.entries(x))",
          "Object.getOwnPropertyDescriptors(x)",
          "Object.entries('ab')",
          "Object.fromEntries(new Map(Object.entries(x)))",
        ]) {
          const [ours, theirs] = both(context, expr, o);
          expect({ expr, o, ours }).toEqual({ expr, o, ours: theirs });
        }
      }),
    );
    expect(both(context, "Object.entries(null)", null)).toEqual(["throws TypeError", "throws TypeError"]);
    expect(both(context, "Object.fromEntries([1])", null)).toEqual(["throws TypeError", "throws TypeError"]);
    expect(
      both(
        context,
        "Object.keys(Object.getOwnPropertyDescriptors([7])).concat(Object.getOwnPropertyDescriptors([7]).length.writable)",
        null,
      ),
    ).toEqual(['["0","length",true]', '["0","length",true]']);
  });
});
