/** The checklist in DPI's order: status, DEMO figure and counts per topic, expanding to its findings. */
import { useMemo, useState } from "react";
import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Report, TopicSummary } from "../../core/report";
import { SEVERITY_LABELS, STATUS_COLORS, STATUS_LABELS, plural } from "../labels";

export const FIRST_FINDINGS = 25;
export const MORE_FINDINGS = 50;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  topic: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  summary: {
    cursor: "pointer",
    padding: "8px 10px",
    display: "grid",
    gridTemplateColumns: "1fr auto",
    rowGap: "2px",
    columnGap: "8px",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  counts: { gridColumn: "1 / 3", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  figure: { gridColumn: "1 / 3", fontSize: tokens.fontSizeBase200 },
  body: { padding: "0 10px 10px 10px", display: "flex", flexDirection: "column", rowGap: "6px" },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  findings: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  finding: { fontSize: tokens.fontSizeBase200, display: "flex", flexWrap: "wrap", columnGap: "6px", alignItems: "baseline" },
  message: { flexBasis: "100%" },
  cellRef: { fontFamily: tokens.fontFamilyMonospace },
});

export interface TopicListProps {
  readonly report: Report;
  /** sheets of the workbook (findings elsewhere, e.g. in a loaded file, cannot be selected) */
  readonly sheets: ReadonlySet<string>;
  readonly onSelect: (finding: Finding) => void;
}

export function TopicList({ report, sheets, onSelect }: TopicListProps) {
  const styles = useStyles();
  const byTopic = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const list = map.get(f.topic);
      if (list) list.push(f);
      else map.set(f.topic, [f]);
    }
    return map;
  }, [report]);
  return (
    <ul className={styles.list} aria-label="Checklist topics">
      {report.checklist.map((t) => (
        <TopicItem key={t.topic} topic={t} findings={byTopic.get(t.topic) ?? []} sheets={sheets} onSelect={onSelect} />
      ))}
    </ul>
  );
}

function counts(t: TopicSummary): string {
  const parts = [plural(t.errors, "error"), plural(t.warnings, "warning")];
  if (t.infos > 0) parts.push(plural(t.infos, "note"));
  return parts.join(" · ");
}

/** A finding, with the row findings it explains (CLUSTER-UNKNOWN rows under CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS). */
export interface FindingGroup {
  readonly finding: Finding;
  readonly under: readonly Finding[];
}

/** Rules whose header finding names the one cause of many row findings on the same sheet. */
const GROUPED_UNDER: Readonly<Record<string, string>> = { "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS": "CLUSTER-UNKNOWN" };

/** Groups row findings under the header finding that explains them, so one cause is read once. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const heads = new Map<string, Finding>();
  for (const f of findings) {
    const child = GROUPED_UNDER[f.rule];
    if (child) heads.set(`${child}\u0001${f.sheet}`, f);
  }
  const under = new Map<Finding, Finding[]>();
  const out: FindingGroup[] = [];
  for (const f of findings) {
    const head = heads.get(`${f.rule}\u0001${f.sheet}`);
    if (head && head !== f) {
      const list = under.get(head) ?? [];
      list.push(f);
      under.set(head, list);
    }
  }
  for (const f of findings) {
    if (heads.get(`${f.rule}\u0001${f.sheet}`) && !GROUPED_UNDER[f.rule]) continue;
    out.push({ finding: f, under: under.get(f) ?? [] });
  }
  return out;
}

function FindingRow({ f, sheets, onSelect }: { f: Finding; sheets: ReadonlySet<string>; onSelect: (f: Finding) => void }) {
  const styles = useStyles();
  return (
    <>
      {sheets.has(f.sheet) ? (
        <Button
          appearance="subtle"
          size="small"
          className={styles.cellRef}
          onClick={() => onSelect(f)}
          aria-label={`Go to ${f.sheet}!${f.cell}`}
        >
          {f.sheet}!{f.cell}
        </Button>
      ) : (
        <span className={styles.cellRef}>
          {f.sheet}!{f.cell}
        </span>
      )}
      <Badge
        appearance="tint"
        size="small"
        color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}
      >
        {SEVERITY_LABELS[f.severity]}
      </Badge>
      <span>{f.rule}</span>
      <span className={styles.message}>{f.message}</span>
    </>
  );
}

function TopicItem({
  topic,
  findings,
  sheets,
  onSelect,
}: {
  topic: TopicSummary;
  findings: Finding[];
  sheets: ReadonlySet<string>;
  onSelect: (f: Finding) => void;
}) {
  const styles = useStyles();
  const [shown, setShown] = useState(FIRST_FINDINGS);
  const groups = useMemo(() => groupFindings(findings), [findings]);
  const visible = groups.slice(0, shown);
  const left = groups.length - visible.length;
  return (
    <li className={styles.topic} data-topic={topic.topic}>
      <details>
        <summary className={styles.summary}>
          <span className={styles.title}>{topic.title}</span>
          <Badge appearance="filled" color={STATUS_COLORS[topic.status]} shape="rounded">
            {STATUS_LABELS[topic.status]}
          </Badge>
          <span className={styles.counts}>{counts(topic)}</span>
          <span className={styles.figure}>{topic.figure.text}</span>
        </summary>
        <div className={styles.body}>
          {topic.notes.map((n) => (
            <p key={n} className={styles.note}>
              {n}
            </p>
          ))}
          {findings.length === 0 ? (
            <p className={styles.note}>{topic.status === "no-data" ? `No ${topic.exports} in this workbook.` : "Nothing to fix."}</p>
          ) : (
            <ul className={styles.findings} aria-label={`${topic.title} findings`}>
              {visible.map(({ finding: f, under }, i) => (
                <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} className={styles.finding}>
                  <FindingRow f={f} sheets={sheets} onSelect={onSelect} />
                  {under.length > 0 && (
                    <details className={styles.message}>
                      <summary className={styles.note}>
                        {plural(under.length, "row")} with {under[0].rule} from this cause
                      </summary>
                      <ul className={styles.findings} aria-label={`${f.rule} rows`}>
                        {under.map((u, j) => (
                          <li key={`${u.cell}-${j}`} className={styles.finding}>
                            <FindingRow f={u} sheets={sheets} onSelect={onSelect} />
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
          {left > 0 && (
            <Button size="small" onClick={() => setShown((n) => n + MORE_FINDINGS)}>
              Show {Math.min(left, MORE_FINDINGS)} more (of {left.toLocaleString("en-US")} not shown)
            </Button>
          )}
        </div>
      </details>
    </li>
  );
}
