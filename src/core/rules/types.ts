/** What a rule module is and what it may use: the registry runs each over the recognised exports. */
import { classifyCareerEdRow } from "../codes";
import { Field } from "../recognize";
import { ReferenceLists } from "../referenceLists";
import { ExportKind, Severity, Topic } from "../report";
import { DataRow, ExportTable } from "../table";

export { q } from "../text";

export interface RuleDef {
  readonly id: string;
  readonly topic: Topic;
  /** Default severity; a rule may raise another (IAC-CLUSTER-MISMATCH is an error only with DPI's list). */
  readonly severity: Severity;
  /** One line for the README, the pane and =CTE.RULE(). */
  readonly description: string;
  /** Published WISEdata validation number, for DPI-mirrored rules. */
  readonly dpi?: string;
  /** Which DPI list the rule needs, if any: without it the rule does not run. */
  readonly needs?: "catalog" | "iacList";
  /** Rules on checks the engine does itself (structure) have no run. */
  readonly run?: (ctx: RuleContext) => void;
}

export interface FindingDraft {
  readonly table: ExportTable;
  /** a data row, or "header" for sheet-level findings (placed on the header row) */
  readonly at: DataRow | "header";
  /** the field whose cell is flagged; omitted -> the row's anchor column */
  readonly field?: Field;
  readonly message: string;
  readonly severity?: Severity;
  readonly topic?: Topic;
  /** report under another rule of the same module (one pass serving several ids); default: the running rule */
  readonly rule?: RuleDef;
}

export interface RuleContext {
  readonly schoolYear: string;
  readonly reference: ReferenceLists;
  /** Recognised exports of a kind (a workbook may hold several sheets of one kind). */
  tables(kind: ExportKind): readonly ExportTable[];
  report(draft: FindingDraft): void;
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
};

/**
 * The topic of a row's generic findings (ids, grades, duplicates): its export's, except that an IRC/WBL
 * export row belongs to industry credentials or work-based learning by its program (spec §4).
 */
export function topicOfRow(t: ExportTable, r: DataRow): Topic {
  if (t.kind !== "irc-wbl") return TOPIC_OF_KIND[t.kind];
  return classifyCareerEdRow(t.text(r, "programName"), t.text(r, "programType")).kind === "irc" ? "industry-credentials" : "work-based-learning";
}
