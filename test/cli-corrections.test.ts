/**
 * cte-check corrections (--kind, --column, --header-row, --map), --recognize, --version, the nearest-flag
 * hint, exit 3 when nothing was checked, and the Not-checked list for missing second exports.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, expectUsageError, parseReport, writeCsv } from "./helpers/e2e";
import { nearestFlag } from "../src/cli/args";

let dir: string;
const file = (name: string) => path.join(dir, name);
const AFNR = "Agriculture, Food & Natural Resources";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-corrections-"));
  writeCsv(file("my concentrators.csv"), [
    ["Student Number", "Student Name", "Grade Level Placement", "Concentration Code", "Pathway"],
    ["9000000001", "Student A", "11", "01.09", AFNR],
    ["9000000002", "Student B", "9", "11.01", "Information Technology"],
  ]);
  writeCsv(file("kids.csv"), [
    ["Kid", "Yr", "Room"],
    ["A1", "eleven", "101"],
    ["A2", "twelve", "102"],
  ]);
  writeCsv(file("rooms.csv"), [
    ["Teacher", "Room", "Period"],
    ["Smith", "101", "3"],
    ["Jones", "102", "4"],
  ]);
  writeCsv(file("titled.csv"), [["Kids list"], ["Student ID", "Grade"], ["1", "9"]]);
  writeCsv(file("participants.csv"), [
    ["Student ID", "Grade"],
    ["9000000001", "11"],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("nothing checked", () => {
  it("exits 3 and says so when no sheet of any input is recognised", async () => {
    const r = await cli([file("rooms.csv")]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nothing was checked/);
    expect(r.stdout).toMatch(/Nothing was checked\./);
    expect(r.stdout).not.toMatch(/Workbook structure\s+PASS/);
  });
  it("--json: the report says nothingChecked, the data-like sheet is a warning, exit 3", async () => {
    const r = await cli(["--json", file("rooms.csv")]);
    expect(r.code).toBe(3);
    const report = parseReport(r.stdout);
    expect(report.nothingChecked).toBe(true);
    expect(report.findings).toMatchObject([{ rule: "SHEET-UNRECOGNIZED", severity: "warning" }]);
    expect(report.checklist.find((t) => t.topic === "structure")?.status).toBe("warn");
  });
  it("a recognised input alongside exits by its findings, not 3", async () => {
    const r = await cli(["--json", file("rooms.csv"), file("participants.csv")]);
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).nothingChecked).toBe(false);
  });
});

describe("Not checked: the second export a cross-export rule needs", () => {
  it("concentrators alone: CONCENTRATOR-NOT-PARTICIPANT and SENIOR-EXIT-MISSING did not run, and say why", async () => {
    const r = await cli(["--json", file("my concentrators.csv")]);
    const report = parseReport(r.stdout);
    const why = Object.fromEntries((report.notChecked ?? []).map((n) => [n.rule, n.why]));
    expect(why["CONCENTRATOR-NOT-PARTICIPANT"]).toMatch(/no CTE Participant export/);
    expect(why["SENIOR-EXIT-MISSING"]).toMatch(/no HS Completion export/);
    expect(why["IAC-NOT-SUGGESTED"]).toMatch(/no DPI IAC to Cluster list/);
    const text = await cli([file("my concentrators.csv")]);
    // The text output wraps to the terminal width: compare with its line breaks folded.
    const unwrapped = text.stdout.replace(/\s+/g, " ");
    expect(unwrapped).toMatch(/Not checked[\s\S]*CONCENTRATOR-NOT-PARTICIPANT not run: no CTE Participant export/);
    expect(unwrapped).toMatch(/SENIOR-EXIT-MISSING not run: no HS Completion export/);
  });
  it("with participants, CONCENTRATOR-NOT-PARTICIPANT is no longer listed", async () => {
    const r = await cli(["--json", file("my concentrators.csv"), file("participants.csv")]);
    const rules = (parseReport(r.stdout).notChecked ?? []).map((n) => n.rule);
    expect(rules).not.toContain("CONCENTRATOR-NOT-PARTICIPANT");
    expect(rules).toContain("SENIOR-EXIT-MISSING");
  });
});

describe("the hand-made concentrators CSV", () => {
  it("is read as concentrators, its IAC and cluster from values, and its grade-9 concentrator is flagged", async () => {
    const r = await cli(["--json", file("my concentrators.csv")]);
    expect(r.code).toBe(1);
    const report = parseReport(r.stdout);
    expect(report.sheets[0]).toMatchObject({
      sheet: "my concentrators",
      kind: "concentrators",
      decidedBy: { iac: "values", cluster: "values" },
    });
    expect(report.findings.filter((f) => f.rule === "COLUMN-INFERRED").map((f) => f.column)).toEqual(["Concentration Code", "Pathway"]);
    expect(report.findings.find((f) => f.rule === "GRADE-OUT-OF-RANGE")).toMatchObject({ cell: "C3" });
  });
  it("--recognize prints each field, its column and how it was decided, and nothing else", async () => {
    const r = await cli(["--recognize", file("my concentrators.csv")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^my concentrators: concentrators/);
    expect(r.stdout).toMatch(/iac\s+-> Concentration Code\s+\(from its values: 2 of 2 sampled values are CIP codes/);
    expect(r.stdout).toMatch(/grade\s+-> Grade Level Placement\s+\(from its header\)/);
    expect(r.stdout).not.toMatch(/GRADE-OUT-OF-RANGE|Topic/);
  });
});

describe("corrections", () => {
  it("--kind and --column make an unrecognised CSV a checked export", async () => {
    const before = await cli(["--json", file("kids.csv")]);
    expect(before.code).toBe(3);
    const r = await cli([
      "--json",
      "--kind",
      "kids=participants",
      "--column",
      "kids:studentId=Kid",
      "--column",
      "kids:grade=Yr",
      file("kids.csv"),
    ]);
    const report = parseReport(r.stdout);
    expect(report.sheets[0]).toMatchObject({
      kind: "participants",
      columns: { studentId: "Kid", grade: "Yr" },
      decidedBy: { studentId: "user", grade: "user" },
    });
    expect(report.findings.filter((f) => f.rule === "GRADE-INVALID")).toHaveLength(2);
    expect(r.code).toBe(1);
  });
  it("--kind SHEET=ignore leaves a sheet out", async () => {
    const r = await cli(["--json", "--kind", "participants=ignore", file("participants.csv"), file("my concentrators.csv")]);
    expect(parseReport(r.stdout).sheets.find((s) => s.sheet === "participants")?.note).toBe("left out by the user");
  });
  it("--header-row picks the header row", async () => {
    const r = await cli(["--recognize", "--header-row", "titled=2", file("titled.csv")]);
    expect(r.stdout).toMatch(/titled: participants .*header row 2/);
  });
  it("--map takes the pane's override shape; the flags win over it", async () => {
    fs.writeFileSync(file("map.json"), JSON.stringify({ kids: { kind: "participants", columns: { studentId: "Kid", grade: "Room" } } }));
    const r = await cli(["--recognize", "--map", file("map.json"), "--column", "kids:grade=Yr", file("kids.csv")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/studentId -> Kid\s+\(set by you\)/);
    expect(r.stdout).toMatch(/grade\s+-> Yr\s+\(set by you\)/);
    fs.writeFileSync(file("settings.json"), JSON.stringify({ overrides: { kids: { kind: "ignore" } } }));
    const s = await cli(["--json", "--map", file("settings.json"), file("kids.csv"), file("participants.csv")]);
    expect(parseReport(s.stdout).sheets[0].note).toBe("left out by the user");
  });
  it.each([
    [["--kind", "kid=participants"], /no sheet or CSV file named ‘kid’ \(did you mean ‘kids’\?\)/],
    [["--kind", "kids=participant"], /unknown kind "participant"/],
    [["--kind", "kids"], /--kind "kids" is not SHEET=KIND/],
    [["--column", "kids:gradez=Yr", "--kind", "kids=participants"], /unknown field "gradez"/],
    [
      ["--column", "kids:grade=Year", "--kind", "kids=participants"],
      /‘kids’ has no column ‘Year’ for grade \(its headers: ‘Kid’, ‘Yr’, ‘Room’\)/,
    ],
    [["--column", "kids:iac=Yr", "--kind", "kids=participants"], /has no field iac/],
    [["--column", "kids:grade=Yr"], /‘kids’ is not recognised, so its columns cannot be set: give its kind too/],
    [["--header-row", "kids=0"], /--header-row "kids=0": the row must be/],
    [["--header-row", "kids=9"], /‘kids’ has no row 9/],
  ])("%j is refused with exit 2 and a message naming it", async (flags, message) => {
    const r = await cli([...flags, file("kids.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it.each([
    ['{"kids": {"kind": "teachers"}}', /kids › kind: unknown kind/],
    ['{"kids": {"columns": {"grde": "Yr"}}}', /kids › columns: unknown field "grde"/],
    ['{"kids": {"kind": "participants", "colums": {}}}', /unknown setting "colums"/],
    ['{"kidz": {"kind": "participants"}}', /no sheet or CSV file named ‘kidz’/],
    ["not json", /is not JSON/],
  ])("--map %s is refused with exit 2", async (json, message) => {
    fs.writeFileSync(file("bad-map.json"), json);
    const r = await cli(["--map", file("bad-map.json"), file("kids.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it("a missing --map file is exit 2", async () => {
    const r = await cli(["--map", file("nope.json"), file("kids.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read --map .*no such file/);
  });
});

describe("arguments", () => {
  it("--version prints the package version", async () => {
    const r = await cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`cte-check ${JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version}\n`);
  });
  it.each([
    ["--jsno", "--json"],
    ["--referense", "--reference"],
    ["--school-yr", "--school-year"],
    ["--recog", "--recognize"],
    ["--header-rows", "--header-row"],
  ])("%s suggests %s", (typo, near) =>
    expectUsageError([typo, file("kids.csv")], `cte-check: Unknown option ${typo}. Did you mean ${near}?`),
  );
  it("no suggestion for a flag unlike any", () => {
    expect(nearestFlag("--frobnicate")).toBeNull();
  });
});
