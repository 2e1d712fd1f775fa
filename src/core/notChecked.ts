/**
 * Rules that did not run, and why: a DPI list not loaded, or the second export a cross-export rule
 * compares with. The checklist, the CLI and the pane list them so a quiet topic is never read as a pass.
 */
import { KIND_SPEC } from "./recognize";
import { ReferenceLists } from "./referenceLists";
import { ExportKind, NotChecked } from "./report";
import { RULES } from "./rules/registry";
import { ExportTable } from "./table";

interface CrossExportNeed {
  readonly rule: string;
  /** the export the rule reports on */
  readonly on: ExportKind;
  /** the export it compares with, matched by student id */
  readonly with: ExportKind;
}

/** Cross-export rules; an id not in the registry (yet) is skipped. */
const CROSS_EXPORT: readonly CrossExportNeed[] = [
  { rule: "CONCENTRATOR-NOT-PARTICIPANT", on: "concentrators", with: "participants" },
  { rule: "SENIOR-EXIT-MISSING", on: "concentrators", with: "hs-completion" },
  { rule: "SENIOR-EXIT-NOT-HSC", on: "concentrators", with: "hs-completion" },
];

/** Exports a reference-list rule checks: it is listed as not run only when one of them is present. */
const LIST_CHECKS: Readonly<Record<"catalog" | "iacList", readonly ExportKind[]>> = {
  catalog: ["courses", "course-offerings"],
  iacList: ["concentrators"],
};

export function notCheckedRules(tables: (kind: ExportKind) => readonly ExportTable[], reference: ReferenceLists): NotChecked[] {
  const out: NotChecked[] = [];
  const present = (kind: ExportKind) => tables(kind).length > 0;
  for (const rule of RULES) {
    if (!rule.needs) continue;
    if (!LIST_CHECKS[rule.needs].some(present)) continue;
    if (rule.needs === "catalog" && !reference.catalog) out.push({ rule: rule.id, topic: rule.topic, why: "no DPI course catalog loaded (load DPI's course download, or --reference)" });
    if (rule.needs === "iacList" && !reference.iacList) out.push({ rule: rule.id, topic: rule.topic, why: "no DPI IAC to Cluster list loaded (load it, or --reference)" });
  }
  for (const need of CROSS_EXPORT) {
    const rule = RULES.find((r) => r.id === need.rule);
    if (!rule || !present(need.on)) continue;
    const title = KIND_SPEC[need.with].title;
    if (!present(need.with)) out.push({ rule: rule.id, topic: rule.topic, why: `no ${title} in the input: it compares the ${KIND_SPEC[need.on].title} with it` });
    else if (!tables(need.with).some((t) => t.has("studentId"))) out.push({ rule: rule.id, topic: rule.topic, why: `the ${title} has no student id column to match students by` });
  }
  return out;
}
