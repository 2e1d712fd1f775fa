/**
 * The two DPI lists a user can supply: the DPI course catalog and the DPI IAC to Cluster list.
 * Loaded from recognised tables (a workbook sheet, a --reference file, the pane's "Load file…");
 * a loaded list overrides the built-in data for the rules that use it.
 */
import { clusterKey, programAreaOf } from "./codes";
import { foldKey, normalizeIac, normalizeRosterCode, normalizeYesNo } from "./normalize";
import { ExportTable } from "./table";

export interface CatalogCourse {
  readonly rosterCode: string;
  readonly title: string;
  readonly ap: boolean;
  readonly ib: boolean;
  readonly dualEnrollment: boolean;
  /** raw Course Program text, for messages */
  readonly programText: string;
  readonly cte: boolean | null;
  /** canonical program-area name of the CTE Department, or the raw text when it is not one */
  readonly department: string | null;
  readonly deprecated: boolean;
}

export interface CourseCatalog {
  readonly source: string;
  readonly courses: ReadonlyMap<string, CatalogCourse>;
}

export interface IacListEntry {
  readonly iac: string;
  /** folded cluster keys (see clusterKey) */
  readonly clusterKeys: ReadonlySet<string>;
  readonly clusters: readonly string[];
  readonly title: string;
  readonly suggested: boolean | null;
}

export interface IacList {
  readonly source: string;
  readonly entries: ReadonlyMap<string, IacListEntry>;
  /** true when the list has a Suggested column */
  readonly marksSuggested: boolean;
}

export interface ReferenceLists {
  readonly catalog: CourseCatalog | null;
  readonly iacList: IacList | null;
}

/** Reads the "Course Program" text: AP / IB / dual enrollment, in short or long spellings, possibly several. */
export function parseCourseProgram(text: string): { ap: boolean; ib: boolean; dualEnrollment: boolean } {
  const key = ` ${foldKey(text)} `;
  return {
    ap: / ap /.test(key) || key.includes(" advanced placement "),
    ib: / ib /.test(key) || key.includes(" international baccalaureate "),
    dualEnrollment: key.includes(" dual enrollment") || key.includes(" dual credit") || / de /.test(key),
  };
}

export function loadCourseCatalog(tables: readonly ExportTable[]): CourseCatalog | null {
  if (tables.length === 0) return null;
  const courses = new Map<string, CatalogCourse>();
  for (const t of tables) {
    for (const r of t.rows) {
      const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
      if (!code) continue;
      const programText = t.text(r, "courseProgram");
      const program = parseCourseProgram(programText);
      const deptText = t.text(r, "cteDepartment");
      const description = t.text(r, "courseDescription");
      const deprecatedFlag = normalizeYesNo(t.raw(r, "deprecated") ?? null);
      const cteFlag = normalizeYesNo(t.raw(r, "cteCourse") ?? null);
      courses.set(code, {
        rosterCode: code,
        title: t.text(r, "scedTitle"),
        ...program,
        programText,
        cte: cteFlag === undefined ? null : cteFlag,
        department: deptText ? (programAreaOf(deptText)?.name ?? deptText) : null,
        deprecated: deprecatedFlag === true || /^do not use/i.test(description),
      });
    }
  }
  return { source: tables.map((t) => t.sheet).join(", "), courses };
}

export function loadIacList(tables: readonly ExportTable[]): IacList | null {
  if (tables.length === 0) return null;
  const entries = new Map<
    string,
    { iac: string; clusterKeys: Set<string>; clusters: string[]; title: string; suggested: boolean | null }
  >();
  let marksSuggested = false;
  for (const t of tables) {
    if (t.has("suggested")) marksSuggested = true;
    const clusterField = t.has("cluster") ? "cluster" : "careerPathway";
    for (const r of t.rows) {
      const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
      if (!iac) continue;
      const cluster = t.text(r, clusterField);
      const entry = entries.get(iac) ?? {
        iac,
        clusterKeys: new Set<string>(),
        clusters: [],
        title: t.text(r, "iacTitle"),
        suggested: null,
      };
      if (cluster && !entry.clusterKeys.has(clusterKey(cluster))) {
        entry.clusterKeys.add(clusterKey(cluster));
        entry.clusters.push(cluster);
      }
      if (t.has("suggested")) {
        const s = normalizeYesNo(t.raw(r, "suggested") ?? null);
        if (s === true) entry.suggested = true;
        else if (entry.suggested === null) entry.suggested = false;
      }
      entries.set(iac, entry);
    }
  }
  return { source: tables.map((t) => t.sheet).join(", "), entries, marksSuggested };
}
