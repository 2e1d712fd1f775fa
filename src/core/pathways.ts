/**
 * The concentrator finder: which students passed at least two CTE courses of one of the district's career
 * pathways (DPI's definition of a concentrator), from the district's pathway plan (its Roster Work Plan:
 * pathways, their IAC and cluster, and their courses) and the students' coursework.
 *
 * Rules as defined here:
 * - Passed: a passed flag decides when readable; else the mark (letter at or above the minimum letter, default
 *   D-; percent at or above the minimum percent, default 60; pass/fail words); else earned credit above zero
 *   (default on). Blank or undecided evidence ("I", "IP") is unknown, never a pass.
 * - Course matching: the DPI roster code first (digits, leading zeros ignored), then the local course code
 *   (case and spaces ignored, an A/B semester suffix folded: AGR101A = AGR101B = AGR101), then the title
 *   (case, punctuation and an A/B or S1/S2 suffix ignored). A course counts once per pathway however often it
 *   was taken; its year is the first year it was passed.
 * - A student's grade: this year's grade from the concentrators, participants, demographics, HS completion and
 *   IRC/WBL exports (the highest when they disagree: a student reported in grade 12 anywhere is a senior);
 *   without one, the coursework's latest grade moved on by the years since (grade 10 in 2024-25 is grade 11
 *   in 2025-26).
 * Pure: no Office, DOM or Node APIs.
 */
import { clipForMatching } from "./boundedText";
import { CellValue, SheetInput, cellText } from "./cells";
import { clusterOf, memoByText } from "./codes";
import { baseTitle } from "./courseTitle";
import { DEFAULT_PASSING_RULE, PassingRule, isPassed } from "./marks";
import { foldKey, normalizeGrade, normalizeIac, normalizeRosterCode } from "./normalize";
import { recognize } from "./recognize";
import { ExportKind } from "./report";
import { schoolYearOfCell, yearsBetween } from "./schoolYears";
import { DataRow, ExportTable } from "./table";

export { DEFAULT_PASSING_RULE, isPassed, parsePassingRule } from "./marks";
export type { PassEvidence, PassingRule } from "./marks";

// ---------------------------------------------------------------- the plan

export interface PlanCourse {
  /** DPI roster code, normalised (digits, no leading zeros), or null */
  readonly rosterCode: string | null;
  /** local course code as the plan gives it (trimmed), or null */
  readonly localCode: string | null;
  /** local course title as the plan gives it */
  readonly title: string;
}

export interface Pathway {
  readonly name: string;
  /** IAC as NN.NN, or the plan's text when it is not a CIP code, or "" */
  readonly iac: string;
  /** the cluster's title when it is one of the 16 clusters, else the plan's text, or "" */
  readonly cluster: string;
  readonly courses: readonly PlanCourse[];
}

export interface PathwayPlan {
  readonly pathways: readonly Pathway[];
}

/** One row of a pathway plan; blank pathway name, IAC and cluster carry down from the row above. */
export interface PlanRowInput {
  readonly pathwayName?: CellValue;
  readonly iac?: CellValue;
  readonly cluster?: CellValue;
  readonly rosterCode?: CellValue;
  readonly localCourseCode?: CellValue;
  readonly localCourseTitle?: CellValue;
}

/** Local course code folded: case and spaces ignored, an A/B semester suffix after a digit dropped. */
export function foldLocalCode(code: string): string {
  const t = code.replace(/\s+/g, "").toUpperCase();
  let end = t.length;
  const last = t[end - 1];
  if ((last === "A" || last === "B") && end >= 2) {
    const before = t[end - 2];
    if (before >= "0" && before <= "9") end -= 1;
    else if ((before === "-" || before === "_" || before === ".") && end >= 3 && t[end - 3] >= "0" && t[end - 3] <= "9") end -= 2;
  }
  return t.slice(0, end);
}

/** Course title folded: case, punctuation and an A/B, S1/S2 or "- TC" suffix ignored. */
export function foldTitle(title: string): string {
  return foldKey(baseTitle(title));
}

function textOf(value: CellValue): string {
  if (value === null || value === undefined || value === "") return "";
  // Bounded first: a plan's names and titles reach messages and the JSON list.
  const t = clipForMatching(cellText(value));
  // Most cells have no run of whitespace to fold: only those pay for the pattern.
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, " ").trim() : t.trim();
}

