/** `cte-check --recognize`: only what was recognised per sheet, for a quick look before a run. */
import { KIND_SPEC } from "../core/recognize";
import type { Report } from "../core/report";
import { escapeControls } from "./terminal";

/**
 * One line per sheet and per field. Sheet names, notes and headers are user text: every control character in
 * them, a line feed too, is shown escaped, so a name cannot break a line and print a recognition of its own.
 */
export function formatRecognition(report: Report): string {
  const lines: string[] = [];
  const t = escapeControls;
  // A header cell may hold a megabyte: the field line shows its start.
  const shortHeader = (text: string) => escapeControls(text.length > 80 ? `${text.slice(0, 77)}…` : text);
  for (const s of report.sheets) {
    if (!s.kind) {
      lines.push(`${t(s.sheet)}: not recognised (${t(s.note ?? "no known headers")})`);
      continue;
    }
    const header = s.headerRow === null ? "no header row (columns by letter)" : `header row ${s.headerRow}`;
    lines.push(`${t(s.sheet)}: ${s.kind} (${KIND_SPEC[s.kind].title}), ${header}, ${s.dataRows} data rows`);
    if (s.note) lines.push(`  ${t(s.note)}`);
    const why = new Map((s.inferred ?? []).map((i) => [i.field, i.why]));
    const width = Math.max(0, ...Object.keys(s.columns).map((f) => f.length));
    for (const [field, column] of Object.entries(s.columns)) {
      const how = s.decidedBy?.[field] ?? "header";
      const detail = how === "values" ? `from its values: ${t(why.get(field) ?? "")}` : how === "user" ? "set by you" : "from its header";
      lines.push(`  ${field.padEnd(width)} -> ${shortHeader(column)}  (${detail})`);
    }
    const missing = KIND_SPEC[s.kind].required.filter((f) => s.columns[f] === undefined);
    if (missing.length) lines.push(`  missing required: ${missing.join(", ")}`);
  }
  return lines.join("\n");
}
