/** Industry-recognized credentials, certificated program status and work-based learning (topics 7-9). */
import { certificatedStatusOf, classifyCareerEdRow, isCertifiedProgramType, ircProgramOf, wblProgramOf } from "../codes";
import { foldKey, normalizeNumber, schoolYearStart } from "../normalize";
import { RuleDef, q } from "./types";

/** A State Co-op program retired after its last valid school year. */
function isRetired(validThrough: string | null, schoolYear: string): boolean {
  return validThrough !== null && schoolYearStart(schoolYear) > schoolYearStart(validThrough);
}

export const IRC_STATUS_MISSING: RuleDef = {
  id: "IRC-STATUS-MISSING", topic: "industry-credentials", severity: "error",
  description: "An IRC row without a certificated program status (every IRC student needs one at the end of the course).",
};
export const WBL_PROGRAM_UNKNOWN: RuleDef = {
  id: "WBL-PROGRAM-UNKNOWN", topic: "work-based-learning", severity: "error",
  description: "A work-based learning program name that is not one of the WBL programs valid in the school year.",
};
export const WBL_PROGRAM_RETIRED: RuleDef = {
  id: "WBL-PROGRAM-RETIRED", topic: "work-based-learning", severity: "warning",
  description: "A State Co-op program reported after 2025-26, when it retired.",
};
export const WBL_HOURS_BELOW_MINIMUM: RuleDef = {
  id: "WBL-HOURS-BELOW-MINIMUM", topic: "work-based-learning", severity: "error",
  description: "WBL hours below the program's minimum: 90, Youth Apprenticeship 450, DPI Occupational 480 (blank hours and IRC rows are not checked).",
};
export const WBL_STATUS_MISSING: RuleDef = {
  id: "WBL-STATUS-MISSING", topic: "work-based-learning", severity: "warning",
  description: "A certified WBL program (Youth Apprenticeship, State Co-op) without a certificated program status.",
};

/** IRC-PROGRAM-UNKNOWN's pass classifies each IRC/WBL row once and reports the program and hours rules. */
export const IRC_PROGRAM_UNKNOWN: RuleDef = {
  id: "IRC-PROGRAM-UNKNOWN", topic: "industry-credentials", severity: "error",
  description: "An IRC program name that is not one of the five IRC program names.",
  run(ctx) {
    for (const t of ctx.tables("irc-wbl")) {
      if (!t.has("programName")) continue;
      const hasStatus = t.has("certificatedStatus");
      for (const r of t.rows) {
        const name = t.present(r, "programName");
        if (name === null) {
          if (t.blank(r, "programName")) {
            const rule = isCertifiedProgramType(t.text(r, "programType")) ? IRC_PROGRAM_UNKNOWN : WBL_PROGRAM_UNKNOWN;
            ctx.report({ table: t, at: r, field: "programName", rule, topic: rule.topic, message: "Program name is blank. Select the IRC or WBL program name in the course setup." });
          }
          continue;
        }
        const type = t.text(r, "programType");
        const row = classifyCareerEdRow(name, type);
        const statusBlank = hasStatus && t.blank(r, "certificatedStatus");
        if (row.kind === "irc") {
          if (!row.irc) {
            ctx.report({ table: t, at: r, field: "programName", message: `IRC program ${q(name)} is not one of DPI's five IRC program names (e.g. "IRC - State Approved-Business & Industry", "IRC - NOT State Approved").` });
          }
          if (statusBlank) {
            ctx.report({ table: t, at: r, field: "certificatedStatus", rule: IRC_STATUS_MISSING, message: "IRC student without a certificated program status. Every student working toward an IRC needs a status (A-D) at the end of the course; confirm it with the CTE teacher." });
          }
          continue;
        }
        const wbl = row.wbl;
        if (!wbl) {
          ctx.report({ table: t, at: r, field: "programName", rule: WBL_PROGRAM_UNKNOWN, message: `Program ${q(name)} is not one of DPI's work-based learning programs (Internship/Local Co-op, Supervised Agricultural Experience, Simulation, School-based Enterprise, Entrepreneurship Student Business, Youth Apprenticeship${isRetired("2025-26", ctx.schoolYear) ? "" : ", the State Co-op programs"}).` });
          continue;
        }
        if (isRetired(wbl.validThrough, ctx.schoolYear)) {
          ctx.report({ table: t, at: r, field: "programName", rule: WBL_PROGRAM_RETIRED, message: `${wbl.name} retired after ${wbl.validThrough}; it is not valid in ${ctx.schoolYear}. Report the experience under a current WBL program.` });
        }
        if (t.has("hours") && !t.blank(r, "hours") && !t.isError(r, "hours")) {
          const hours = normalizeNumber(t.raw(r, "hours") ?? null);
          if (hours === null) {
            ctx.report({ table: t, at: r, field: "hours", rule: WBL_HOURS_BELOW_MINIMUM, message: `Hours ${q(t.text(r, "hours"))} is not a number, so the ${wbl.minHours}-hour minimum of ${wbl.name} cannot be confirmed. Enter the hours as a number.` });
          } else if (hours < wbl.minHours) {
            ctx.report({ table: t, at: r, field: "hours", rule: WBL_HOURS_BELOW_MINIMUM, message: `Hours ${hours} is below the ${wbl.minHours}-hour minimum for ${wbl.name}. Check the hours, or whether the experience meets DPI's work-based learning criteria.` });
          }
        }
        if (wbl.certified && statusBlank) {
          ctx.report({ table: t, at: r, field: "certificatedStatus", rule: WBL_STATUS_MISSING, message: `${wbl.name} is a certified program: the student needs a certificated program status (A-D). Confirm completion with the coordinator.` });
        }
      }
    }
  },
};