/** The identity of a plan course within its pathway: A/B semesters of one course are one course. */
function courseKey(c: PlanCourse): string {
  if (c.localCode) return `l:${foldLocalCode(c.localCode)}`;
  if (c.rosterCode) return `r:${c.rosterCode}:${foldTitle(c.title)}`;
  return `t:${foldTitle(c.title)}`;
}

/**
 * The plan from its rows, in order: a row with a pathway name starts (or continues) that pathway; a blank
 * name, IAC or cluster carries down from the row above; a row without a course only names its pathway.
 */
export function buildPathwayPlan(rows: Iterable<PlanRowInput>): PathwayPlan {
  const byName = new Map<string, { name: string; iac: string; cluster: string; courses: PlanCourse[]; keys: Set<string> }>();
  let current: { name: string; iac: string; cluster: string } | null = null;
  for (const row of rows) {
    const name = textOf(row.pathwayName);
    const iacText = textOf(row.iac);
    const clusterText = textOf(row.cluster);
    if (name !== "" && (current === null || foldKey(name) !== foldKey(current.name))) current = { name, iac: "", cluster: "" };
    if (current === null) continue;
    if (iacText !== "") current.iac = normalizeIac(row.iac ?? null).iac ?? iacText;
    if (clusterText !== "") current.cluster = clusterOf(clusterText) ?? clusterText;
    const key = foldKey(current.name);
    let pathway = byName.get(key);
    if (!pathway) byName.set(key, (pathway = { name: current.name, iac: "", cluster: "", courses: [], keys: new Set() }));
    if (pathway.iac === "") pathway.iac = current.iac;
    if (pathway.cluster === "") pathway.cluster = current.cluster;
    const rosterCode = normalizeRosterCode(row.rosterCode ?? null);
    const localText = textOf(row.localCourseCode);
    const title = textOf(row.localCourseTitle);
    if (rosterCode === null && localText === "" && title === "") continue;
    const course: PlanCourse = { rosterCode, localCode: localText || null, title };
    const k = courseKey(course);
    if (pathway.keys.has(k)) continue;
    pathway.keys.add(k);
    pathway.courses.push(course);
  }
  return { pathways: [...byName.values()].map(({ name, iac, cluster, courses }) => ({ name, iac, cluster, courses })) };
}

/** The plan from recognised pathway-plan exports (several sheets make one plan). */
export function planFromTables(tables: readonly ExportTable[]): PathwayPlan {
  const rows: PlanRowInput[] = [];
  for (const t of tables) {
    // A new sheet starts afresh: nothing carries down across sheets.
    rows.push({});
    for (const r of t.rows) rows.push(planRowOf(t, r));
  }
  return buildPathwayPlan(rows);
}

function planRowOf(t: ExportTable, r: DataRow): PlanRowInput {
  return {
    pathwayName: t.raw(r, "pathwayName"),
    iac: t.raw(r, "iac"),
    cluster: t.raw(r, "cluster"),
    rosterCode: t.raw(r, "rosterCode"),
    localCourseCode: t.raw(r, "localCourseCode"),
    localCourseTitle: t.raw(r, "localCourseTitle"),
  };
}

/** A table of rows of one kind recognised as the given kind (a range passed to a custom function). */
function tableOfRows(rows: readonly (readonly CellValue[])[], kind: ExportKind, name: string): ExportTable | null {
  const sheet: SheetInput = { name, rows };
  const r = recognize(rows, kind);
  if (r.kind === null || r.headerIndex === null) return null;
  return new ExportTable(sheet, kind, { headerIndex: r.headerIndex, mapping: r.mapping });
}

/** The plan from a range of values with its header row (the template's, or any recognisable headers). */
export function planFromRows(rows: readonly (readonly CellValue[])[]): PathwayPlan {
  const t = tableOfRows(rows, "pathway-plan", "Pathway plan");
  return t ? planFromTables([t]) : { pathways: [] };
}

// ---------------------------------------------------------------- matching courses to the plan

/** A plan course by position: pathway index and course index within it. */
export interface PlanCourseRef {
  readonly pathway: number;
  readonly course: number;
}

interface PlanIndex {
  readonly byRoster: Map<string, PlanCourseRef[]>;
  readonly byLocal: Map<string, PlanCourseRef[]>;
  readonly byTitle: Map<string, PlanCourseRef[]>;
}

const INDEXES = new WeakMap<PathwayPlan, PlanIndex>();
const FOLD_CACHE_LIMIT = 20000;

