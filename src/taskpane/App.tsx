/**
 * The task pane. It never calls Excel: everything goes through the `ExcelGateway` it is given, and every
 * check is the engine's (`runCheck` makes the same call the CLI makes). Shown: statuses, counts, figures,
 * rule messages, header texts and the concentrator finder's list (student ids, pathways, courses); never a
 * single-parent or homeless value (the engine's messages and the finder hold none).
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { severityCounts } from "../core/checklist";
import { countdown, localDate } from "../core/countdown";
import type { SheetOverride } from "../core/engine";
import { defaultSchoolYear, schoolYearStart } from "../core/normalize";
import type { Acknowledgement, Finding } from "../core/report";
import { acknowledge, canAcknowledge, unacknowledge } from "../core/tracking";
import type { WorkbookLog } from "../core/workbookLog";
import {
  type ExcelGateway,
  type FindingStatusChange,
  GatewayError,
  type ReadProgress,
  type StoredReference,
  type WorkbookSettings,
} from "../excel/gateway";
import { EMPTY_SETTINGS } from "../excel/settings";
import { AcknowledgedList } from "./components/AcknowledgedList";
import { ChecklistSheetPanel } from "./components/ChecklistSheetPanel";
import { PossibleConcentratorsPanel } from "./components/PossibleConcentratorsPanel";
import { ProgressPanel } from "./components/ProgressPanel";
import { type LoadedReference, ReferencesPanel } from "./components/ReferencesPanel";
import { SheetsPanel } from "./components/SheetsPanel";
import { TopicList, isAcknowledged } from "./components/TopicList";
import { plural } from "./labels";
import { ReferenceFileError, readReferenceFile } from "./references";
import { type CheckRun, type RunPhase, recheck, runCheck } from "./runCheck";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "14px", padding: "12px", maxWidth: "640px", boxSizing: "border-box" },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: "4px 0 0 0", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  controls: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: "8px", rowGap: "8px" },
  year: { minWidth: "130px" },
  status: { minHeight: "1.2em", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  summaryLine: { margin: 0, fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: "8px", rowGap: "4px" },
  tabs: { flexWrap: "wrap", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, marginLeft: "-8px" },
});

/** The pane's views: the panels that are not the results never push them out of sight. */
export const PANE_TABS = ["results", "progress", "concentrators", "sheets", "lists"] as const;
export type PaneTab = (typeof PANE_TABS)[number];
const TAB_TITLES: Readonly<Record<PaneTab, string>> = {
  results: "Results",
  progress: "Progress",
  concentrators: "Concentrators",
  sheets: "Sheets",
  lists: "DPI lists",
};

type Busy = null | "run" | "clear" | "write" | "settings" | "acknowledge" | "template";

interface Message {
  readonly intent: "success" | "error" | "warning" | "info";
  readonly title?: string;
  readonly text: string;
}

export interface AppProps {
  readonly gateway: ExcelGateway;
  /** "today" for the default school year and date of data check */
  readonly today?: () => Date;
  /** shown on start, e.g. when the page was opened outside Excel */
  readonly notice?: string;
}

