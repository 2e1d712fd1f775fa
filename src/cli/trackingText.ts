/**
 * The worklist part of `cte-check`'s readable output: the since-last-run figures, the findings fixed since
 * then, the acknowledged ones (counted apart, with their reasons), the acknowledgements refused, and the
 * snapshot countdown (or the suggested date, which the user must confirm).
 */
import type { Finding, PreviousFinding, SinceLastRun } from "../core/report";
import type { Countdown } from "../core/countdown";
import { plural } from "../core/text";

export interface TrackingTextInput {
  since: SinceLastRun;
  /** where the previous run came from, e.g. "run1.json" or "the Findings sheet" */
  previousSource?: string;
  /** findings of the previous run that are gone */
  fixed: readonly PreviousFinding[];
  /** the school year of this run, and the one the --previous report checked (when it says) */
  schoolYear?: string;
  previousSchoolYear?: string;
  /** a schema-1 previous report: its findings had no keys */
  matchedByPlace: boolean;
  acknowledged: readonly Finding[];
  refused: readonly { key: string; rule: string; why: string }[];
  /** where a refused acknowledgement's finding is, by key (when it is still found) */
  whereByKey: ReadonlyMap<string, string>;
  snapshot: Countdown | null;
  /** the suggested snapshot date when none is set (first business day of December) */
  suggestedSnapshotDate: string | null;
}

const where = (f: { sheet?: string; cell?: string }) => (f.sheet && f.cell ? `${f.sheet}!${f.cell}` : (f.sheet ?? "—"));

/** A reason typed in the Findings sheet, cut for the terminal: a hostile workbook may hold a megabyte there. */
const MAX_REASON_SHOWN = 200;
const shownReason = (reason: string) => (reason.length <= MAX_REASON_SHOWN ? reason : `${reason.slice(0, MAX_REASON_SHOWN)}…`);

/** Paragraphs (lines) of the worklist section; `say` wraps each line as the rest of the output does. */
export function trackingLines(t: TrackingTextInput): { text: string; lead?: string; indent?: number }[] {
  const out: { text: string; lead?: string; indent?: number }[] = [];
  if (t.since.hadPrevious) {
    const from = t.previousSource ? ` (${t.previousSource})` : "";
    out.push({
      text:
        `Since the last run${from}: ${t.since.fixed} fixed, ${t.since.new} new, ${t.since.open} still open` +
        (t.since.acknowledged > 0 ? `; ${t.since.acknowledged} acknowledged (not counted).` : "."),
    });
    if (t.previousSchoolYear && t.schoolYear && t.previousSchoolYear !== t.schoolYear) {
      out.push({
        text:
          `The previous report checked school year ${t.previousSchoolYear}, this run checks ${t.schoolYear}: ` +
          "its findings are compared all the same (keys do not name the year); give a report of this year's to see this year's progress.",
      });
    }
    if (t.matchedByPlace) {
      out.push({
        text: "The previous report is schema 1 (its findings have no keys): they were matched by rule, sheet and cell, so a finding whose row moved counts as fixed and new.",
      });
    }
    if (t.fixed.length > 0) {
      out.push({ text: "Fixed since the last run:" });
      for (const f of t.fixed) out.push({ text: `${f.rule}${f.message ? `: ${f.message}` : ""}`, lead: `${where(f)} `, indent: 2 });
    }
  } else {
    out.push({
      text: "No previous run to compare with: every finding is new (give --previous REPORT.json, or check an annotated copy, to see what changed).",
    });
  }
  if (t.acknowledged.length > 0) {
    out.push({ text: "Acknowledged (not counted):" });
    for (const f of t.acknowledged) {
      out.push({
        text: `${f.severity.toUpperCase()} ${f.rule}${f.reason ? ` — ${shownReason(f.reason)}` : " — no reason given"}`,
        lead: `${where(f)} `,
        indent: 2,
      });
    }
  }
  if (t.refused.length > 0) {
    out.push({ text: `Not acknowledged (${plural(t.refused.length, "acknowledgement")} refused):` });
    for (const r of t.refused) out.push({ text: `${r.rule}: ${r.why}`, lead: `${t.whereByKey.get(r.key) ?? r.key} `, indent: 2 });
  }
  if (t.snapshot) {
    const { date, daysLeft } = t.snapshot;
    const when =
      daysLeft > 0
        ? `${plural(daysLeft, "day")} left`
        : daysLeft === 0
          ? "today"
          : `${plural(-daysLeft, "day")} ago (the snapshot has passed)`;
    out.push({ text: `Snapshot date ${date}: ${when}.${t.snapshot.advice ? ` ${t.snapshot.advice}` : ""}` });
  } else if (t.suggestedSnapshotDate) {
    out.push({
      text:
        `Snapshot date not set: suggested ${t.suggestedSnapshotDate} (the first business day of December). ` +
        `DPI publishes the date each year; confirm it, then give --snapshot-date ${t.suggestedSnapshotDate}.`,
    });
  }
  return out;
}
