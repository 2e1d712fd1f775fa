/**
 * The checklist engine: recognise every sheet, load the DPI lists, run every rule, summarise.
 * One entry point for the CLI, the task pane and =CTE.CHECK().
 */
import { a1 } from "./address";
import { SheetInput } from "./cells";
import { buildChecklist } from "./checklist";
import { isChecklistSheet } from "./checklistSheet";
import { parseIsoDate } from "./countdown";
import { FindingSubject, assignKeys, baseFindingKey, rowSubject, sheetSubject } from "./findingKeys";
import { isFindingsSheet, parseFindingsSheet, unreadStatuses, unreadStatusesNote } from "./findingsSheet";
import { defaultSchoolYear, normalizeSchoolYear } from "./normalize";
import { Field, KIND_SPEC, Recognition, SENSITIVE_FIELDS, headerKey, isSensitiveHeader, looksLikeData, recognize } from "./recognize";
import { notCheckedRules } from "./notChecked";
import { DEFAULT_PASSING_RULE, PassingRule, PathwayAnalysis, PossibleConcentrator, analyzePathways } from "./pathways";
import { ReferenceLists, loadCourseCatalog, loadIacList } from "./referenceLists";
import {
  type Acknowledgement,
  EXPORT_KINDS,
  ExportKind,
  Finding,
  type PossibleConcentratorEntry,
  type PreviousFinding,
  REPORT_SCHEMA_VERSION,
  Report,
  Severity,
  SheetReport,
  TOPICS,
  Topic,
} from "./report";
import { COLUMN_DUPLICATE, COLUMN_INFERRED, COLUMN_MISSING, SHEET_UNRECOGNIZED, STRUCTURE } from "./rules/common";
import { RuleDefinitionError, fillMessage } from "./rules/messages";
import { CHECKS } from "./rules/registry";
import { Check, FindingDraft, MessageFields, RuleContext, RuleDef } from "./rules/types";
import { q } from "./text";
import { ExportTable, headerTexts } from "./table";
import { Tracking, trackFindings } from "./tracking";
import { WorkbookLog, isLogSheet, parseLogSheet } from "./workbookLog";

/** The user's corrections for one sheet (kept in the workbook by the task pane). */
export interface SheetOverride {
  /** force a kind, or "ignore" to leave the sheet out */
  readonly kind?: ExportKind | "ignore";
  /** field -> header text (or 0-based column index) to use instead of the recognised column */
  readonly columns?: Partial<Record<Field, string | number>>;
  /** worksheet row of the header, when the user set it (with a forced kind) */
  readonly headerRow?: number;
}

export interface CheckOptions {
  /** "2025-26"; default: the year the next December snapshot covers, from `today` */
  readonly schoolYear?: string;
  readonly today?: Date;
  readonly overrides?: Readonly<Record<string, SheetOverride>>;
  /** DPI lists from outside the workbook (--reference files, the pane's "Load file…") */
  readonly referenceSheets?: readonly SheetInput[];
  /** acknowledgements to apply instead of the workbook's (its log sheet and Findings sheet) */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** the previous run's findings (e.g. --previous), instead of the workbook's Findings sheet */
  readonly previous?: readonly PreviousFinding[];
  /** the snapshot date (yyyy-mm-dd), instead of the one in the workbook's log */
  readonly snapshotDate?: string;
  /** the run's date and time (history line, first seen, fixed on, days left); default `today`, else the clock */
  readonly now?: Date;
  /** what passes a course for the concentrator finder; default DEFAULT_PASSING_RULE (D-, 60%, credit earned) */
  readonly passingRule?: PassingRule;
}

export interface CheckResult {
  readonly report: Report;
  /** the structured fields a finding's message was filled from (tests assert these, not the prose) */
  fieldsOf(finding: Finding): MessageFields | undefined;
  /** recognised exports, for adapters that need more than the report (highlight plans, figures) */
  readonly tables: readonly ExportTable[];
  readonly reference: ReferenceLists;
  /** statuses, since-last-run figures, the worklist, the history and the countdown */
  readonly tracking: Tracking;
}

/**
 * The sheets the add-in writes itself (the Snapshot Checklist, the Findings list, the log) are never checked;
 * they are told by content, not name.
 */