function indexOf(plan: PathwayPlan): PlanIndex {
  let index = INDEXES.get(plan);
  if (index) return index;
  index = { byRoster: new Map(), byLocal: new Map(), byTitle: new Map() };
  const add = (map: Map<string, PlanCourseRef[]>, key: string, ref: PlanCourseRef) => {
    if (key === "") return;
    const list = map.get(key) ?? [];
    list.push(ref);
    map.set(key, list);
  };
  plan.pathways.forEach((p, pathway) =>
    p.courses.forEach((c, course) => {
      const ref = { pathway, course };
      if (c.rosterCode) add(index!.byRoster, c.rosterCode, ref);
      if (c.localCode) add(index!.byLocal, foldLocalCode(c.localCode), ref);
      if (c.title) add(index!.byTitle, foldTitle(c.title), ref);
    }),
  );
  INDEXES.set(plan, index);
  return index;
}

/** A coursework export repeats a few hundred course codes and titles: each is folded once. */
const foldedTitle = memoByText(foldTitle, FOLD_CACHE_LIMIT);
const foldedCode = memoByText(foldLocalCode, FOLD_CACHE_LIMIT);

/** A course a student took, as the plan matching reads it. */
export interface CourseIdentity {
  readonly rosterCode?: CellValue;
  readonly localCourseCode?: CellValue;
  readonly localCourseTitle?: CellValue;
}

/**
 * The plan courses a taken course is (at most one per pathway): by roster code, else local course code, else
 * title. Several courses of one pathway sharing a roster code are told apart by local code, then title.
 */
export function matchPlanCourses(plan: PathwayPlan, taken: CourseIdentity): PlanCourseRef[] {
  const index = indexOf(plan);
  const roster = normalizeRosterCode(taken.rosterCode ?? null);
  let candidates: PlanCourseRef[] | undefined = roster === null ? undefined : index.byRoster.get(roster);
  // A "Course Code" column of local codes (letters) is read as the local code.
  const localText = textOf(taken.localCourseCode) || (roster === null ? textOf(taken.rosterCode) : "");
  const local = localText ? foldedCode(localText) : "";
  if (!candidates && local) candidates = index.byLocal.get(local);
  const titleText = !candidates || candidates.length > 1 ? textOf(taken.localCourseTitle) : "";
  const title = titleText ? foldedTitle(titleText) : "";
  if (!candidates && title) candidates = index.byTitle.get(title);
  if (!candidates) return [];
  if (candidates.length === 1) return candidates;
  const best = new Map<number, { ref: PlanCourseRef; score: number }>();
  for (const ref of candidates) {
    const c = plan.pathways[ref.pathway].courses[ref.course];
    const score =
      (local && c.localCode && foldLocalCode(c.localCode) === local ? 2 : 0) + (title && c.title && foldTitle(c.title) === title ? 1 : 0);
    const seen = best.get(ref.pathway);
    if (!seen || score > seen.score) best.set(ref.pathway, { ref, score });
  }
  return [...best.values()].map((b) => b.ref);
}

// ---------------------------------------------------------------- coursework

/** One course a student took, as a coursework export gives it. */
export interface CourseworkRow extends CourseIdentity {
  readonly studentId: string;
  /** the school year ("2024-25") or the term text; may be blank */
  readonly schoolYear?: CellValue;
  readonly term?: CellValue;
  readonly passed?: CellValue;
  readonly creditsEarned?: CellValue;
  readonly mark?: CellValue;
  /** the student's grade level when the course was taken */
  readonly grade?: CellValue;
  /** where the row came from (the engine's table and row), for placing findings */
  readonly origin?: { readonly table: ExportTable; readonly row: DataRow };
}

/** Coursework rows of recognised coursework exports (rows without a student id are left out). */
export function courseworkFromTables(tables: readonly ExportTable[]): CourseworkRow[] {
  const out: CourseworkRow[] = [];
  for (const t of tables) {
    if (!t.has("studentId")) continue;
    for (const r of t.rows) {
      const studentId = t.present(r, "studentId");
      if (studentId === null) continue;
      out.push({
        studentId,
        schoolYear: t.raw(r, "schoolYear"),
        term: t.raw(r, "term"),
        rosterCode: t.raw(r, "rosterCode"),
        localCourseCode: t.raw(r, "localCourseCode"),
        localCourseTitle: t.raw(r, "localCourseTitle"),
        passed: t.raw(r, "passed"),
        creditsEarned: t.raw(r, "creditsEarned"),
        mark: t.raw(r, "mark"),
        grade: t.raw(r, "grade"),
        origin: { table: t, row: r },
      });
    }
  }
  return out;
}

