/**
 * The logic of the =CTE.… custom functions, without Excel: every function takes what Excel hands a
 * custom function (a scalar, or a range as any[][]) and returns a matrix of the broadcast shape, whose
 * elements are values or `FunctionError`s. functions.ts maps FunctionError to CustomFunctions.Error.
 *
 * No rule logic lives here: values go through src/core (the normalisers, the code lists and, for
 * messages and checks, the engine itself via checkColumns / findingsByRow). Shared lookups (a pasted
 * DPI list) are built once per call, and the engine runs at most once or twice per call, however
 * many cells the ranges hold.
 */
import { CellValue, cellErrorText, cellText, isBlank } from "../core/cells";
import { classifyCareerEdRow, exitTypeOf, programAreaOf, splitMultiValue, wblProgramOf } from "../core/codes";
import { CheckOptionsError, resolveSchoolYear } from "../core/engine";
import { GRADE_BAND_LIST, gradeBandOf, inGradeBand } from "../core/eligibility";
import { CatalogRange, IacListRange, buildCourseCatalog, buildIacList, clustersOfIac, isListProblem } from "../core/lists";
import { cleanText, normalizeGrade, normalizeIac } from "../core/normalize";
import { Field, KIND_SPEC, recognize } from "../core/recognize";
import {
  DEFAULT_PASSING_RULE,
  PassingRule,
  PathwayPlan,
  Qualification,
  StudentCoursework,
  courseworkByStudent,
  courseworkFromRows,
  parsePassingRule,
  pathwaysNamed,
  planFromRows,
  qualificationsOf,
} from "../core/pathways";
import { ExportKind, Finding } from "../core/report";
import { checkColumns, findingsByRow, tableFromColumns } from "../core/rowFindings";
import { apIbOfTitle } from "../core/courseTitle";
import { graduatesWithDiploma } from "../core/graduates";
import { ruleById } from "../core/rules/registry";
import { q } from "../core/text";

// ------------------------------------------------------------------ values and errors

/** Which Excel error an element becomes: only these two carry a message. */
export type ErrorKind = "invalidValue" | "notAvailable";

/** An error element: functions.ts turns it into CustomFunctions.Error (#VALUE! / #N/A with the message). */
export class FunctionError {
  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
  ) {}
}

export type Out = string | number | boolean | FunctionError;

const invalid = (message: string) => new FunctionError("invalidValue", message);
const notAvailable = (message: string) => new FunctionError("notAvailable", message);

/**
 * One element of an argument as a core CellValue. Excel gives strings, numbers, booleans, "" or null
 * for empty cells; error cells arrive as error objects (with allowErrorForDataTypeAny), and data-typed
 * cells as objects with a basicValue. Nothing here throws.
 */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.length === 0 ? null : toCellValue(value[0]);
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (typeof o.code === "string" && o.code.startsWith("#")) return { error: o.code };
    if (o.type === "Error") return { error: typeof o.basicValue === "string" ? o.basicValue : "#VALUE!" };
    if ("basicValue" in o) return toCellValue(o.basicValue);
    if (typeof o.text === "string") return o.text;
  }
  return { error: "#VALUE!" };
}

/** An argument as a rectangular matrix: a scalar is 1x1, a flat array one row, ragged rows are padded. */
export function asMatrix(input: unknown): unknown[][] {
  if (!Array.isArray(input)) return [[input]];
  if (input.length === 0) return [[null]];
  const rows = input.every((r) => Array.isArray(r)) ? (input as unknown[][]) : [input];
  const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
  return rows.map((r) => (r.length === width ? r : [...r, ...new Array<unknown>(width - r.length).fill(null)]));
}

/** An optional argument Excel left out (null/undefined), or a range with nothing in it. */
export function isOmitted(input: unknown): boolean {
  if (input === undefined || input === null) return true;
  return asMatrix(input).every((row) => row.every((v) => isBlank(toCellValue(v))));
}

function errorOfCell(value: CellValue): FunctionError | null {
  const err = cellErrorText(value);
  if (err === null) return null;
  const message = `The input is the Excel error ${err}, not a value: fix the cell it comes from.`;
  return err === "#N/A" ? notAvailable(message) : invalid(message);
}

