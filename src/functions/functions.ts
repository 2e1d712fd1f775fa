/**
 * The =CTE.… custom functions (namespace CTE, declared in manifest.xml; JavaScript-only runtime, loaded
 * by functions.html). custom-functions-metadata-plugin generates functions.json from the JSDoc below and
 * appends the CustomFunctions.associate calls at build time.
 *
 * Every data parameter is a matrix of `any` (any[][]): one cell arrives as a 1x1 matrix and a range as
 * itself, so one call checks a whole column and the result spills in the same shape. The logic lives in
 * ./logic (no Excel); this file only maps its FunctionError elements to CustomFunctions.Error.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the metadata generator needs `any` for "no conversion" parameters */
import "./polyfills"; // first: newer built-ins for the ES2016 runtime, before any module's top-level code
import * as logic from "./logic";

/** The literal codes, for hosts whose runtime lacks the ErrorCode enum (typed CustomFunctionsRuntime 1.3). */
const FALLBACK_CODES: Readonly<Record<logic.ErrorKind, string>> = { invalidValue: "#VALUE!", notAvailable: "#N/A" };

function errorCode(kind: logic.ErrorKind): CustomFunctions.ErrorCode {
  const codes = (CustomFunctions as unknown as { ErrorCode?: Partial<Record<logic.ErrorKind, CustomFunctions.ErrorCode>> }).ErrorCode;
  return codes?.[kind] ?? (FALLBACK_CODES[kind] as unknown as CustomFunctions.ErrorCode);
}

/** Maps logic's result to what Excel shows: FunctionError -> #VALUE! / #N/A with its message. */
export function toExcel(out: logic.Out[][]): any[][] {
  return out.map((row) => row.map((v) => (v instanceof logic.FunctionError ? new CustomFunctions.Error(errorCode(v.kind), v.message) : v)));
}

/** Runs one function; an unexpected exception becomes #VALUE! with a short reason instead of a bare #VALUE!. */
function run(name: string, body: () => logic.Out[][]): any[][] {
  try {
    return toExcel(body());
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0].slice(0, 160) : String(err);
    return [[new CustomFunctions.Error(errorCode("invalidValue"), `CTE.${name} could not run: ${reason}`)]];
  }
}

/**
 * Normalises an IAC (CIP code) to the NN.NN form WISEdata expects: 1.1 becomes 01.10, 01.0901 becomes 01.09.
 * @customfunction IAC
 * @param value An IAC, or a range of IACs (text or numbers).
 * @returns The normalised IAC(s); #VALUE! with the reason when a value is not a CIP code.
 * @helpurl https://localhost:3000/help.html#IAC
 */
export function iac(value: any[][]): any[][] {
  return run("IAC", () => logic.iac(value));
}

/**
 * TRUE when an IAC is a CIP 2020 four-digit series, or, given DPI's IAC to Cluster list, when it is on that list.
 * @customfunction IACVALID
 * @param value An IAC, or a range of IACs.
 * @param [iacList] Optional: DPI's IAC to Cluster list pasted in the workbook (with or without its header row).
 * @returns TRUE or FALSE for each value.
 * @helpurl https://localhost:3000/help.html#IACVALID
 */
export function iacValid(value: any[][], iacList?: any[][]): any[][] {
  return run("IACVALID", () => logic.iacValid(value, iacList));
}

/**
 * The career cluster of an IAC, from the built-in derived crosswalk or from DPI's IAC to Cluster list.
 * @customfunction CLUSTER
 * @param iac An IAC, or a range of IACs.
 * @param [iacList] Optional: DPI's IAC to Cluster list pasted in the workbook (with or without its header row).
 * @returns The cluster title (several joined with "; "); #N/A when the IAC has none.
 * @helpurl https://localhost:3000/help.html#CLUSTER
 */
export function cluster(iac: any[][], iacList?: any[][]): any[][] {
  return run("CLUSTER", () => logic.cluster(iac, iacList));
}