export const CERT_STATUS_WRONG_PROGRAM: RuleDef = {
  id: "CERT-STATUS-WRONG-PROGRAM", topic: "certificated-status", severity: "error", dpi: "6915",
  description: "A certificated status on a row whose program type is not a certified one (DPI 6915): certified types are Industry Recognized Credentials and, before 2024-25, Certified Career Education.",
};

/** CERT-STATUS-INVALID's pass reads each status once and also reports the wrong-program rule. */
export const CERT_STATUS_INVALID: RuleDef = {
  id: "CERT-STATUS-INVALID", topic: "certificated-status", severity: "error",
  description: "A certificated program status that is not A, B, C or D (or their descriptions).",
  run(ctx) {
    for (const t of ctx.tables("irc-wbl")) {
      if (!t.has("certificatedStatus")) continue;
      for (const r of t.rows) {
        const text = t.present(r, "certificatedStatus");
        if (text === null) continue;
        if (certificatedStatusOf(text) === null) {
          ctx.report({ table: t, at: r, field: "certificatedStatus", message: `Certificated program status ${q(text)} is not A, B, C or D. Use A (met requirements), B (continuing), C (left before completion) or D (completed, requirements not met).` });
        }
        const type = t.present(r, "programType");
        if (type !== null && !isCertifiedProgramType(type)) {
          // An IRC or a certified WBL program needs its status: then the program type is what is wrong.
          const name = t.text(r, "programName");
          const certifiedProgram = ircProgramOf(name) !== null || /^\s*irc\b/i.test(name) || wblProgramOf(name)?.certified === true;
          const fix = certifiedProgram
            ? `${q(name)} is a certified program, so keep the status and set the program type to Industry Recognized Credentials.`
            : "Remove the status, or change the program to a certified one.";
          ctx.report({ table: t, at: r, field: "certificatedStatus", rule: CERT_STATUS_WRONG_PROGRAM, message: `A certificated program status is reported with program type ${q(type)} (DPI 6915). Status belongs only to certified programs (Industry Recognized Credentials; Certified Career Education before 2024-25). ${fix}` });
        }
      }
    }
  },
};

export const CERT_STATUS_DUPLICATE: RuleDef = {
  id: "CERT-STATUS-DUPLICATE", topic: "certificated-status", severity: "warning", dpi: "6794",
  description: "More than one certificated status for one student and program (DPI 6794).",
  run(ctx) {
    const seen = new Map<string, number>();
    for (const t of ctx.tables("irc-wbl")) {
      if (!t.has("certificatedStatus")) continue;
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        const name = t.present(r, "programName");
        if (id === null || name === null || t.present(r, "certificatedStatus") === null) continue;
        const program = ircProgramOf(name)?.name ?? wblProgramOf(name)?.name ?? foldKey(name);
        const key = `${id}\u0001${program}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, r.row);
          continue;
        }
        ctx.report({ table: t, at: r, field: "certificatedStatus", message: `Student ${q(id)} already has a certificated status for ${q(name)} on row ${first} (DPI 6794). Keep one status per program, unless the student truly pursues several certificates in it.` });
      }
    }
  },
};