const SIZE_MISMATCH = "The ranges differ in size: give ranges of the same size (or a single value).";

/** Fills a matrix of the shape with one element (used when a shared argument, such as a list, is unusable). */
function filled(rows: number, cols: number, value: Out): Out[][] {
  return Array.from({ length: rows }, () => new Array<Out>(cols).fill(value));
}

interface BatchOptions {
  /** a position is blank in, blank out: when its first argument is blank ("first"), or all are ("all") */
  readonly blank: "first" | "all";
}

/**
 * Broadcasts the arguments like Excel's array arithmetic (equal sizes, or 1 row / 1 column / one value
 * repeated; elsewhere #N/A), turns error inputs into error elements, blanks into "", and hands every
 * other position to `compute` in ONE call as columns of values (one column per argument).
 */
function batch(args: readonly unknown[], options: BatchOptions, compute: (columns: CellValue[][]) => Out[]): Out[][] {
  const mats = args.map(asMatrix);
  const rows = Math.max(...mats.map((m) => m.length));
  const cols = Math.max(...mats.map((m) => m[0].length));
  const out: Out[][] = filled(rows, cols, "");
  const pending: number[] = [];
  const columns: CellValue[][] = args.map(() => []);
  const k = mats.length;
  // Plain loops and one reused array: this runs once per cell of a possibly 10,000-cell range.
  const values: CellValue[] = new Array<CellValue>(k);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let mismatch = false;
      let error: Out | null = null;
      let blanks = 0;
      for (let a = 0; a < k; a++) {
        const m = mats[a];
        const r = m.length === 1 ? 0 : i;
        const c = m[0].length === 1 ? 0 : j;
        if (r >= m.length || c >= m[0].length) {
          mismatch = true;
          break;
        }
        const v = toCellValue(m[r][c]);
        values[a] = v;
        if (error === null) error = errorOfCell(v);
        if (isBlank(v)) blanks++;
      }
      if (mismatch) {
        out[i][j] = notAvailable(SIZE_MISMATCH);
        continue;
      }
      if (error) {
        out[i][j] = error;
        continue;
      }
      const blank = options.blank === "first" ? isBlank(values[0]) : blanks === k;
      if (blank) continue;
      pending.push(i, j);
      for (let a = 0; a < k; a++) columns[a].push(values[a]);
    }
  }
  if (pending.length > 0) {
    const results = compute(columns);
    for (let n = 0; n < results.length; n++) out[pending[2 * n]][pending[2 * n + 1]] = results[n];
  }
  return out;
}

/** The shape a batch call returns, for filling with a list problem. */
function shapeOf(args: readonly unknown[]): [number, number] {
  const mats = args.map(asMatrix);
  return [Math.max(...mats.map((m) => m.length)), Math.max(...mats.map((m) => m[0].length))];
}

const messagesOf = (findings: readonly Finding[], rules: readonly string[]) =>
  findings.filter((f) => rules.includes(f.rule)).map((f) => f.message);

/** The engine's messages for values that fail a check: one engine run for all failing values of a call. */
function engineMessages(kind: ExportKind, field: Field, values: CellValue[], rules: readonly string[]): string[] {
  if (values.length === 0) return [];
  return checkColumns(kind, { [field]: values }).map((f) => messagesOf(f, rules).join(" "));
}

// ------------------------------------------------------------------ shared lists

type Loaded<T> = { value: T | null } | { error: FunctionError };

/** The optional DPI IAC list argument, built once per call. */
export function loadIacListArg(input: unknown, needClusters: boolean): Loaded<IacListRange> {
  if (isOmitted(input)) return { value: null };
  const rows = asMatrix(input).map((r) => r.map(toCellValue));
  const built = buildIacList(rows);
  if (isListProblem(built)) return { error: invalid(`The iacList argument is not a DPI IAC to Cluster list: ${built.problem}.`) };
  if (needClusters && !built.hasClusters) {
    return { error: invalid("The iacList argument has no cluster column: include DPI's Cluster column (or the header row).") };
  }
  return { value: built };
}

