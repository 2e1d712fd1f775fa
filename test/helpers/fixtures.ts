/** Small sheet builders for rule tests: each returns a SheetInput with a realistic export header. */
import { CellValue, SheetInput } from "../../src/core/cells";
import { CheckOptions, runChecklist } from "../../src/core/engine";
import { reportSchema } from "../../src/core/reportSchema";

type Row = CellValue[];

function sheet(name: string, header: string[], rows: Row[], extra: Partial<SheetInput> = {}): SheetInput {
  return { name, rows: [header, ...rows], ...extra };
}

export const participants = (rows: Row[]) => sheet("Participants", ["Student ID", "Grade"], rows);
export const concentrators = (rows: Row[]) =>
  sheet("Concentrators", ["WSN", "Grade Level", "CTE Concentration IAC Code", "CTE Concentration Program Area", "Program Area"], rows);
export const offerings = (rows: Row[]) =>
  sheet(
    "Offerings",
    ["Local Course Code", "Local Course Title", "DPI Course Code", "CTE Course", "CTE Department", "Dual Enrollment"],
    rows,
  );
export const courses = (rows: Row[]) => sheet("Courses", ["Local Course Title", "DPI Course Code"], rows);
export const completion = (rows: Row[]) => sheet("Completion", ["WSN", "Grade Level", "Exit Type", "Credential Type"], rows);
export const careerEd = (rows: Row[]) =>
  sheet("IRC WBL", ["WSN", "Grade Level", "Program Type", "Program Name", "Certificated Program Status", "Hours"], rows);
export const demographics = (rows: Row[]) => sheet("Demographics", ["WSN", "Grade Level", "Single Parent", "Homeless"], rows);
export const catalog = (rows: Row[]) =>
  sheet("DPI Courses", ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"], rows);
export const iacList = (rows: Row[]) => sheet("IAC List", ["IAC code", "Cluster", "Suggested"], rows);
export const pathwayPlan = (rows: Row[]) =>
  sheet("Pathway Plan", ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"], rows);
export const coursework = (rows: Row[]) =>
  sheet("Coursework", ["Student ID", "Grade Level", "School Year", "Course Number", "Course Name", "Mark"], rows);
export const lastYearConcentrators = (rows: Row[]) =>
  sheet("Last Year", ["WSN", "Grade Level", "CTE Concentration IAC Code", "CTE Concentration Program Area", "School Year"], rows);

export const AFNR = "Agriculture, Food & Natural Resources";
export const IT = "Information Technology";
export const IRC_TYPE = "Industry Recognized Credentials";
export const BI = "IRC - State Approved-Business & Industry";

export function check(sheets: SheetInput[], options: CheckOptions = {}) {
  const result = runChecklist(sheets, { today: new Date("2026-11-28T12:00:00Z"), ...options });
  reportSchema.parse(result.report);
  return result.report;
}

export function hits(sheets: SheetInput[], rule: string, options: CheckOptions = {}) {
  return check(sheets, options).findings.filter((f) => f.rule === rule);
}
