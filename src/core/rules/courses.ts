/** Dual enrollment and advanced courses (AP, IB): roster codes against titles and the DPI catalog (topic 11). */
import { normalizeRosterCode, normalizeYesNo } from "../normalize";
import { apIbOfTitle, baseTitle, titleMarksCollegeCredit } from "../courseTitle";
import { ExportKind } from "../report";
import { DataRow, ExportTable } from "../table";
import { RuleContext, RuleDef, TOPIC_OF_KIND, q } from "./types";

const COURSE_KINDS: readonly ExportKind[] = ["course-offerings", "courses"];

function courseTables(ctx: RuleContext): ExportTable[] {
  return COURSE_KINDS.flatMap((k) => [...ctx.tables(k)]);
}

export const COURSE_CODE_UNKNOWN: RuleDef = {
  id: "COURSE-CODE-UNKNOWN", topic: "dual-enrollment-ap-ib", severity: "error", needs: "catalog",
  description: "A roster code that is not in the loaded DPI course catalog.",
};
export const COURSE_CODE_DEPRECATED: RuleDef = {
  id: "COURSE-CODE-DEPRECATED", topic: "dual-enrollment-ap-ib", severity: "warning", dpi: "6798", needs: "catalog",
  description: "The DPI catalog marks the roster code deprecated (DPI 6798).",
};
export const AP_CODE_MISMATCH: RuleDef = {
  id: "AP-CODE-MISMATCH", topic: "dual-enrollment-ap-ib", severity: "error", needs: "catalog",
  description: "The local title says AP / Advanced Placement but the code's catalog program is not AP.",
};
export const IB_CODE_MISMATCH: RuleDef = {
  id: "IB-CODE-MISMATCH", topic: "dual-enrollment-ap-ib", severity: "error", needs: "catalog",
  description: "The local title says IB / International Baccalaureate but the code's catalog program is not IB.",
};
export const APIB_TITLE_MISMATCH: RuleDef = {
  id: "APIB-TITLE-MISMATCH", topic: "dual-enrollment-ap-ib", severity: "warning", needs: "catalog",
  description: "The catalog program is AP or IB but the local title does not say so.",
};

/** The roster-code checks of one course row against the DPI catalog (shared with =CTE.COURSECHECK). */
export function catalogFindings(title: string, code: string, catalog: NonNullable<RuleContext["reference"]["catalog"]>): { rule: RuleDef; message: string }[] {
  const course = catalog.courses.get(code);
  if (!course) {
    return [{ rule: COURSE_CODE_UNKNOWN, message: `Roster code ${code} is not in the DPI course catalog (${catalog.source}). Use a current code from DPI's course download.` }];
  }
  const out: { rule: RuleDef; message: string }[] = [];
  if (course.deprecated) {
    out.push({ rule: COURSE_CODE_DEPRECATED, message: `Roster code ${code}${course.title ? ` (${q(course.title)})` : ""} is deprecated (DPI 6798). Replace it with a current code from DPI's course download.` });
  }
  const titleSays = apIbOfTitle(title);
  const programShown = course.programText ? q(course.programText) : "none";
  if (titleSays === "AP" && !course.ap) {
    out.push({ rule: AP_CODE_MISMATCH, message: `${q(title)} is titled AP, but roster code ${code}'s DPI program is ${programShown}. AP courses must use an AP roster code.` });
  } else if (titleSays === "IB" && !course.ib) {
    out.push({ rule: IB_CODE_MISMATCH, message: `${q(title)} is titled IB, but roster code ${code}'s DPI program is ${programShown}. IB courses must use an IB roster code.` });
  } else if (titleSays === "" && (course.ap || course.ib)) {
    out.push({ rule: APIB_TITLE_MISMATCH, message: `Roster code ${code} is an ${course.ap ? "AP" : "IB"} code in DPI's catalog, but the title ${q(title)} does not say ${course.ap ? "AP" : "IB"}. Confirm the course is ${course.ap ? "Advanced Placement" : "International Baccalaureate"}, or use a non-${course.ap ? "AP" : "IB"} code.` });
  }
  return out;
}