/** The optional DPI course catalog argument, built once per call. */
export function loadCatalogArg(input: unknown): Loaded<CatalogRange> {
  if (isOmitted(input)) return { value: null };
  const rows = asMatrix(input).map((r) => r.map(toCellValue));
  const built = buildCourseCatalog(rows);
  if (isListProblem(built)) return { error: invalid(`The catalog argument is not a DPI course catalog: ${built.problem}.`) };
  return { value: built };
}

// ------------------------------------------------------------------ the functions

const IAC_CHECKS = ["IAC-INVALID-FORMAT", "IAC-UNKNOWN"];

/** Messages for values that are not a CIP code shape (the engine's IAC-INVALID-FORMAT text). */
function iacShapeMessages(values: CellValue[]): string[] {
  return engineMessages("concentrators", "iac", values, ["IAC-INVALID-FORMAT"]);
}

const MEMO_LIMIT = 256;

/** Normalises values to IACs; failures get the engine's message as #VALUE!. */
function normalisedIacs(values: CellValue[]): (string | FunctionError)[] {
  // An IAC column repeats a few codes: each distinct text or number is normalised once per call. The
  // memo stops growing at MEMO_LIMIT entries, so a column of all-different values pays little for it.
  const seen = new Map<unknown, string | null>();
  const iacs = values.map((v) => {
    if (typeof v !== "string" && typeof v !== "number") return normalizeIac(v).iac;
    let code = seen.get(v);
    if (code === undefined) {
      code = normalizeIac(v).iac;
      if (seen.size < MEMO_LIMIT) seen.set(v, code);
    }
    return code;
  });
  const failing = values.filter((_, i) => iacs[i] === null);
  const messages = iacShapeMessages(failing);
  let k = 0;
  return iacs.map((code) => code ?? invalid(messages[k++] || "The value is not a CIP code: use NN.NN, e.g. 01.09."));
}

/** =CTE.IAC(value): "01.10" for 1.1, "01.09" for 01.0901; #VALUE! when the value is not a CIP code shape. */
export function iac(value: unknown): Out[][] {
  return batch([value], { blank: "first" }, ([values]) => normalisedIacs(values));
}

/** =CTE.IACVALID(value, [iacList]): TRUE when the IAC is a CIP 2020 series (or is on the given DPI list). */
export function iacValid(value: unknown, iacList?: unknown): Out[][] {
  const list = loadIacListArg(iacList, false);
  if ("error" in list) return filled(...shapeOf([value]), list.error);
  return batch([value], { blank: "first" }, ([values]) => {
    const found = checkColumns("concentrators", { iac: values }, { referenceSheets: list.value ? [list.value.sheet] : [] });
    return found.map((f) => !f.some((x) => IAC_CHECKS.includes(x.rule)));
  });
}

const CLUSTER_REASON: Record<string, string> = {
  "not-on-list": "is not on the given DPI IAC to Cluster list",
  "list-without-clusters": "has no cluster on the given list",
  "no-cte-cluster": "belongs to no CTE career cluster in the built-in derived crosswalk (load DPI's list for an exact answer)",
  "not-cip-2020": "is not a CIP 2020 four-digit series",
};

/** =CTE.CLUSTER(iac, [iacList]): the cluster title(s) for an IAC; several are joined with "; ". */
export function cluster(iacValue: unknown, iacList?: unknown): Out[][] {
  const list = loadIacListArg(iacList, true);
  if ("error" in list) return filled(...shapeOf([iacValue]), list.error);
  // A column of IACs repeats a few codes: each distinct code is looked up once per call.
  const answers = new Map<string, Out>();
  return batch([iacValue], { blank: "first" }, ([values]) =>
    normalisedIacs(values).map((code) => {
      if (code instanceof FunctionError) return code;
      let answer = answers.get(code);
      if (answer === undefined) {
        const found = clustersOfIac(code, list.value?.list ?? null, list.value?.hasClusters ?? true);
        answer = found.found ? found.clusters.join("; ") : notAvailable(`IAC ${code} ${CLUSTER_REASON[found.reason]}.`);
        if (answers.size < MEMO_LIMIT) answers.set(code, answer);
      }
      return answer;
    }),
  );
}

