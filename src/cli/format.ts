/** The readable checklist table `cte-check` prints without --json. */
import { Finding, Report } from "../core/report";
import { TOPIC_META, severityCounts } from "../core/checklist";
import { plural } from "../core/text";

const FINDINGS_PER_TOPIC = 5;

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function formatReport(report: Report, inputs: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`CTE Snapshot Check: school year ${report.schoolYear}; ${inputs.join(", ")}`);
  lines.push("");
  lines.push("Sheets");
  for (const s of report.sheets) {
    const what = s.kind ? `${s.kind}, ${s.headerRow === null ? "no header row" : `header row ${s.headerRow}`}, ${s.dataRows} data rows` : `not checked: ${s.note ?? "unrecognised"}`;
    lines.push(`  ${pad(s.sheet, 28)} ${what}`);
  }
  lines.push("");
  lines.push(`${pad("Topic", 34)}${pad("Status", 9)}${pad("Errors", 8)}${pad("Warnings", 10)}Figure`);
  for (const t of report.checklist) {
    lines.push(`${pad(t.title, 34)}${pad(t.status.toUpperCase(), 9)}${pad(String(t.errors), 8)}${pad(String(t.warnings), 10)}${t.figure.text}`);
  }
  const byTopic = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byTopic.get(f.topic) ?? [];
    list.push(f);
    byTopic.set(f.topic, list);
  }
  const notes = report.checklist.flatMap((t) => t.notes.map((n) => `  ${t.title}: ${n}`));
  if (byTopic.size > 0) {
    lines.push("");
    lines.push(`Findings (first ${FINDINGS_PER_TOPIC} per topic; --json or --out for all)`);
    for (const t of report.checklist) {
      const list = byTopic.get(t.topic);
      if (!list) continue;
      lines.push(`  ${TOPIC_META[t.topic].title}`);
      for (const f of list.slice(0, FINDINGS_PER_TOPIC)) {
        lines.push(`    ${pad(f.severity.toUpperCase(), 8)}${f.sheet}!${f.cell}  ${f.rule}: ${f.message}`);
      }
      if (list.length > FINDINGS_PER_TOPIC) lines.push(`    … and ${list.length - FINDINGS_PER_TOPIC} more`);
    }
  }
  if (notes.length) {
    lines.push("");
    lines.push("Not checked");
    lines.push(...notes);
  }
  const { errors, warnings, infos } = severityCounts(report.findings);
  lines.push("");
  lines.push(`${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")}.`);
  return lines.join("\n");
}