/** Coursework from a range of values with its header row (a custom function's argument). */
export function courseworkFromRows(rows: readonly (readonly CellValue[])[]): CourseworkRow[] {
  const t = tableOfRows(rows, "coursework", "Coursework");
  return t ? courseworkFromTables([t]) : [];
}

/** The school year of a coursework row ("2024-25"), from its school-year column or its term; null when neither says. */
export function courseworkYear(row: Pick<CourseworkRow, "schoolYear" | "term">): string | null {
  return yearOfCell(row.schoolYear) ?? yearOfCell(row.term);
}

/** A coursework export repeats a handful of years and terms: each text is read once. */
const schoolYearOfText = memoByText(schoolYearOfCell, FOLD_CACHE_LIMIT);

function yearOfCell(value: CellValue): string | null {
  return typeof value === "string" && value.length <= 64 ? schoolYearOfText(value) : schoolYearOfCell(value ?? null);
}

function yearLabel(row: CourseworkRow): string {
  return courseworkYear(row) ?? (textOf(row.term) || textOf(row.schoolYear));
}

/** A passed course of a pathway, as findings and the pane list it. */
export interface PassedCourse {
  /** the plan course's roster code, else its local code */
  readonly code: string;
  readonly title: string;
  /** the school year (or term) it was first passed in; "" when the coursework does not say */
  readonly year: string;
}

export interface Qualification {
  readonly pathway: string;
  readonly iac: string;
  readonly cluster: string;
  readonly courses: readonly PassedCourse[];
}

/** What one student's coursework shows against the plan. */
export interface StudentCoursework {
  readonly studentId: string;
  /** per pathway index: the distinct plan courses passed (course index -> the first passing row) */
  readonly passed: ReadonlyMap<number, ReadonlyMap<number, CourseworkRow>>;
  /** the grade of the student's latest coursework row, moved on to the checked year when years are known */
  readonly courseworkGrade: number | null;
  /** the student's first coursework row (findings about the student sit there) */
  readonly firstRow: CourseworkRow;
}

interface Progress {
  studentId: string;
  passed: Map<number, Map<number, CourseworkRow>>;
  firstRow: CourseworkRow;
  gradeYear: string | null;
  grade: number | null;
}

/**
 * Every student's passed plan courses, one pass over the coursework. `schoolYear` (the year checked) moves a
 * past year's grade on; without it the latest grade is taken as it is.
 */
export function courseworkByStudent(
  plan: PathwayPlan,
  coursework: Iterable<CourseworkRow>,
  rule: PassingRule = DEFAULT_PASSING_RULE,
  schoolYear?: string,
): Map<string, StudentCoursework> {
  const students = new Map<string, Progress>();
  for (const row of coursework) {
    let s = students.get(row.studentId);
    if (!s) students.set(row.studentId, (s = { studentId: row.studentId, passed: new Map(), firstRow: row, gradeYear: null, grade: null }));
    const grade = row.grade === undefined || row.grade === null || row.grade === "" ? null : normalizeGrade(row.grade);
    if (grade !== null) {
      const year = courseworkYear(row);
      if (
        s.grade === null ||
        (year !== null && (s.gradeYear === null || year > s.gradeYear)) ||
        (year === s.gradeYear && grade > s.grade)
      ) {
        s.grade = grade;
        s.gradeYear = year;
      }
    }
    const refs = matchPlanCourses(plan, row);
    if (refs.length === 0 || isPassed(row, rule) !== true) continue;
    for (const ref of refs) {
      let courses = s.passed.get(ref.pathway);
      if (!courses) s.passed.set(ref.pathway, (courses = new Map()));
      const earlier = courses.get(ref.course);
      // A retaken course counts once; its year is the first year it was passed.
      if (!earlier || isEarlier(row, earlier)) courses.set(ref.course, row);
    }
  }
  const out = new Map<string, StudentCoursework>();
  for (const s of students.values()) {
    const moved = s.grade !== null && s.gradeYear !== null && schoolYear ? s.grade + yearsBetween(s.gradeYear, schoolYear) : s.grade;
    out.set(s.studentId, { studentId: s.studentId, passed: s.passed, courseworkGrade: moved, firstRow: s.firstRow });
  }
  return out;
}

function isEarlier(a: CourseworkRow, b: CourseworkRow): boolean {
  const ya = courseworkYear(a);
  const yb = courseworkYear(b);
  return ya !== null && (yb === null || ya < yb);
}