const PAIR_CHECKS = ["IAC-MISSING", "IAC-INVALID-FORMAT", "IAC-UNKNOWN", "CLUSTER-MISSING", "CLUSTER-UNKNOWN", "IAC-CLUSTER-MISMATCH"];

/** =CTE.IACCLUSTER(iac, cluster, [iacList]): TRUE when IAC and cluster are a valid pair (DPI 6800 logic). */
export function iacCluster(iacValue: unknown, clusterValue: unknown, iacList?: unknown): Out[][] {
  const list = loadIacListArg(iacList, true);
  if ("error" in list) return filled(...shapeOf([iacValue, clusterValue]), list.error);
  return batch([iacValue, clusterValue], { blank: "all" }, ([iacs, clusters]) => {
    const referenceSheets = list.value ? [list.value.sheet] : [];
    const found = checkColumns("concentrators", { iac: iacs, cluster: clusters }, { referenceSheets });
    return found.map((f) => !f.some((x) => PAIR_CHECKS.includes(x.rule)));
  });
}

/** =CTE.PROGRAMAREA(value): the canonical program-area name(s) for any accepted alias; #N/A otherwise. */
export function programArea(value: unknown): Out[][] {
  return batch([value], { blank: "first" }, ([values]) => {
    const names = values.map((v) => {
      const parts = splitMultiValue(cleanText(v)).map(programAreaOf);
      return parts.length > 0 && parts.every((p) => p !== null) ? parts.map((p) => p!.name).join("; ") : null;
    });
    const failing = values.filter((_, i) => names[i] === null);
    const messages = engineMessages("concentrators", "programArea", failing, ["PROGRAM-AREA-UNKNOWN"]);
    let k = 0;
    return names.map((n) => n ?? notAvailable(messages[k++] || "The value is not one of the six Wisconsin program areas."));
  });
}

/** Grades as numbers; failures get the engine's GRADE-INVALID message as #VALUE!. */
function normalisedGrades(values: CellValue[]): (number | FunctionError)[] {
  const grades = values.map(normalizeGrade);
  const messages = engineMessages(
    "participants",
    "grade",
    values.filter((_, i) => grades[i] === null),
    ["GRADE-INVALID"],
  );
  let k = 0;
  return grades.map((g) => g ?? invalid(messages[k++] || "The value is not a grade level: use 9, 10, 11 or 12."));
}

/** =CTE.GRADE(value): the grade as a number (9 for "09", "Grade 9", "9th", "K12-09"; K = 0, PK = -1). */
export function grade(value: unknown): Out[][] {
  return batch([value], { blank: "first" }, ([values]) => normalisedGrades(values));
}

const ELEMENT_LIST = GRADE_BAND_LIST.map((b) => b.element.replace(/-/g, " ")).join(", ");

/** =CTE.ELIGIBLE(element, grade): TRUE when the grade is in the element's reporting band. */
export function eligible(element: unknown, gradeValue: unknown): Out[][] {
  return batch([element, gradeValue], { blank: "all" }, ([elements, grades]) => {
    const given = grades.filter((g) => !isBlank(g));
    const numbers = normalisedGrades(given);
    let k = 0;
    return elements.map((e, i) => {
      const g = isBlank(grades[i]) ? null : numbers[k++];
      const band = gradeBandOf(cleanText(e));
      const element = isBlank(e) ? "A blank element" : `Element ${q(cleanText(e))}`;
      if (!band) return notAvailable(`${element} is not one CTE.ELIGIBLE knows: use one of ${ELEMENT_LIST}.`);
      if (g === null) return invalid("The grade is blank: give the student's grade (9-12).");
      return g instanceof FunctionError ? g : inGradeBand(band.element, g);
    });
  });
}

