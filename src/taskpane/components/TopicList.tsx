/**
 * The checklist in DPI's order: one accordion item per topic (status, DEMO figure and counts), only the failing
 * topics open at first. Inside a topic, one line per rule (severity, how many cells, what it says and how to fix
 * it, each said once), expanding to its cells, each one click from its cell.
 */
import { useId, useMemo, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { Finding, Report, Severity, TopicSummary } from "../../core/report";
import { canAcknowledge } from "../../core/tracking";
import { SEVERITY_LABELS, STATUS_LABELS, plural } from "../labels";
import { type RuleGroup, groupByRule } from "../ruleGroups";

export const FIRST_FINDINGS = 25;
export const MORE_FINDINGS = 50;

const useStyles = makeStyles({
  accordion: { display: "flex", flexDirection: "column", rowGap: "6px" },
  topic: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightRegular },
  headerButton: { paddingTop: "6px", paddingBottom: "6px", height: "auto", minHeight: "44px" },
  headerGrid: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    rowGap: "2px",
    columnGap: "8px",
    width: "100%",
    textAlign: "start",
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  counts: { gridColumn: "1 / 3", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  figure: { gridColumn: "1 / 3", fontSize: tokens.fontSizeBase200 },
  status: {
    alignSelf: "start",
    borderRadius: tokens.borderRadiusMedium,
    padding: "0 6px",
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  // Fluent's filled Badge colours (a Badge is a div, which a header button cannot hold).
  fail: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  warn: { backgroundColor: tokens.colorPaletteYellowBackground3, color: tokens.colorNeutralForeground1Static },
  pass: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  "no-data": { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground3 },
  body: { display: "flex", flexDirection: "column", rowGap: "8px", paddingBottom: "10px" },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  groups: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "8px" },
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: "6px",
    fontSize: tokens.fontSizeBase200,
  },
  groupError: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  groupWarning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  groupInfo: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  toggle: { justifyContent: "flex-start", textAlign: "start", minWidth: 0, paddingLeft: "2px", fontWeight: tokens.fontWeightSemibold },
  chevron: { display: "inline-block", width: "1em" },
  severity: { fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorPaletteBlueForeground2 },
  text: { margin: 0, overflowWrap: "anywhere" },
  fix: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  cells: { listStyleType: "none", margin: "4px 0 0 0", padding: 0, display: "flex", flexDirection: "column", rowGap: "2px" },
  // One row per cell: where (and whose) on the left, the acknowledge action on the right; a form or message below.
  cell: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: "6px", rowGap: "2px", alignItems: "center" },
  where: { display: "flex", flexWrap: "wrap", alignItems: "baseline", columnGap: "6px", minWidth: 0 },
  subject: { paddingLeft: "8px", color: tokens.colorNeutralForeground2 },
  fresh: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  // Wide enough for "AB1234", so that the ids beside the cells line up.
  cellRef: {
    fontFamily: tokens.fontFamilyMonospace,
    minWidth: "8ch",
    justifyContent: "flex-start",
    overflowWrap: "anywhere",
    textAlign: "start",
  },
  cellMessage: { gridColumn: "1 / -1", overflowWrap: "anywhere", paddingLeft: "8px" },
  more: { alignSelf: "flex-start" },
  ackForm: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: "6px", rowGap: "4px", gridColumn: "1 / -1" },
  ackInput: { flexGrow: 1, minWidth: "150px" },
  ackButton: { alignSelf: "flex-start" },
});

export interface TopicListProps {
  readonly report: Report;
  /** sheets of the workbook (findings elsewhere, e.g. in a loaded file, cannot be selected) */
  readonly sheets: ReadonlySet<string>;
  readonly onSelect: (finding: Finding) => void;
  /** Acknowledge warnings or notes with an optional reason; absent: no acknowledge actions. */
  readonly onAcknowledge?: (findings: readonly Finding[], reason: string) => void;
  readonly busy?: boolean;
}

/** Acknowledged findings are listed apart (with their reason), not in their topic. */
export function isAcknowledged(f: Finding): boolean {
  return f.status === "acknowledged";
}

/** What every line below a topic does with a finding, handed down as one object. */
interface CellActions {
  readonly sheets: ReadonlySet<string>;
  readonly onSelect: (f: Finding) => void;
  readonly onAcknowledge?: TopicListProps["onAcknowledge"];
  readonly busy?: boolean;
  /** there was a previous run to compare with: findings new since then are marked */
  readonly markNew: boolean;
}