/** The passed courses of one pathway for a student, in year order. */
export function passedCoursesOf(plan: PathwayPlan, student: StudentCoursework, pathway: number): PassedCourse[] {
  const courses = student.passed.get(pathway);
  if (!courses) return [];
  const p = plan.pathways[pathway];
  return [...courses]
    .map(([course, row]) => {
      const c = p.courses[course];
      return { code: c.rosterCode ?? c.localCode ?? "", title: c.title, year: yearLabel(row) };
    })
    .sort((a, b) => a.year.localeCompare(b.year) || a.title.localeCompare(b.title));
}

/** A concentrator's pathways: two or more distinct passed courses. Most courses first, then by name. */
export function qualificationsOf(plan: PathwayPlan, student: StudentCoursework): Qualification[] {
  const out: Qualification[] = [];
  for (const [pathway, courses] of student.passed) {
    if (courses.size < 2) continue;
    const p = plan.pathways[pathway];
    out.push({ pathway: p.name, iac: p.iac, cluster: p.cluster, courses: passedCoursesOf(plan, student, pathway) });
  }
  return out.sort((a, b) => b.courses.length - a.courses.length || a.pathway.localeCompare(b.pathway));
}

/** Every student who qualifies in at least one pathway, with those pathways. */
export function qualificationsByStudent(
  plan: PathwayPlan,
  coursework: Iterable<CourseworkRow>,
  rule: PassingRule = DEFAULT_PASSING_RULE,
): Map<string, Qualification[]> {
  const out = new Map<string, Qualification[]>();
  for (const [id, student] of courseworkByStudent(plan, coursework, rule)) {
    const q = qualificationsOf(plan, student);
    if (q.length > 0) out.set(id, q);
  }
  return out;
}

/** Pathway indexes a text names: the pathway's name (case and punctuation ignored), else its IAC. */
export function pathwaysNamed(plan: PathwayPlan, nameOrIac: string): number[] {
  const key = foldKey(nameOrIac);
  const byName = plan.pathways.flatMap((p, i) => (foldKey(p.name) === key ? [i] : []));
  if (byName.length > 0) return byName;
  const iac = normalizeIac(nameOrIac.trim()).iac;
  return iac === null ? [] : plan.pathways.flatMap((p, i) => (p.iac === iac ? [i] : []));
}

/**
 * How many distinct courses of a pathway (by name, or by IAC: the most of the pathways with it) a student
 * passed. 0 when the student or the pathway is not there.
 */
export function passedPathwayCourses(
  plan: PathwayPlan,
  coursework: Iterable<CourseworkRow>,
  studentId: string,
  pathway: string,
  rule: PassingRule = DEFAULT_PASSING_RULE,
): number {
  const wanted = studentId.trim();
  const rows: CourseworkRow[] = [];
  for (const row of coursework) if (row.studentId === wanted) rows.push(row);
  const student = courseworkByStudent(plan, rows, rule).get(wanted);
  if (!student) return 0;
  let most = 0;
  for (const i of pathwaysNamed(plan, pathway)) most = Math.max(most, student.passed.get(i)?.size ?? 0);
  return most;
}

// ---------------------------------------------------------------- students' grades this year

/** Exports that carry this year's grade level, in the order their grade is read. */
export const CURRENT_GRADE_KINDS: readonly ExportKind[] = ["concentrators", "participants", "demographics", "hs-completion", "irc-wbl"];

/**
 * Each student's grade this year from the year's exports: the highest when they disagree. Keyed by the
 * student id and, where an export also has one, the local student id (an SIS coursework report may carry
 * only the district's number).
 */
export function currentGrades(tables: (kind: ExportKind) => readonly ExportTable[]): Map<string, number> {
  const grades = new Map<string, number>();
  for (const kind of CURRENT_GRADE_KINDS)
    for (const t of tables(kind)) {
      if (!t.has("grade")) continue;
      eachIdOf(t, (r, id) => {
        const g = normalizeGrade(t.raw(r, "grade") ?? null);
        if (g === null) return;
        const had = grades.get(id);
        if (had === undefined || g > had) grades.set(id, g);
      });
    }
  return grades;
}

/** Each row's student id and local student id (when the export has both columns). */
function eachIdOf(t: ExportTable, visit: (r: DataRow, id: string) => void): void {
  const hasLocal = t.has("localStudentId");
  if (!t.has("studentId") && !hasLocal) return;
  for (const r of t.rows) {
    const id = t.present(r, "studentId");
    if (id !== null) visit(r, id);
    const local = hasLocal ? t.present(r, "localStudentId") : null;
    if (local !== null && local !== id) visit(r, local);
  }
}

