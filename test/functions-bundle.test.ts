/**
 * The built bundle (dist/functions.js, `npm run build`) in a sandbox with a stub CustomFunctions global:
 * the plugin's CustomFunctions.associate calls register every function of functions.json, and the
 * registered functions work. Skipped when dist/ has not been built (npm test builds first).
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const DIST = path.join(__dirname, "..", "dist");
const BUNDLE = path.join(DIST, "functions.js");
const built = fs.existsSync(BUNDLE) && fs.existsSync(path.join(DIST, "functions.json"));
const fresh = built && fs.statSync(BUNDLE).mtimeMs >= fs.statSync(path.join(__dirname, "..", "src", "functions", "functions.ts")).mtimeMs;

(built && fresh ? describe : describe.skip)("dist/functions.js", () => {
  class StubError {
    constructor(readonly code: string, readonly message?: string) {}
  }
  const registered = new Map<string, (...args: unknown[]) => unknown>();

  beforeAll(() => {
    const context = vm.createContext({
      CustomFunctions: {
        associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
        Error: StubError,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      },
    });
    vm.runInContext(fs.readFileSync(BUNDLE, "utf8"), context);
  });

  test("associates exactly the functions of the emitted functions.json, and matches the committed snapshot", () => {
    const emitted = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "functions.json"), "utf8"));
    expect(emitted).toEqual(committed);
    expect([...registered.keys()]).toEqual(emitted.functions.map((f: { id: string }) => f.id));
  });

  test("the registered functions compute and report errors as CustomFunctions.Error", () => {
    expect(registered.get("IAC")!([[1.1], ["Animal Science"]])).toEqual([["01.10"], [{ code: "#VALUE!", message: "IAC ‘Animal Science’ is not a CIP code. Use the four-digit series form NN.NN, e.g. 01.09." }]]);
    expect(registered.get("WBLHOURS")!([["Youth Apprenticeship"]])).toEqual([[450]]);
    expect(registered.get("CHECK")!([["Student ID", "Grade"], ["1", 8]], null, null, "2025-26")).toEqual([["participants"], [expect.stringMatching(/^GRADE-OUT-OF-RANGE: /)]]);
    expect(registered.get("RULE")!([["nope"]])).toEqual([[expect.objectContaining({ code: "#N/A" })]]);
  });
});