/** =CTE.APIB(localTitle): "AP", "IB" or "" from a local course title ("Pre-AP" is neither). */
export function apib(title: unknown): Out[][] {
  return batch([title], { blank: "first" }, ([titles]) => titles.map((t) => apIbOfTitle(cleanText(t))));
}

const COURSE_RULES = [
  "COURSE-CODE-MISSING",
  "COURSE-CODE-UNKNOWN",
  "COURSE-CODE-DEPRECATED",
  "AP-CODE-MISMATCH",
  "IB-CODE-MISMATCH",
  "APIB-TITLE-MISMATCH",
  "APIB-CODE-INCONSISTENT",
];

/**
 * =CTE.COURSECHECK(localTitle, rosterCode, [catalog]): "" when fine, else the findings' messages. With a
 * catalog: unknown / deprecated codes and AP/IB mismatches; without: a blank code, and one roster code
 * used by both AP/IB-titled and plain-titled courses within the given ranges.
 */
export function courseCheck(title: unknown, rosterCode: unknown, catalog?: unknown): Out[][] {
  const cat = loadCatalogArg(catalog);
  if ("error" in cat) return filled(...shapeOf([title, rosterCode]), cat.error);
  return batch([title, rosterCode], { blank: "all" }, ([titles, codes]) => {
    const referenceSheets = cat.value ? [cat.value.sheet] : [];
    const found = checkColumns("courses", { localCourseTitle: titles, rosterCode: codes }, { referenceSheets });
    return found.map((f) => messagesOf(f, COURSE_RULES).join(" | "));
  });
}

/** =CTE.WBLHOURS(programName): the program's minimum hours (90; Youth Apprenticeship 450; DPI Occupational 480). */
export function wblHours(programName: unknown): Out[][] {
  return batch([programName], { blank: "first" }, ([names]) => {
    const texts = names.map(cleanText);
    const programs = texts.map(wblProgramOf);
    const unknown = texts.filter((t, i) => programs[i] === null && classifyCareerEdRow(t, "").kind === "wbl");
    const messages = engineMessages("irc-wbl", "programName", unknown, ["WBL-PROGRAM-UNKNOWN"]);
    let k = 0;
    return texts.map((t, i) => {
      const p = programs[i];
      if (p) return p.minHours;
      if (classifyCareerEdRow(t, "").kind === "irc") return notAvailable(`${q(t)} is an IRC program: IRC rows have no hours minimum.`);
      return notAvailable(messages[k++] || `${q(t)} is not a work-based learning program.`);
    });
  });
}

/** =CTE.GRADUATE(exitType, [credentialType]): TRUE for exit type HSC with a regular diploma (R). */
export function graduate(exitType: unknown, credentialType?: unknown): Out[][] {
  const withCredential = !(credentialType === undefined || credentialType === null);
  const args = withCredential ? [exitType, credentialType] : [exitType];
  return batch(args, { blank: "first" }, ([exits, credentials]) => {
    const known = exits.map((e) => exitTypeOf(cleanText(e)) !== null);
    const messages = engineMessages(
      "hs-completion",
      "exitType",
      exits.filter((_, i) => !known[i]),
      ["EXIT-TYPE-UNKNOWN"],
    );
    const columns = withCredential ? { exitType: exits, credentialType: credentials } : { exitType: exits };
    const table = tableFromColumns("hs-completion", columns);
    const ids = graduatesWithDiploma([table]);
    let k = 0;
    return table.rows.map((r, i) =>
      known[i] ? ids.has(table.text(r, "studentId")) : invalid(messages[k++] || "The value is not a DPI exit type."),
    );
  });
}

/** =CTE.RULE(ruleId): the rule's one-line description. */
export function rule(ruleId: unknown): Out[][] {
  const unknown = (id: CellValue) =>
    notAvailable(`${q(cellText(id))} is not a rule id (e.g. GRADE-INVALID; see the help page for the list).`);
  return batch([ruleId], { blank: "first" }, ([ids]) => ids.map((id) => ruleById(cellText(id))?.description ?? unknown(id)));
}

/** Longest text Excel keeps in a cell. */
const CELL_MAX = 32767;