/**
 * TRUE when an IAC and a career cluster are a valid pair (DPI validation 6800 logic).
 * @customfunction IACCLUSTER
 * @param iac An IAC, or a range of IACs.
 * @param cluster A career cluster title, or a range of them (same size as the IACs, or one value).
 * @param [iacList] Optional: DPI's IAC to Cluster list; without it the built-in derived crosswalk is used.
 * @returns TRUE or FALSE for each pair.
 * @helpurl https://localhost:3000/help.html#IACCLUSTER
 */
export function iacCluster(iac: any[][], cluster: any[][], iacList?: any[][]): any[][] {
  return run("IACCLUSTER", () => logic.iacCluster(iac, cluster, iacList));
}

/**
 * The canonical Wisconsin program-area name for any accepted spelling (Ag, Tech Ed, Family & Consumer Sciences ...).
 * @customfunction PROGRAMAREA
 * @param value A program area or CTE department, or a range of them; "Ag; Bus" lists several.
 * @returns The program-area name(s); #N/A when a value is not one of the six program areas.
 * @helpurl https://localhost:3000/help.html#PROGRAMAREA
 */
export function programArea(value: any[][]): any[][] {
  return run("PROGRAMAREA", () => logic.programArea(value));
}

/**
 * A grade as a number: 09, Grade 9, 9th and K12-09 all give 9 (K gives 0, PK -1).
 * @customfunction GRADE
 * @param value A grade, or a range of grades.
 * @returns The grade number(s); #VALUE! when a value is not a grade level.
 * @helpurl https://localhost:3000/help.html#GRADE
 */
export function grade(value: any[][]): any[][] {
  return run("GRADE", () => logic.grade(value));
}

/**
 * TRUE if a grade is in an element's grade band (participant, concentrator, single parent, IRC, WBL, certificated status, dual enrollment).
 * @customfunction ELIGIBLE
 * @param element The element, e.g. "concentrator" or "single parent" (or a range of them).
 * @param grade A grade, or a range of grades.
 * @returns TRUE or FALSE; #N/A for an unknown element, #VALUE! for an unreadable grade.
 * @helpurl https://localhost:3000/help.html#ELIGIBLE
 */
export function eligible(element: any[][], grade: any[][]): any[][] {
  return run("ELIGIBLE", () => logic.eligible(element, grade));
}

/**
 * Whether a local course title says AP (Advanced Placement) or IB (International Baccalaureate).
 * @customfunction APIB
 * @param localTitle A local course title, or a range of titles.
 * @returns "AP", "IB" or "" for each title.
 * @helpurl https://localhost:3000/help.html#APIB
 */
export function apib(localTitle: any[][]): any[][] {
  return run("APIB", () => logic.apib(localTitle));
}

/**
 * Checks a course's roster code against its local title and, given DPI's course catalog, against the catalog.
 * @customfunction COURSECHECK
 * @param localTitle A local course title, or a range of titles.
 * @param rosterCode The DPI roster code(s), same size as the titles.
 * @param [catalog] Optional: DPI's course catalog pasted in the workbook (Roster Code, Course Program ... header).
 * @returns "" when the course is fine, else the findings' messages.
 * @helpurl https://localhost:3000/help.html#COURSECHECK
 */
export function courseCheck(localTitle: any[][], rosterCode: any[][], catalog?: any[][]): any[][] {
  return run("COURSECHECK", () => logic.courseCheck(localTitle, rosterCode, catalog));
}

/**
 * The minimum hours of a work-based learning program: 90, Youth Apprenticeship 450, State Co-op DPI Occupational 480.
 * @customfunction WBLHOURS
 * @param programName A WBL program name, or a range of names.
 * @returns The minimum hours; #N/A when the name is not a WBL program.
 * @helpurl https://localhost:3000/help.html#WBLHOURS
 */
export function wblHours(programName: any[][]): any[][] {
  return run("WBLHOURS", () => logic.wblHours(programName));
}