export function TopicList({ report, sheets, onSelect, onAcknowledge, busy }: TopicListProps) {
  const styles = useStyles();
  const byTopic = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of report.findings) {
      if (isAcknowledged(f)) continue;
      const list = map.get(f.topic);
      if (list) list.push(f);
      else map.set(f.topic, [f]);
    }
    return map;
  }, [report]);
  // Only the failing topics open at first; the user's choices stay until the next run.
  const failing = useMemo(() => report.checklist.filter((t) => t.status === "fail").map((t) => t.topic), [report]);
  return (
    <Accordion multiple collapsible defaultOpenItems={failing} className={styles.accordion} aria-label="Checklist topics">
      {report.checklist.map((t) => (
        <TopicItem
          key={t.topic}
          topic={t}
          findings={byTopic.get(t.topic) ?? []}
          actions={{ sheets, onSelect, onAcknowledge, busy, markNew: report.since.hadPrevious }}
        />
      ))}
    </Accordion>
  );
}

function counts(t: TopicSummary): string {
  const parts = [plural(t.errors, "error"), plural(t.warnings, "warning")];
  if (t.infos > 0) parts.push(plural(t.infos, "note"));
  if (t.acknowledged > 0) parts.push(`${t.acknowledged.toLocaleString("en-US")} acknowledged`);
  return parts.join(" · ");
}