export function isOwnSheet(sheet: Pick<SheetInput, "rows">): boolean {
  return ownSheetNote(sheet) !== null;
}

export const OWN_SHEET_NOTE = "a Snapshot Checklist sheet written by this add-in or cte-check; not checked";
export const FINDINGS_SHEET_NOTE = "the Findings list written by this add-in or cte-check (its edits are read); not checked";
export const LOG_SHEET_NOTE = "the add-in's log (snapshot date, acknowledgements, run history); not checked";

/** Why an own sheet is not checked; null for any other sheet. */
export function ownSheetNote(sheet: Pick<SheetInput, "rows">): string | null {
  if (isChecklistSheet(sheet.rows)) return OWN_SHEET_NOTE;
  if (isFindingsSheet(sheet.rows)) return FINDINGS_SHEET_NOTE;
  if (isLogSheet(sheet.rows)) return LOG_SHEET_NOTE;
  return null;
}

export class CheckOptionsError extends Error {}

let strictChecks = false;

/**
 * Strict mode (the tests turn it on): a check that reports a rule it did not declare, names a message
 * variant or field its rule lacks, or would show a sensitive value throws RuleDefinitionError instead of
 * being written around.
 */
export function setStrictChecks(on: boolean): void {
  strictChecks = on;
}

export function resolveSchoolYear(options: CheckOptions): string {
  if (options.schoolYear === undefined || options.schoolYear === "") return defaultSchoolYear(options.today ?? new Date());
  const year = normalizeSchoolYear(options.schoolYear);
  if (!year) {
    throw new CheckOptionsError(`School year "${options.schoolYear}" is not a school year like 2025-26 (from 2000-01 to 2099-00).`);
  }
  return year;
}

interface Recognised {
  readonly input: SheetInput;
  readonly recognition: Recognition & { userFields?: readonly Field[] };
  readonly table: ExportTable | null;
}

function applyOverride(
  input: SheetInput,
  override: SheetOverride | undefined,
  schoolYear?: string,
): Recognition & { userFields?: readonly Field[] } {
  const forced = override?.kind && override.kind !== "ignore" ? override.kind : null;
  const headerIndex = override?.headerRow !== undefined ? override.headerRow - (input.firstRow ?? 1) : undefined;
  const base = recognize(input.rows, forced, headerIndex, { name: input.name, schoolYear });
  if (!override?.columns || base.kind === null || base.headerIndex === null) return base;
  const headers = headerTexts(input, base.headerIndex);
  const columns: Partial<Record<Field, number>> = { ...base.mapping.columns };
  const refused: string[] = [];
  const chosen: Field[] = [];
  for (const [field, target] of Object.entries(override.columns) as [Field, string | number][]) {
    const index =
      typeof target === "number"
        ? target >= 0 && target < headers.length
          ? target
          : -1
        : headers.findIndex((h) => headerKey(h) === headerKey(target));
    if (index < 0) continue;
    // A single-parent or homeless column is only ever read as that element, so its values cannot
    // surface in another rule's message or figure through a mistaken mapping.
    if (!SENSITIVE_FIELDS.has(field) && isSensitiveHeader(headers[index] ?? "")) {
      refused.push(`‘${headers[index]}’ is sensitive and cannot be used as ${field}`);
      continue;
    }
    columns[field] = index;
    chosen.push(field);
  }
  const missing = KIND_SPEC[base.kind].required.filter((r) => columns[r] === undefined);
  const note = `${base.note}; columns adjusted by the user${refused.length ? ` (${refused.join("; ")})` : ""}`;
  const userFields = chosen;
  // A column the user chose is no longer inferred, and a column the user moved elsewhere is no longer read from values.
  const inferred = base.inferred.filter((i) => !userFields.includes(i.field) && columns[i.field] === i.column);
  const duplicates = base.mapping.duplicates.filter((d) => !(d.field in (override.columns ?? {})));
  return { ...base, mapping: { columns, duplicates }, missing, note, inferred, userFields };
}

