/**
 * What a rule and a check are. A rule (RuleDef) is an id with its topic, severity, wording and fix; a check
 * is one pass over the exports that declares the rules it reports. The registry lists the checks, and the
 * rule catalogue is what they declare.
 */
import { classifyCareerEdRow } from "../codes";
import type { PassingRule } from "../marks";
import { Field } from "../recognize";
import { ReferenceLists } from "../referenceLists";
import { ExportKind, Severity, Topic } from "../report";
import { studentIds } from "../studentIds";
import { DataRow, ExportTable } from "../table";

export { q } from "../text";

/** A structured value a message is filled from: a code, a count, a user's value, or a list of them. */
export type FieldValue = string | number | readonly string[];
export type MessageFields = Readonly<Record<string, FieldValue>>;

export interface RuleDef {
  readonly id: string;
  readonly topic: Topic;
  /** Default severity; a rule may raise another (IAC-CLUSTER-MISMATCH is an error only with DPI's list). */
  readonly severity: Severity;
  /** One line for the README, the pane and =CTE.RULE(). */
  readonly description: string;
  /** How to fix a finding, in one line (the rule catalogue's "how to fix"). */
  readonly fix: string;
  /**
   * The finding's message, by variant (the first is the default), filled by fillMessage: {name} inserts a
   * field as it is, {q:name} quotes a user's value with q(), {q:name| and } quotes each of a list and joins them.
   */
  readonly messages: Readonly<Record<string, string>>;
  /** Published WISEdata validation number, for DPI-mirrored rules. */
  readonly dpi?: string;
  /** Which DPI list the rule needs, if any: without it the rule does not run. */
  readonly needs?: "catalog" | "iacList";
}

/** One pass over the exports; it may report only the rules it declares in `emits` (strict mode enforces it). */
export interface Check {
  readonly emits: readonly RuleDef[];
  /** Absent for the checks the engine makes itself while recognising sheets (structure). */
  readonly run?: (ctx: RuleContext) => void;
}

export interface FindingDraft {
  readonly table: ExportTable;
  /** a data row, or "header" for sheet-level findings (placed on the header row) */
  readonly at: DataRow | "header";
  /** the field whose cell is flagged; omitted -> the row's anchor column */
  readonly field?: Field;
  /** the rule reported: one of the running check's `emits` */
  readonly rule: RuleDef;
  /** which of the rule's message variants; default: its first */
  readonly says?: string;
  /** what the message is filled from (tests read them with CheckResult.fieldsOf) */
  readonly fields?: MessageFields;
  readonly severity?: Severity;
  readonly topic?: Topic;
}

export interface RuleContext {
  readonly schoolYear: string;
  /** what passes a course for the concentrator finder (the engine's option, or the default) */
  readonly passingRule?: PassingRule;
  readonly reference: ReferenceLists;
  /** Recognised exports of a kind (a workbook may hold several sheets of one kind). */
  tables(kind: ExportKind): readonly ExportTable[];
  report(draft: FindingDraft): void;
}

/** Defines a rule: `message` is the single message template, or `messages` its named variants. */
export function rule(def: Omit<RuleDef, "messages"> & ({ message: string } | { messages: Record<string, string> })): RuleDef {
  const { messages, message, ...rest } = def as RuleDef & { message?: string };
  return { ...rest, messages: messages ?? { default: message as string } };
}

/** Checklist topic an export's generic findings (ids, grades, duplicates) belong to. */
export const TOPIC_OF_KIND: Readonly<Record<ExportKind, Topic>> = {
  participants: "cte-participants",
  concentrators: "cte-concentrators",
  "course-offerings": "program-areas",
  courses: "dual-enrollment-ap-ib",
  "hs-completion": "cte-graduates",
  "irc-wbl": "industry-credentials",
  demographics: "single-parent",
  "dpi-courses": "structure",
  "dpi-iac-clusters": "structure",
  "pathway-plan": "possible-concentrators",
  coursework: "possible-concentrators",
  "previous-concentrators": "possible-concentrators",
};

/**
 * The topic of a row's generic findings (ids, grades, duplicates): its export's, except that an IRC/WBL
 * export row belongs to industry credentials or work-based learning by its program.
 */
export function topicOfRow(t: ExportTable, r: DataRow): Topic {
  if (t.kind !== "irc-wbl") return TOPIC_OF_KIND[t.kind];
  const kind = classifyCareerEdRow(t.text(r, "programName"), t.text(r, "programType")).kind;
  return kind === "irc" ? "industry-credentials" : "work-based-learning";
}

function hasAll(t: ExportTable, fields: readonly Field[]): boolean {
  for (const f of fields) if (!t.has(f)) return false;
  return true;
}

/**
 * The shared iteration: visit(t, r) for every row of the tables of these kinds that map all `fields`.
 * One visitor per check, nothing allocated per row.
 */
export function eachRow(
  ctx: RuleContext,
  kinds: readonly ExportKind[],
  fields: readonly Field[],
  visit: (t: ExportTable, r: DataRow) => void,
): void {
  for (const kind of kinds) {
    for (const t of ctx.tables(kind)) {
      if (!hasAll(t, fields)) continue;
      for (const r of t.rows) visit(t, r);
    }
  }
}

/**
 * Each concentrator row (holding `fields`) whose student id is absent from the exports of `kind`; none when no
 * export of that kind has a student id column, as nobody can be matched then (COLUMN-MISSING says so).
 */
export function eachConcentratorAbsentFrom(
  ctx: RuleContext,
  kind: ExportKind,
  fields: readonly Field[],
  visit: (t: ExportTable, r: DataRow, studentId: string) => void,
): void {
  const others = ctx.tables(kind);
  if (!others.some((t) => t.has("studentId"))) return;
  const ids = studentIds(others);
  eachRow(ctx, ["concentrators"], fields, (t, r) => {
    const id = t.present(r, "studentId");
    if (id !== null && !ids.has(id)) visit(t, r, id);
  });
}

/** Reports `rule` on the cell when `field` is blank; true when it did (the row's other checks of the field stop). */
export function reportBlank(ctx: RuleContext, t: ExportTable, r: DataRow, field: Field, blankRule: RuleDef, topic?: Topic): boolean {
  if (!t.blank(r, field)) return false;
  ctx.report(topic === undefined ? { table: t, at: r, field, rule: blankRule } : { table: t, at: r, field, rule: blankRule, topic });
  return true;
}