function TopicItem({ topic, findings, actions }: { topic: TopicSummary; findings: Finding[]; actions: CellActions }) {
  const styles = useStyles();
  const groups = useMemo(() => groupByRule(findings), [findings]);
  return (
    <AccordionItem value={topic.topic} className={styles.topic} data-topic={topic.topic}>
      <AccordionHeader as="h3" className={styles.heading} button={{ className: styles.headerButton }}>
        <span className={styles.headerGrid}>
          <span className={styles.title}>{topic.title}</span>
          <span className={mergeClasses(styles.status, styles[topic.status])}>{STATUS_LABELS[topic.status]}</span>
          <span className={styles.counts}>{counts(topic)}</span>
          <span className={styles.figure}>{topic.figure.text}</span>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.body}>
          {topic.notes.map((n) => (
            <p key={n} className={styles.note}>
              {n}
            </p>
          ))}
          {findings.length === 0 ? (
            <p className={styles.note}>{topic.status === "no-data" ? `No ${topic.exports} in this workbook.` : "Nothing to fix."}</p>
          ) : (
            <ul className={styles.groups} aria-label={`${topic.title} rules`}>
              {groups.map((g) => (
                <RuleGroupItem key={`${g.rule}-${g.severity}`} group={g} actions={actions} />
              ))}
            </ul>
          )}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

const GROUP_CLASS: Readonly<Record<Severity, "groupError" | "groupWarning" | "groupInfo">> = {
  error: "groupError",
  warning: "groupWarning",
  info: "groupInfo",
};

function RuleGroupItem({ group, actions }: { group: RuleGroup; actions: CellActions }) {
  const { onAcknowledge, busy } = actions;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const n = group.findings.length;
  const fresh = actions.markNew ? group.findings.filter((f) => f.status === "new").length : 0;
  const explained = group.explains.length;
  return (
    <li className={mergeClasses(styles.group, styles[GROUP_CLASS[group.severity]])} data-rule={group.rule}>
      <Button
        appearance="subtle"
        size="small"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className={styles.chevron}>
          {open ? "▾" : "▸"}
        </span>
        <span>
          <span className={mergeClasses(styles.severity, styles[group.severity])}>{SEVERITY_LABELS[group.severity]}</span> {group.rule}
          {" · "}
          {plural(n, "cell")}
          {explained > 0 ? ` + ${plural(explained, "row")}` : ""}
          {fresh > 0 ? ` (${fresh.toLocaleString("en-US")} new)` : ""}
        </span>
      </Button>
      <p className={styles.text}>{group.summary}</p>
      {group.fix && <p className={styles.fix}>Fix: {group.fix}</p>}
      {onAcknowledge && canAcknowledge(group) && n > 1 && (
        <AcknowledgeAction
          label={`Acknowledge all ${n}`}
          what={`all ${n} ${group.rule} findings`}
          busy={busy}
          onConfirm={(reason) => onAcknowledge(group.findings, reason)}
        />
      )}
      {open && (
        <div id={listId}>
          <CellList findings={group.findings} label={`${group.rule} cells`} showMessages={group.messagesDiffer} actions={actions} />
          {explained > 0 && (
            <>
              <p className={styles.note}>
                {plural(explained, "row")} with {group.explainsRule} from this cause:
              </p>
              <CellList
                findings={group.explains}
                label={`${group.explainsRule} rows from this cause`}
                showMessages={false}
                actions={actions}
              />
            </>
          )}
        </div>
      )}
    </li>
  );
}

function CellList({
  findings,
  label,
  showMessages,
  actions,
}: {
  findings: readonly Finding[];
  label: string;
  showMessages: boolean;
  actions: CellActions;
}) {
  const { sheets, onSelect, onAcknowledge, busy, markNew } = actions;
  const styles = useStyles();
  const [shown, setShown] = useState(FIRST_FINDINGS);
  const visible = findings.slice(0, shown);
  const left = findings.length - visible.length;
  // Cells all on one sheet name it once, above them, so that each line fits a narrow pane.
  const oneSheet = findings.every((f) => f.sheet === findings[0]?.sheet) ? findings[0]?.sheet : undefined;
  return (
    <>
      {oneSheet !== undefined && <p className={styles.note}>On ‘{oneSheet}’:</p>}
      <ul className={styles.cells} aria-label={label}>
        {visible.map((f, i) => (
          <li key={`${f.sheet}!${f.cell}-${i}`} className={styles.cell}>
            <span className={styles.where}>
              <CellLink f={f} sheets={sheets} onSelect={onSelect} cellOnly={oneSheet !== undefined} />
              {f.subject && <span className={styles.subject}>{f.subject}</span>}
              {markNew && f.status === "new" && <span className={styles.fresh}>new</span>}
            </span>
            {onAcknowledge && canAcknowledge(f) && (
              <AcknowledgeAction
                label="Acknowledge"
                what={`${f.rule} at ${f.sheet}!${f.cell}`}
                busy={busy}
                onConfirm={(reason) => onAcknowledge([f], reason)}
              />
            )}
            {showMessages && <span className={styles.cellMessage}>{f.message}</span>}
          </li>
        ))}
      </ul>
      {left > 0 && (
        <Button size="small" className={styles.more} onClick={() => setShown((k) => k + MORE_FINDINGS)}>
          Show {Math.min(left, MORE_FINDINGS)} more (of {left.toLocaleString("en-US")} not shown)
        </Button>
      )}
    </>
  );
}

/** A button that selects the finding's cell; `cellOnly` shows "C7" when the sheet is named above the list. */
export function CellLink({
  f,
  sheets,
  onSelect,
  cellOnly = false,
}: {
  f: Finding;
  sheets: ReadonlySet<string>;
  onSelect: (f: Finding) => void;
  cellOnly?: boolean;
}) {
  const styles = useStyles();
  const text = cellOnly ? f.cell : `${f.sheet}!${f.cell}`;
  return sheets.has(f.sheet) ? (
    <Button
      appearance="subtle"
      size="small"
      className={styles.cellRef}
      onClick={() => onSelect(f)}
      aria-label={`Go to ${f.sheet}!${f.cell}`}
    >
      {text}
    </Button>
  ) : (
    <span className={styles.cellRef}>{text}</span>
  );
}

/** "Acknowledge" → a small form with an optional reason, confirmed or cancelled. */
function AcknowledgeAction({
  label,
  what,
  busy,
  onConfirm,
}: {
  label: string;
  what: string;
  busy?: boolean;
  onConfirm: (reason: string) => void;
}) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState("");
  if (!editing)
    return (
      <Button
        size="small"
        appearance="secondary"
        className={styles.ackButton}
        disabled={busy}
        onClick={() => setEditing(true)}
        aria-label={`Acknowledge ${what}`}
      >
        {label}
      </Button>
    );
  const confirm = () => {
    setEditing(false);
    onConfirm(reason.trim());
    setReason("");
  };
  return (
    <form
      className={styles.ackForm}
      aria-label={`Acknowledge ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        confirm();
      }}
    >
      <Field label="Reason (optional)" size="small" className={styles.ackInput}>
        <Input
          size="small"
          value={reason}
          placeholder="e.g. early graduate confirmed"
          onChange={(_, d) => setReason(d.value)}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === "Escape") setEditing(false);
          }}
        />
      </Field>
      <Button size="small" appearance="primary" type="submit" disabled={busy}>
        Acknowledge
      </Button>
      <Button size="small" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </form>
  );
}
