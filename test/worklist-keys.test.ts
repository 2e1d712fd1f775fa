/**
 * Stable finding keys: the same problem keeps its key when the exports are downloaded again (rows in another
 * order, sheets renamed and re-ordered); a new problem gets a new key; keys and subjects hold ids and codes,
 * never a single-parent or homeless value.
 */
import { SheetInput } from "../src/core/cells";
import { CheckResult } from "../src/core/engine";
import { MAX_KEY_PART, assignKeys, fnv1a32, normalizeKeyPart } from "../src/core/findingKeys";
import { participants, demographics } from "./helpers/fixtures";
import { loadSample, redownload, run, withRow } from "./helpers/worklist";

let sample: SheetInput[];
let first: CheckResult;

beforeAll(async () => {
  sample = await loadSample();
  first = run(sample);
});

const byKey = (result: CheckResult) => new Map(result.report.findings.map((f) => [f.key, f]));

describe("finding keys on the sample district", () => {
  it("gives every finding a distinct key of the form RULE|kind|subject|field", () => {
    const keys = first.report.findings.map((f) => f.key);
    expect(keys.length).toBeGreaterThan(40);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of first.report.findings) {
      expect(f.key).toMatch(/^[A-Z0-9-]+\|[a-z-]+\|(student|course|catalog|iac|row|sheet):[^|]*\|[A-Za-z-]+(#\d+)?$/);
      expect(f.key.startsWith(`${f.rule}|`)).toBe(true);
    }
  });

  it("names the student id or course codes as the subject, and none for sheet-level findings", () => {
    const grade = first.report.findings.find((f) => f.rule === "GRADE-INVALID")!;
    expect(grade.key).toBe("GRADE-INVALID|participants|student:9896212138|grade");
    expect(grade.subject).toBe("9896212138");
    const course = first.report.findings.find((f) => f.rule === "CTE-DEPARTMENT-MISMATCH")!;
    expect(course.key).toBe("CTE-DEPARTMENT-MISMATCH|course-offerings|course:BADGERVALLEYHIGHSCHOOL/BUS210/10301|cteDepartment");
    expect(course.subject).toBe("Badger Valley High School / BUS210 / 10301");
    const inferred = first.report.findings.filter((f) => f.rule === "COLUMN-INFERRED");
    expect(inferred.map((f) => f.key).sort()).toEqual([
      "COLUMN-INFERRED|concentrators|sheet:concentrators|cluster",
      "COLUMN-INFERRED|concentrators|sheet:concentrators|iac",
    ]);
    for (const f of inferred) expect(f.subject).toBeUndefined();
    // A row without an id is told by a fingerprint of its content.
    const missing = first.report.findings.find((f) => f.rule === "STUDENT-ID-MISSING")!;
    expect(missing.key).toMatch(/^STUDENT-ID-MISSING\|participants\|row:[0-9a-f]{8}\|studentId$/);
    // The unrecognised Notes sheet has nothing but its name.
    expect(first.report.findings.find((f) => f.rule === "SHEET-UNRECOGNIZED")!.key).toBe("SHEET-UNRECOGNIZED|-|sheet:Notes|-");
  });

  it("numbers a second finding with the same rule, student and field #2", () => {
    const twice = first.report.findings.filter((f) => f.rule === "CONCENTRATOR-MULTIPLE-PATHWAYS").map((f) => f.key);
    expect(twice.sort()).toEqual([
      "CONCENTRATOR-MULTIPLE-PATHWAYS|concentrators|student:9908664317|iac",
      "CONCENTRATOR-MULTIPLE-PATHWAYS|concentrators|student:9908664317|iac#2",
    ]);
  });

  it("keeps every key when the exports are downloaded again: rows shuffled, sheets renamed and re-ordered", () => {
    const again = run(redownload(sample, first));
    // The copy really moved things: findings sit on other rows and sheets.
    const places = (r: CheckResult) => r.report.findings.map((f) => `${f.sheet}!${f.cell}`).sort();
    expect(places(again)).not.toEqual(places(first));
    const before = byKey(first);
    const after = byKey(again);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, f] of before) {
      const g = after.get(key)!;
      expect([g.rule, g.severity, g.subject]).toEqual([f.rule, f.severity, f.subject]);
    }
  });

  it("gives a new problem a new key and leaves the others' keys alone", () => {
    const renamed = redownload(sample, first);
    const participantsSheet = renamed.find((s) => s.name.startsWith("CTE Participants"))!;
    const changed = withRow(renamed, participantsSheet.name, ["9123456780", 250001, "Student 9999", 7, "Badger Valley High School", 1]);
    const after = byKey(run(changed));
    const before = byKey(first);
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added).toEqual(["GRADE-OUT-OF-RANGE|participants|student:9123456780|grade"]);
    expect([...before.keys()].filter((k) => !after.has(k))).toEqual([]);
  });

  it("changes the fingerprint key of an id-less row when its content changes, not when it moves", () => {
    const rows = [
      ["", 9],
      ["1000000001", 10],
    ];
    const a = run([participants(rows)]).report.findings.find((f) => f.rule === "STUDENT-ID-MISSING")!;
    const b = run([participants([...rows].reverse())]).report.findings.find((f) => f.rule === "STUDENT-ID-MISSING")!;
    const c = run([participants([["", 11], rows[1]])]).report.findings.find((f) => f.rule === "STUDENT-ID-MISSING")!;
    expect(b.key).toBe(a.key);
    expect(b.row).not.toBe(a.row);
    expect(c.key).not.toBe(a.key);
  });

  it("never puts a single-parent or homeless value into a key or subject", () => {
    const rows = [
      ["", 9, "Secretvalue", "Doubled-Up"],
      ["", 9, "Y", "Shelter"],
      ["2000000001", 8, "Y", "N"],
    ];
    const report = run([demographics(rows)]).report;
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      for (const secret of ["SECRETVALUE", "Secretvalue", "Doubled", "Shelter"]) {
        expect(f.key).not.toContain(secret);
        expect(f.subject ?? "").not.toContain(secret);
      }
    }
    // The two id-less rows differ only in sensitive cells: their fingerprints are the same, so they are numbered.
    const idLess = report.findings.filter((f) => f.rule === "STUDENT-ID-MISSING").map((f) => f.key);
    expect(idLess).toHaveLength(2);
    expect(idLess[1]).toBe(`${idLess[0]}#2`);
  });
});