/** COURSE-CODE-MISSING's pass reads each course row once and, with a catalog, reports the catalog rules. */
export const COURSE_CODE_MISSING: RuleDef = {
  id: "COURSE-CODE-MISSING", topic: "dual-enrollment-ap-ib", severity: "error",
  description: "A course row without a roster (DPI course) code.",
  run(ctx) {
    const catalog = ctx.reference.catalog;
    for (const t of courseTables(ctx)) {
      if (!t.has("rosterCode")) continue;
      for (const r of t.rows) {
        if (t.blank(r, "rosterCode")) {
          ctx.report({ table: t, at: r, field: "rosterCode", topic: TOPIC_OF_KIND.courses, message: "Roster code is blank. Every course needs its DPI roster code in the course setup." });
          continue;
        }
        if (!catalog) continue;
        const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
        if (code === null) {
          if (!t.isError(r, "rosterCode")) {
            ctx.report({ table: t, at: r, field: "rosterCode", rule: COURSE_CODE_UNKNOWN, message: `Roster code ${q(t.text(r, "rosterCode"))} is not a DPI roster code (digits only).` });
          }
          continue;
        }
        for (const f of catalogFindings(t.text(r, "localCourseTitle"), code, catalog)) {
          ctx.report({ table: t, at: r, field: f.rule === APIB_TITLE_MISMATCH || f.rule === AP_CODE_MISMATCH || f.rule === IB_CODE_MISMATCH ? "localCourseTitle" : "rosterCode", rule: f.rule, message: f.message });
        }
      }
    }
  },
};

export const APIB_CODE_INCONSISTENT: RuleDef = {
  id: "APIB-CODE-INCONSISTENT", topic: "dual-enrollment-ap-ib", severity: "warning",
  description: "Without a catalog: one roster code used by both AP/IB-titled and plain-titled courses (A/B semester suffixes ignored).",
  run(ctx) {
    if (ctx.reference.catalog) return;
    const byCode = new Map<string, { t: ExportTable; r: DataRow; title: string; says: string }[]>();
    for (const t of courseTables(ctx)) {
      if (!t.has("rosterCode") || !t.has("localCourseTitle")) continue;
      for (const r of t.rows) {
        const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
        const title = t.present(r, "localCourseTitle");
        if (code === null || title === null) continue;
        const list = byCode.get(code) ?? [];
        list.push({ t, r, title: baseTitle(title), says: apIbOfTitle(title) });
        byCode.set(code, list);
      }
    }
    for (const [code, list] of byCode) {
      const advanced = list.find((e) => e.says !== "");
      const plain = list.find((e) => e.says === "");
      if (!advanced || !plain) continue;
      for (const e of list) {
        const other = e.says === "" ? advanced : plain;
        ctx.report({ table: e.t, at: e.r, field: "localCourseTitle", message: `Roster code ${code} is used by ${q(e.title)} and by ${q(other.title)}: one is titled ${advanced.says}, the other is not. AP and IB courses use their own roster codes: check the code (load DPI's course catalog for an exact check).` });
      }
    }
  },
};

export const DUAL_ENROLLMENT_FLAG_MISSING: RuleDef = {
  id: "DUAL-ENROLLMENT-FLAG-MISSING", topic: "dual-enrollment-ap-ib", severity: "warning",
  description: "The title marks college credit (- TC, Start College Now, Early College Credit, ECCP) but the dual-enrollment flag is not set, when that column exists.",
  run(ctx) {
    for (const t of courseTables(ctx)) {
      if (!t.has("dualEnrollment") || !t.has("localCourseTitle")) continue;
      for (const r of t.rows) {
        const title = t.present(r, "localCourseTitle");
        if (title === null || !titleMarksCollegeCredit(title) || t.isError(r, "dualEnrollment")) continue;
        if (normalizeYesNo(t.raw(r, "dualEnrollment") ?? null) === true) continue;
        ctx.report({ table: t, at: r, field: "dualEnrollment", message: `${q(title)} earns college credit by its title, but Dual Enrollment is not checked. Tick the dual-enrollment box in the course setup (include Start College Now and Early College Credit courses).` });
      }
    }
  },
};
