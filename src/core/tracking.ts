/**
 * From one run to a worklist: each finding's status (new since the previous run, still open, or acknowledged),
 * the previous run's findings that are gone (fixed), the since-last-run figures, the Findings-sheet rows with
 * the team's columns carried over by key, and this run's history line. Matching is by stable key; a schema-1
 * report's findings have no key and are matched by rule, sheet and cell instead.
 * Errors are never acknowledged (as in WISEdata): such acknowledgements are listed as refused.
 */
import { Countdown, countdown, localDate, localDateTime, suggestedSnapshotDate } from "./countdown";
import { ruleById } from "./rules/registry";
import {
  type Acknowledgement,
  type Finding,
  type FindingStatus,
  type PreviousFinding,
  SEVERITIES,
  type Severity,
  type SinceLastRun,
  TOPICS,
  type Topic,
  type WorklistStatus,
} from "./report";
import { type HistoryEntry, MAX_HISTORY_LINES, type WorkbookLog } from "./workbookLog";

export type { Acknowledgement, FindingStatus, PreviousFinding, SinceLastRun, WorklistStatus };
export type { HistoryEntry, WorkbookLog };

export interface RefusedAcknowledgement {
  readonly key: string;
  readonly rule: string;
  readonly why: string;
}

export const ERRORS_NOT_ACKNOWLEDGED = "errors cannot be acknowledged (as in WISEdata): fix the data";

/** One row of the Findings sheet: a current finding, or one fixed since an earlier run. */
export interface WorklistRow {
  readonly status: WorklistStatus;
  readonly severity: Severity;
  readonly topic: Topic;
  readonly rule: string;
  readonly sheet: string;
  readonly cell: string;
  /** worksheet row of the finding, for ordering (0 when unknown) */
  readonly row: number;
  readonly subject?: string;
  readonly message: string;
  /** the rule's one-line fix */
  readonly fix: string;
  readonly assignedTo: string;
  readonly teamNote: string;
  readonly ackReason: string;
  /** yyyy-mm-dd */
  readonly firstSeen: string;
  /** yyyy-mm-dd, for fixed rows */
  readonly fixedOn: string;
  readonly key: string;
}

export interface Tracking {
  readonly since: SinceLastRun;
  /** the previous run's findings that are gone, with fixedOn = today */
  readonly fixed: PreviousFinding[];
  /** the acknowledgements in force (what the log keeps) */
  readonly acknowledgements: Acknowledgement[];
  readonly refused: RefusedAcknowledgement[];
  /** the Findings sheet's rows: current findings, then the fixed ones */
  readonly worklist: WorklistRow[];
  /** the log's history (this run not appended) */
  readonly history: HistoryEntry[];
  readonly thisRun: HistoryEntry;
  readonly snapshot: Countdown | null;
  /** the first business day of December of the school year's end year; the user must confirm it */
  readonly suggestedSnapshotDate: string | null;
  /** what to write to the log sheet after this run: the date, the acknowledgements, the history with this run */
  readonly nextLog: WorkbookLog;
}

export interface TrackingInput {
  readonly schoolYear: string;
  /** the run's local date and time */
  readonly now: Date;
  /** explicit acknowledgements (replace what the workbook holds) */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** explicit previous findings, e.g. from --previous (replace the workbook's Findings sheet) */
  readonly previous?: readonly PreviousFinding[];
  /** yyyy-mm-dd, explicit (replaces the log's) */
  readonly snapshotDate?: string;
  /** the Findings sheet found in the workbook, parsed */
  readonly workbookFindings?: readonly PreviousFinding[] | null;
  /** the log sheet found in the workbook, parsed */
  readonly workbookLog?: WorkbookLog | null;
}

/** How a schema-1 finding (no key) is matched: its rule, sheet and cell. */
export function placeKey(f: { rule: string; sheet?: string; cell?: string }): string {
  return `${f.rule}|${f.sheet ?? ""}|${f.cell ?? ""}`;
}

/**
 * The acknowledgements the workbook holds: the log's list, plus Findings rows the user set to "acknowledged"
 * (the row's reason), minus log entries whose Findings row the user set to "new" or "open" (un-acknowledged).
 * A reason edited on the Findings sheet replaces the log's.
 */
export function workbookAcknowledgements(
  log: WorkbookLog | null | undefined,
  findingsSheet: readonly PreviousFinding[] | null | undefined,
  today: string,
): Acknowledgement[] {
  const byKey = new Map<string, Acknowledgement>();
  for (const a of log?.acknowledgements ?? []) byKey.set(a.key, a);
  for (const row of findingsSheet ?? []) {
    const had = byKey.get(row.key);
    if (row.status === "acknowledged") {
      const reason = row.ackReason ?? had?.reason ?? "";
      byKey.set(row.key, {
        ...(had ?? {}),
        key: row.key,
        rule: row.rule,
        reason,
        on: had?.on ?? today,
        ...(row.severity ? { severity: row.severity } : {}),
      });
    } else if (had && (row.status === "new" || row.status === "open")) {
      // "fixed" is the add-in's own word for a finding that is gone: it keeps the acknowledgement for its return.
      byKey.delete(row.key);
    }
  }
  return [...byKey.values()];
}

/** Acknowledgements with each kept once (the last for a key wins). */
function byKeyLast(list: readonly Acknowledgement[]): Map<string, Acknowledgement> {
  const map = new Map<string, Acknowledgement>();
  for (const a of list) map.set(a.key, a);
  return map;
}

const SEVERITY_ORDER = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));
const TOPIC_ORDER = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));