describe("key helpers", () => {
  it("fnv1a32 matches the published FNV-1a test vectors", () => {
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    expect(fnv1a32("foobar")).toBe("bf9cf968");
  });

  it("normalises ids without dropping leading zeros, and keeps the key separators out", () => {
    expect(normalizeKeyPart(" 'ab 12 ")).toBe("AB12");
    expect(normalizeKeyPart("0012")).toBe("0012");
    expect(normalizeKeyPart("a|b#c")).toBe("A_B_C");
  });

  it("hashes an id too long to be one, so a pasted paragraph never makes a key a paragraph", () => {
    const long = "9".repeat(1_000_000);
    expect(normalizeKeyPart(long)).toBe(`~${fnv1a32(long)}`);
    expect(normalizeKeyPart("9".repeat(MAX_KEY_PART))).toBe("9".repeat(MAX_KEY_PART));
    const started = Date.now();
    const finding = run([participants([[long, 7]])]).report.findings.find((f) => f.rule === "GRADE-OUT-OF-RANGE")!;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(finding.key).toBe(`GRADE-OUT-OF-RANGE|participants|student:~${fnv1a32(long)}|grade`);
    expect(finding.subject).toHaveLength(MAX_KEY_PART);
  });

  it("assignKeys numbers repeats by message, so the order the rows come in does not matter", () => {
    const items = [
      { baseKey: "R|k|s|f", message: "b", order: 0 },
      { baseKey: "R|k|s|f", message: "a", order: 1 },
      { baseKey: "R|k|t|f", message: "z", order: 2 },
    ];
    const keys = assignKeys(items);
    expect(items.map((i) => keys.get(i))).toEqual(["R|k|s|f#2", "R|k|s|f", "R|k|t|f"]);
    const reversed = [...items].reverse();
    const again = assignKeys(reversed);
    expect(items.map((i) => again.get(i))).toEqual(["R|k|s|f#2", "R|k|s|f", "R|k|t|f"]);
  });
});
