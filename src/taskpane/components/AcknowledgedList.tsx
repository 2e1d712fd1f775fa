/**
 * Acknowledged warnings and notes, listed apart from their topics with their reason; un-acknowledging is one
 * click. They are not counted in the topics and not highlighted.
 */
import { useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Acknowledgement, Finding } from "../../core/report";
import { SEVERITY_LABELS, plural } from "../labels";
import { CellLink } from "./TopicList";

const FIRST_SHOWN = 25;
const MORE_SHOWN = 50;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "6px" },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: "6px",
    rowGap: "2px",
    fontSize: tokens.fontSizeBase200,
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: "6px",
  },
  rule: { fontWeight: tokens.fontWeightSemibold },
  reason: { flexBasis: "100%", overflowWrap: "anywhere" },
  more: { alignSelf: "flex-start" },
  undo: { alignSelf: "flex-start" },
});

export interface AcknowledgedListProps {
  /** this run's acknowledged findings */
  readonly findings: readonly Finding[];
  /** the acknowledgements in force (for the date each was made) */
  readonly acknowledgements: readonly Acknowledgement[];
  readonly sheets: ReadonlySet<string>;
  readonly busy?: boolean;
  readonly onSelect: (f: Finding) => void;
  readonly onUnacknowledge: (f: Finding) => void;
}

export function AcknowledgedList({ findings, acknowledgements, sheets, busy, onSelect, onUnacknowledge }: AcknowledgedListProps) {
  const styles = useStyles();
  const [shown, setShown] = useState(FIRST_SHOWN);
  const on = new Map(acknowledgements.map((a) => [a.key, a.on]));
  const visible = findings.slice(0, shown);
  const left = findings.length - visible.length;
  return (
    <section className={styles.root} aria-labelledby="acknowledged-heading">
      <h3 id="acknowledged-heading" className={styles.h3}>
        Acknowledged ({findings.length.toLocaleString("en-US")})
      </h3>
      <p className={styles.note}>
        Not counted in the topics above and not highlighted. The log sheet keeps them for the next run and cte-check.
      </p>
      <ul className={styles.list} aria-label="Acknowledged findings">
        {visible.map((f) => (
          <li key={f.key} className={styles.item}>
            <span className={styles.rule}>
              {SEVERITY_LABELS[f.severity]} {f.rule}
            </span>
            <CellLink f={f} sheets={sheets} onSelect={onSelect} />
            {f.subject && <span>{f.subject}</span>}
            <span className={styles.reason}>
              {f.reason ? `Reason: ${f.reason}` : "No reason given"}
              {on.get(f.key) ? ` (acknowledged ${on.get(f.key)})` : ""}
            </span>
            <Button
              size="small"
              disabled={busy}
              onClick={() => onUnacknowledge(f)}
              aria-label={`Un-acknowledge ${f.rule} at ${f.sheet}!${f.cell}`}
            >
              Un-acknowledge
            </Button>
          </li>
        ))}
      </ul>
      {left > 0 && (
        <Button size="small" className={styles.more} onClick={() => setShown((n) => n + MORE_SHOWN)}>
          Show {Math.min(left, MORE_SHOWN)} more (of {plural(left, "acknowledged finding")} not shown)
        </Button>
      )}
    </section>
  );
}