/**
 * TRUE for a CTE graduate's completion record: exit type HSC with a regular diploma (credential type R).
 * @customfunction GRADUATE
 * @param exitType An exit type (HSC, TC ...), or a range of them.
 * @param [credentialType] Optional: the credential type(s); when given, it must be R (regular diploma).
 * @returns TRUE or FALSE; #VALUE! when an exit type is not on DPI's list.
 * @helpurl https://localhost:3000/help.html#GRADUATE
 */
export function graduate(exitType: any[][], credentialType?: any[][]): any[][] {
  return run("GRADUATE", () => logic.graduate(exitType, credentialType));
}

/**
 * Checks a pasted WISEdata export (header row included) like the task pane does, one result per row.
 * @customfunction CHECK
 * @param tableWithHeaders The export's range, header row included (title rows above it are fine).
 * @param [catalog] Optional: DPI's course catalog, for the roster-code checks.
 * @param [iacList] Optional: DPI's IAC to Cluster list, for the exact IAC and cluster checks.
 * @param [schoolYear] Optional: the school year, e.g. "2025-26" (default: the year the next December snapshot covers).
 * @returns One column: the export kind on the header row, each data row's findings (or "OK"), "" on title and blank rows.
 * @helpurl https://localhost:3000/help.html#CHECK
 */
export function check(tableWithHeaders: any[][], catalog?: any[][], iacList?: any[][], schoolYear?: string): any[][] {
  return run("CHECK", () => logic.check(tableWithHeaders, catalog, iacList, schoolYear));
}

/**
 * The description of a checklist rule, by its id (as shown in the task pane and the CLI report).
 * @customfunction RULE
 * @param ruleId A rule id such as GRADE-INVALID, or a range of them.
 * @returns The rule's one-line description; #N/A for an unknown id.
 * @helpurl https://localhost:3000/help.html#RULE
 */
export function rule(ruleId: any[][]): any[][] {
  return run("RULE", () => logic.rule(ruleId));
}

/**
 * How many distinct courses of a career pathway a student passed, from the district's pathway plan and the students' coursework.
 * @customfunction PATHWAYCOURSES
 * @param student A student id (WSN or local id, as the coursework has it), or a range of them.
 * @param pathway The pathway's name or IAC as the plan has it (one value, or a range the same size as the students).
 * @param coursework The students' coursework range with its header row (student id, course code or title, passed flag, credit or mark).
 * @param plan The pathway plan range with its header row (Pathway Name, IAC, Cluster, Roster Code, Local Course Code, Local Course Title).
 * @param [passing] Optional: the lowest passing mark, e.g. "C-", "65" or "C-,65"; "no-credit" stops earned credit from counting.
 * @returns The number of passed pathway courses (a course retaken counts once); #N/A for a pathway not in the plan.
 * @helpurl https://localhost:3000/help.html#PATHWAYCOURSES
 */
export function pathwayCourses(student: any[][], pathway: any[][], coursework: any[][], plan: any[][], passing?: any[][]): any[][] {
  return run("PATHWAYCOURSES", () => logic.pathwayCourses(student, pathway, coursework, plan, passing));
}

/**
 * The career pathway a student's coursework qualifies for (two or more passed courses), with its IAC and cluster.
 * @customfunction SUGGESTPATHWAY
 * @param student A student id (WSN or local id, as the coursework has it), or a range of them.
 * @param coursework The students' coursework range with its header row (student id, course code or title, passed flag, credit or mark).
 * @param plan The pathway plan range with its header row (Pathway Name, IAC, Cluster, Roster Code, Local Course Code, Local Course Title).
 * @param [passing] Optional: the lowest passing mark, e.g. "C-", "65" or "C-,65"; "no-credit" stops earned credit from counting.
 * @returns "Pathway — IAC cluster"; "" when none qualifies; "2 pathways: …" when several do (the student should choose one).
 * @helpurl https://localhost:3000/help.html#SUGGESTPATHWAY
 */
export function suggestPathway(student: any[][], coursework: any[][], plan: any[][], passing?: any[][]): any[][] {
  return run("SUGGESTPATHWAY", () => logic.suggestPathway(student, coursework, plan, passing));
}
