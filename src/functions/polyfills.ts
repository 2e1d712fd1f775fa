/**
 * The built-ins newer than ECMAScript 2016 that the functions' code uses, for the JavaScript-only
 * custom-functions runtime of Office 2021 and of Microsoft 365 for Windows before Version 2403, which
 * supports ECMAScript 2016 only. Each is installed only where the runtime lacks it, non-enumerable like
 * the built-in, so that modern hosts keep their own.
 *
 * tsconfig.functions.json type-checks the functions' code against ES2016 plus exactly the libraries
 * provided here (ES2017.Object, ES2017.String, ES2019.Array, ES2019.Object, ES2019.String): code that
 * reaches for any other newer built-in does not compile.
 *
 * Imported first by functions.ts, so it runs before any module's top-level code.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- generic over every array and object, like the built-ins */

function define(target: object, name: string, value: (...args: any[]) => unknown): void {
  if (typeof (target as Record<string, unknown>)[name] === "function") return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

/** The spec's ToIntegerOrInfinity, for lengths and depths. */
function toInteger(value: unknown): number {
  const n = Number(value);
  if (n !== n) return 0; // NaN
  if (n === Infinity || n === -Infinity) return n;
  return n < 0 ? Math.ceil(n) : Math.floor(n);
}

function requireObject(value: unknown, method: string): object {
  if (value === null || value === undefined) throw new TypeError(`${method} called on null or undefined`);
  return Object(value);
}

// ES2017 Object
define(Object, "values", function values(o: unknown): unknown[] {
  const obj = requireObject(o, "Object.values") as Record<string, unknown>;
  return Object.keys(obj).map((k) => obj[k]);
});
define(Object, "entries", function entries(o: unknown): [string, unknown][] {
  const obj = requireObject(o, "Object.entries") as Record<string, unknown>;
  return Object.keys(obj).map((k): [string, unknown] => [k, obj[k]]);
});
define(Object, "getOwnPropertyDescriptors", function getOwnPropertyDescriptors(o: unknown): PropertyDescriptorMap {
  const obj = requireObject(o, "Object.getOwnPropertyDescriptors");
  const out: PropertyDescriptorMap = {};
  const keys: (string | symbol)[] = [...Object.getOwnPropertyNames(obj), ...Object.getOwnPropertySymbols(obj)];
  for (const k of keys) {
    const d = Object.getOwnPropertyDescriptor(obj, k);
    if (d !== undefined) (out as Record<string | symbol, PropertyDescriptor>)[k] = d;
  }
  return out;
});

// ES2019 Object
define(Object, "fromEntries", function fromEntries(iterable: Iterable<readonly [PropertyKey, unknown]>): Record<PropertyKey, unknown> {
  const out: Record<PropertyKey, unknown> = {};
  for (const entry of iterable) {
    if (Object(entry) !== entry) throw new TypeError("Object.fromEntries: each entry must be an object");
    out[entry[0] as string] = entry[1];
  }
  return out;
});

// ES2017 String
function pad(self: unknown, maxLength: unknown, fill: unknown, method: string, atStart: boolean): string {
  const s = String(requireObject(self, method));
  const target = toInteger(maxLength);
  const filler = fill === undefined ? " " : String(fill);
  if (target <= s.length || filler === "") return s;
  const needed = target - s.length;
  let padding = "";
  while (padding.length < needed) padding += filler;
  padding = padding.slice(0, needed);
  return atStart ? padding + s : s + padding;
}
define(String.prototype, "padStart", function padStart(this: unknown, maxLength: number, fill?: string): string {
  return pad(this, maxLength, fill, "String.prototype.padStart", true);
});
define(String.prototype, "padEnd", function padEnd(this: unknown, maxLength: number, fill?: string): string {
  return pad(this, maxLength, fill, "String.prototype.padEnd", false);
});

// ES2019 String: the same white space as String.prototype.trim, from one end.
// A non-white-space character on the other end keeps String.prototype.trim to one end.
define(String.prototype, "trimStart", function trimStart(this: unknown): string {
  return (String(requireObject(this, "String.prototype.trimStart")) + "x").trim().slice(0, -1);
});
define(String.prototype, "trimEnd", function trimEnd(this: unknown): string {
  return ("x" + String(requireObject(this, "String.prototype.trimEnd"))).trim().slice(1);
});
define(String.prototype, "trimLeft", String.prototype.trimStart);
define(String.prototype, "trimRight", String.prototype.trimEnd);

// ES2019 Array
function flatInto(out: unknown[], source: ArrayLike<unknown>, depth: number): void {
  for (let i = 0; i < source.length; i++) {
    if (!(i in Object(source))) continue; // holes are skipped, as by the built-in
    const v = source[i];
    if (depth > 0 && Array.isArray(v)) flatInto(out, v, depth - 1);
    else out.push(v);
  }
}
define(Array.prototype, "flat", function flat(this: unknown, depth?: number): unknown[] {
  const source = requireObject(this, "Array.prototype.flat") as ArrayLike<unknown>;
  const out: unknown[] = [];
  flatInto(out, source, depth === undefined ? 1 : toInteger(depth));
  return out;
});
define(
  Array.prototype,
  "flatMap",
  function flatMap(this: unknown, callback: (v: unknown, i: number, a: unknown) => unknown, thisArg?: unknown): unknown[] {
    const source = requireObject(this, "Array.prototype.flatMap") as ArrayLike<unknown>;
    if (typeof callback !== "function") throw new TypeError("Array.prototype.flatMap: callback is not a function");
    const out: unknown[] = [];
    for (let i = 0; i < source.length; i++) {
      if (!(i in source)) continue;
      const v = callback.call(thisArg, source[i], i, source);
      if (Array.isArray(v)) flatInto(out, v, 0);
      else out.push(v);
    }
    return out;
  },
);

export {};