/** A row's findings as one cell: "RULE-ID: message | RULE-ID: message", after `prefix`, cut to Excel's cell limit. */
export function findingsText(findings: readonly Finding[], prefix = ""): string {
  const text = prefix + findings.map((f) => `${f.rule}: ${f.message}`).join(" | ");
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX - 1)}…` : text;
}

/**
 * =CTE.CHECK(tableWithHeaders, [catalog], [iacList], [schoolYear]): one column beside a pasted export,
 * one row per input row: the export kind on the header row (followed by sheet-level findings such as a
 * missing column), each data row's findings or "OK", "" on title, blank and total rows.
 */
export function check(tableWithHeaders: unknown, catalog?: unknown, iacList?: unknown, schoolYear?: unknown): Out[][] {
  const rows = asMatrix(tableWithHeaders).map((r) => r.map(toCellValue));
  const cat = loadCatalogArg(catalog);
  if ("error" in cat) return [[cat.error]];
  const list = loadIacListArg(iacList, true);
  if ("error" in list) return [[list.error]];
  const yearText = isOmitted(schoolYear) ? "" : cellText(toCellValue(asMatrix(schoolYear)[0][0]));
  let year: string;
  try {
    year = resolveSchoolYear({ schoolYear: yearText });
  } catch (err) {
    if (err instanceof CheckOptionsError) return [[invalid(err.message)]];
    throw err;
  }
  const referenceSheets = [cat.value?.sheet, list.value?.sheet].filter((s) => s !== undefined);
  // A whole-column reference (A:D) brings a million blank rows: check up to the last filled row, pad the rest.
  let last = rows.length - 1;
  while (last >= 0 && rows[last].every(isBlank)) last--;
  const found = findingsByRow({ name: "table", rows: rows.slice(0, last + 1) }, { schoolYear: year, referenceSheets });
  if (found.kind === null) {
    return [[notAvailable(`The range is not a WISEdata export this add-in checks: ${found.note}. Include the export's header row.`)]];
  }
  const kind = found.kind;
  return rows.map((_, i) => {
    const role = found.roles[i];
    const findings = found.byRow[i] ?? [];
    if (role === "header") return [findings.length > 0 ? findingsText(findings, `${kind} | `) : kind];
    if (role === "data") return [findings.length > 0 ? findingsText(findings) : "OK"];
    return [""];
  });
}

/** The export kinds CTE.CHECK recognises, for the help page. */
export const CHECK_KINDS: readonly string[] = Object.keys(KIND_SPEC);

// ------------------------------------------------------------------ the concentrator finder

const PLAN_HEADERS = "Pathway Name, IAC, Cluster, Roster Code, Local Course Code, Local Course Title";
const COURSEWORK_HEADERS = "a student id, a course code or title, and a passed flag, earned credit or mark";

/** The finder's shared arguments (plan, coursework, passing rule), built once per call. */
interface FinderArgs {
  readonly plan: PathwayPlan;
  readonly students: Map<string, StudentCoursework>;
}

/** A range argument as rows of cell values, cut below its last filled row (a whole-column reference). */
function filledRows(input: unknown): CellValue[][] {
  const raw = asMatrix(input);
  let last = raw.length - 1;
  while (last >= 0 && raw[last].every((v) => isBlank(toCellValue(v)))) last--;
  return raw.slice(0, last + 1).map((r) => r.map(toCellValue));
}

/** The fields the range's header row maps, read as `kind` (none without a header row). */
function mappedFields(rows: CellValue[][], kind: ExportKind): Set<Field> {
  const r = recognize(rows, kind);
  return new Set(r.headerIndex === null || r.headerIndex < 0 ? [] : (Object.keys(r.mapping.columns) as Field[]));
}

const COURSE_FIELDS: readonly Field[] = ["rosterCode", "localCourseCode", "localCourseTitle"];
const PASS_FIELDS: readonly Field[] = ["passed", "creditsEarned", "mark"];

