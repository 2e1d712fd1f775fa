/** Dual enrollment and advanced courses (AP, IB): roster codes against titles and the DPI catalog (topic 11). */
import { normalizeRosterCode, normalizeYesNo } from "../normalize";
import { apIbOfTitle, baseTitle, titleMarksCollegeCredit } from "../courseTitle";
import { ExportKind } from "../report";
import { DataRow, ExportTable } from "../table";
import { Field } from "../recognize";
import { Check, FindingDraft, RuleContext, eachRow, reportBlank, rule } from "./types";

const COURSE_KINDS: readonly ExportKind[] = ["course-offerings", "courses"];

export const COURSE_CODE_MISSING = rule({
  id: "COURSE-CODE-MISSING",
  topic: "dual-enrollment-ap-ib",
  severity: "error",
  description: "A course row without a roster (DPI course) code.",
  fix: "Enter the course's DPI roster code in the course setup.",
  message: "Roster code is blank. Every course needs its DPI roster code in the course setup.",
});
export const COURSE_CODE_UNKNOWN = rule({
  id: "COURSE-CODE-UNKNOWN",
  topic: "dual-enrollment-ap-ib",
  severity: "error",
  needs: "catalog",
  description: "A roster code that is not in the loaded DPI course catalog.",
  fix: "Use a current roster code from DPI's course download.",
  messages: {
    notInCatalog: "Roster code {code} is not in the DPI course catalog ({source}). Use a current code from DPI's course download.",
    notDigits: "Roster code {q:value} is not a DPI roster code (digits only).",
  },
});
export const COURSE_CODE_DEPRECATED = rule({
  id: "COURSE-CODE-DEPRECATED",
  topic: "dual-enrollment-ap-ib",
  severity: "warning",
  dpi: "6798",
  needs: "catalog",
  description: "The DPI catalog marks the roster code deprecated (DPI 6798).",
  fix: "Replace the roster code with a current one from DPI's course download.",
  messages: {
    untitled: "Roster code {code} is deprecated (DPI 6798). Replace it with a current code from DPI's course download.",
    titled: "Roster code {code} ({q:catalogTitle}) is deprecated (DPI 6798). Replace it with a current code from DPI's course download.",
  },
});
/** AP-CODE-MISMATCH and IB-CODE-MISMATCH: the title names the program, the code's catalog program is another. */
function programCodeMismatch(program: "AP" | "IB", name: string) {
  const tail = `${program} courses must use an ${program} roster code.`;
  return rule({
    id: `${program}-CODE-MISMATCH`,
    topic: "dual-enrollment-ap-ib",
    severity: "error",
    needs: "catalog",
    description: `The local title says ${program} / ${name} but the code's catalog program is not ${program}.`,
    fix: `Give the ${program} course an ${program} roster code.`,
    messages: {
      program: `{q:title} is titled ${program}, but roster code {code}'s DPI program is {q:program}. ${tail}`,
      noProgram: `{q:title} is titled ${program}, but roster code {code}'s DPI program is none. ${tail}`,
    },
  });
}
export const AP_CODE_MISMATCH = programCodeMismatch("AP", "Advanced Placement");
export const IB_CODE_MISMATCH = programCodeMismatch("IB", "International Baccalaureate");
export const APIB_TITLE_MISMATCH = rule({
  id: "APIB-TITLE-MISMATCH",
  topic: "dual-enrollment-ap-ib",
  severity: "warning",
  needs: "catalog",
  description: "The catalog program is AP or IB but the local title does not say so.",
  fix: "Confirm the course is AP or IB and say so in its title, or use a non-AP/IB roster code.",
  message:
    "Roster code {code} is an {program} code in DPI's catalog, but the title {q:title} does not say {program}. " +
    "Confirm the course is {programName}, or use a non-{program} code.",
});

type CatalogFinding = Pick<FindingDraft, "rule" | "says" | "fields"> & { readonly field: Field };

/** The roster-code checks of one course row against the DPI catalog. */
function catalogFindings(title: string, code: string, catalog: NonNullable<RuleContext["reference"]["catalog"]>): CatalogFinding[] {
  const course = catalog.courses.get(code);
  if (!course) {
    return [{ rule: COURSE_CODE_UNKNOWN, says: "notInCatalog", field: "rosterCode", fields: { code, source: catalog.source } }];
  }
  const out: CatalogFinding[] = [];
  if (course.deprecated) {
    const says = course.title ? "titled" : "untitled";
    out.push({ rule: COURSE_CODE_DEPRECATED, says, field: "rosterCode", fields: { code, catalogTitle: course.title ?? "" } });
  }
  const titleSays = apIbOfTitle(title);
  const mismatch = { says: course.programText ? "program" : "noProgram", field: "localCourseTitle" as const };
  const fields = { title, code, program: course.programText ?? "" };
  if (titleSays === "AP" && !course.ap) {
    out.push({ rule: AP_CODE_MISMATCH, ...mismatch, fields });
  } else if (titleSays === "IB" && !course.ib) {
    out.push({ rule: IB_CODE_MISMATCH, ...mismatch, fields });
  } else if (titleSays === "" && (course.ap || course.ib)) {
    const program = course.ap ? "AP" : "IB";
    const programName = course.ap ? "Advanced Placement" : "International Baccalaureate";
    out.push({ rule: APIB_TITLE_MISMATCH, field: "localCourseTitle", fields: { code, program, programName, title } });
  }
  return out;
}

