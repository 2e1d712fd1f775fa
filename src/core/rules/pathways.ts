/**
 * Possible concentrators (issue 13): the district's pathway plan and students' coursework against the
 * concentrators it reported, and last year's concentrators against this year's. The finder itself is
 * ../pathways; these checks turn what it found into findings. The plan's own rows get the concentrators'
 * IAC and cluster rules and the catalog's roster-code rule, under this topic.
 */
import { clusterOf } from "../codes";
import { normalizeGrade, normalizeIac } from "../normalize";
import {
  PathwayAnalysis,
  PathwayPlan,
  Qualification,
  StudentCoursework,
  analyzePathways,
  currentGrades,
  passedCoursesOf,
  qualificationsOf,
} from "../pathways";
import { Topic } from "../report";
import { DataRow, ExportTable } from "../table";
import { Check, RuleContext, rule } from "./types";

const TOPIC: Topic = "possible-concentrators";

export const POSSIBLE_CONCENTRATOR = rule({
  id: "POSSIBLE-CONCENTRATOR",
  topic: TOPIC,
  severity: "warning",
  description:
    "A grade 11-12 student whose coursework shows two or more passed courses of one pathway of the pathway plan, " +
    "and who is not in the concentrators export.",
  fix: "Report the student as a concentrator with the pathway's IAC and cluster, or correct the coursework or the plan.",
  message:
    "Student {q:studentId} (grade {grade}) passed {count} courses of the {q:pathway} pathway (IAC {iac}{clusterText}): {courses}. " +
    "Two passed courses of one pathway make a CTE concentrator, but the student is not in the concentrators export: " +
    "report the student with IAC {iac}, or check the coursework and the pathway plan.",
});

export const CONCENTRATOR_NOT_SUPPORTED = rule({
  id: "CONCENTRATOR-NOT-SUPPORTED",
  topic: TOPIC,
  severity: "warning",
  description:
    "A reported concentrator whose coursework shows fewer than two passed courses in the pathway of the reported IAC " +
    "(checked only for students with coursework).",
  fix: "Check the student's coursework and the pathway plan; report only students who passed two courses of one pathway.",
  messages: {
    fewer:
      "Concentrator {q:studentId} is reported with IAC {iac} ({q:pathway| or }), but the coursework shows {passedText} of that pathway. " +
      "A concentrator has passed at least two courses of one pathway: check the coursework, the pathway plan and the IAC.",
    noPathway:
      "Concentrator {q:studentId} is reported with IAC {iac}, but no pathway of the pathway plan has that IAC, " +
      "so the coursework cannot support it. Add the pathway to the plan, or correct the IAC.",
  },
});

export const CONCENTRATOR_QUALIFIES_MULTIPLE = rule({
  id: "CONCENTRATOR-QUALIFIES-MULTIPLE",
  topic: TOPIC,
  severity: "info",
  description: "A concentrator (reported or possible) whose coursework qualifies in more than one pathway.",
  fix: "Ask the student to choose one pathway of concentration (DPI's advice) and report its single IAC.",
  message:
    "Student {q:studentId} qualifies in {count} pathways: {pathways}. A concentrator is reported with one IAC: " +
    "ask the student to choose one pathway of concentration.",
});

export const IAC_NOT_COURSEWORK_PATHWAY = rule({
  id: "IAC-NOT-COURSEWORK-PATHWAY",
  topic: TOPIC,
  severity: "warning",
  description: "A reported IAC that is not the pathway the coursework shows (one qualifying pathway with a different IAC).",
  fix: "Report the IAC and cluster of the pathway the student passed two courses of, or correct the coursework.",
  message:
    "Concentrator {q:studentId} is reported with IAC {reported}, but the coursework qualifies in the {q:pathway} pathway: {courses}. " +
    "Report IAC {iac}{clusterSuggestion}, or check the coursework.",
});

export const CONCENTRATOR_NOT_CONTINUED = rule({
  id: "CONCENTRATOR-NOT-CONTINUED",
  topic: TOPIC,
  severity: "warning",
  description:
    "A grade-11 concentrator last year who is in grade 12 in this year's exports and missing from this year's concentrators " +
    "(concentrator status is kept through high school).",
  fix: "Report the student as a concentrator again this year (with the same IAC, unless the student changed pathway).",
  message:
    "Student {q:studentId} was a grade-11 concentrator last year (IAC {iac}) and is in grade 12 this year, but is not in this " +
    "year's concentrators export. Concentrator status is kept through high school: report the student again.",
});

