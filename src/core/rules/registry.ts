/** Every rule, in catalogue order (docs/rules.md). Tests, the README and =CTE.RULE() read this list. */
import * as careerEd from "./careerEd";
import * as common from "./common";
import * as concentrators from "./concentrators";
import * as courses from "./courses";
import * as graduates from "./graduates";
import * as programAreas from "./programAreas";
import * as singleParent from "./singleParent";
import { RuleDef } from "./types";

export const RULES: readonly RuleDef[] = [
  common.SHEET_UNRECOGNIZED, common.COLUMN_INFERRED, common.RECORD_FIELD_COUNT, common.COLUMN_MISSING, common.COLUMN_DUPLICATE, common.VALUE_ERROR,
  common.STUDENT_ID_MISSING, common.DUPLICATE_ROW, common.GRADE_MISSING, common.GRADE_INVALID, common.GRADE_OUT_OF_RANGE,
  concentrators.CONCENTRATOR_MULTIPLE_PATHWAYS, concentrators.CONCENTRATOR_NOT_PARTICIPANT,
  concentrators.IAC_MISSING, concentrators.IAC_INVALID_FORMAT, concentrators.IAC_UNKNOWN, concentrators.IAC_STORED_AS_NUMBER,
  concentrators.IAC_NOT_SUGGESTED, concentrators.CLUSTER_MISSING, concentrators.CLUSTER_UNKNOWN, concentrators.CLUSTER_COLUMN_HOLDS_PROGRAM_AREAS, concentrators.IAC_CLUSTER_MISMATCH,
  programAreas.PROGRAM_AREA_MISSING, programAreas.PROGRAM_AREA_UNKNOWN, programAreas.PROGRAM_AREA_COVERAGE, programAreas.CTE_DEPARTMENT_MISMATCH,
  graduates.EXIT_TYPE_UNKNOWN, graduates.HSC_NOT_GRADE_12, graduates.HSC_CREDENTIAL_MISSING, graduates.SENIOR_EXIT_MISSING, graduates.SENIOR_EXIT_NOT_HSC,
  careerEd.IRC_PROGRAM_UNKNOWN, careerEd.IRC_STATUS_MISSING, careerEd.CERT_STATUS_INVALID, careerEd.CERT_STATUS_WRONG_PROGRAM,
  careerEd.CERT_STATUS_DUPLICATE, careerEd.WBL_PROGRAM_UNKNOWN, careerEd.WBL_PROGRAM_RETIRED, careerEd.WBL_HOURS_BELOW_MINIMUM,
  careerEd.WBL_STATUS_MISSING,
  singleParent.SINGLE_PARENT_INVALID, singleParent.SINGLE_PARENT_GRADE,
  courses.COURSE_CODE_MISSING, courses.COURSE_CODE_UNKNOWN, courses.COURSE_CODE_DEPRECATED, courses.AP_CODE_MISMATCH,
  courses.IB_CODE_MISMATCH, courses.APIB_TITLE_MISMATCH, courses.APIB_CODE_INCONSISTENT, courses.DUAL_ENROLLMENT_FLAG_MISSING,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return RULES_BY_ID.get(id.trim().toUpperCase());
}