/** The plan, coursework and passing-rule arguments, or the error every position of the result gets. */
function loadFinderArgs(coursework: unknown, plan: unknown, passing: unknown): FinderArgs | { error: FunctionError } {
  let rule: PassingRule = DEFAULT_PASSING_RULE;
  if (!isOmitted(passing)) {
    const text = cellText(toCellValue(asMatrix(passing)[0][0]));
    const parsed = parsePassingRule(text);
    if (!parsed) {
      return {
        error: invalid(
          `The passing rule ${q(text)} is not one: give a lowest passing letter (C-), a percent (65), both (C-,65), or no-credit.`,
        ),
      };
    }
    rule = parsed;
  }
  const planRows = filledRows(plan);
  const planFields = mappedFields(planRows, "pathway-plan");
  if (!planFields.has("pathwayName") || !COURSE_FIELDS.some((f) => planFields.has(f))) {
    return { error: invalid(`The plan argument is not a pathway plan: give its range with the header row (${PLAN_HEADERS}).`) };
  }
  const courseworkRows = filledRows(coursework);
  const courseworkFields = mappedFields(courseworkRows, "coursework");
  const has = (fields: readonly Field[]) => fields.some((f) => courseworkFields.has(f));
  if (!courseworkFields.has("studentId") || !has(COURSE_FIELDS) || !has(PASS_FIELDS)) {
    return {
      error: invalid(`The coursework argument is not students' coursework: give its range with the header row (${COURSEWORK_HEADERS}).`),
    };
  }
  const built = planFromRows(planRows);
  return { plan: built, students: courseworkByStudent(built, courseworkFromRows(courseworkRows), rule) };
}

/**
 * =CTE.PATHWAYCOURSES(student, pathway, coursework, plan, [passing]): how many distinct courses of the
 * pathway (its name or IAC in the plan) the student passed; a course retaken counts once.
 */
export function pathwayCourses(student: unknown, pathway: unknown, coursework: unknown, plan: unknown, passing?: unknown): Out[][] {
  const args = loadFinderArgs(coursework, plan, passing);
  if ("error" in args) return filled(...shapeOf([student, pathway]), args.error);
  return batch([student, pathway], { blank: "first" }, ([ids, pathways]) => {
    const named = new Map<string, number[]>();
    return ids.map((id, i) => {
      const name = cellText(pathways[i]).trim();
      if (name === "") return invalid("The pathway is blank: give a pathway's name or IAC as the plan has it.");
      let found = named.get(name);
      if (found === undefined) {
        found = pathwaysNamed(args.plan, name);
        if (named.size < MEMO_LIMIT) named.set(name, found);
      }
      if (found.length === 0) return notAvailable(`${q(name)} is not a pathway of the plan: give its name or its IAC as the plan has it.`);
      const passed = args.students.get(cellText(id).trim())?.passed;
      return found.reduce((most, p) => Math.max(most, passed?.get(p)?.size ?? 0), 0);
    });
  });
}

/** "Animal Systems — 01.09 Agriculture, Food & Natural Resources" */
function qualificationText(q: Qualification): string {
  const code = [q.iac, q.cluster].filter((s) => s !== "").join(" ");
  return code === "" ? q.pathway : `${q.pathway} — ${code}`;
}

/**
 * =CTE.SUGGESTPATHWAY(student, coursework, plan, [passing]): the pathway the student's coursework qualifies
 * for (two or more passed courses) with its IAC and cluster; "" when none; "2 pathways: …" when several.
 */
export function suggestPathway(student: unknown, coursework: unknown, plan: unknown, passing?: unknown): Out[][] {
  const args = loadFinderArgs(coursework, plan, passing);
  if ("error" in args) return filled(...shapeOf([student]), args.error);
  return batch([student], { blank: "first" }, ([ids]) =>
    ids.map((id) => {
      const found = args.students.get(cellText(id).trim());
      const qualifies = found ? qualificationsOf(args.plan, found) : [];
      if (qualifies.length <= 1) return qualifies.length === 1 ? qualificationText(qualifies[0]) : "";
      return `${qualifies.length} pathways: ${qualifies.map(qualificationText).join("; ")}`;
    }),
  );
}