export const IAC_CHANGED_SINCE_LAST_YEAR = rule({
  id: "IAC-CHANGED-SINCE-LAST-YEAR",
  topic: TOPIC,
  severity: "info",
  description: "A concentrator reported with a different IAC than last year.",
  fix: "Confirm the student changed pathway; otherwise report last year's IAC.",
  message: "Concentrator {q:studentId} is reported with IAC {iac} this year and {previous} last year. Confirm the student changed pathway.",
});

/** "Welding I (13201, 2024-25); Welding II (13202, 2025-26)". */
function coursesText(q: Pick<Qualification, "courses">): string {
  return q.courses
    .map((c) => `${short(c.title || c.code)}${c.code || c.year ? ` (${[short(c.code), short(c.year)].filter(Boolean).join(", ")})` : ""}`)
    .join("; ");
}

/** A plan's text in a message: a pathway name or course title is a line, not a megabyte. */
function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function analysisOf(ctx: RuleContext): PathwayAnalysis | null {
  return analyzePathways(ctx.tables, ctx.schoolYear, ctx.passingRule);
}

/** The coursework row a student's finding sits on: the latest passed course of the pathway, else the student's first row. */
function anchorRow(student: StudentCoursework, pathway: number | undefined): { table: ExportTable; row: DataRow } | undefined {
  const courses = pathway === undefined ? undefined : student.passed.get(pathway);
  if (courses) {
    let last: StudentCoursework["firstRow"] | undefined;
    for (const row of courses.values()) if (row.origin && (!last || row.origin.row.row > last.origin!.row.row)) last = row;
    if (last?.origin) return last.origin;
  }
  return student.firstRow.origin;
}

function pathwayIndex(plan: PathwayPlan, name: string): number {
  return plan.pathways.findIndex((p) => p.name === name);
}

/** Possible concentrators, and the ones that qualify in several pathways (on their coursework rows). */
function reportPossible(ctx: RuleContext): void {
  const analysis = analysisOf(ctx);
  if (!analysis) return;
  for (const p of analysis.possible) {
    const student = analysis.students.get(p.studentId)!;
    const at = anchorRow(student, pathwayIndex(analysis.plan, p.pathway));
    if (!at) continue;
    if (analysis.comparedWithConcentrators) {
      const fields = {
        studentId: p.studentId,
        grade: p.grade,
        count: p.courses.length,
        pathway: p.pathway,
        iac: short(p.iac) || "(none in the plan)",
        clusterText: p.cluster ? `, ${short(p.cluster)}` : "",
        courses: coursesText(p),
      };
      ctx.report({ table: at.table, at: at.row, field: "studentId", rule: POSSIBLE_CONCENTRATOR, fields });
    }
    if (p.qualifications.length > 1) reportMultiple(ctx, at.table, at.row, p.studentId, p.qualifications);
  }
}

function reportMultiple(ctx: RuleContext, table: ExportTable, row: DataRow, studentId: string, qualifications: readonly Qualification[]) {
  const pathways = qualifications.map((q) => `${short(q.pathway)} (IAC ${short(q.iac) || "none"}: ${coursesText(q)})`).join("; ");
  const fields = { studentId, count: qualifications.length, pathways };
  ctx.report({ table, at: row, field: "studentId", rule: CONCENTRATOR_QUALIFIES_MULTIPLE, fields });
}

