/**
 * DPI lists pasted as a bare range (a custom-function argument, a pasted block): with or without their
 * header row. Each builder turns the range into a normalised sheet with canonical headers, which the
 * engine recognises as the list's kind, and loads it with the same loader the engine uses
 * (loadIacList / loadCourseCatalog), so a list means the same thing everywhere.
 */
import { CellValue, SheetInput, cellText, isBlank } from "./cells";
import { clusterOf } from "./codes";
import { normalizeIac, normalizeRosterCode, normalizeYesNo } from "./normalize";
import { CIP2020_SERIES, IAC_DEFAULT_CLUSTER } from "./reference";
import { Field, recognize } from "./recognize";
import { CourseCatalog, IacList, loadCourseCatalog, loadIacList } from "./referenceLists";
import { ExportTable } from "./table";

type Rows = readonly (readonly CellValue[])[];

/** Why a range could not be read as the list. `problem` is a sentence fragment to show the user. */
export interface ListProblem {
  readonly problem: string;
}

export interface IacListRange {
  /** the normalised sheet (headers IAC, Cluster, Suggested, Title): pass it to runChecklist as a reference sheet */
  readonly sheet: SheetInput;
  readonly list: IacList;
  /** false when the range has no cluster column (membership only) */
  readonly hasClusters: boolean;
}

export interface CatalogRange {
  /** the normalised sheet (DPI catalog headers): pass it to runChecklist as a reference sheet */
  readonly sheet: SheetInput;
  readonly catalog: CourseCatalog;
}

export function isListProblem(value: unknown): value is ListProblem {
  return typeof value === "object" && value !== null && typeof (value as ListProblem).problem === "string";
}

const nonBlankRows = (rows: Rows) => rows.filter((r) => r.some((c) => !isBlank(c)));

/** The header row and field columns when the range starts (within 20 rows) with the list's own headers. */
function headed(
  rows: Rows,
  kind: "dpi-iac-clusters" | "dpi-courses",
  key: Field,
): { index: number; columns: Partial<Record<Field, number>> } | null {
  const r = recognize(rows, kind);
  // Only a header row counts here: columns read from values are the content path's job below.
  if (r.headerIndex === null || r.headerIndex < 0 || r.mapping.columns[key] === undefined || r.inferred.some((i) => i.field === key))
    return null;
  return { index: r.headerIndex, columns: r.mapping.columns };
}

/** The column where most non-blank cells pass `test`, if at least half of that column's non-blank cells do. */
function bestColumn(rows: Rows, width: number, test: (v: CellValue) => boolean, exclude: readonly number[] = []): number | undefined {
  let best: { col: number; hits: number } | undefined;
  for (let c = 0; c < width; c++) {
    if (exclude.includes(c)) continue;
    let hits = 0;
    let filled = 0;
    for (const row of rows) {
      const v = row[c];
      if (isBlank(v)) continue;
      filled++;
      if (test(v)) hits++;
    }
    if (hits === 0 || hits * 2 < filled) continue;
    if (!best || hits > best.hits) best = { col: c, hits };
  }
  return best?.col;
}

function project(rows: Rows, columns: readonly (number | undefined)[]): CellValue[][] {
  return rows.map((row) => columns.map((c) => (c === undefined ? null : (row[c] ?? null))));
}

function tableOf(sheet: SheetInput, kind: "dpi-iac-clusters" | "dpi-courses"): ExportTable | null {
  const r = recognize(sheet.rows);
  if (r.kind !== kind || r.headerIndex === null) return null;
  return new ExportTable(sheet, kind, { ...r, headerIndex: r.headerIndex });
}

export const IAC_LIST_HEADERS = ["IAC", "Cluster", "Suggested", "Title"] as const;

/**
 * A DPI IAC to Cluster list from a range. With headers (IAC, Cluster, Suggested, Title … in any order and
 * spelling the engine accepts) the columns are taken by header; without, by content: the column of IAC
 * codes, the column of cluster titles, a yes/no column as Suggested. Built once per call by the adapters.
 */