// ---------------------------------------------------------------- the engine's analysis

/** A grade 11-12 student whose coursework qualifies in a pathway and who is not in the concentrators export. */
export interface PossibleConcentrator {
  readonly studentId: string;
  readonly grade: number;
  /** where the grade came from: this year's exports, or the coursework */
  readonly gradeFrom: "exports" | "coursework";
  /** the first qualifying pathway (most passed courses) */
  readonly pathway: string;
  readonly iac: string;
  readonly cluster: string;
  readonly courses: readonly PassedCourse[];
  /** every qualifying pathway (more than one: the student should choose) */
  readonly qualifications: readonly Qualification[];
}

export interface PathwayAnalysis {
  readonly plan: PathwayPlan;
  readonly students: ReadonlyMap<string, StudentCoursework>;
  /** this year's grade per student (exports first, coursework otherwise) */
  gradeOf(studentId: string): { grade: number; from: "exports" | "coursework" } | null;
  /** students who qualify and are not reported as concentrators (all qualifying ones without a concentrators export) */
  readonly possible: readonly PossibleConcentrator[];
  /** whether a concentrators export with student ids was there to compare with */
  readonly comparedWithConcentrators: boolean;
  /** the coursework has local numbers, this year's exports WSNs, and none matches (then nobody is listed) */
  readonly idsUnmatched: boolean;
  readonly rule: PassingRule;
}

const ANALYSES = new WeakMap<object, PathwayAnalysis | null>();

/**
 * The finder over a run's exports: null without a pathway plan with courses or without coursework. Computed
 * once per run (keyed by the run's table lookup), shared by the rules, the checklist figure and the report.
 */
export function analyzePathways(
  tables: (kind: ExportKind) => readonly ExportTable[],
  schoolYear: string,
  rule: PassingRule = DEFAULT_PASSING_RULE,
): PathwayAnalysis | null {
  if (ANALYSES.has(tables)) return ANALYSES.get(tables)!;
  const result = analyze(tables, schoolYear, rule);
  ANALYSES.set(tables, result);
  return result;
}

function analyze(tables: (kind: ExportKind) => readonly ExportTable[], schoolYear: string, rule: PassingRule): PathwayAnalysis | null {
  const planTables = tables("pathway-plan");
  const courseworkTables = tables("coursework").filter((t) => t.has("studentId"));
  if (planTables.length === 0 || courseworkTables.length === 0) return null;
  const plan = planFromTables(planTables);
  if (!plan.pathways.some((p) => p.courses.length > 0)) return null;
  const students = courseworkByStudent(plan, courseworkFromTables(courseworkTables), rule, schoolYear);
  const grades = currentGrades(tables);
  const gradeOf = (id: string) => {
    const g = grades.get(id);
    if (g !== undefined) return { grade: g, from: "exports" as const };
    const c = students.get(id)?.courseworkGrade;
    return c === null || c === undefined ? null : { grade: c, from: "coursework" as const };
  };
  const concentratorTables = tables("concentrators").filter((t) => t.has("studentId"));
  const reported = new Set<string>();
  for (const t of concentratorTables) eachIdOf(t, (_r, id) => reported.add(id));
  // Coursework of local numbers where this year's exports have WSNs (10 digits), matching none of them:
  // every student would look unreported, so none is listed.
  const known = new Set<string>();
  for (const kind of CURRENT_GRADE_KINDS) for (const t of tables(kind)) eachIdOf(t, (_r, id) => known.add(id));
  const wsnLike = (id: string) => /^\d{10}$/.test(id);
  const ids = [...students.keys()];
  const idsUnmatched = !ids.some((id) => known.has(id) || wsnLike(id)) && [...known].some(wsnLike);
  const possible: PossibleConcentrator[] = [];
  for (const [id, student] of idsUnmatched ? [] : students) {
    if (reported.has(id)) continue;
    const g = gradeOf(id);
    if (g === null || g.grade < 11 || g.grade > 12) continue;
    const q = qualificationsOf(plan, student);
    if (q.length === 0) continue;
    const [first] = q;
    possible.push({
      studentId: id,
      grade: g.grade,
      gradeFrom: g.from,
      pathway: first.pathway,
      iac: first.iac,
      cluster: first.cluster,
      courses: first.courses,
      qualifications: q,
    });
  }
  return { plan, students, gradeOf, possible, comparedWithConcentrators: concentratorTables.length > 0, idsUnmatched, rule };
}
