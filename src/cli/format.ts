/**
 * The readable checklist `cte-check` prints without --json, wrapped to the terminal's width with each
 * finding's sheet!cell at the start of its line. Every value from the inputs (sheet and file names, cell
 * text quoted in messages, figures) is shown with its control characters escaped.
 */
import { Finding, Report } from "../core/report";
import { TOPIC_META, severityCounts } from "../core/checklist";
import { plural } from "../core/text";
import { DEFAULT_WIDTH, escapeControls, wrap } from "./terminal";

const FINDINGS_PER_TOPIC = 5;
/** Possible concentrators listed in the table output (all of them are in --json). */
const POSSIBLE_SHOWN = 20;

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** Topic table columns: title, status, errors, warnings; the figure follows when it fits. */
const TOPIC_COLUMNS = [32, 9, 7, 9] as const;
const TABLE_WIDTH = TOPIC_COLUMNS.reduce((a, b) => a + b, 0);
/** Narrower than this, the topic table is printed one topic per paragraph instead. */
const MIN_TABLE_WIDTH = TABLE_WIDTH + 8;
const SHEET_COLUMN = 28;

export function formatReport(report: Report, inputs: readonly string[], width: number = DEFAULT_WIDTH): string {
  const lines: string[] = [];
  const say = (text: string, indent = 0, hanging = indent + 2, lead?: string) => {
    lines.push(...wrap(escapeControls(text), width, { indent, hanging, lead: lead === undefined ? undefined : escapeControls(lead) }));
  };
  const blank = () => lines.push("");
  say(`CTE Snapshot Check: school year ${report.schoolYear}; ${inputs.join(", ")}`);
  blank();
  lines.push("Sheets");
  for (const s of report.sheets) {
    const what = s.kind
      ? `${s.kind}, ${s.headerRow === null ? "no header row" : `header row ${s.headerRow}`}, ${s.dataRows} data rows`
      : `not checked: ${s.note ?? "unrecognised"}`;
    const name = escapeControls(s.sheet);
    const aligned = width >= MIN_TABLE_WIDTH && name.length <= SHEET_COLUMN;
    if (aligned)
      lines.push(...wrap(escapeControls(what), width, { indent: 2, hanging: SHEET_COLUMN + 3, lead: name.padEnd(SHEET_COLUMN) }));
    else lines.push(...wrap(`${name}: ${escapeControls(what)}`, width, { indent: 2, hanging: 6 }));
  }
  blank();
  const wide = width >= MIN_TABLE_WIDTH;
  if (wide) lines.push(columns(["Topic", "Status", "Errors", "Warnings"]) + " Figure");
  for (const t of report.checklist) {
    const figure = escapeControls(t.figure.text);
    if (wide) {
      const row = columns([t.title, t.status.toUpperCase(), String(t.errors), String(t.warnings)]);
      if (TABLE_WIDTH + figure.length <= width) lines.push(`${row} ${figure}`);
      else {
        lines.push(row.trimEnd());
        lines.push(...wrap(figure, width, { indent: 4, hanging: 6 }));
      }
    } else {
      say(`${t.title}: ${t.status.toUpperCase()}, ${plural(t.errors, "error")}, ${plural(t.warnings, "warning")}`, 0, 4);
      lines.push(...wrap(figure, width, { indent: 4, hanging: 6 }));
    }
  }
  const possible = report.possibleConcentrators;
  if (possible) {
    blank();
    lines.push(`Possible concentrators (${possible.length})`);
    if (possible.length === 0) say("none: no grade 11-12 student outside the concentrators export passed two courses of one pathway", 2, 4);
    for (const p of possible.slice(0, POSSIBLE_SHOWN)) {
      const courses = p.courses.map((c) => `${c.title || c.code}${c.year ? ` (${c.year})` : ""}`).join("; ");
      const others = p.otherPathways?.length ? `; also qualifies in ${p.otherPathways.join(", ")}` : "";
      say(`${p.studentId}, grade ${p.grade}: ${p.pathway} (IAC ${p.iac || "none"}): ${courses}${others}`, 2, 6);
    }
    if (possible.length > POSSIBLE_SHOWN) say(`… and ${possible.length - POSSIBLE_SHOWN} more (--json or --out for all)`, 4, 4);
  }
  const byTopic = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byTopic.get(f.topic) ?? [];
    list.push(f);
    byTopic.set(f.topic, list);
  }
  const notes = report.checklist.flatMap((t) => t.notes.map((n) => `${t.title}: ${n}`));
  if (byTopic.size > 0) {
    blank();
    say(`Findings (first ${FINDINGS_PER_TOPIC} per topic; --json or --out for all)`);
    for (const t of report.checklist) {
      const list = byTopic.get(t.topic);
      if (!list) continue;
      blank();
      say(`-- ${TOPIC_META[t.topic].title} --`);
      for (const f of list.slice(0, FINDINGS_PER_TOPIC)) {
        // The location leads the line whole (the two spaces after it are part of the lead).
        say(`${f.severity.toUpperCase()} ${f.rule}: ${f.message}`, 0, 4, `${f.sheet}!${f.cell} `);
      }
      if (list.length > FINDINGS_PER_TOPIC) say(`… and ${list.length - FINDINGS_PER_TOPIC} more`, 4, 4);
    }
  }
  if (notes.length) {
    blank();
    lines.push("Not checked");
    for (const n of notes) say(n, 2, 4);
  }
  const { errors, warnings, infos } = severityCounts(report.findings);
  blank();
  say(`${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "note")}.`);
  return lines.join("\n");
}

/** The topic table's fixed columns, each cut with "…" to its width. */
function columns(cells: readonly string[]): string {
  return cells.map((c, i) => pad(c, TOPIC_COLUMNS[i])).join("");
}
