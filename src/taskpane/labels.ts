/** Words the pane shows for engine identifiers. */
import type { Field } from "../core/recognize";
import type { Severity, TopicSummary } from "../core/report";

export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  studentId: "Student ID (WSN)",
  localStudentId: "Local student ID",
  studentName: "Student name",
  grade: "Grade",
  school: "School",
  cteCourseCount: "CTE courses / passed",
  iac: "IAC code",
  cluster: "Career cluster",
  programArea: "Program area",
  localCourseCode: "Local course code",
  localCourseTitle: "Local course title",
  rosterCode: "Roster (DPI course) code",
  cteCourse: "CTE course",
  careerPathway: "Career pathway",
  cteDepartment: "CTE department",
  dualEnrollment: "Dual enrollment",
  program: "Program",
  exitType: "Exit type",
  credentialType: "Credential type",
  exitDate: "Exit date",
  programType: "Program type",
  programName: "Program name",
  certificatedStatus: "Certificated program status",
  hours: "Hours",
  singleParent: "Single parent",
  homeless: "Homeless",
  scedTitle: "SCED course title",
  courseProgram: "Course program",
  deprecated: "Deprecated",
  courseDescription: "Course description",
  iacTitle: "IAC title",
  suggested: "Suggested",
  pathwayName: "Pathway name",
  schoolYear: "School year",
  term: "Term",
  passed: "Passed",
  creditsEarned: "Credits earned",
  mark: "Mark (final grade)",
};

export const STATUS_LABELS: Readonly<Record<TopicSummary["status"], string>> = {
  fail: "Fail",
  warn: "Check",
  pass: "Pass",
  "no-data": "No data",
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: "Error", warning: "Warning", info: "Note" };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
