/** Industry-recognized credentials, certificated program status and work-based learning (topics 7-9). */
import { certificatedStatusOf, classifyCareerEdRow, isCertifiedProgramType, ircProgramOf, wblProgramOf } from "../codes";
import { foldKey, normalizeNumber, schoolYearStart } from "../normalize";
import { DataRow, ExportTable } from "../table";
import { Check, RuleContext, RuleDef, eachRow, rule } from "./types";

/** A State Co-op program retired after its last valid school year. */
function isRetired(validThrough: string | null, schoolYear: string): boolean {
  return validThrough !== null && schoolYearStart(schoolYear) > schoolYearStart(validThrough);
}

const PROGRAM_NAME_BLANK = "Program name is blank. Select the IRC or WBL program name in the course setup.";

export const IRC_PROGRAM_UNKNOWN = rule({
  id: "IRC-PROGRAM-UNKNOWN",
  topic: "industry-credentials",
  severity: "error",
  description: "An IRC program name that is not one of the five IRC program names.",
  fix: "Select one of DPI's five IRC program names in the course setup.",
  messages: {
    unknown:
      "IRC program {q:value} is not one of DPI's five IRC program names " +
      '(e.g. "IRC - State Approved-Business & Industry", "IRC - NOT State Approved").',
    blank: PROGRAM_NAME_BLANK,
  },
});
export const IRC_STATUS_MISSING = rule({
  id: "IRC-STATUS-MISSING",
  topic: "industry-credentials",
  severity: "error",
  description: "An IRC row without a certificated program status (every IRC student needs one at the end of the course).",
  fix: "Enter the certificated program status (A-D); confirm it with the CTE teacher.",
  message:
    "IRC student without a certificated program status. Every student working toward an IRC needs a status (A-D) " +
    "at the end of the course; confirm it with the CTE teacher.",
});
export const WBL_PROGRAM_UNKNOWN = rule({
  id: "WBL-PROGRAM-UNKNOWN",
  topic: "work-based-learning",
  severity: "error",
  description: "A work-based learning program name that is not one of the WBL programs valid in the school year.",
  fix: "Select one of DPI's work-based learning programs valid in the school year.",
  messages: {
    unknown:
      "Program {q:value} is not one of DPI's work-based learning programs (Internship/Local Co-op, Supervised Agricultural " +
      "Experience, Simulation, School-based Enterprise, Entrepreneurship Student Business, Youth Apprenticeship).",
    unknownWithCoop:
      "Program {q:value} is not one of DPI's work-based learning programs (Internship/Local Co-op, Supervised " +
      "Agricultural Experience, Simulation, School-based Enterprise, Entrepreneurship Student Business, Youth Apprenticeship, " +
      "the State Co-op programs).",
    blank: PROGRAM_NAME_BLANK,
  },
});
export const WBL_PROGRAM_RETIRED = rule({
  id: "WBL-PROGRAM-RETIRED",
  topic: "work-based-learning",
  severity: "warning",
  description: "A State Co-op program reported after 2025-26, when it retired.",
  fix: "Report the experience under a current WBL program.",
  message: "{program} retired after {validThrough}; it is not valid in {schoolYear}. Report the experience under a current WBL program.",
});
export const WBL_HOURS_BELOW_MINIMUM = rule({
  id: "WBL-HOURS-BELOW-MINIMUM",
  topic: "work-based-learning",
  severity: "error",
  description:
    "WBL hours below the program's minimum: 90, Youth Apprenticeship 450, DPI Occupational 480 " +
    "(blank hours and IRC rows are not checked).",
  fix: "Check the hours (as a number), or whether the experience meets DPI's work-based learning criteria.",
  messages: {
    notNumber:
      "Hours {q:value} is not a number, so the {minHours}-hour minimum of {program} cannot be confirmed. " + "Enter the hours as a number.",
    below:
      "Hours {hours} is below the {minHours}-hour minimum for {program}. " +
      "Check the hours, or whether the experience meets DPI's work-based learning criteria.",
  },
});
export const WBL_STATUS_MISSING = rule({
  id: "WBL-STATUS-MISSING",
  topic: "work-based-learning",
  severity: "warning",
  description: "A certified WBL program (Youth Apprenticeship, State Co-op) without a certificated program status.",
  fix: "Enter the certificated program status (A-D); confirm completion with the coordinator.",
  message:
    "{program} is a certified program: the student needs a certificated program status (A-D). " +
    "Confirm completion with the coordinator.",
});