export function buildIacList(rows: Rows, name = "IAC list range"): IacListRange | ListProblem {
  const filled = nonBlankRows(rows);
  if (filled.length === 0) return { problem: `the ${name} is empty` };
  const width = filled.reduce((w, r) => Math.max(w, r.length), 0);
  let data: Rows;
  let cols: { iac?: number; cluster?: number; suggested?: number; title?: number };
  const h = headed(rows, "dpi-iac-clusters", "iac");
  if (h) {
    data = rows.slice(h.index + 1);
    cols = {
      iac: h.columns.iac,
      cluster: h.columns.cluster ?? h.columns.careerPathway,
      suggested: h.columns.suggested,
      title: h.columns.iacTitle,
    };
  } else {
    data = rows;
    // A column of "1", "2"… text is a row number, not IACs Excel saved as whole numbers.
    const iac = bestColumn(filled, width, (v) => {
      const n = normalizeIac(v);
      return n.iac !== null && !n.wholeNumberText;
    });
    if (iac === undefined) return { problem: `the ${name} has no column of IAC codes (NN.NN) and no IAC header` };
    const cluster = bestColumn(filled, width, (v) => clusterOf(cellText(v)) !== null, [iac]);
    const taken = [iac, ...(cluster === undefined ? [] : [cluster])];
    const suggested = bestColumn(
      filled,
      width,
      (v) => {
        const b = normalizeYesNo(v);
        return b === true || b === false;
      },
      taken,
    );
    cols = { iac, cluster, suggested };
  }
  const hasClusters = cols.cluster !== undefined;
  const headers = IAC_LIST_HEADERS.filter((hd) => hd !== "Suggested" || cols.suggested !== undefined);
  const order = headers.map((hd) =>
    hd === "IAC" ? cols.iac : hd === "Cluster" ? cols.cluster : hd === "Suggested" ? cols.suggested : cols.title,
  );
  const sheet: SheetInput = { name, rows: [[...headers], ...project(data, order)] };
  const table = tableOf(sheet, "dpi-iac-clusters");
  const list = table ? loadIacList([table]) : null;
  if (!list) return { problem: `the ${name} could not be read as a DPI IAC to Cluster list` };
  if (list.entries.size === 0) return { problem: `the ${name} holds no IAC codes` };
  return { sheet, list, hasClusters };
}

/** Canonical headers of the normalised catalog, and the column order assumed for a range without headers. */
export const CATALOG_HEADERS = [
  "Roster Code",
  "SCED Course Title",
  "Course Program",
  "CTE Course",
  "CTE Department",
  "Deprecated",
  "Course Description",
] as const;
const CATALOG_FIELDS: readonly Field[] = [
  "rosterCode",
  "scedTitle",
  "courseProgram",
  "cteCourse",
  "cteDepartment",
  "deprecated",
  "courseDescription",
];

/**
 * A DPI course catalog from a range. With headers (Roster Code and Course Program at least, as in DPI's
 * course download) the columns are taken by header; without, in the order of CATALOG_HEADERS (the
 * first column must hold roster codes). Built once per call by the adapters.
 */
export function buildCourseCatalog(rows: Rows, name = "catalog range"): CatalogRange | ListProblem {
  const filled = nonBlankRows(rows);
  if (filled.length === 0) return { problem: `the ${name} is empty` };
  let data: Rows;
  let order: (number | undefined)[];
  const h = headed(rows, "dpi-courses", "rosterCode");
  if (h) {
    data = rows.slice(h.index + 1);
    order = CATALOG_FIELDS.map((f) => h.columns[f]);
  } else {
    const codes = filled.filter((r) => normalizeRosterCode(r[0] ?? null) !== null).length;
    if (codes === 0 || codes * 2 < filled.length) {
      return { problem: `the ${name} has no Roster Code header and its first column is not roster codes` };
    }
    data = rows;
    order = CATALOG_FIELDS.map((_, i) => i);
  }
  const sheet: SheetInput = { name, rows: [[...CATALOG_HEADERS], ...project(data, order)] };
  const table = tableOf(sheet, "dpi-courses");
  const catalog = table ? loadCourseCatalog([table]) : null;
  if (!catalog) return { problem: `the ${name} could not be read as a DPI course catalog` };
  if (catalog.courses.size === 0) return { problem: `the ${name} holds no roster codes` };
  return { sheet, catalog };
}

export type IacClusterLookup =
  | { readonly found: true; readonly clusters: readonly string[]; readonly source: "dpi-list" | "derived-crosswalk" }
  | { readonly found: false; readonly reason: "not-on-list" | "list-without-clusters" | "no-cte-cluster" | "not-cip-2020" };

/**
 * The cluster(s) of a normalised IAC: from a loaded DPI list (its clusters, canonical titles where
 * recognisable), else from the built-in derived crosswalk (the same sources IAC-CLUSTER-MISMATCH uses).
 */
export function clustersOfIac(iac: string, list: IacList | null, listHasClusters = true): IacClusterLookup {
  if (list) {
    const entry = list.entries.get(iac);
    if (!entry) return { found: false, reason: "not-on-list" };
    if (!listHasClusters || entry.clusters.length === 0) return { found: false, reason: "list-without-clusters" };
    return { found: true, clusters: entry.clusters.map((c) => clusterOf(c) ?? c), source: "dpi-list" };
  }
  const expected = IAC_DEFAULT_CLUSTER.get(iac);
  if (typeof expected === "string") return { found: true, clusters: [expected], source: "derived-crosswalk" };
  if (expected === null) return { found: false, reason: "no-cte-cluster" };
  return { found: false, reason: CIP2020_SERIES.has(iac) ? "no-cte-cluster" : "not-cip-2020" };
}
