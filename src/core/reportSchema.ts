/**
 * The zod schema of the JSON report (./report has its types and constants). Tests validate real reports
 * against it; it lives apart from ./report so that code importing the report's constants does not pull
 * zod into the browser bundles.
 */
import { z } from "zod";
import { EXPORT_KINDS, SEVERITIES, TOPICS } from "./report";

export const findingSchema = z.object({
  rule: z.string().regex(/^[A-Z0-9-]+$/),
  severity: z.enum(SEVERITIES),
  topic: z.enum(TOPICS),
  sheet: z.string(),
  /** Worksheet row as Excel shows it (CSV: record number, header record = 1). */
  row: z.number().int().positive(),
  /** Header text of the flagged column, when the finding is about one cell. */
  column: z.string().optional(),
  /** A1 address of the flagged cell on its sheet (e.g. "C7"). */
  cell: z.string().regex(/^[A-Z]{1,3}[0-9]+$/),
  message: z.string().min(1),
  /** Published WISEdata validation number the rule mirrors, when there is one. */
  dpi: z.string().optional(),
});

export const sheetReportSchema = z.object({
  sheet: z.string(),
  kind: z.enum(EXPORT_KINDS).nullable(),
  headerRow: z.number().int().positive().nullable(),
  dataRows: z.number().int().nonnegative(),
  /** canonical field -> header text as found on the sheet */
  columns: z.record(z.string(), z.string()),
  /** why the kind was chosen, or why none was ("overridden by the user", "no known headers") */
  note: z.string().optional(),
  /** how each mapped field's column was decided: its header, its values, or the user's choice */
  decidedBy: z.record(z.string(), z.enum(["header", "values", "user"])).optional(),
  /** fields taken from a column's values, not its header (each also a COLUMN-INFERRED finding) */
  inferred: z.array(z.object({ field: z.string(), column: z.string(), why: z.string() })).optional(),
});

export const topicSummarySchema = z.object({
  topic: z.enum(TOPICS),
  title: z.string(),
  status: z.enum(["pass", "warn", "fail", "no-data"]),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
  /** The topic's figure as DPI's DEMO page shows it; `text` is the one-line rendering. */
  figure: z.object({ text: z.string() }).catchall(z.unknown()),
  /** The WISEdata Portal export(s) the topic is checked from (DEMO page column). */
  exports: z.string(),
  /** Where to confirm it in WISEdash for Districts (DEMO page column). */
  dashboard: z.string(),
  /** what was not checked and why (e.g. no DPI list loaded): one line each */
  notes: z.array(z.string()),
});

/** A rule that did not run, and why (no DPI list loaded, no second export for a cross-export rule). */
export const notCheckedSchema = z.object({
  rule: z.string(),
  topic: z.enum(TOPICS),
  why: z.string(),
});

/** A possible concentrator: the first qualifying pathway and its passed courses, other qualifying pathways named. */
export const possibleConcentratorSchema = z.object({
  studentId: z.string(),
  grade: z.number().int(),
  pathway: z.string(),
  iac: z.string(),
  cluster: z.string(),
  courses: z.array(z.object({ code: z.string(), title: z.string(), year: z.string() })),
  otherPathways: z.array(z.string()).optional(),
  /** the student's first coursework row (sheet, worksheet row, the student id's cell): the pane selects it */
  sheet: z.string().optional(),
  row: z.number().int().positive().optional(),
  cell: z
    .string()
    .regex(/^[A-Z]{1,3}[0-9]+$/)
    .optional(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  schoolYear: z.string().regex(/^\d{4}-\d{2}$/),
  sheets: z.array(sheetReportSchema),
  findings: z.array(findingSchema),
  checklist: z.array(topicSummarySchema),
  /** every rule that did not run, with why (additive to schemaVersion 1) */
  notChecked: z.array(notCheckedSchema).optional(),
  /** true when no sheet of any input was recognised: nothing was checked (additive to schemaVersion 1) */
  nothingChecked: z.boolean().optional(),
  /** students the concentrator finder found, when a pathway plan and coursework were checked (additive) */
  possibleConcentrators: z.array(possibleConcentratorSchema).optional(),
});
