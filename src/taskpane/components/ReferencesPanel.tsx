/**
 * DPI reference lists: sheets of the workbook recognised as a DPI list are used automatically; "Load file…"
 * reads a CSV file or an Excel workbook (.xlsx, .xlsm) in the browser (nothing is uploaded) and keeps the list in
 * the workbook.
 */
import { useRef } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Report } from "../../core/report";
import type { StoredReference } from "../../excel/settings";
import { plural } from "../labels";
import { referenceKind, referenceRows } from "../references";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px" },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  item: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: "8px", fontSize: tokens.fontSizeBase200 },
  hidden: { display: "none" },
});

/** The file chooser offers CSV files and Excel workbooks (.xlsx, .xlsm), named by extension and by MIME type. */
const ACCEPTED_FILE_TYPES = [
  ".csv",
  ".xlsx",
  ".xlsm",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel.sheet.macroEnabled.12",
].join(",");
const KIND_TITLES = { "dpi-courses": "DPI course catalog", "dpi-iac-clusters": "DPI IAC to Cluster list" } as const;

export interface LoadedReference {
  readonly reference: StoredReference;
  /** kept in the workbook (false: this session only, too large to keep) */
  readonly stored: boolean;
}

export interface ReferencesPanelProps {
  readonly report: Report | null;
  readonly workbookSheets: ReadonlySet<string>;
  readonly loaded: readonly LoadedReference[];
  readonly disabled?: boolean;
  readonly onLoad: (file: File) => void;
  readonly onRemove: (name: string) => void;
}

export function ReferencesPanel({ report, workbookSheets, loaded, disabled, onLoad, onRemove }: ReferencesPanelProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const inWorkbook = (report?.sheets ?? []).filter(
    (s) => workbookSheets.has(s.sheet) && (s.kind === "dpi-courses" || s.kind === "dpi-iac-clusters"),
  );
  return (
    <div className={styles.root}>
      <p className={styles.note}>
        Without DPI&apos;s course catalog or IAC to Cluster list, the checks that need them are skipped (the checklist says which). A sheet
        of this workbook with DPI&apos;s headers is used automatically.
      </p>
      {report &&
        (inWorkbook.length > 0 ? (
          <ul className={styles.list} aria-label="DPI lists in this workbook">
            {inWorkbook.map((s) => (
              <li key={s.sheet} className={styles.item}>
                Sheet ‘{s.sheet}’: {KIND_TITLES[s.kind as keyof typeof KIND_TITLES]}, {plural(s.dataRows, "row")}
              </li>
            ))}
          </ul>
        ) : (
          <p className={styles.note}>No sheet of this workbook is a DPI list.</p>
        ))}
      {loaded.length > 0 && (
        <ul className={styles.list} aria-label="Loaded DPI lists">
          {loaded.map(({ reference, stored }) => {
            const kind = referenceKind(reference);
            return (
              <li key={reference.name} className={styles.item}>
                <span>
                  {reference.name}: {kind ? KIND_TITLES[kind] : "not a DPI list"}, {plural(referenceRows(reference), "row")}
                  {stored ? "" : " (this session only: too large to keep in the workbook)"}
                </span>
                <Button size="small" disabled={disabled} onClick={() => onRemove(reference.name)} aria-label={`Remove ${reference.name}`}>
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button disabled={disabled} onClick={() => input.current?.click()}>
          Load file…
        </Button>
      </div>
      <p className={styles.note}>
        A CSV file or an Excel workbook (.xlsx, .xlsm) with DPI&apos;s course download or IAC list; in a workbook, the sheet with DPI&apos;s
        headers is used. An older .xls workbook must first be saved as .xlsx or &quot;CSV UTF-8&quot; (or paste the list into a sheet here).
        The file is read on this computer and kept in the workbook; nothing is uploaded.
      </p>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={ACCEPTED_FILE_TYPES}
        aria-label="DPI reference list file (CSV or Excel workbook)"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onLoad(file);
        }}
      />
    </div>
  );
}
