/**
 * The rule layer's contract: checks declare the rules they emit, the registry is their union, messages
 * are templates filled from structured fields by one filler (quoting user values, withholding sensitive
 * ones), and strict mode (on in every test, see helpers/strictChecks.ts) refuses a check's mistakes.
 */
import { runChecklist, setStrictChecks } from "../src/core/engine";
import { SINGLE_PARENT_INVALID } from "../src/core/rules/singleParent";
import { GRADE_INVALID, GRADE_MISSING, STUDENT_ID_MISSING } from "../src/core/rules/common";
import { RuleDefinitionError, fillMessage } from "../src/core/rules/messages";
import { CHECKS, RULES } from "../src/core/rules/registry";
import { rule } from "../src/core/rules/types";
import { AFNR, IT, concentrators, demographics, iacList, participants } from "./helpers/fixtures";

const TODAY = new Date("2026-11-28T12:00:00Z");
const PLACEHOLDER = /\{(?:q:)?(\w+)(?:\|[^}]*)?\}/g;

describe("declarations", () => {
  test("every rule is declared by exactly one check, and the catalogue is what the checks declare", () => {
    const declared = CHECKS.flatMap((c) => c.emits.map((r) => r.id));
    expect(new Set(declared).size).toBe(declared.length);
    expect(RULES.map((r) => r.id)).toEqual(declared);
  });

  test("every rule has a one-line fix and at least one message template", () => {
    for (const r of RULES) {
      expect({ id: r.id, fix: r.fix.length > 10 && !r.fix.includes("\n") }).toEqual({ id: r.id, fix: true });
      expect(Object.keys(r.messages).length).toBeGreaterThan(0);
      for (const template of Object.values(r.messages)) expect(template.length).toBeGreaterThan(20);
    }
  });

  test("no template of a single-parent rule has a place for a value", () => {
    for (const r of RULES.filter((x) => x.topic === "single-parent")) {
      for (const template of Object.values(r.messages)) expect(template.match(PLACEHOLDER)).toBeNull();
    }
  });
});

describe("fillMessage", () => {
  const sample = rule({
    id: "SAMPLE",
    topic: "structure",
    severity: "info",
    description: "A rule for the filler's tests.",
    fix: "Nothing to fix here.",
    messages: { plain: "Code {code} of {q:value}.", list: "Either {q:names| or } or {codes}.", withheld: "A sensitive cell." },
  });

  test("inserts fields as they are, quotes user values with q(), joins lists", () => {
    expect(fillMessage(sample, "plain", { code: 12, value: "  Bad\n value " }, { strict: true })).toBe("Code 12 of ‘Bad value’.");
    expect(fillMessage(sample, "list", { names: ["A", "B"], codes: ["01.01", "02.02"] }, { strict: true })).toBe(
      "Either ‘A’ or ‘B’ or 01.01, 02.02.",
    );
  });

  test("strict mode refuses an unknown variant or a missing field; otherwise they are written around", () => {
    expect(() => fillMessage(sample, "nope", {}, { strict: true })).toThrow(RuleDefinitionError);
    expect(() => fillMessage(sample, "plain", { code: 1 }, { strict: true })).toThrow(/needs the field "value"/);
    expect(fillMessage(sample, "nope", {}, { strict: false })).toBe(sample.description);
    expect(fillMessage(sample, "plain", { code: 1 }, { strict: false })).toBe("Code 1 of ?.");
  });

  test("a sensitive value never reaches a message: by field name, as the flagged cell's value, or equal to it", () => {
    const single = rule({ ...sample, id: "S2", messages: { one: "Value {value} / {singleParent} / {other}." } });
    expect(() => fillMessage(single, "one", { value: "x", singleParent: "Y", other: "z" }, { strict: true })).toThrow(/sensitive/);
    expect(() => fillMessage(single, "one", { value: "x", singleParent: "x", other: "z" }, { strict: true, sensitiveText: "Yes" })).toThrow(
      /sensitive/,
    );
    expect(fillMessage(single, "one", { value: "Yes", singleParent: "Yes", other: "Yes" }, { strict: false, sensitiveText: "Yes" })).toBe(
      "Value (withheld: sensitive) / (withheld: sensitive) / (withheld: sensitive).",
    );
    // A rule with a "withheld" variant says that one on a sensitive cell, whatever the check asked for.
    expect(fillMessage(sample, "plain", { code: 1, value: "Yes" }, { strict: true, sensitiveText: "Yes" })).toBe("A sensitive cell.");
  });
});

describe("the engine", () => {
  afterEach(() => {
    jest.restoreAllMocks();
    setStrictChecks(true);
  });

  const gradesCheck = () => {
    const check = CHECKS.find((c) => c.emits.includes(GRADE_MISSING));
    if (!check?.run) throw new Error("no grade check");
    return check as typeof check & { run: NonNullable<typeof check.run> };
  };

  test("strict mode refuses a finding whose rule its check did not declare", () => {
    const check = gradesCheck();
    jest.spyOn(check, "run").mockImplementation((ctx) => {
      const t = ctx.tables("participants")[0];
      ctx.report({ table: t, at: t.rows[0], field: "studentId", rule: STUDENT_ID_MISSING });
    });
    const sheets = [participants([["1", 9]])];
    expect(() => runChecklist(sheets, { today: TODAY })).toThrow(/STUDENT-ID-MISSING is reported by a check that does not declare it/);
    setStrictChecks(false);
    expect(runChecklist(sheets, { today: TODAY }).report.findings.map((f) => f.rule)).toEqual(["STUDENT-ID-MISSING"]);
  });

  test("strict mode refuses a check that would put a single-parent value in a message", () => {
    const check = gradesCheck();
    jest.spyOn(check, "run").mockImplementation((ctx) => {
      const t = ctx.tables("demographics")[0];
      ctx.report({
        table: t,
        at: t.rows[0],
        field: "singleParent",
        rule: GRADE_INVALID,
        fields: { value: t.text(t.rows[0], "singleParent") },
      });
    });
    const sheets = [demographics([["1", 11, "Maybe", ""]])];
    expect(() => runChecklist(sheets, { today: TODAY })).toThrow(/sensitive/);
    setStrictChecks(false);
    const messages = runChecklist(sheets, { today: TODAY })
      .report.findings.map((f) => f.message)
      .join("\n");
    expect(messages).not.toContain("Maybe");
  });

  test("findings carry the structured fields their messages were filled from", () => {
    const result = runChecklist(
      [
        participants([["1", "13th"]]),
        concentrators([["2", 11, "01.09", IT, "Ag"]]),
        iacList([["01.09", AFNR, "Y"]]),
        demographics([["3", 11, "Maybe", ""]]),
      ],
      { today: TODAY },
    );
    const fieldsOf = (id: string) => result.report.findings.filter((f) => f.rule === id).map((f) => result.fieldsOf(f));
    expect(fieldsOf("GRADE-INVALID")).toEqual([{ value: "13th" }]);
    expect(fieldsOf("IAC-CLUSTER-MISMATCH")).toEqual([{ iac: "01.09", value: IT, expected: [AFNR] }]);
    expect(fieldsOf(SINGLE_PARENT_INVALID.id)).toEqual([{}]);
  });
});
