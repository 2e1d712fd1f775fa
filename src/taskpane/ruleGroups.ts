/**
 * How the pane lists a topic's findings: one line per rule (its severity, how many cells, what it says and
 * how to fix it, each said once), expanding to the cells. Pure, so tests check it without rendering.
 */
import type { Finding, Severity } from "../core/report";
import { ruleById } from "../core/rules/registry";

/** A rule's findings in one topic. */
export interface RuleGroup {
  readonly rule: string;
  readonly severity: Severity;
  readonly findings: readonly Finding[];
  /** every finding's message when they all say the same, else the rule's one-line description */
  readonly summary: string;
  /** true when the findings' messages differ by more than the student or course they name (each cell then shows its own) */
  readonly messagesDiffer: boolean;
  /** the rule's "how to fix", said once for the group ("" for a rule the registry does not know) */
  readonly fix: string;
  /** row findings of another rule that this group's sheet-level finding explains (one cause, read once) */
  readonly explains: readonly Finding[];
  /** the rule of `explains` */
  readonly explainsRule?: string;
}

/** Rules whose header finding names the one cause of many row findings on the same sheet. */
const EXPLAINS: Readonly<Record<string, string>> = { "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS": "CLUSTER-UNKNOWN" };

/** The message with the student id or course key it names cut out (findings without a subject: as it is). */
function withoutSubject(f: Finding): string {
  return f.subject ? f.message.split(f.subject).join("\u0000") : f.message;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Groups findings by rule and severity: errors first, then warnings, then notes; within a severity, in the
 * order the rules first appear. Row findings explained by a sheet-level finding on the same sheet (CLUSTER-UNKNOWN
 * rows under CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS) are moved into the explaining group's `explains`.
 */
export function groupByRule(findings: readonly Finding[]): RuleGroup[] {
  const explainedOn = new Set<string>();
  for (const f of findings) {
    const explained = EXPLAINS[f.rule];
    if (explained) explainedOn.add(`${explained}\u0001${f.sheet}`);
  }
  const groups = new Map<string, { rule: string; severity: Severity; findings: Finding[]; explains: Finding[] }>();
  const explainedBy = new Map<string, Finding[]>();
  for (const f of findings) {
    if (explainedOn.has(`${f.rule}\u0001${f.sheet}`)) {
      const list = explainedBy.get(f.rule) ?? [];
      list.push(f);
      explainedBy.set(f.rule, list);
      continue;
    }
    const id = `${f.rule}\u0001${f.severity}`;
    const group = groups.get(id);
    if (group) group.findings.push(f);
    else groups.set(id, { rule: f.rule, severity: f.severity, findings: [f], explains: [] });
  }
  const out: RuleGroup[] = [];
  for (const g of groups.values()) {
    const first = g.findings[0].message;
    const same = g.findings.every((f) => f.message === first);
    const general = withoutSubject(g.findings[0]);
    // Messages that differ only by the id they name say the same: the cells show that id beside them.
    const messagesDiffer = !same && g.findings.some((f) => withoutSubject(f) !== general);
    const def = ruleById(g.rule);
    const explainsRule = EXPLAINS[g.rule];
    const explains = explainsRule ? (explainedBy.get(explainsRule) ?? []) : [];
    out.push({
      rule: g.rule,
      severity: g.severity,
      findings: g.findings,
      summary: same ? first : (def?.description ?? first),
      messagesDiffer,
      fix: def?.fix ?? "",
      explains,
      ...(explains.length > 0 ? { explainsRule } : {}),
    });
  }
  // Array.prototype.sort is stable: rules of one severity keep their first-seen order.
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
