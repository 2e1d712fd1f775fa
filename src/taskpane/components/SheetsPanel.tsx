/**
 * Each sheet's recognised kind and mapped columns, with dropdowns to override both. Overrides are kept in
 * the workbook and used by the next run. Only header texts are shown, never cell values.
 */
import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { SheetInput } from "../../core/cells";
import { headerTexts } from "../../core/table";
import type { SheetOverride } from "../../core/engine";
import { isOwnSheet } from "../../core/engine";
import { type Field as EngineField, KIND_SPEC } from "../../core/recognize";
import type { ExportKind, Report, SheetReport } from "../../core/report";
import { KIND_CHOICES } from "../kindChoices";
import { FIELD_LABELS } from "../labels";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "12px" },
  sheet: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: "10px",
    display: "flex",
    flexDirection: "column",
    rowGap: "6px",
  },
  name: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  columns: { display: "flex", flexDirection: "column", rowGap: "6px", paddingTop: "6px" },
  summary: { cursor: "pointer", fontSize: tokens.fontSizeBase200 },
  // A native select is as wide as its longest option; let it shrink to the pane instead.
  select: { minWidth: 0, maxWidth: "100%" },
  selectElement: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export interface SheetsPanelProps {
  readonly sheets: readonly SheetInput[];
  readonly report: Report;
  readonly overrides: Readonly<Record<string, SheetOverride>>;
  readonly disabled?: boolean;
  readonly onChange: (sheet: string, override: SheetOverride | null) => void;
}

/** Column choices: the header row's texts, or "Column A"… for a sheet without one (never its data). */
function headersOf(sheet: SheetInput, info: SheetReport | undefined): string[] {
  if (!info?.kind) return [];
  return headerTexts(sheet, info.headerRow === null ? -1 : info.headerRow - (sheet.firstRow ?? 1)).filter((t) => t !== "");
}

export function SheetsPanel({ sheets, report, overrides, disabled, onChange }: SheetsPanelProps) {
  const styles = useStyles();
  const infos = new Map(report.sheets.map((s) => [s.sheet, s]));
  const shown = sheets.filter((s) => !isOwnSheet(s) && (s.rows.length > 0 || overrides[s.name]));
  if (shown.length === 0) return <p className={styles.note}>No sheet with data in this workbook.</p>;
  return (
    <ul className={styles.list}>
      {shown.map((s) => (
        <SheetRow key={s.name} sheet={s} info={infos.get(s.name)} override={overrides[s.name]} disabled={disabled} onChange={onChange} />
      ))}
    </ul>
  );
}

function describe(info: SheetReport | undefined): string {
  if (!info) return "Not checked yet: run the checklist.";
  if (!info.kind) return `Not checked: ${info.note ?? "no WISEdata export headers found"}.`;
  const header = info.headerRow === null ? "no header row (columns by letter)" : `header row ${info.headerRow}`;
  return `${KIND_SPEC[info.kind].title}, ${header}, ${info.dataRows.toLocaleString("en-US")} data rows.`;
}

/** Columns taken from their values, not their headers: shown so the user confirms or corrects them. */
/** The pane's label of an engine field; a name it does not know reads as itself. */
const fieldLabel = (field: string) => FIELD_LABELS[field as EngineField] ?? field;

function InferredList({ info }: { info: SheetReport | undefined }) {
  const styles = useStyles();
  if (!info?.inferred?.length) return null;
  return (
    <ul className={styles.note} aria-label={`Columns of ‘${info.sheet}’ read from their values`}>
      {info.inferred.map((i) => (
        <li key={i.field}>
          {fieldLabel(i.field)}: ‘{i.column}’, read from its values ({i.why}). Confirm it, or choose the column below.
        </li>
      ))}
    </ul>
  );
}

function SheetRow({
  sheet,
  info,
  override,
  disabled,
  onChange,
}: {
  sheet: SheetInput;
  info: SheetReport | undefined;
  override: SheetOverride | undefined;
  disabled?: boolean;
  onChange: SheetsPanelProps["onChange"];
}) {
  const styles = useStyles();
  const kindValue = override?.kind ?? "";
  const kind: ExportKind | null = override?.kind && override.kind !== "ignore" ? override.kind : (info?.kind ?? null);
  const headers = headersOf(sheet, info);
  const setKind = (value: string) => {
    // Column choices belong to a kind: a new kind starts from its recognised columns.
    onChange(sheet.name, value === "" ? null : { kind: value as ExportKind | "ignore" });
  };
  const setColumn = (field: EngineField, header: string) => {
    const columns = { ...(override?.columns ?? {}) };
    if (header === "") delete columns[field];
    else columns[field] = header;
    const next: SheetOverride = { ...override, columns };
    if (Object.keys(columns).length === 0) delete (next as { columns?: unknown }).columns;
    onChange(sheet.name, next.kind === undefined && !next.columns ? null : next);
  };
  return (
    <li className={styles.sheet}>
      <h3 className={styles.name}>{sheet.name}</h3>
      <p className={styles.note}>
        {describe(info)}
        {override ? " Your choices for this sheet are kept in the workbook." : ""}
      </p>
      <InferredList info={info} />
      <Field label={`Kind of ‘${sheet.name}’`} size="small">
        <Select
          className={styles.select}
          select={{ className: styles.selectElement }}
          value={kindValue}
          disabled={disabled}
          onChange={(_, d) => setKind(d.value)}
        >
          <option value="">Recognise from its headers</option>
          {KIND_CHOICES.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
          <option value="ignore">Leave out (not checked)</option>
        </Select>
      </Field>
      {kind && headers.length > 0 && override?.kind !== "ignore" && (
        <details>
          <summary className={styles.summary}>Columns of ‘{sheet.name}’</summary>
          <div className={styles.columns} role="group" aria-label={`Columns of ‘${sheet.name}’`}>
            {KIND_SPEC[kind].fields.map((field) => {
              const mapped = info?.kind === kind ? info.columns[field] : undefined;
              const chosen = override?.columns?.[field];
              return (
                <Field
                  key={field}
                  label={`${FIELD_LABELS[field]}${KIND_SPEC[kind].required.includes(field) ? " (required)" : ""}`}
                  size="small"
                >
                  <Select
                    className={styles.select}
                    select={{ className: styles.selectElement }}
                    value={typeof chosen === "string" ? chosen : ""}
                    disabled={disabled}
                    onChange={(_, d) => setColumn(field, d.value)}
                  >
                    <option value="">
                      {mapped
                        ? `Automatic: ${mapped}${info?.decidedBy?.[field] === "values" ? " (from its values)" : ""}`
                        : "Automatic: none found"}
                    </option>
                    {[...new Set(headers)].map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
          </div>
        </details>
      )}
    </li>
  );
}