function recogniseSheet(input: SheetInput, override: SheetOverride | undefined, schoolYear?: string): Recognised {
  const recognition = applyOverride(input, override, schoolYear);
  if (recognition.kind === null || recognition.headerIndex === null) return { input, recognition, table: null };
  const table = new ExportTable(input, recognition.kind, { ...recognition, headerIndex: recognition.headerIndex });
  return { input, recognition, table };
}

/** A possible concentrator as the JSON report lists it, placed on the student's first coursework row. */
function possibleConcentratorEntry(p: PossibleConcentrator, analysis: PathwayAnalysis): PossibleConcentratorEntry {
  const others = p.qualifications.slice(1).map((q) => q.pathway);
  const origin = analysis.students.get(p.studentId)?.firstRow.origin;
  const at = origin
    ? { sheet: origin.table.sheet, row: origin.row.row, cell: origin.table.address(origin.row.row, origin.table.anchorColumn("studentId")) }
    : {};
  return {
    studentId: p.studentId,
    grade: p.grade,
    pathway: p.pathway,
    iac: p.iac,
    cluster: p.cluster,
    courses: p.courses.map((c) => ({ ...c })),
    ...(others.length ? { otherPathways: others } : {}),
    ...at,
  };
}

export function runChecklist(sheets: readonly SheetInput[], options: CheckOptions = {}): CheckResult {
  const schoolYear = resolveSchoolYear(options);
  if (options.snapshotDate !== undefined && parseIsoDate(options.snapshotDate) === null) {
    throw new CheckOptionsError(`Snapshot date "${options.snapshotDate}" is not a date like 2026-12-01 (yyyy-mm-dd).`);
  }
  const now = options.now ?? options.today ?? new Date();
  const passingRule = options.passingRule ?? DEFAULT_PASSING_RULE;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const sheetReports: SheetReport[] = [];
  const tablesByKind = new Map<ExportKind, ExportTable[]>(EXPORT_KINDS.map((k) => [k, []]));
  let recognisedCount = 0;
  let otherCount = 0;

  const fieldsByFinding = new WeakMap<Finding, MessageFields>();
  /** each finding's key before `#2`, `#3`… are added (numbered once all findings are in) */
  const baseKeys = new Map<Finding, string>();

  const emit = (check: Check, draft: FindingDraft) => {
    const { table, rule } = draft;
    if (!check.emits.includes(rule) && strictChecks) {
      const declared = check.emits.map((r) => r.id).join(", ");
      throw new RuleDefinitionError(`${rule.id} is reported by a check that does not declare it (it emits ${declared})`);
    }
    const fields = draft.fields ?? {};
    const sensitive = draft.field !== undefined && table.isSensitive(draft.field);
    const sensitiveText = !sensitive ? undefined : draft.at === "header" ? "" : table.text(draft.at, draft.field as Field);
    const message = fillMessage(rule, draft.says, fields, { sensitiveText, strict: strictChecks });
    const row = draft.at === "header" ? table.headerRow : draft.at.row;
    const column =
      draft.field !== undefined && table.has(draft.field) ? (table.columns[draft.field] as number) : table.anchorColumn(draft.field);
    const cell = table.address(row, column);
    // One finding per rule, cell and message: a rule may say several things about one cell
    // (PROGRAM-AREA-COVERAGE names each missing area on the header), but never the same thing twice.
    const key = `${rule.id}\u0001${table.sheet}\u0001${cell}\u0001${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const header = table.headers[column];
    const subject: FindingSubject = draft.at === "header" ? sheetSubject(table.kind) : rowSubject(table, draft.at);
    const finding: Finding = {
      rule: rule.id,
      severity: draft.severity ?? rule.severity,
      topic: draft.topic ?? rule.topic,
      sheet: table.sheet,
      row,
      ...(header ? { column: header } : {}),
      cell,
      message,
      ...(rule.dpi ? { dpi: rule.dpi } : {}),
      key: "",
      status: "new",
      ...(subject.shown ? { subject: subject.shown } : {}),
    };
    findings.push(finding);
    fieldsByFinding.set(finding, fields);
    baseKeys.set(finding, baseFindingKey(rule.id, table.kind, subject.key, draft.field));
  };
  const structure = (draft: FindingDraft) => emit(STRUCTURE, draft);

  /** A finding on a sheet that was not recognised (so has no table to place it by). */
  const sheetFinding = (
    sheet: string,
    row: number,
    cell: string,
    rule: RuleDef,
    says: string,
    fields: MessageFields,
    severity?: Severity,
  ) => {
    const message = fillMessage(rule, says, fields, { strict: strictChecks });
    const finding: Finding = {
      rule: rule.id,
      severity: severity ?? rule.severity,
      topic: "structure",
      sheet,
      row,
      cell,
      message,
      key: "",
      status: "new",
    };
    findings.push(finding);
    fieldsByFinding.set(finding, fields);
    // An unrecognised sheet has no kind to name it by: its name is all there is.
    baseKeys.set(finding, baseFindingKey(rule.id, null, sheetSubject(sheet).key, undefined));
  };

  const recognised: Recognised[] = [];
  let workbookFindings: PreviousFinding[] | null = null;
  let workbookLog: WorkbookLog | null = null;
  for (const input of sheets) {
    const ownNote = ownSheetNote(input);
    if (ownNote !== null) {
      const unread = ownNote === FINDINGS_SHEET_NOTE && workbookFindings === null ? unreadStatusesNote(unreadStatuses(input.rows)) : "";
      sheetReports.push({ sheet: input.name, kind: null, headerRow: null, dataRows: 0, columns: {}, note: ownNote + unread });
      // The first Findings sheet and log sheet are the workbook's (a copy of either is listed, not read).
      if (ownNote === FINDINGS_SHEET_NOTE) workbookFindings ??= parseFindingsSheet(input.rows);
      if (ownNote === LOG_SHEET_NOTE) workbookLog ??= parseLogSheet(input.rows);
      continue;
    }
    const override = options.overrides?.[input.name];
    if (override?.kind === "ignore") {
      sheetReports.push({ sheet: input.name, kind: null, headerRow: null, dataRows: 0, columns: {}, note: "left out by the user" });
      continue;
    }
    const r = recogniseSheet(input, override, schoolYear);
    recognised.push(r);
  }
  for (const input of options.referenceSheets ?? []) {
    const r = recogniseSheet(input, undefined);
    const isList = r.table?.kind === "dpi-courses" || r.table?.kind === "dpi-iac-clusters";
    // A reference file must be one of DPI's two lists; anything else is reported, never checked as data.
    const note = "it is not a DPI course catalog or IAC to Cluster list";
    recognised.push(isList ? r : { ...r, table: null, recognition: { ...r.recognition, note } });
  }

  for (const { input, recognition, table } of recognised) {
    const firstRow = input.firstRow ?? 1;
    const firstColumn = input.firstColumn ?? 1;
    if (!table) {
      otherCount++;
      sheetReports.push({ sheet: input.name, kind: null, headerRow: null, dataRows: 0, columns: {}, note: recognition.note });
      const cell = a1(firstRow, firstColumn);
      // A sheet that looks like data but was not read is a warning: it may be an export we failed to recognise.
      const dataLike = looksLikeData(input.rows);
      const fields = { sheet: input.name, note: recognition.note };
      sheetFinding(input.name, firstRow, cell, SHEET_UNRECOGNIZED, dataLike ? "dataLike" : "other", fields, dataLike ? "warning" : "info");
      continue;
    }
    recognisedCount++;
    tablesByKind.get(table.kind)!.push(table);
    const columns: Record<string, string> = {};
    for (const field of Object.keys(table.columns) as Field[]) {
      columns[field] = table.headerOf(field) ?? `column ${(table.columns[field] as number) + 1}`;
    }
    const decidedBy: Record<string, "header" | "values" | "user"> = {};
    for (const field of Object.keys(table.columns) as Field[]) {
      decidedBy[field] = recognition.userFields?.includes(field)
        ? "user"
        : recognition.inferred.some((i) => i.field === field)
          ? "values"
          : "header";
    }
    const inferred = recognition.inferred.map((i) => ({ field: i.field, column: table.headerOf(i.field) ?? i.header, why: i.why }));
    sheetReports.push({
      sheet: table.sheet,
      kind: table.kind,
      headerRow: table.hasHeaderRow ? table.headerRow : null,
      dataRows: table.rows.length,
      columns,
      note: recognition.note,
      decidedBy,
      ...(inferred.length ? { inferred } : {}),
    });
    for (const i of recognition.inferred) {
      const fields = { column: table.headerOf(i.field) ?? i.header, field: i.field, why: i.why };
      structure({ table, at: "header", field: i.field, rule: COLUMN_INFERRED, fields });
    }
    if (recognition.missing.length > 0) {
      const fields = { kindTitle: KIND_SPEC[table.kind].title, sheet: table.sheet, missing: recognition.missing };
      structure({ table, at: "header", rule: COLUMN_MISSING, fields });
    }
    for (const d of recognition.mapping.duplicates) {
      // A header row may repeat one name thousands of times: name a few columns, count the rest.
      const shown = d.columns.slice(0, 3).map((c) => q(table.headers[c] ?? ""));
      const columns = d.columns.length > 3 ? `${shown.join(", ")} and ${d.columns.length - 3} more` : shown.join(" and ");
      structure({ table, at: "header", field: d.field, rule: COLUMN_DUPLICATE, fields: { columns, field: d.field } });
    }
  }

  const reference: ReferenceLists = {
    catalog: loadCourseCatalog(tablesByKind.get("dpi-courses")!),
    iacList: loadIacList(tablesByKind.get("dpi-iac-clusters")!),
  };

  const studentTables = (kind: ExportKind) => tablesByKind.get(kind) ?? [];
  for (const check of CHECKS) {
    if (!check.run) continue;
    const ctx: RuleContext = { schoolYear, reference, tables: studentTables, report: (draft) => emit(check, draft), passingRule };
    check.run(ctx);
  }

  const topicOrder = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));
  const sheetOrder = new Map<string, number>(recognised.map((r, i) => [r.input.name, i]));
  findings.sort(
    (a, b) =>
      topicOrder.get(a.topic)! - topicOrder.get(b.topic)! ||
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) ||
      a.row - b.row ||
      a.cell.length - b.cell.length ||
      a.cell.localeCompare(b.cell),
  );

  const numbered = findings.map((f, order) => ({ finding: f, baseKey: baseKeys.get(f) ?? f.rule, message: f.message, order }));
  for (const [item, key] of assignKeys(numbered)) item.finding.key = key;
  const tracking = trackFindings(findings, {
    schoolYear,
    now,
    ...(options.acknowledgements ? { acknowledgements: options.acknowledgements } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.snapshotDate !== undefined ? { snapshotDate: options.snapshotDate.trim() } : {}),
    workbookFindings,
    workbookLog,
  });

  const notChecked = notCheckedRules(studentTables, reference);
  const checklist = buildChecklist(findings, studentTables, reference, recognisedCount, otherCount, notChecked, {
    schoolYear,
    passingRule,
  });
  // Reference lists are not the district's data: when none of its own sheets was read, or the ones read have
  // no data rows (a header-only download), nothing was checked.
  const nothingChecked = ![...tablesByKind.entries()].some(
    ([kind, list]) => kind !== "dpi-courses" && kind !== "dpi-iac-clusters" && list.some((t) => t.rows.length > 0),
  );
  const snapshot = tracking.snapshot;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION as 2,
    schoolYear,
    sheets: sheetReports,
    findings,
    checklist,
    notChecked,
    nothingChecked,
    fixed: tracking.fixed,
    since: tracking.since,
    acknowledged: tracking.acknowledgements,
    ...(tracking.refused.length ? { refusedAcknowledgements: tracking.refused } : {}),
    ...(snapshot
      ? { snapshot: { date: snapshot.date, daysLeft: snapshot.daysLeft, ...(snapshot.advice ? { advice: snapshot.advice } : {}) } }
      : {}),
  };
  const analysis = analyzePathways(studentTables, schoolYear, passingRule);
  if (analysis) report.possibleConcentrators = analysis.possible.map((p) => possibleConcentratorEntry(p, analysis));
  return {
    report,
    tables: [...tablesByKind.values()].flat(),
    reference,
    tracking,
    fieldsOf: (finding) => fieldsByFinding.get(finding),
  };
}
