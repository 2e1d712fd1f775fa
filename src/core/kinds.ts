/**
 * The report's fixed vocabularies (topics, export kinds, severities), apart from its zod schema in
 * ./report so the engine and the CLI run without loading zod (only validation needs it).
 */
export const TOPICS = [
  "cte-participants", "cte-concentrators", "iac-codes", "career-clusters", "program-areas",
  "cte-graduates", "industry-credentials", "certificated-status", "work-based-learning",
  "single-parent", "dual-enrollment-ap-ib", "structure",
] as const;
export type Topic = (typeof TOPICS)[number];

export const EXPORT_KINDS = [
  "participants", "concentrators", "course-offerings", "courses", "hs-completion", "irc-wbl",
  "demographics", "dpi-courses", "dpi-iac-clusters",
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
