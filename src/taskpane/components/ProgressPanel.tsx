/**
 * Progress: what changed since the last run (fixed, new, still open, acknowledged), errors and warnings across
 * runs, and the countdown to DPI's December snapshot. The snapshot date is the user's: the first business day
 * of December is only offered as a suggestion, stored when the user confirms it.
 */
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { type Countdown, countdown, parseIsoDate } from "../../core/countdown";
import type { PreviousFinding, SinceLastRun } from "../../core/report";
import type { HistoryEntry } from "../../core/workbookLog";
import { SEVERITY_LABELS, plural } from "../labels";
import { HistoryChart } from "./HistoryChart";

const FIXED_SHOWN = 25;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "12px" },
  section: { display: "flex", flexDirection: "column", rowGap: "6px" },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  figures: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(112px, 1fr))",
    columnGap: "6px",
    rowGap: "6px",
    margin: 0,
  },
  figure: {
    display: "flex",
    flexDirection: "column-reverse",
    alignItems: "flex-start",
    padding: "4px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  figureLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0 },
  figureValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0, lineHeight: tokens.lineHeightBase500 },
  fixedList: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
  days: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  dateRow: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: "8px", rowGap: "6px" },
  dateField: { minWidth: "150px" },
  suggestion: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: "4px",
    padding: "6px 8px",
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
  },
});

export interface ProgressPanelProps {
  /** null before the first run */
  readonly since: SinceLastRun | null;
  /** the previous run's findings that are gone */
  readonly fixed: readonly PreviousFinding[];
  /** the run history, this run included, oldest first */
  readonly history: readonly HistoryEntry[];
  /** the snapshot date the user confirmed (yyyy-mm-dd), or null */
  readonly snapshotDate: string | null;
  /** the first business day of December of the school year's end year, for the user to confirm */
  readonly suggestedDate: string | null;
  /** today's local date, yyyy-mm-dd */
  readonly today: string;
  /** false before a run (the date is kept with the run history, which a run reads first) */
  readonly canSetDate: boolean;
  readonly busy?: boolean;
  readonly onSetSnapshotDate: (date: string) => void;
}

/** "Tuesday, December 1, 2026" for a yyyy-mm-dd date (read as a calendar date, no time zone). */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}

/** "12 days left", "today", "passed 3 days ago". */
export function daysLeftText(c: Countdown): string {
  if (c.daysLeft === 0) return "The snapshot is today";
  if (c.passed) return `The snapshot date passed ${plural(-c.daysLeft, "day")} ago`;
  return `${plural(c.daysLeft, "day")} left`;
}

export function ProgressPanel(props: ProgressPanelProps) {
  const styles = useStyles();
  const { since, fixed, history, snapshotDate, suggestedDate, today } = props;
  const left = snapshotDate ? countdown(snapshotDate, today) : null;
  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="snapshot-heading">
        <h3 id="snapshot-heading" className={styles.h3}>
          Snapshot countdown
        </h3>
        {left ? (
          <>
            <p className={styles.days}>{daysLeftText(left)}</p>
            <p className={styles.note}>Snapshot date: {longDate(left.date)} (your date, kept in this workbook).</p>
            {left.advice && (
              <MessageBar intent="warning">
                <MessageBarBody>Inside the last two weeks: {left.advice}</MessageBarBody>
              </MessageBar>
            )}
          </>
        ) : (
          <p className={styles.note}>
            No snapshot date set. DPI publishes it each year on its Snapshot Preparation Guidance page: enter it below.
          </p>
        )}
        {/* keyed by the saved date: a new saved date starts the field afresh */}
        <SnapshotDateField
          key={snapshotDate ?? ""}
          saved={snapshotDate}
          disabled={!props.canSetDate || !!props.busy}
          onSave={props.onSetSnapshotDate}
        />
        {!snapshotDate && suggestedDate && (
          <div className={styles.suggestion} role="group" aria-label="Suggested snapshot date">
            <span>
              Suggestion: {longDate(suggestedDate)}, the first business day of December. Check it against DPI&apos;s published date before
              you use it.
            </span>
            <Button
              size="small"
              appearance="primary"
              disabled={!props.canSetDate || props.busy}
              onClick={() => props.onSetSnapshotDate(suggestedDate)}
            >
              Use this date
            </Button>
          </div>
        )}
        {!props.canSetDate && <p className={styles.note}>Run the checklist first: the date is kept with the run history.</p>}
      </section>

      <section className={styles.section} aria-labelledby="since-heading">
        <h3 id="since-heading" className={styles.h3}>
          Since the last run
        </h3>
        {!since ? (
          <p className={styles.note}>Run the checklist to see what changed.</p>
        ) : (
          <>
            <dl className={styles.figures}>
              <Figure label="Fixed" value={since.fixed} />
              <Figure label="New" value={since.new} />
              <Figure label="Still open" value={since.open} />
              <Figure label="Acknowledged" value={since.acknowledged} />
            </dl>
            {!since.hadPrevious && (
              <p className={styles.note}>
                Nothing to compare with yet, so every finding counts as new. Write the findings list (Results): the next run compares with
                it and marks what was fixed.
              </p>
            )}
            {fixed.length > 0 && <FixedList fixed={fixed} />}
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="history-heading">
        <h3 id="history-heading" className={styles.h3}>
          Errors and warnings across runs
        </h3>
        {history.length === 0 ? (
          <p className={styles.note}>Each run adds a line of counts to this workbook (no student data); the chart shows them.</p>
        ) : (
          <HistoryChart history={history} />
        )}
      </section>
    </div>
  );
}

function SnapshotDateField({ saved, disabled, onSave }: { saved: string | null; disabled: boolean; onSave: (date: string) => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState(saved ?? "");
  return (
    <div className={styles.dateRow}>
      <Field label="Snapshot date" size="small" className={styles.dateField}>
        <Input type="date" size="small" value={draft} onChange={(_, d) => setDraft(d.value)} />
      </Field>
      <Button size="small" disabled={disabled || parseIsoDate(draft) === null || draft === saved} onClick={() => onSave(draft)}>
        Save date
      </Button>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  const styles = useStyles();
  return (
    <div className={styles.figure}>
      <dt className={styles.figureLabel}>{label}</dt>
      <dd className={styles.figureValue}>{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

function FixedList({ fixed }: { fixed: readonly PreviousFinding[] }) {
  const styles = useStyles();
  const shown = fixed.slice(0, FIXED_SHOWN);
  return (
    <details>
      <summary className={styles.note}>Fixed since the last run ({fixed.length.toLocaleString("en-US")})</summary>
      <ul className={styles.fixedList} aria-label="Fixed since the last run">
        {shown.map((f) => (
          <li key={f.key}>
            {f.severity ? `${SEVERITY_LABELS[f.severity]} ` : ""}
            {f.rule}
            {f.sheet && f.cell ? ` at ${f.sheet}!${f.cell}` : ""}
            {f.subject ? ` (${f.subject})` : ""}
          </li>
        ))}
      </ul>
      {fixed.length > shown.length && (
        <p className={styles.note}>…and {(fixed.length - shown.length).toLocaleString("en-US")} more: the Findings sheet lists them all.</p>
      )}
    </details>
  );
}
