/**
 * The JSON report (schemaVersion 2): the one result shape every adapter consumes.
 * Its types come from the zod schema in ./reportSchema, which tests use to validate what the engine
 * returns. Only types are imported from there, so the bundles that use the report (the custom functions,
 * the task pane) do not carry zod.
 */
import type { z } from "zod";
import type {
  acknowledgementSchema,
  findingSchema,
  previousFindingSchema,
  sinceLastRunSchema,
  notCheckedSchema,
  reportSchema,
  sheetReportSchema,
  topicSummarySchema,
} from "./reportSchema";

export const TOPICS = [
  "cte-participants",
  "cte-concentrators",
  "iac-codes",
  "career-clusters",
  "program-areas",
  "cte-graduates",
  "industry-credentials",
  "certificated-status",
  "work-based-learning",
  "single-parent",
  "dual-enrollment-ap-ib",
  "structure",
] as const;
export type Topic = (typeof TOPICS)[number];

export const EXPORT_KINDS = [
  "participants",
  "concentrators",
  "course-offerings",
  "courses",
  "hs-completion",
  "irc-wbl",
  "demographics",
  "dpi-courses",
  "dpi-iac-clusters",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A finding's status in a run: new since the previous run, still open, or acknowledged by the user. */
export const FINDING_STATUSES = ["new", "open", "acknowledged"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** A Findings-sheet row's status: a finding's, or "fixed" (gone since a previous run). */
export const WORKLIST_STATUSES = ["new", "open", "acknowledged", "fixed"] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];

export const REPORT_SCHEMA_VERSION = 2;

export type Finding = z.infer<typeof findingSchema>;
export type SheetReport = z.infer<typeof sheetReportSchema>;
export type TopicSummary = z.infer<typeof topicSummarySchema>;
/** A rule that did not run, and why (no DPI list loaded, no second export for a cross-export rule). */
export type NotChecked = z.infer<typeof notCheckedSchema>;
export type Report = z.infer<typeof reportSchema>;
/** A finding of a previous run, from a previous JSON report (schema 1 or 2) or the Findings sheet. */
export type PreviousFinding = z.infer<typeof previousFindingSchema>;
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;
export type SinceLastRun = z.infer<typeof sinceLastRunSchema>;