/** Each course row's roster code is read once: present and, with a catalog, current and matching its title. */
const ROSTER_CODES: Check = {
  emits: [COURSE_CODE_MISSING, COURSE_CODE_UNKNOWN, COURSE_CODE_DEPRECATED, AP_CODE_MISMATCH, IB_CODE_MISMATCH, APIB_TITLE_MISMATCH],
  run(ctx) {
    const catalog = ctx.reference.catalog;
    eachRow(ctx, COURSE_KINDS, ["rosterCode"], (t, r) => {
      if (reportBlank(ctx, t, r, "rosterCode", COURSE_CODE_MISSING) || !catalog) return;
      const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
      if (code === null) {
        if (!t.isError(r, "rosterCode")) {
          const fields = { value: t.text(r, "rosterCode") };
          ctx.report({ table: t, at: r, field: "rosterCode", rule: COURSE_CODE_UNKNOWN, says: "notDigits", fields });
        }
        return;
      }
      for (const f of catalogFindings(t.text(r, "localCourseTitle"), code, catalog)) ctx.report({ table: t, at: r, ...f });
    });
    // A pathway plan's courses: a roster code the catalog does not know matches no student's course.
    if (!catalog) return;
    eachRow(ctx, ["pathway-plan"], ["rosterCode"], (t, r) => {
      const text = t.present(r, "rosterCode");
      if (text === null) return;
      const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
      const topic = "possible-concentrators";
      if (code === null) {
        ctx.report({ table: t, at: r, field: "rosterCode", rule: COURSE_CODE_UNKNOWN, says: "notDigits", fields: { value: text }, topic });
      } else if (!catalog.courses.has(code)) {
        const fields = { code, source: catalog.source };
        ctx.report({ table: t, at: r, field: "rosterCode", rule: COURSE_CODE_UNKNOWN, says: "notInCatalog", fields, topic });
      }
    });
  },
};

export const APIB_CODE_INCONSISTENT = rule({
  id: "APIB-CODE-INCONSISTENT",
  topic: "dual-enrollment-ap-ib",
  severity: "warning",
  description: "Without a catalog: one roster code used by both AP/IB-titled and plain-titled courses (A/B semester suffixes ignored).",
  fix: "Give AP and IB courses their own roster codes (load DPI's course catalog for an exact check).",
  message:
    "Roster code {code} is used by {q:title} and by {q:otherTitle}: one is titled {program}, the other is not. " +
    "AP and IB courses use their own roster codes: check the code (load DPI's course catalog for an exact check).",
});

const APIB_CODES_CONSISTENT: Check = {
  emits: [APIB_CODE_INCONSISTENT],
  run(ctx) {
    if (ctx.reference.catalog) return;
    const byCode = new Map<string, { t: ExportTable; r: DataRow; title: string; says: string }[]>();
    eachRow(ctx, COURSE_KINDS, ["rosterCode", "localCourseTitle"], (t, r) => {
      const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
      const title = t.present(r, "localCourseTitle");
      if (code === null || title === null) return;
      const list = byCode.get(code) ?? [];
      list.push({ t, r, title: baseTitle(title), says: apIbOfTitle(title) });
      byCode.set(code, list);
    });
    for (const [code, list] of byCode) {
      const advanced = list.find((e) => e.says !== "");
      const plain = list.find((e) => e.says === "");
      if (!advanced || !plain) continue;
      for (const e of list) {
        const fields = { code, title: e.title, otherTitle: (e.says === "" ? advanced : plain).title, program: advanced.says };
        ctx.report({ table: e.t, at: e.r, field: "localCourseTitle", rule: APIB_CODE_INCONSISTENT, fields });
      }
    }
  },
};

export const DUAL_ENROLLMENT_FLAG_MISSING = rule({
  id: "DUAL-ENROLLMENT-FLAG-MISSING",
  topic: "dual-enrollment-ap-ib",
  severity: "warning",
  description:
    "The title marks college credit (- TC, Start College Now, Early College Credit, ECCP) but the dual-enrollment flag " +
    "is not set, when that column exists.",
  fix: "Tick the dual-enrollment box in the course setup.",
  message:
    "{q:title} earns college credit by its title, but Dual Enrollment is not checked. Tick the dual-enrollment box in the " +
    "course setup (include Start College Now and Early College Credit courses).",
});

const DUAL_ENROLLMENT_FLAGS: Check = {
  emits: [DUAL_ENROLLMENT_FLAG_MISSING],
  run(ctx) {
    eachRow(ctx, COURSE_KINDS, ["dualEnrollment", "localCourseTitle"], (t, r) => {
      const title = t.present(r, "localCourseTitle");
      if (title === null || !titleMarksCollegeCredit(title) || t.isError(r, "dualEnrollment")) return;
      if (normalizeYesNo(t.raw(r, "dualEnrollment") ?? null) === true) return;
      ctx.report({ table: t, at: r, field: "dualEnrollment", rule: DUAL_ENROLLMENT_FLAG_MISSING, fields: { title } });
    });
  },
};

export const CHECKS: readonly Check[] = [ROSTER_CODES, APIB_CODES_CONSISTENT, DUAL_ENROLLMENT_FLAGS];