function messageOf(err: unknown): string {
  if (err instanceof GatewayError || err instanceof ReferenceFileError) return err.message;
  return `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
}

const PHASE_TEXT: Record<RunPhase, string> = {
  reading: "Reading the workbook…",
  checking: "Checking",
  highlighting: "Highlighting",
  saving: "Saving",
};

export function App({ gateway, today = () => new Date(), notice }: AppProps) {
  const styles = useStyles();
  const [settings, setSettings] = useState<WorkbookSettings>(EMPTY_SETTINGS);
  const [sessionRefs, setSessionRefs] = useState<StoredReference[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState<{ text: string; value?: number } | null>(null);
  const [run, setRun] = useState<CheckRun | null>(null);
  const [message, setMessage] = useState<Message | null>(notice ? { intent: "warning", text: notice } : null);
  const [teamMembers, setTeamMembers] = useState("");
  const [checkedOn, setCheckedOn] = useState(() => localDate(today()));
  const [tab, setTab] = useState<PaneTab>("results");
  // The log sheet as the pane last wrote it: snapshot date, acknowledgements, run history.
  const [log, setLog] = useState<WorkbookLog | null>(null);

  useEffect(() => {
    if (notice) return;
    let live = true;
    gateway
      .loadSettings()
      .then((s) => {
        if (!live) return;
        setSettings(s);
        setTeamMembers(s.teamMembers ?? "");
      })
      .catch(() => undefined); // the first action shows any problem
    return () => {
      live = false;
    };
  }, [gateway, notice]);

  const defaultYear = defaultSchoolYear(today());
  const years = useMemo(() => {
    const start = schoolYearStart(defaultYear);
    const list = [start + 1, start, start - 1, start - 2, start - 3].map((y) => `${y}-${String((y + 1) % 100).padStart(2, "0")}`);
    if (settings.schoolYear && !list.includes(settings.schoolYear)) list.push(settings.schoolYear);
    return list;
  }, [defaultYear, settings.schoolYear]);

  const workbookSheets = useMemo(() => new Set((run?.sheets ?? []).map((s) => s.name)), [run]);
  const loadedRefs: LoadedReference[] = [
    ...settings.references.map((reference) => ({ reference, stored: true })),
    ...sessionRefs.filter((r) => !settings.references.some((s) => s.name === r.name)).map((reference) => ({ reference, stored: false })),
  ];

  const onRun = useCallback(
    async (writeFindings = false) => {
      setBusy(writeFindings ? "write" : "run");
      setTab("results");
      setMessage(null);
      setProgress({ text: PHASE_TEXT.reading });
      try {
        const onProgress = (p: ReadProgress) =>
          setProgress({
            text:
              `Reading ‘${p.sheet}’ (sheet ${p.sheetIndex + 1} of ${p.sheetCount}): ` +
              `${p.rowsRead.toLocaleString("en-US")} of ${p.rows.toLocaleString("en-US")} rows`,
            value: Math.min(1, (p.sheetIndex + (p.rows ? p.rowsRead / p.rows : 1)) / Math.max(1, p.sheetCount)),
          });
        const result = await runCheck(gateway, {
          sessionReferences: sessionRefs,
          today: today(),
          writeFindings,
          onProgress,
          onPhase: (phase, detail) => phase !== "reading" && setProgress({ text: `${PHASE_TEXT[phase]} ${detail ?? ""}…` }),
          yieldToUi: () => new Promise((resolve) => setTimeout(resolve, 0)),
        });
        setRun(result);
        setLog(result.log);
        setSettings(result.settings);
        setMessage(runMessage(result, writeFindings));
      } catch (err) {
        setMessage({ intent: "error", text: messageOf(err) });
      } finally {
        setBusy(null);
        setProgress(null);
      }
    },
    [gateway, sessionRefs, today],
  );

  /** Rewrites the log sheet with `patch` applied; the pane's copy follows once Excel has it. */
  const saveLog = async (current: WorkbookLog, patch: Partial<WorkbookLog>): Promise<WorkbookLog> => {
    const next: WorkbookLog = { ...current, ...patch };
    await gateway.writeLog(next);
    setLog(next);
    return next;
  };

  /**
   * Acknowledge (or un-acknowledge) findings: the log sheet keeps the list (the pane and cte-check read it), the
   * Findings sheet's Status column follows when the workbook has one, then the same sheets are checked again
   * so the counts, the lists and the highlights leave the acknowledged findings out.
   */
  const changeAcknowledgements = async (next: readonly Acknowledgement[], statuses: readonly FindingStatusChange[], done: string) => {
    if (!run || !log) return;
    setBusy("acknowledge");
    setMessage(null);
    try {
      const nextLog = await saveLog(log, { acknowledgements: next });
      let sheetProblem = "";
      if (run.hasFindingsSheet) {
        try {
          await gateway.setFindingStatuses(statuses);
        } catch (err) {
          sheetProblem = ` The Findings sheet's Status column was not updated: ${messageOf(err)}`;
        }
      }
      const updated = await recheck(gateway, run, next, nextLog);
      setRun(updated);
      const highlightProblem = updated.applyError ? ` ${updated.applyError.message}` : "";
      setMessage({ intent: sheetProblem || highlightProblem ? "warning" : "success", text: `${done}${sheetProblem}${highlightProblem}` });
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const onAcknowledge = (findings: readonly Finding[], reason: string) => {
    if (!run) return;
    // Errors are never offered; should one come through, it is refused here and by the engine.
    const chosen = findings.filter(canAcknowledge);
    if (chosen.length === 0) return;
    const on = localDate(today());
    // Each entry as the core makes it (reason tidied), then one merge: a whole rule of 20,000 stays linear.
    const added = chosen.flatMap((f) => acknowledge([], f, reason, on).acknowledgements);
    const keys = new Set(added.map((a) => a.key));
    const next: Acknowledgement[] = [...run.result.tracking.acknowledgements.filter((a) => !keys.has(a.key)), ...added];
    const what =
      chosen.length === 1
        ? `${chosen[0].rule} at ${chosen[0].sheet}!${chosen[0].cell}`
        : plural(chosen.length, `${chosen[0].rule} finding`);
    void changeAcknowledgements(
      next,
      chosen.map((f) => ({ key: f.key, status: "acknowledged", reason })),
      `Acknowledged ${what}${reason ? ` (${reason})` : ""}. It is kept in this workbook, counted apart and no longer highlighted.`,
    );
  };

  const onUnacknowledge = (f: Finding) => {
    if (!run) return;
    const next = unacknowledge(run.result.tracking.acknowledgements, f.key);
    void changeAcknowledgements(
      next,
      [{ key: f.key, status: "open" }],
      `${f.rule} at ${f.sheet}!${f.cell} is no longer acknowledged: it counts and is highlighted again.`,
    );
  };

  const onSetSnapshotDate = async (date: string) => {
    if (!log) return;
    setBusy("settings");
    setMessage(null);
    try {
      await saveLog(log, { snapshotDate: date });
      setMessage({ intent: "success", text: `Snapshot date ${date} saved in this workbook.` });
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const onClear = async () => {
    setBusy("clear");
    setMessage(null);
    try {
      const { removed } = await gateway.clearHighlights();
      setMessage({
        intent: "success",
        text:
          removed > 0
            ? `Removed the highlights (${plural(removed, "rule")}). Your own formatting is unchanged.`
            : "There were no highlights to remove.",
      });
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const onSelectCell = (sheet: string, cell: string) => {
    gateway.selectCell(sheet, cell).catch((err) => setMessage({ intent: "error", text: messageOf(err) }));
  };
  const onSelect = (f: Finding) => onSelectCell(f.sheet, f.cell);

  const save = async (patch: Partial<WorkbookSettings>, done: string) => {
    setBusy("settings");
    try {
      const saved = await gateway.saveSettings(patch);
      setSettings(saved);
      setMessage({ intent: "info", text: done });
      return true;
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const rerun = run ? " Run the checklist again to use it." : "";

  const onOverride = (sheet: string, override: SheetOverride | null) => {
    const overrides: Record<string, SheetOverride> = { ...settings.overrides };
    if (override) overrides[sheet] = override;
    else delete overrides[sheet];
    void save({ overrides }, `Saved your choice for ‘${sheet}’ in this workbook.${rerun}`);
  };

  const onSchoolYear = (value: string) => {
    void save({ schoolYear: value === defaultYear ? undefined : value }, `School year ${value} saved in this workbook.${rerun}`);
  };

  const onLoadReference = async (file: File) => {
    setMessage(null);
    let loaded: Awaited<ReturnType<typeof readReferenceFile>>;
    try {
      loaded = await readReferenceFile(file);
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
      return;
    }
    const { reference, kind, rows } = loaded;
    const list = kind === "dpi-courses" ? "DPI course catalog" : "DPI IAC to Cluster list";
    const what = `${list} ‘${reference.name}’ (${plural(rows, "row")})`;
    const references = [...settings.references.filter((r) => r.name !== reference.name), reference];
    setBusy("settings");
    try {
      setSettings(await gateway.saveSettings({ references }));
      setSessionRefs((refs) => refs.filter((r) => r.name !== reference.name));
      setMessage({ intent: "success", text: `Loaded the ${what}; it is kept in this workbook.${rerun}` });
    } catch (err) {
      // Too large to keep in the document: still used until the pane closes.
      setSessionRefs((refs) => [...refs.filter((r) => r.name !== reference.name), reference]);
      setMessage({ intent: "warning", text: `Loaded the ${what} for this session only. ${messageOf(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const onRemoveReference = (name: string) => {
    if (sessionRefs.some((r) => r.name === name)) setSessionRefs((refs) => refs.filter((r) => r.name !== name));
    if (settings.references.some((r) => r.name === name)) {
      void save({ references: settings.references.filter((r) => r.name !== name) }, `Removed ‘${name}’.${rerun}`);
    }
  };

  const onWriteChecklist = async () => {
    if (!run) return;
    setBusy("write");
    setMessage(null);
    try {
      if ((settings.teamMembers ?? "") !== teamMembers.trim())
        setSettings(await gateway.saveSettings({ teamMembers: teamMembers.trim() || undefined }));
      const { sheet } = await gateway.writeChecklistSheet({
        report: run.result.report,
        teamMembers,
        checkedOn,
        snapshot: snapshot,
        history: log?.history ?? [],
      });
      setMessage({ intent: "success", text: `Wrote the sheet ‘${sheet}’. Print it for the core team (it is set to landscape).` });
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  // The concentrator finder: the template action; the list is the run's report.possibleConcentrators.
  const onInsertTemplate = async () => {
    setBusy("template");
    setMessage(null);
    try {
      const { sheet, explanations } = await gateway.insertPathwayPlanTemplate();
      const where =
        explanations === "notes"
          ? "Each column's header has a note saying what goes in it"
          : "The row above the header says what goes in each column";
      setMessage({
        intent: "success",
        text: `Added the sheet ‘${sheet}’. ${where}: one row per course of each pathway. Then run the checklist again.`,
      });
    } catch (err) {
      setMessage({ intent: "error", text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const report = run?.result.report ?? null;
  const totals = report ? severityCounts(report.findings) : null;
  const acknowledged = useMemo(() => (report ? report.findings.filter(isAcknowledged) : []), [report]);
  const todayText = localDate(today());
  const snapshot = log?.snapshotDate ? countdown(log.snapshotDate, todayText) : null;

  return (
    <main className={styles.root}>
      <header>
        <h1 className={styles.h1}>CTE Snapshot Check</h1>
        <p className={styles.intro}>
          Checks this workbook&apos;s WISEdata exports against DPI&apos;s December snapshot checklist and highlights the problem cells,
          leaving your values and formatting as they are. Nothing leaves the workbook.
        </p>
      </header>

      <div className={styles.controls}>
        <Field label="School year" size="small" className={styles.year}>
          <Select
            value={settings.schoolYear ?? defaultYear}
            disabled={busy !== null || !!notice}
            onChange={(_, d) => onSchoolYear(d.value)}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
                {y === defaultYear ? " (default)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" disabled={busy !== null || !!notice} onClick={() => void onRun(false)}>
          Run checklist
        </Button>
        <Button disabled={busy !== null || !!notice} onClick={() => void onClear()}>
          Clear highlights
        </Button>
      </div>

      <div role="status" aria-live="polite" className={styles.status}>
        {progress?.text ?? ""}
      </div>
      {busy === "run" && <ProgressBar value={progress?.value} aria-label="Checklist progress" />}

      {message && (
        <MessageBar intent={message.intent} politeness={message.intent === "error" ? "assertive" : "polite"}>
          <MessageBarBody>
            {message.title && <MessageBarTitle>{message.title}</MessageBarTitle>}
            {message.text}
          </MessageBarBody>
        </MessageBar>
      )}

      <TabList
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as PaneTab)}
        size="small"
        className={styles.tabs}
        aria-label="Views"
      >
        {PANE_TABS.map((t) => (
          <Tab key={t} value={t} id={`tab-${t}`} aria-controls={`panel-${t}`}>
            {TAB_TITLES[t]}
          </Tab>
        ))}
      </TabList>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={styles.section}>
        {tab === "results" &&
          (report && totals ? (
            <>
              <h2 id="checklist-heading" className={styles.h2}>
                Checklist {report.schoolYear}
              </h2>
              <p className={styles.summaryLine}>
                {plural(totals.errors, "error")}, {plural(totals.warnings, "warning")}
                {totals.acknowledged > 0 ? ` (${totals.acknowledged.toLocaleString("en-US")} acknowledged, listed apart)` : ""} in{" "}
                {plural(report.sheets.filter((s) => s.kind !== null).length, "recognised sheet")}.
                {run?.result.tracking.since.hadPrevious ? ` Since the last run: ${sinceText(run.result.tracking.since)}.` : ""} Open a topic
                and a rule for its cells; select one to go to it.
              </p>
              <div className={styles.actions}>
                <Button size="small" disabled={busy !== null} onClick={() => void onRun(true)}>
                  Write findings list
                </Button>
                <span className={styles.intro}>
                  {run?.hasFindingsSheet ? "Updated on every run; your team's columns stay." : "One row per finding, to divide up."}
                </span>
              </div>
              <TopicList
                report={report}
                sheets={workbookSheets}
                onSelect={onSelect}
                onAcknowledge={log ? onAcknowledge : undefined}
                busy={busy !== null}
              />
              {acknowledged.length > 0 && run && (
                <AcknowledgedList
                  findings={acknowledged}
                  acknowledgements={run.result.tracking.acknowledgements}
                  sheets={workbookSheets}
                  busy={busy !== null}
                  onSelect={onSelect}
                  onUnacknowledge={onUnacknowledge}
                />
              )}
            </>
          ) : (
            <p className={styles.intro}>Run the checklist to see each topic&apos;s findings.</p>
          ))}

        {tab === "progress" && (
          <>
            <h2 className={styles.h2}>Progress</h2>
            <ProgressPanel
              since={run?.result.tracking.since ?? null}
              fixed={run?.result.tracking.fixed ?? []}
              history={log?.history ?? []}
              snapshotDate={log?.snapshotDate ?? null}
              suggestedDate={run?.result.tracking.suggestedSnapshotDate ?? null}
              today={todayText}
              canSetDate={log !== null}
              busy={busy !== null}
              onSetSnapshotDate={(d) => void onSetSnapshotDate(d)}
            />
            <h2 className={styles.h2}>Snapshot Checklist sheet</h2>
            <ChecklistSheetPanel
              teamMembers={teamMembers}
              checkedOn={checkedOn}
              canWrite={report !== null}
              busy={busy !== null}
              onTeamMembers={setTeamMembers}
              onCheckedOn={setCheckedOn}
              onWrite={() => void onWriteChecklist()}
            />
          </>
        )}

        {tab === "concentrators" && (
          <>
            <h2 className={styles.h2}>Possible concentrators</h2>
            <PossibleConcentratorsPanel
              report={report}
              sheets={workbookSheets}
              busy={busy !== null || !!notice}
              onInsertTemplate={() => void onInsertTemplate()}
              onSelect={(sheet, cell) => onSelectCell(sheet, cell)}
            />
          </>
        )}

        {tab === "sheets" && (
          <>
            <h2 className={styles.h2}>Sheets of this workbook</h2>
            {run && report ? (
              <SheetsPanel
                sheets={run.sheets}
                report={report}
                overrides={settings.overrides}
                disabled={busy !== null}
                onChange={onOverride}
              />
            ) : (
              <p className={styles.intro}>Run the checklist to see how each sheet was recognised and to correct it.</p>
            )}
          </>
        )}

        {tab === "lists" && (
          <>
            <h2 className={styles.h2}>DPI reference lists</h2>
            <ReferencesPanel
              report={report}
              workbookSheets={workbookSheets}
              loaded={loadedRefs}
              disabled={busy !== null || !!notice}
              onLoad={(f) => void onLoadReference(f)}
              onRemove={onRemoveReference}
            />
          </>
        )}
      </div>
    </main>
  );
}

/** "3 fixed, 2 new, 40 still open". */
function sinceText(since: CheckRun["result"]["tracking"]["since"]): string {
  return `${since.fixed.toLocaleString("en-US")} fixed, ${since.new.toLocaleString("en-US")} new, ${since.open.toLocaleString("en-US")} still open`;
}

/** The banner after a run: what was checked and highlighted, and what could not be saved. */
function runMessage(result: CheckRun, wroteFindings: boolean): Message {
  const { errors, warnings, acknowledged } = severityCounts(result.result.report.findings);
  const checked = result.result.report.sheets.filter((s) => s.kind !== null && workbookHas(result, s.sheet)).length;
  const problems = [result.logError, result.findingsError].filter((e): e is GatewayError => e !== null).map((e) => e.message);
  const extra = problems.length > 0 ? ` ${problems.join(" ")}` : "";
  if (result.result.report.nothingChecked) {
    // Never a green banner for a workbook we could not read.
    const text =
      checked > 0
        ? "The sheets recognised as WISEdata exports have no data rows (only a header, blank or total rows). " +
          "Paste the export with its students or courses, then run the checklist again."
        : "No sheet of this workbook was recognised as a WISEdata export. " +
          "Choose each sheet's kind under Sheets (or check its header row), then run the checklist again.";
    return { intent: "warning", title: "Nothing was checked", text: text + extra };
  }
  if (result.applyError) return { intent: "warning", title: "Checked, but not highlighted", text: result.applyError.message + extra };
  const omitted =
    result.plan.omittedCells > 0
      ? ` ${plural(result.plan.omittedCells, "more cell")} ${result.plan.omittedCells === 1 ? "was" : "were"} not highlighted ` +
        "(too many on one sheet); the list below has them all."
      : "";
  const ack = acknowledged > 0 ? ` ${acknowledged.toLocaleString("en-US")} acknowledged (not highlighted).` : "";
  const list =
    result.findingsSheet && wroteFindings
      ? ` Wrote the findings list on ‘${result.findingsSheet.sheet}’ (${plural(result.findingsSheet.rows, "row")}).`
      : result.findingsSheet
        ? ` Updated the findings list on ‘${result.findingsSheet.sheet}’.`
        : "";
  return {
    intent: problems.length > 0 || errors > 0 ? "warning" : "success",
    text:
      `Checked ${plural(checked, "sheet")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}. ` +
      `${plural(result.plan.cells, "cell")} highlighted.${omitted}${ack}${list}${extra}`,
  };
}

function workbookHas(run: CheckRun, sheet: string): boolean {
  return run.sheets.some((s) => s.name === sheet);
}
