/**
 * Rules that did not run, and why: a DPI list not loaded, the second export a cross-export rule
 * compares with, or the optional column a rule reads. The checklist, the CLI and the pane list them so a
 * quiet topic is never read as a pass.
 */
import { Field, KIND_SPEC } from "./recognize";
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
  // The concentrator finder reads coursework against the pathway plan, and compares with the concentrators.
  { rule: "POSSIBLE-CONCENTRATOR", on: "coursework", with: "pathway-plan" },
  { rule: "POSSIBLE-CONCENTRATOR", on: "coursework", with: "concentrators" },
  { rule: "POSSIBLE-CONCENTRATOR", on: "pathway-plan", with: "coursework" },
  { rule: "CONCENTRATOR-NOT-SUPPORTED", on: "coursework", with: "pathway-plan" },
  { rule: "CONCENTRATOR-NOT-SUPPORTED", on: "coursework", with: "concentrators" },
  { rule: "IAC-NOT-COURSEWORK-PATHWAY", on: "coursework", with: "pathway-plan" },
  { rule: "IAC-NOT-COURSEWORK-PATHWAY", on: "coursework", with: "concentrators" },
  { rule: "CONCENTRATOR-QUALIFIES-MULTIPLE", on: "coursework", with: "pathway-plan" },
  { rule: "CONCENTRATOR-QUALIFIES-MULTIPLE", on: "pathway-plan", with: "coursework" },
  { rule: "CONCENTRATOR-NOT-CONTINUED", on: "previous-concentrators", with: "concentrators" },
  { rule: "IAC-CHANGED-SINCE-LAST-YEAR", on: "previous-concentrators", with: "concentrators" },
];

/** Rules that read an optional column of their export: without that column they cannot run. */
const COLUMN_NEEDS: readonly { readonly rule: string; readonly on: ExportKind; readonly fields: readonly Field[] }[] = [
  { rule: "HSC-NOT-GRADE-12", on: "hs-completion", fields: ["grade"] },
  { rule: "HSC-CREDENTIAL-MISSING", on: "hs-completion", fields: ["credentialType"] },
  { rule: "IRC-STATUS-MISSING", on: "irc-wbl", fields: ["certificatedStatus"] },
  { rule: "WBL-STATUS-MISSING", on: "irc-wbl", fields: ["certificatedStatus"] },
  { rule: "CERT-STATUS-INVALID", on: "irc-wbl", fields: ["certificatedStatus"] },
  { rule: "CERT-STATUS-DUPLICATE", on: "irc-wbl", fields: ["certificatedStatus"] },
  { rule: "CERT-STATUS-WRONG-PROGRAM", on: "irc-wbl", fields: ["certificatedStatus", "programType"] },
  { rule: "WBL-HOURS-BELOW-MINIMUM", on: "irc-wbl", fields: ["hours"] },
  { rule: "SINGLE-PARENT-GRADE", on: "demographics", fields: ["singleParent", "grade"] },
  { rule: "SINGLE-PARENT-INVALID", on: "demographics", fields: ["singleParent"] },
  { rule: "DUAL-ENROLLMENT-FLAG-MISSING", on: "course-offerings", fields: ["dualEnrollment"] },
  { rule: "DUAL-ENROLLMENT-FLAG-MISSING", on: "courses", fields: ["dualEnrollment"] },
];

/** Exports a reference-list rule checks: it is listed as not run only when one of them is present. */
const LIST_CHECKS: Readonly<Record<"catalog" | "iacList", readonly ExportKind[]>> = {
  catalog: ["courses", "course-offerings"],
  iacList: ["concentrators", "pathway-plan"],
};

export function notCheckedRules(tables: (kind: ExportKind) => readonly ExportTable[], reference: ReferenceLists): NotChecked[] {
  const out: NotChecked[] = [];
  const present = (kind: ExportKind) => tables(kind).length > 0;
  for (const rule of RULES) {
    if (!rule.needs) continue;
    if (!LIST_CHECKS[rule.needs].some(present)) continue;
    if (rule.needs === "catalog" && !reference.catalog)
      out.push({ rule: rule.id, topic: rule.topic, why: "no DPI course catalog loaded (load DPI's course download, or --reference)" });
    if (rule.needs === "iacList" && !reference.iacList)
      out.push({ rule: rule.id, topic: rule.topic, why: "no DPI IAC to Cluster list loaded (load it, or --reference)" });
  }
  for (const need of CROSS_EXPORT) {
    const rule = RULES.find((r) => r.id === need.rule);
    if (!rule || !present(need.on)) continue;
    const title = KIND_SPEC[need.with].title;
    if (!present(need.with))
      out.push({ rule: rule.id, topic: rule.topic, why: `no ${title} in the input: it compares the ${KIND_SPEC[need.on].title} with it` });
    else if (KIND_SPEC[need.with].fields.includes("studentId") && !tables(need.with).some((t) => t.has("studentId")))
      out.push({ rule: rule.id, topic: rule.topic, why: `the ${title} has no student id column to match students by` });
  }
  for (const need of COLUMN_NEEDS) {
    const rule = RULES.find((r) => r.id === need.rule);
    const withRows = tables(need.on).filter((t) => t.rows.length > 0);
    if (!rule || withRows.length === 0) continue;
    const lacking = need.fields.filter((f) => !withRows.some((t) => t.has(f)));
    if (lacking.length === 0) continue;
    const sheets = withRows.map((t) => `‘${t.sheet}’`).join(", ");
    const why = `the ${KIND_SPEC[need.on].title} (${sheets}) has no ${lacking.join(" or ")} column`;
    out.push({ rule: rule.id, topic: rule.topic, why });
  }
  return out;
}
