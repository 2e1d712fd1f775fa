/**
 * Errors and warnings across runs, as a small inline SVG line chart. Screen readers get the chart's title and a
 * one-sentence summary, and a table of every run's figures follows it (collapsed) for anyone who prefers numbers.
 */
import { useId } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { HistoryEntry } from "../../core/workbookLog";
import { plural } from "../labels";

/** Runs drawn (the newest); the table below lists them too. */
export const CHART_RUNS = 20;

const WIDTH = 280;
const HEIGHT = 120;
const PAD = { left: 30, right: 8, top: 8, bottom: 18 };

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  svg: { width: "100%", maxWidth: "420px", height: "auto", overflow: "visible" },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: "1px" },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: "1px" },
  label: { fill: tokens.colorNeutralForeground2, fontSize: "9px", fontFamily: tokens.fontFamilyBase },
  errors: { stroke: tokens.colorPaletteRedForeground1, fill: "none", strokeWidth: "2px" },
  errorDot: { fill: tokens.colorPaletteRedForeground1 },
  warnings: { stroke: tokens.colorPaletteDarkOrangeForeground1, fill: "none", strokeWidth: "2px", strokeDasharray: "5 3" },
  warningDot: { fill: tokens.colorPaletteDarkOrangeForeground1 },
  legend: { display: "flex", columnGap: "12px", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "16px", height: 0, verticalAlign: "middle", marginRight: "4px" },
  errorSwatch: { borderTop: `2px solid ${tokens.colorPaletteRedForeground1}` },
  warningSwatch: { borderTop: `2px dashed ${tokens.colorPaletteDarkOrangeForeground1}` },
  caption: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, marginTop: "4px" },
  cell: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", textAlign: "end" },
  headCell: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    padding: "2px 6px",
    textAlign: "end",
    fontWeight: tokens.fontWeightSemibold,
  },
  start: { textAlign: "start" },
  rowHead: { textAlign: "start", fontWeight: tokens.fontWeightRegular },
  summary: { cursor: "pointer", fontSize: tokens.fontSizeBase200 },
});

/** "12 errors and 40 warnings at the first run (2026-11-02 09:15), 3 and 12 at the last (2026-11-28 14:00)". */
export function chartSummary(runs: readonly HistoryEntry[]): string {
  if (runs.length === 0) return "No runs yet.";
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (runs.length === 1) return `One run (${first.runAt}): ${plural(first.errors, "error")}, ${plural(first.warnings, "warning")}.`;
  return (
    `${runs.length} runs, from ${first.runAt} to ${last.runAt}: errors ${first.errors.toLocaleString("en-US")} → ` +
    `${last.errors.toLocaleString("en-US")}, warnings ${first.warnings.toLocaleString("en-US")} → ${last.warnings.toLocaleString("en-US")}.`
  );
}

/** A round step for the y axis so that about three grid lines fit (1, 2, 5, 10, 20, 50…). */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

export function HistoryChart({ history }: { history: readonly HistoryEntry[] }) {
  const styles = useStyles();
  const titleId = useId();
  const descId = useId();
  const runs = history.slice(-CHART_RUNS);
  const top = niceMax(Math.max(1, ...runs.map((r) => Math.max(r.errors, r.warnings))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (runs.length === 1 ? plotW / 2 : (i * plotW) / (runs.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const line = (pick: (r: HistoryEntry) => number) =>
    runs.map((r, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(" ");
  const ticks = [0, top / 2, top];
  const summary = chartSummary(runs);
  return (
    <figure className={styles.figure}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        data-runs={runs.length}
      >
        <title id={titleId}>Errors and warnings across runs</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line className={t === 0 ? styles.axis : styles.grid} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text className={styles.label} x={PAD.left - 4} y={y(t) + 3} textAnchor="end">
              {t.toLocaleString("en-US")}
            </text>
          </g>
        ))}
        <text className={styles.label} x={PAD.left} y={HEIGHT - 4}>
          {runs[0]?.runAt.slice(5, 10)}
        </text>
        {runs.length > 1 && (
          <text className={styles.label} x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
            {runs[runs.length - 1].runAt.slice(5, 10)}
          </text>
        )}
        <path className={styles.warnings} d={line((r) => r.warnings)} data-series="warnings" />
        <path className={styles.errors} d={line((r) => r.errors)} data-series="errors" />
        {runs.map((r, i) => (
          <g key={`${r.runAt}-${i}`}>
            <circle className={styles.warningDot} cx={x(i)} cy={y(r.warnings)} r={2.5} />
            <circle className={styles.errorDot} cx={x(i)} cy={y(r.errors)} r={2.5} />
          </g>
        ))}
      </svg>
      <figcaption className={styles.caption}>
        <span className={styles.legend} aria-hidden="true">
          <span>
            <span className={mergeClasses(styles.swatch, styles.errorSwatch)} />
            Errors
          </span>
          <span>
            <span className={mergeClasses(styles.swatch, styles.warningSwatch)} />
            Warnings
          </span>
        </span>
        {summary}
      </figcaption>
      <details>
        <summary className={styles.summary}>Figures by run</summary>
        <table className={styles.table}>
          <caption className={styles.caption}>Errors and warnings by run, oldest first</caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.headCell, styles.start)}>
                Run at
              </th>
              <th scope="col" className={styles.headCell}>
                Errors
              </th>
              <th scope="col" className={styles.headCell}>
                Warnings
              </th>
              <th scope="col" className={styles.headCell}>
                Acknowledged
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => (
              <tr key={`${r.runAt}-${i}`}>
                <th scope="row" className={mergeClasses(styles.cell, styles.rowHead)}>
                  {r.runAt}
                </th>
                <td className={styles.cell}>{r.errors.toLocaleString("en-US")}</td>
                <td className={styles.cell}>{r.warnings.toLocaleString("en-US")}</td>
                <td className={styles.cell}>{r.acknowledged.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