function compareRows(a: WorklistRow, b: WorklistRow): number {
  return (
    SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)! ||
    TOPIC_ORDER.get(a.topic)! - TOPIC_ORDER.get(b.topic)! ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) ||
    a.row - b.row ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** One history line: this run's counts (acknowledged findings counted apart), nothing about any student. */
export function historyEntry(findings: readonly Finding[], since: SinceLastRun, schoolYear: string, now: Date): HistoryEntry {
  const topics = Object.fromEntries(TOPICS.map((t) => [t, { errors: 0, warnings: 0 }])) as Record<
    Topic,
    { errors: number; warnings: number }
  >;
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  let acknowledged = 0;
  for (const f of findings) {
    if (f.status === "acknowledged") acknowledged++;
    else if (f.severity === "error") {
      errors++;
      topics[f.topic].errors++;
    } else if (f.severity === "warning") {
      warnings++;
      topics[f.topic].warnings++;
    } else notes++;
  }
  return {
    runAt: localDateTime(now),
    schoolYear,
    errors,
    warnings,
    notes,
    acknowledged,
    new: since.new,
    open: since.open,
    fixed: since.fixed,
    topics,
  };
}

/**
 * Sets each finding's status (and its acknowledgement's reason) in place and works out the rest of the
 * tracking. `findings` must already carry their keys.
 */
