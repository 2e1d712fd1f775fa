/**
 * The engine's findings grouped by input row, for adapters that answer per row (=CTE.CHECK beside a
 * pasted export) or per value (=CTE.IACVALID over a column). Both run the full engine once: no rule
 * logic lives here, only the bookkeeping from findings back to the rows they came from.
 */
import { CellValue, SheetInput } from "./cells";
import { CheckOptions, CheckResult, SheetOverride, runChecklist } from "./engine";
import { Field, KIND_SPEC } from "./recognize";
import { ExportKind, Finding } from "./report";
import { ExportTable } from "./table";

/** What one input row is to the engine. */
export type RowRole = "title" | "header" | "data" | "skipped" | "unrecognised";

export interface SheetFindings {
  readonly kind: ExportKind | null;
  /** why the kind was chosen, or why none was */
  readonly note: string;
  /** 0-based index of the header row in sheet.rows; -1 for a sheet without one; null when not recognised */
  readonly headerIndex: number | null;
  /** one role per input row: rows above the header are "title", blank and total rows "skipped" */
  readonly roles: readonly RowRole[];
  /** the findings on each input row (index = position in sheet.rows), in the report's order */
  readonly byRow: readonly (readonly Finding[])[];
  readonly result: CheckResult;
}

/**
 * Runs the checklist on one sheet (plus `options.referenceSheets`, whose names must differ from the
 * sheet's) and returns its findings per input row. Cross-sheet rules (a concentrator missing from the
 * participants export, a senior without a completion row, one roster code across course exports) only
 * see this sheet.
 */
export function findingsByRow(sheet: SheetInput, options: CheckOptions = {}): SheetFindings {
  const result = runChecklist([sheet], options);
  const firstRow = sheet.firstRow ?? 1;
  const report = result.report.sheets.find((s) => s.sheet === sheet.name);
  const byRow: Finding[][] = sheet.rows.map(() => []);
  for (const f of result.report.findings) {
    if (f.sheet !== sheet.name) continue;
    const index = f.row - firstRow;
    if (index >= 0 && index < byRow.length) byRow[index].push(f);
  }
  const table = result.tables.find((t) => t.sheet === sheet.name && t.kind === report?.kind);
  if (!report || report.kind === null || !table) {
    return {
      kind: null,
      note: report?.note ?? "the sheet was not checked",
      headerIndex: null,
      roles: sheet.rows.map(() => "unrecognised"),
      byRow,
      result,
    };
  }
  const headerIndex = report.headerRow === null ? -1 : report.headerRow - firstRow;
  const dataRows = new Set(table.rows.map((r) => r.index));
  const roles: RowRole[] = sheet.rows.map((_, i) =>
    i < headerIndex ? "title" : i === headerIndex ? "header" : dataRows.has(i) ? "data" : "skipped",
  );
  return { kind: report.kind, note: report.note ?? "", headerIndex, roles, byRow, result };
}

/** Readable headers for the columns of a synthetic sheet (they appear in a few messages). */
const FIELD_HEADERS: Partial<Record<Field, string>> = {
  studentId: "Row",
  grade: "Grade",
  iac: "IAC",
  cluster: "Cluster",
  programArea: "Program Area",
  localCourseTitle: "Local Course Title",
  rosterCode: "Roster Code",
  dualEnrollment: "Dual Enrollment",
  cteCourse: "CTE Course",
  cteDepartment: "CTE Department",
  exitType: "Exit Type",
  credentialType: "Credential Type",
  programType: "Program Type",
  programName: "Program Name",
  certificatedStatus: "Certificated Program Status",
  hours: "Hours",
  singleParent: "Single Parent",
};

export const COLUMNS_SHEET_NAME = "values";

/**
 * A sheet of `kind` holding the given columns of values (no header needed from the caller), plus a row
 * number column that keeps every row distinct and non-blank (so no value row is skipped or taken for a
 * duplicate) and, for student exports, serves as a unique student id.
 */
function columnsSheet(
  kind: ExportKind,
  columns: Partial<Record<Field, readonly CellValue[]>>,
): { sheet: SheetInput; mapping: Partial<Record<Field, number>>; count: number } {
  const fields = (Object.keys(columns) as Field[]).filter((f) => f !== "studentId");
  const count = Math.max(0, ...fields.map((f) => columns[f]?.length ?? 0));
  const mapping: Partial<Record<Field, number>> = {};
  if (KIND_SPEC[kind].fields.includes("studentId")) mapping.studentId = 0;
  fields.forEach((f, i) => {
    mapping[f] = i + 1;
  });
  const header: CellValue[] = [FIELD_HEADERS.studentId ?? "Row", ...fields.map((f) => FIELD_HEADERS[f] ?? f)];
  const rows: CellValue[][] = [header];
  for (let i = 0; i < count; i++) rows.push([String(i + 1), ...fields.map((f) => columns[f]?.[i] ?? null)]);
  return { sheet: { name: COLUMNS_SHEET_NAME, rows, firstRow: 1, firstColumn: 1 }, mapping, count };
}

/**
 * Runs the checklist on columns of values read as an export of `kind` and returns the findings of each
 * value row (index i = the i-th value). The engine sees one sheet with a row-number column (unique
 * student ids for student exports), so only single-row rules can fire for a value.
 */
export function checkColumns(
  kind: ExportKind,
  columns: Partial<Record<Field, readonly CellValue[]>>,
  options: CheckOptions = {},
): (readonly Finding[])[] {
  const { sheet, mapping, count } = columnsSheet(kind, columns);
  const override: SheetOverride = { kind, headerRow: 1, columns: mapping };
  const found = findingsByRow(sheet, { ...options, overrides: { ...options.overrides, [sheet.name]: override } });
  return found.byRow.slice(1, count + 1);
}

/** The same synthetic sheet as a recognised table (table.rows[i] = the i-th value), for table-level helpers. */
export function tableFromColumns(kind: ExportKind, columns: Partial<Record<Field, readonly CellValue[]>>): ExportTable {
  const { sheet, mapping } = columnsSheet(kind, columns);
  const missing = KIND_SPEC[kind].required.filter((f) => mapping[f] === undefined);
  return new ExportTable(sheet, kind, { kind, headerIndex: 0, mapping: { columns: mapping, duplicates: [] }, missing, note: "values" });
}