/**
 * A blank program name belongs to IRC or WBL by its program type: reports it under `blankRule` when the
 * type says so. Returns the program name, or null when there is none to check.
 */
function programName(ctx: RuleContext, t: ExportTable, r: DataRow, blankRule: RuleDef): string | null {
  const name = t.present(r, "programName");
  if (name !== null || !t.blank(r, "programName")) return name;
  const certified = isCertifiedProgramType(t.text(r, "programType"));
  if (certified === (blankRule === IRC_PROGRAM_UNKNOWN)) {
    ctx.report({ table: t, at: r, field: "programName", rule: blankRule, says: "blank" });
  }
  return null;
}

/** IRC rows: a known IRC program name and a certificated status. */
const IRC_PROGRAMS: Check = {
  emits: [IRC_PROGRAM_UNKNOWN, IRC_STATUS_MISSING],
  run(ctx) {
    eachRow(ctx, ["irc-wbl"], ["programName"], (t, r) => {
      const name = programName(ctx, t, r, IRC_PROGRAM_UNKNOWN);
      if (name === null) return;
      const row = classifyCareerEdRow(name, t.text(r, "programType"));
      if (row.kind !== "irc") return;
      if (!row.irc) {
        ctx.report({ table: t, at: r, field: "programName", rule: IRC_PROGRAM_UNKNOWN, says: "unknown", fields: { value: name } });
      }
      if (t.blank(r, "certificatedStatus")) ctx.report({ table: t, at: r, field: "certificatedStatus", rule: IRC_STATUS_MISSING });
    });
  },
};

/** WBL rows: a program valid in the school year, its minimum hours, and a status for certified programs. */
const WBL_PROGRAMS: Check = {
  emits: [WBL_PROGRAM_UNKNOWN, WBL_PROGRAM_RETIRED, WBL_HOURS_BELOW_MINIMUM, WBL_STATUS_MISSING],
  run(ctx) {
    const says = isRetired("2025-26", ctx.schoolYear) ? "unknown" : "unknownWithCoop";
    eachRow(ctx, ["irc-wbl"], ["programName"], (t, r) => {
      const name = programName(ctx, t, r, WBL_PROGRAM_UNKNOWN);
      if (name === null) return;
      const row = classifyCareerEdRow(name, t.text(r, "programType"));
      if (row.kind === "irc") return;
      const wbl = row.wbl;
      if (!wbl) {
        ctx.report({ table: t, at: r, field: "programName", rule: WBL_PROGRAM_UNKNOWN, says, fields: { value: name } });
        return;
      }
      const program = wbl.name;
      if (isRetired(wbl.validThrough, ctx.schoolYear)) {
        const fields = { program, validThrough: wbl.validThrough ?? "", schoolYear: ctx.schoolYear };
        ctx.report({ table: t, at: r, field: "programName", rule: WBL_PROGRAM_RETIRED, fields });
      }
      if (t.has("hours") && !t.blank(r, "hours") && !t.isError(r, "hours")) {
        const hours = normalizeNumber(t.raw(r, "hours") ?? null);
        const fields = { value: t.text(r, "hours"), hours: hours ?? "", minHours: wbl.minHours, program };
        const says = hours === null ? "notNumber" : hours < wbl.minHours ? "below" : null;
        if (says !== null) ctx.report({ table: t, at: r, field: "hours", rule: WBL_HOURS_BELOW_MINIMUM, says, fields });
      }
      if (wbl.certified && t.blank(r, "certificatedStatus")) {
        ctx.report({ table: t, at: r, field: "certificatedStatus", rule: WBL_STATUS_MISSING, fields: { program } });
      }
    });
  },
};

