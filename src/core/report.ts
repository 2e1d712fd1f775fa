/**
 * The JSON report (schemaVersion 1): the one result shape every adapter consumes.
 * Its types come from the zod schema in ./reportSchema, which tests use to validate what the engine
 * returns. Only types are imported from there, so the bundles that use the report (the custom functions,
 * the task pane) do not carry zod.
 */
import type { z } from "zod";
import type {
  findingSchema,
  notCheckedSchema,
  possibleConcentratorSchema,
  reportSchema,
  sheetReportSchema,
  topicSummarySchema,
} from "./reportSchema";

export const TOPICS = [
  "cte-participants",
  "cte-concentrators",
  "possible-concentrators",
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
  "pathway-plan",
  "coursework",
  "previous-concentrators",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Finding = z.infer<typeof findingSchema>;
export type SheetReport = z.infer<typeof sheetReportSchema>;
export type TopicSummary = z.infer<typeof topicSummarySchema>;
/** A rule that did not run, and why (no DPI list loaded, no second export for a cross-export rule). */
export type NotChecked = z.infer<typeof notCheckedSchema>;
export type Report = z.infer<typeof reportSchema>;
/** A grade 11-12 student whose coursework qualifies in a pathway, not in the concentrators export. */
export type PossibleConcentratorEntry = z.infer<typeof possibleConcentratorSchema>;
