/**
 * The zod schema of the JSON report (./report has its types and constants). Tests validate real reports
 * against it; it lives apart from ./report so that code importing the report's constants does not pull
 * zod into the browser bundles.
 */
import { z } from "zod";
import { EXPORT_KINDS, FINDING_STATUSES, type PreviousFinding, SEVERITIES, TOPICS, WORKLIST_STATUSES } from "./report";

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
  /** Stable key (`RULE|kind|subject|field`, `#n` for repeats): the same problem keeps it across re-downloads. */
  key: z.string().min(1),
  /** new since the previous run, still open, or acknowledged by the user (not counted, not highlighted) */
  status: z.enum(FINDING_STATUSES),
  /** the student id or course codes the finding is about (never a sensitive value); absent for sheet-level findings */
  subject: z.string().optional(),
  /** the acknowledgement's reason, for acknowledged findings */
  reason: z.string().optional(),
});

/** A finding of a previous run (a previous report or the Findings sheet), as the report lists the fixed ones. */
export const previousFindingSchema = z.object({
  key: z.string(),
  rule: z.string(),
  severity: z.enum(SEVERITIES).optional(),
  topic: z.enum(TOPICS).optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
  subject: z.string().optional(),
  message: z.string().optional(),
  status: z.enum(WORKLIST_STATUSES).optional(),
  assignedTo: z.string().optional(),
  teamNote: z.string().optional(),
  firstSeen: z.string().optional(),
  fixedOn: z.string().optional(),
  ackReason: z.string().optional(),
  /** "place": a schema-1 report's finding, matched by rule, sheet and cell (it has no key) */
  matchBy: z.enum(["key", "place"]).optional(),
});

export const acknowledgementSchema = z.object({
  key: z.string(),
  rule: z.string(),
  reason: z.string(),
  /** yyyy-mm-dd */
  on: z.string(),
  /** the finding's severity and place when it was acknowledged (shown in the log) */
  severity: z.enum(SEVERITIES).optional(),
  where: z.string().optional(),
});

export const sinceLastRunSchema = z.object({
  new: z.number().int().nonnegative(),
  open: z.number().int().nonnegative(),
  fixed: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  hadPrevious: z.boolean(),
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
  /** acknowledged findings, counted apart from the errors, warnings and notes above */
  acknowledged: z.number().int().nonnegative(),
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

export const reportSchema = z.object({
  schemaVersion: z.literal(2),
  schoolYear: z.string().regex(/^\d{4}-\d{2}$/),
  sheets: z.array(sheetReportSchema),
  findings: z.array(findingSchema),
  checklist: z.array(topicSummarySchema),
  /** every rule that did not run, with why (additive to schemaVersion 1) */
  notChecked: z.array(notCheckedSchema).optional(),
  /** true when no sheet of any input was recognised: nothing was checked (additive to schemaVersion 1) */
  nothingChecked: z.boolean().optional(),
  /** the previous run's findings that are gone (fixedOn = this run's date) */
  fixed: z.array(previousFindingSchema),
  since: sinceLastRunSchema,
  /** the acknowledgements in force */
  acknowledged: z.array(acknowledgementSchema),
  /** acknowledgements that were not applied, and why (errors cannot be acknowledged) */
  refusedAcknowledgements: z.array(z.object({ key: z.string(), rule: z.string(), why: z.string() })).optional(),
  /** the snapshot date and the days left, when a date is set */
  snapshot: z.object({ date: z.string(), daysLeft: z.number().int(), advice: z.string().optional() }).optional(),
});

/** A previous report that cannot be used as one (not a report, an unknown schema version, a malformed finding). */
export class PreviousReportError extends Error {}

const previousV1FindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(SEVERITIES).optional(),
  topic: z.enum(TOPICS).optional(),
  sheet: z.string(),
  cell: z.string(),
  message: z.string().optional(),
});
const previousV2FindingSchema = previousV1FindingSchema.extend({
  key: z.string().min(1),
  status: z.enum(FINDING_STATUSES).optional(),
  subject: z.string().optional(),
  reason: z.string().optional(),
});

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "the report";
  return `${where}: ${issue?.message ?? "not valid"}`;
}

/** What a previous finding of either schema says: its rule, place, severity, topic and message. */
function placeOf(f: z.infer<typeof previousV1FindingSchema>): Omit<PreviousFinding, "key"> {
  return {
    rule: f.rule,
    sheet: f.sheet,
    cell: f.cell,
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.topic ? { topic: f.topic } : {}),
    ...(f.message !== undefined ? { message: f.message } : {}),
  };
}

/**
 * The findings of a previous cte-check JSON report, to compare a run with. Schema 2 findings are matched by
 * key; schema 1 findings have none and are matched by rule, sheet and cell (matchBy "place"). A schema 2
 * report's fixed list is kept as fixed. Anything else is refused with a PreviousReportError saying why.
 */
export function parsePreviousReport(json: unknown): PreviousFinding[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new PreviousReportError("it is not a cte-check JSON report (expected an object with schemaVersion and findings)");
  }
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1 && version !== 2) {
    throw new PreviousReportError(
      version === undefined
        ? "it is not a cte-check JSON report (it has no schemaVersion)"
        : `its schemaVersion ${JSON.stringify(version)} is not one this cte-check reads (1 or 2)`,
    );
  }
  if (version === 1) {
    const parsed = z.object({ findings: z.array(previousV1FindingSchema) }).safeParse(json);
    if (!parsed.success) throw new PreviousReportError(`its findings are not a schema 1 report's (${issueText(parsed.error)})`);
    return parsed.data.findings.map((f) => ({ ...placeOf(f), key: `${f.rule}|${f.sheet}|${f.cell}`, matchBy: "place" as const }));
  }
  const parsed = z.object({ findings: z.array(previousV2FindingSchema), fixed: z.array(previousFindingSchema).optional() }).safeParse(json);
  if (!parsed.success) throw new PreviousReportError(`its findings are not a schema 2 report's (${issueText(parsed.error)})`);
  const current: PreviousFinding[] = parsed.data.findings.map((f) => ({
    ...placeOf(f),
    key: f.key,
    ...(f.subject !== undefined ? { subject: f.subject } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.reason !== undefined ? { ackReason: f.reason } : {}),
  }));
  const seen = new Set(current.map((f) => f.key));
  const fixed = (parsed.data.fixed ?? []).filter((f) => !seen.has(f.key)).map((f) => ({ ...f, status: "fixed" as const }));
  return [...current, ...fixed];
}