/** Reported concentrators with coursework: is the reported IAC's pathway backed by two passed courses? */
const FINDER: Check = {
  emits: [POSSIBLE_CONCENTRATOR, CONCENTRATOR_NOT_SUPPORTED, CONCENTRATOR_QUALIFIES_MULTIPLE, IAC_NOT_COURSEWORK_PATHWAY],
  run(ctx) {
    reportPossible(ctx);
    const analysis = analysisOf(ctx);
    if (!analysis) return;
    const { plan } = analysis;
    const multipleTold = new Set<string>();
    for (const t of ctx.tables("concentrators")) {
      if (!t.has("studentId") || !t.has("iac")) continue;
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        const local = t.present(r, "localStudentId");
        const student =
          (id === null ? undefined : analysis.students.get(id)) ?? (local === null ? undefined : analysis.students.get(local));
        if (id === null || !student) continue;
        const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
        if (iac === null) continue;
        const qualifications = qualificationsOf(plan, student);
        if (qualifications.length > 1 && !multipleTold.has(id)) {
          multipleTold.add(id);
          reportMultiple(ctx, t, r, id, qualifications);
        }
        const reported = plan.pathways.flatMap((p, i) => (p.iac === iac ? [i] : []));
        const passed = Math.max(0, ...reported.map((i) => student.passed.get(i)?.size ?? 0));
        if (passed >= 2) continue;
        if (qualifications.length === 1) {
          const [q] = qualifications;
          const canonical = clusterOf(t.text(r, "cluster"));
          const clusterSuggestion = q.cluster && q.cluster !== canonical ? ` and cluster ${short(q.cluster)}` : "";
          const fields = {
            studentId: id,
            reported: iac,
            pathway: q.pathway,
            courses: coursesText(q),
            iac: short(q.iac) || "(none in the plan)",
            clusterSuggestion,
          };
          ctx.report({ table: t, at: r, field: "iac", rule: IAC_NOT_COURSEWORK_PATHWAY, fields });
          continue;
        }
        if (reported.length === 0) {
          ctx.report({
            table: t,
            at: r,
            field: "iac",
            rule: CONCENTRATOR_NOT_SUPPORTED,
            says: "noPathway",
            fields: { studentId: id, iac },
          });
          continue;
        }
        const names = reported.map((i) => plan.pathways[i].name);
        const best = reported.reduce((a, b) => ((student.passed.get(b)?.size ?? 0) > (student.passed.get(a)?.size ?? 0) ? b : a));
        const list = passedCoursesOf(plan, student, best);
        const passedText = passed === 0 ? "no passed course" : `one passed course (${coursesText({ courses: list })})`;
        const fields = { studentId: id, iac, pathway: names, count: passed, passedText };
        ctx.report({ table: t, at: r, field: "iac", rule: CONCENTRATOR_NOT_SUPPORTED, says: "fewer", fields });
      }
    }
  },
};

/** Last year's concentrators against this year's: kept through grade 12, and the same IAC. */
const CONTINUED: Check = {
  emits: [CONCENTRATOR_NOT_CONTINUED, IAC_CHANGED_SINCE_LAST_YEAR],
  run(ctx) {
    const previous = ctx.tables("previous-concentrators").filter((t) => t.has("studentId"));
    const current = ctx.tables("concentrators").filter((t) => t.has("studentId"));
    if (previous.length === 0 || current.length === 0) return;
    const lastYear = new Map<string, { iac: string | null; grade: number | null; t: ExportTable; r: DataRow }>();
    for (const t of previous)
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        if (id === null || lastYear.has(id)) continue;
        lastYear.set(id, { iac: normalizeIac(t.raw(r, "iac") ?? null).iac, grade: normalizeGrade(t.raw(r, "grade") ?? null), t, r });
      }
    const reported = new Set<string>();
    const told = new Set<string>();
    for (const t of current)
      for (const r of t.rows) {
        const id = t.present(r, "studentId");
        if (id === null) continue;
        reported.add(id);
        const before = lastYear.get(id);
        const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
        if (!before || before.iac === null || iac === null || iac === before.iac || told.has(id)) continue;
        told.add(id);
        ctx.report({
          table: t,
          at: r,
          field: "iac",
          rule: IAC_CHANGED_SINCE_LAST_YEAR,
          fields: { studentId: id, iac, previous: before.iac },
        });
      }
    // This year's grade from the other exports: a student missing from the concentrators export has none there.
    const grades = currentGrades(ctx.tables);
    for (const [id, before] of lastYear) {
      if (before.grade !== 11 || reported.has(id) || grades.get(id) !== 12) continue;
      const fields = { studentId: id, iac: before.iac ?? "none" };
      ctx.report({ table: before.t, at: before.r, field: "studentId", rule: CONCENTRATOR_NOT_CONTINUED, fields });
    }
  },
};

export const CHECKS: readonly Check[] = [FINDER, CONTINUED];