export function trackFindings(findings: Finding[], input: TrackingInput): Tracking {
  const today = localDate(input.now);
  const previous = input.previous ?? input.workbookFindings ?? null;
  const requested = input.acknowledgements ?? workbookAcknowledgements(input.workbookLog, input.workbookFindings, today);

  const currentByKey = new Map<string, Finding>();
  for (const f of findings) currentByKey.set(f.key, f);

  const refused: RefusedAcknowledgement[] = [];
  const acknowledgements: Acknowledgement[] = [];
  for (const a of byKeyLast(requested).values()) {
    const current = currentByKey.get(a.key);
    const severity = current?.severity ?? a.severity;
    if (severity === "error") refused.push({ key: a.key, rule: a.rule, why: ERRORS_NOT_ACKNOWLEDGED });
    else
      acknowledgements.push(
        current ? { ...a, rule: current.rule, severity: current.severity, where: `${current.sheet}!${current.cell}` } : a,
      );
  }
  const ackByKey = byKeyLast(acknowledgements);

  const prevByKey = new Map<string, PreviousFinding>();
  const prevByPlace = new Map<string, PreviousFinding>();
  for (const p of previous ?? []) {
    if (p.matchBy === "place") prevByPlace.set(p.key, p);
    else prevByKey.set(p.key, p);
  }
  // The team's columns live on the Findings sheet: kept from it even when the previous run comes from elsewhere (--previous).
  const sheetRows = new Map<string, PreviousFinding>();
  for (const p of input.workbookFindings ?? []) sheetRows.set(p.key, p);
  const assignedTo = (key: string, prev: PreviousFinding | undefined) => sheetRows.get(key)?.assignedTo ?? prev?.assignedTo ?? "";
  const teamNote = (key: string, prev: PreviousFinding | undefined) => sheetRows.get(key)?.teamNote ?? prev?.teamNote ?? "";
  const matched = new Set<PreviousFinding>();
  const since = { new: 0, open: 0, fixed: 0, acknowledged: 0, hadPrevious: previous !== null };
  const rows: WorklistRow[] = [];
  for (const f of findings) {
    const prev = prevByKey.get(f.key) ?? prevByPlace.get(placeKey(f));
    if (prev) matched.add(prev);
    const wasOpen = prev !== undefined && prev.status !== "fixed";
    const ack = ackByKey.get(f.key);
    let status: FindingStatus;
    if (ack) {
      status = "acknowledged";
      f.reason = ack.reason;
      since.acknowledged++;
    } else {
      status = wasOpen ? "open" : "new";
      delete f.reason;
      since[status]++;
    }
    f.status = status;
    rows.push({
      status,
      severity: f.severity,
      topic: f.topic,
      rule: f.rule,
      sheet: f.sheet,
      cell: f.cell,
      row: f.row,
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
      message: f.message,
      fix: ruleById(f.rule)?.fix ?? "",
      assignedTo: assignedTo(f.key, prev),
      teamNote: teamNote(f.key, prev),
      ackReason: ack ? ack.reason : "",
      // A fixed finding that comes back starts again.
      firstSeen: (wasOpen ? prev?.firstSeen : undefined) || today,
      fixedOn: "",
      key: f.key,
    });
  }
  rows.sort(compareRows);

  const fixed: PreviousFinding[] = [];
  const fixedRows: WorklistRow[] = [];
  for (const p of previous ?? []) {
    if (matched.has(p)) continue;
    const alreadyFixed = p.status === "fixed";
    const fixedOn = alreadyFixed ? (p.fixedOn ?? today) : today;
    const gone: PreviousFinding = { ...p, status: "fixed", fixedOn };
    if (!alreadyFixed) {
      fixed.push(gone);
      since.fixed++;
    }
    fixedRows.push({
      status: "fixed",
      severity: p.severity ?? ruleById(p.rule)?.severity ?? "info",
      topic: p.topic ?? ruleById(p.rule)?.topic ?? "structure",
      rule: p.rule,
      sheet: p.sheet ?? "",
      cell: p.cell ?? "",
      row: 0,
      ...(p.subject !== undefined ? { subject: p.subject } : {}),
      message: p.message ?? "",
      fix: ruleById(p.rule)?.fix ?? "",
      assignedTo: assignedTo(p.key, p),
      teamNote: teamNote(p.key, p),
      ackReason: p.ackReason ?? "",
      firstSeen: p.firstSeen ?? "",
      fixedOn,
      key: p.key,
    });
  }

  const history = [...(input.workbookLog?.history ?? [])];
  const thisRun = historyEntry(findings, since, input.schoolYear, input.now);
  const snapshotDate = input.snapshotDate ?? input.workbookLog?.snapshotDate ?? null;
  const snapshot = snapshotDate ? countdown(snapshotDate, today) : null;
  return {
    since,
    fixed,
    acknowledgements,
    refused,
    worklist: [...rows, ...fixedRows],
    history,
    thisRun,
    snapshot,
    suggestedSnapshotDate: suggestedSnapshotDate(input.schoolYear),
    nextLog: { snapshotDate, acknowledgements, history: [...history, thisRun].slice(-MAX_HISTORY_LINES) },
  };
}

/** Whether a finding can be acknowledged: warnings and notes can, errors cannot (as in WISEdata). */
export function canAcknowledge(finding: Pick<Finding, "severity">): boolean {
  return finding.severity !== "error";
}

/**
 * The acknowledgements with one more (the pane's "Acknowledge", with an optional reason), replacing an
 * earlier one of the same key; an error is refused and the list is returned unchanged.
 */
export function acknowledge(
  list: readonly Acknowledgement[],
  finding: Pick<Finding, "key" | "rule" | "severity" | "sheet" | "cell">,
  reason: string,
  on: string,
): { acknowledgements: Acknowledgement[]; refused?: RefusedAcknowledgement } {
  if (!canAcknowledge(finding)) {
    return { acknowledgements: [...list], refused: { key: finding.key, rule: finding.rule, why: ERRORS_NOT_ACKNOWLEDGED } };
  }
  const entry: Acknowledgement = {
    key: finding.key,
    rule: finding.rule,
    reason: reason.replace(/\s+/g, " ").trim(),
    on,
    severity: finding.severity,
    where: `${finding.sheet}!${finding.cell}`,
  };
  return { acknowledgements: [...list.filter((a) => a.key !== finding.key), entry] };
}

/** The acknowledgements without the one of `key` (un-acknowledging is one click). */
export function unacknowledge(list: readonly Acknowledgement[], key: string): Acknowledgement[] {
  return list.filter((a) => a.key !== key);
}