export const CERT_STATUS_INVALID = rule({
  id: "CERT-STATUS-INVALID",
  topic: "certificated-status",
  severity: "error",
  description: "A certificated program status that is not A, B, C or D (or their descriptions).",
  fix: "Use A (met requirements), B (continuing), C (left before completion) or D (completed, requirements not met).",
  message:
    "Certificated program status {q:value} is not A, B, C or D. Use A (met requirements), B (continuing), " +
    "C (left before completion) or D (completed, requirements not met).",
});

const WRONG_PROGRAM =
  "A certificated program status is reported with program type {q:type} (DPI 6915). Status belongs only to " +
  "certified programs (Industry Recognized Credentials; Certified Career Education before 2024-25).";

export const CERT_STATUS_WRONG_PROGRAM = rule({
  id: "CERT-STATUS-WRONG-PROGRAM",
  topic: "certificated-status",
  severity: "error",
  dpi: "6915",
  description:
    "A certificated status on a row whose program type is not a certified one (DPI 6915): certified types are " +
    "Industry Recognized Credentials and, before 2024-25, Certified Career Education.",
  fix: "Set the program type of a certified program to Industry Recognized Credentials; otherwise remove the status.",
  messages: {
    certifiedProgram:
      `${WRONG_PROGRAM} {q:name} is a certified program, so keep the status and set the program type ` +
      "to Industry Recognized Credentials.",
    other: `${WRONG_PROGRAM} Remove the status, or change the program to a certified one.`,
  },
});

/** Each certificated status is read once: its form, and whether the row's program type takes a status. */
const CERT_STATUSES: Check = {
  emits: [CERT_STATUS_INVALID, CERT_STATUS_WRONG_PROGRAM],
  run(ctx) {
    eachRow(ctx, ["irc-wbl"], ["certificatedStatus"], (t, r) => {
      const text = t.present(r, "certificatedStatus");
      if (text === null) return;
      if (certificatedStatusOf(text) === null) {
        ctx.report({ table: t, at: r, field: "certificatedStatus", rule: CERT_STATUS_INVALID, fields: { value: text } });
      }
      const type = t.present(r, "programType");
      if (type === null || isCertifiedProgramType(type)) return;
      // An IRC or a certified WBL program needs its status: then the program type is what is wrong.
      const name = t.text(r, "programName");
      const certifiedProgram = ircProgramOf(name) !== null || /^\s*irc\b/i.test(name) || wblProgramOf(name)?.certified === true;
      const says = certifiedProgram ? "certifiedProgram" : "other";
      ctx.report({ table: t, at: r, field: "certificatedStatus", rule: CERT_STATUS_WRONG_PROGRAM, says, fields: { type, name } });
    });
  },
};

export const CERT_STATUS_DUPLICATE = rule({
  id: "CERT-STATUS-DUPLICATE",
  topic: "certificated-status",
  severity: "warning",
  dpi: "6794",
  description: "More than one certificated status for one student and program (DPI 6794).",
  fix: "Keep one status per program, unless the student truly pursues several certificates in it.",
  message:
    "Student {q:studentId} already has a certificated status for {q:program} on row {first} (DPI 6794). " +
    "Keep one status per program, unless the student truly pursues several certificates in it.",
});

const ONE_STATUS_PER_PROGRAM: Check = {
  emits: [CERT_STATUS_DUPLICATE],
  run(ctx) {
    const seen = new Map<string, number>();
    eachRow(ctx, ["irc-wbl"], ["certificatedStatus"], (t, r) => {
      const id = t.present(r, "studentId");
      const name = t.present(r, "programName");
      if (id === null || name === null || t.present(r, "certificatedStatus") === null) return;
      const program = ircProgramOf(name)?.name ?? wblProgramOf(name)?.name ?? foldKey(name);
      const key = `${id}\u0001${program}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, r.row);
        return;
      }
      const fields = { studentId: id, program: name, first };
      ctx.report({ table: t, at: r, field: "certificatedStatus", rule: CERT_STATUS_DUPLICATE, fields });
    });
  },
};

export const CHECKS: readonly Check[] = [IRC_PROGRAMS, CERT_STATUSES, ONE_STATUS_PER_PROGRAM, WBL_PROGRAMS];
