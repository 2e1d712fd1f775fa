/**
 * The concentrator finder in the pane: "Insert pathway plan template" (an empty, explained Pathway Plan
 * sheet to fill in) and the "Possible concentrators" list of the last run: each grade 11-12 student whose
 * coursework shows two or more passed courses of one pathway and who is not in the concentrators export,
 * with the pathway, its IAC and cluster, and the courses that qualify them; a student's id goes to their
 * first coursework row. It shows ids, pathways and course codes and titles, never a sensitive value.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { PossibleConcentratorEntry, Report } from "../../core/report";
import { plural } from "../labels";

/** Students listed at most: the rest are counted (the CLI's JSON lists every one). */
export const MAX_LISTED = 200;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px" },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "8px" },
  student: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "6px", fontSize: tokens.fontSizeBase200 },
  head: { display: "flex", flexWrap: "wrap", columnGap: "6px", alignItems: "baseline" },
  id: { fontFamily: tokens.fontFamilyMonospace },
  courses: { margin: "2px 0 0 0", paddingLeft: "18px" },
  choose: { margin: "2px 0 0 0", color: tokens.colorPaletteMarigoldForeground2 },
});

export interface PossibleConcentratorsPanelProps {
  /** the last run's report, or null before the first run */
  readonly report: Report | null;
  /** sheets of the workbook (an entry elsewhere cannot be selected) */
  readonly sheets: ReadonlySet<string>;
  readonly busy?: boolean;
  readonly onInsertTemplate: () => void;
  readonly onSelect: (sheet: string, cell: string) => void;
}

export function PossibleConcentratorsPanel({ report, sheets, busy, onInsertTemplate, onSelect }: PossibleConcentratorsPanelProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <p className={styles.note}>
        A CTE concentrator passed at least two CTE courses of one career pathway. With a pathway plan (your pathways, their IAC and cluster,
        and their courses) and a coursework sheet (students&apos; completed courses from your SIS) in this workbook, the checklist lists the
        grade 11–12 students who qualify but are not in the concentrators export.
      </p>
      <div>
        <Button disabled={busy} onClick={onInsertTemplate}>
          Insert pathway plan template
        </Button>
      </div>
      <FinderResult report={report} sheets={sheets} onSelect={onSelect} />
    </div>
  );
}

function FinderResult({ report, sheets, onSelect }: Pick<PossibleConcentratorsPanelProps, "report" | "sheets" | "onSelect">) {
  const styles = useStyles();
  if (!report) return <p className={styles.note}>Run the checklist to look for possible concentrators.</p>;
  const entries = report.possibleConcentrators;
  if (entries === undefined) {
    return (
      <p className={styles.note}>
        Not looked for: the workbook needs a pathway plan sheet with courses and a coursework sheet. Insert the template, fill it in, paste
        the coursework, then run the checklist again.
      </p>
    );
  }
  if (entries.length === 0) {
    return <p className={styles.note}>No possible concentrators: no grade 11–12 student outside the concentrators export qualifies.</p>;
  }
  const shown = entries.slice(0, MAX_LISTED);
  return (
    <>
      <p className={styles.note}>
        {plural(entries.length, "possible concentrator")}: confirm each with the student&apos;s transcript, then report them in the Career
        Concentrators export. Select an id to go to the student&apos;s coursework.
      </p>
      <ul className={styles.list} aria-label="Possible concentrators">
        {shown.map((e) => (
          <EntryItem key={e.studentId} entry={e} sheets={sheets} onSelect={onSelect} />
        ))}
      </ul>
      {entries.length > shown.length && (
        <p className={styles.note}>
          … and {plural(entries.length - shown.length, "more student")}. The command line&apos;s JSON report (cte-check --json) lists them
          all.
        </p>
      )}
    </>
  );
}

function EntryItem({
  entry,
  sheets,
  onSelect,
}: {
  entry: PossibleConcentratorEntry;
  sheets: ReadonlySet<string>;
  onSelect: PossibleConcentratorsPanelProps["onSelect"];
}) {
  const styles = useStyles();
  const { sheet, cell } = entry;
  const code = [entry.iac, entry.cluster].filter((s) => s !== "").join(", ");
  return (
    <li className={styles.student}>
      <div className={styles.head}>
        {sheet !== undefined && cell !== undefined && sheets.has(sheet) ? (
          <Button
            appearance="subtle"
            size="small"
            className={styles.id}
            onClick={() => onSelect(sheet, cell)}
            aria-label={`Go to student ${entry.studentId} (${sheet}!${cell})`}
          >
            {entry.studentId}
          </Button>
        ) : (
          <span className={styles.id}>{entry.studentId}</span>
        )}
        <span>
          grade {entry.grade}: {entry.pathway}
          {code ? ` (IAC ${code})` : ""}
        </span>
      </div>
      <ul className={styles.courses} aria-label={`Courses that qualify ${entry.studentId}`}>
        {entry.courses.map((c) => (
          <li key={`${c.code}\u0001${c.title}`}>
            {[c.code, c.title].filter((s) => s !== "").join(" ")}
            {c.year ? ` (${c.year})` : ""}
          </li>
        ))}
      </ul>
      {entry.otherPathways && entry.otherPathways.length > 0 && (
        <p className={styles.choose}>
          Also qualifies in {entry.otherPathways.join(", ")}: ask the student which pathway to report (one IAC per concentrator).
        </p>
      )}
    </li>
  );
}
