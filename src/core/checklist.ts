/**
 * The checklist summary per topic: status, counts and the figure DPI's DEMO page shows.
 */
import { clusterOf, classifyCareerEdRow, certificatedStatusOf, programAreaOf, splitMultiValue } from "./codes";
import { normalizeIac, normalizeRosterCode, normalizeYesNo } from "./normalize";
import { PROGRAM_AREAS, IAC_DEFAULT_CLUSTER } from "./reference";
import { ReferenceLists } from "./referenceLists";
import { EXPORT_KINDS, ExportKind, Finding, NotChecked, TOPICS, Topic, TopicSummary } from "./report";
import { apIbOfTitle, baseTitle, titleMarksCollegeCredit } from "./courseTitle";
import { graduatesWithDiploma } from "./graduates";
import { programAreasOffered } from "./programAreas";
import { idsAreUnique, studentIds } from "./studentIds";
import { RULES, ruleById } from "./rules/registry";
import { type DataRow, ExportTable } from "./table";
import { neutralizeFormulaText, plural } from "./text";

interface TopicMeta {
  readonly title: string;
  readonly exports: string;
  readonly dashboard: string;
  /** exports whose presence gives the topic data */
  readonly kinds: readonly ExportKind[];
}

const PERKINS = "Perkins dashboard";
const CAREER_ED = "Career Ed & Coursework dashboard";
const CONCENTRATOR_EXPORT = "CTE Concentrator export";
const IRC_WBL_EXPORT = "Industry-Recognized Credentials/Work-Based Learning export";
const OFFERING_EXPORT = "Roster: Course Offering export";
const DEMOGRAPHICS_EXPORT = "Student Demographics export (SENSITIVE)";
const DO_NOT_EMAIL = "SENSITIVE INFORMATION: do not email";

export const TOPIC_META: Readonly<Record<Topic, TopicMeta>> = {
  "cte-participants": { title: "CTE Participants", exports: "CTE Participant export", dashboard: PERKINS, kinds: ["participants"] },
  "cte-concentrators": { title: "CTE Concentrators", exports: CONCENTRATOR_EXPORT, dashboard: PERKINS, kinds: ["concentrators"] },
  "iac-codes": { title: "IAC Codes", exports: CONCENTRATOR_EXPORT, dashboard: PERKINS, kinds: ["concentrators"] },
  "career-clusters": { title: "Career Pathway / Cluster", exports: CONCENTRATOR_EXPORT, dashboard: PERKINS, kinds: ["concentrators"] },
  "program-areas": { title: "Program Areas", exports: OFFERING_EXPORT, dashboard: PERKINS, kinds: ["course-offerings", "concentrators"] },
  "cte-graduates": { title: "CTE Graduates", exports: "HS Completion export", dashboard: PERKINS, kinds: ["hs-completion"] },
  "industry-credentials": { title: "Industry-Recognized Credentials", exports: IRC_WBL_EXPORT, dashboard: CAREER_ED, kinds: ["irc-wbl"] },
  "certificated-status": { title: "Certificated Program Status", exports: IRC_WBL_EXPORT, dashboard: CAREER_ED, kinds: ["irc-wbl"] },
  "work-based-learning": { title: "Work-based Learning", exports: IRC_WBL_EXPORT, dashboard: CAREER_ED, kinds: ["irc-wbl"] },
  "single-parent": { title: "Single Parent & Homeless", exports: DEMOGRAPHICS_EXPORT, dashboard: DO_NOT_EMAIL, kinds: ["demographics"] },
  "dual-enrollment-ap-ib": {
    title: "Dual Enrollment / AP / IB",
    exports: "Roster: Courses export",
    dashboard: `${CAREER_ED} (Advanced Credit Opportunities)`,
    kinds: ["courses", "course-offerings"],
  },
  structure: { title: "Workbook structure", exports: "every sheet", dashboard: "", kinds: [] },
};

type Tables = (kind: ExportKind) => readonly ExportTable[];

/**
 * Distinct students per key, most first. Keys may come in two parts (cluster, IAC) so no key string is
 * built per row: a 100,000-row export would otherwise allocate one per row.
 */
class DistinctCounter {
  private readonly sets = new Map<string, Map<string, Set<string> | { size: number }>>();

  /** `uniqueIds`: no id is on two rows, so each row is a distinct student and a count needs no set. */
  constructor(private readonly uniqueIds = false) {}

  add(key: string, id: string, subKey = ""): void {
    let subs = this.sets.get(key);
    if (!subs) this.sets.set(key, (subs = new Map()));
    let ids = subs.get(subKey);
    if (!ids) subs.set(subKey, (ids = this.uniqueIds ? { size: 0 } : new Set()));
    if (ids instanceof Set) ids.add(id);
    else ids.size++;
  }

  counts(label: (key: string, subKey: string) => string = (key) => key): Map<string, number> {
    const entries: [string, number][] = [];
    for (const [key, subs] of this.sets) for (const [subKey, ids] of subs) entries.push([label(key, subKey), ids.size]);
    return new Map(entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  }
}

/** Each row of `kind` that names its student. */
function eachStudentRow(tables: Tables, kind: ExportKind, visit: (t: ExportTable, r: DataRow, id: string) => void): void {
  for (const t of tables(kind))
    for (const r of t.rows) {
      const id = t.present(r, "studentId");
      if (id !== null) visit(t, r, id);
    }
}

function listText(counts: Map<string, number>, unit: string, max = 8): string {
  // Keys are user text (program names): one starting like a formula is neutralised where it leads a part.
  const parts = [...counts].slice(0, max).map(([k, n]) => `${neutralizeFormulaText(k)} - ${plural(n, unit)}`);
  if (counts.size > max) parts.push(`and ${counts.size - max} more`);
  return parts.join("; ");
}

function figureFor(
  topic: Topic,
  tables: Tables,
  reference: ReferenceLists,
  sheetsRecognised: number,
  sheetsOther: number,
): { text: string; [k: string]: unknown } {
  switch (topic) {
    case "cte-participants": {
      const n = studentIds(tables("participants")).size;
      return { text: plural(n, "student"), students: n };
    }
    case "cte-concentrators": {
      const n = studentIds(tables("concentrators")).size;
      return { text: plural(n, "student"), students: n };
    }
    case "iac-codes": {
      const counter = new DistinctCounter(idsAreUnique(tables("concentrators")));
      eachStudentRow(tables, "concentrators", (t, r, id) => {
        const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
        if (!iac) return;
        const cluster = clusterOf(t.text(r, "cluster")) ?? IAC_DEFAULT_CLUSTER.get(iac) ?? "";
        counter.add(cluster, id, iac);
      });
      const counts = counter.counts((cluster, iac) => `${cluster ? `${cluster} ` : ""}${iac}`);
      const text = counts.size === 0 ? "no IACs" : `${plural(counts.size, "IAC")}: ${listText(counts, "student", 6)}`;
      return { text, iacs: Object.fromEntries(counts) };
    }
    case "career-clusters": {
      const counter = new DistinctCounter(idsAreUnique(tables("concentrators")));
      eachStudentRow(tables, "concentrators", (t, r, id) => {
        const text = t.present(r, "cluster");
        if (text !== null) counter.add(clusterOf(text) ?? text, id);
      });
      const counts = counter.counts();
      const text = counts.size === 0 ? "no clusters" : `${plural(counts.size, "cluster")}: ${listText(counts, "student", 6)}`;
      return { text, clusters: Object.fromEntries(counts) };
    }
    case "program-areas": {
      const offerings = tables("course-offerings").filter((t) => t.has("cteDepartment"));
      const catalogCte = (c: string) => reference.catalog?.courses.get(c)?.cte ?? null;
      const covered = programAreasOffered(offerings, catalogCte);
      const concentratorAreas = new Set<string>();
      for (const t of tables("concentrators"))
        for (const r of t.rows) {
          for (const part of splitMultiValue(t.text(r, "programArea"))) {
            const area = programAreaOf(part);
            if (area) concentratorAreas.add(area.name);
          }
        }
      const shortOf = (names: Set<string>) => PROGRAM_AREAS.filter((p) => names.has(p.name)).map((p) => p.short);
      const missing = PROGRAM_AREAS.filter((p) => !covered.has(p.name)).map((p) => p.short);
      const text =
        offerings.length === 0
          ? concentratorAreas.size > 0
            ? `concentrators in ${shortOf(concentratorAreas).join(", ")}`
            : "no program areas"
          : `${covered.size} of 6 covered by CTE courses${covered.size ? `: ${shortOf(covered).join(", ")}` : ""}` +
            `${missing.length ? `; none in ${missing.join(", ")}` : ""}`;
      return { text, covered: shortOf(covered), missing: offerings.length ? missing : [], concentratorAreas: shortOf(concentratorAreas) };
    }
    case "cte-graduates": {
      const concentrators = studentIds(tables("concentrators"));
      const grads = graduatesWithDiploma(tables("hs-completion"));
      const hsc = [...grads].filter((id) => concentrators.has(id)).length;
      const text =
        tables("concentrators").length === 0
          ? `${plural(grads.size, "HS completer")} with a regular diploma (no concentrator export to match)`
          : `${plural(hsc, "CTE graduate")} (concentrators with HSC and a regular diploma)`;
      return { text, graduates: hsc, completers: grads.size };
    }
    case "industry-credentials":
    case "work-based-learning": {
      const want = topic === "industry-credentials" ? "irc" : "wbl";
      const counter = new DistinctCounter(idsAreUnique(tables("irc-wbl")));
      eachStudentRow(tables, "irc-wbl", (t, r, id) => {
        const name = t.present(r, "programName");
        if (name === null) return;
        const row = classifyCareerEdRow(name, t.text(r, "programType"));
        if (row.kind === want) counter.add(row.irc?.name ?? row.wbl?.name ?? name, id);
      });
      const counts = counter.counts();
      return { text: counts.size === 0 ? "no students" : listText(counts, "student"), programs: Object.fromEntries(counts) };
    }
    case "certificated-status": {
      const counter = new DistinctCounter();
      const all = new Set<string>();
      eachStudentRow(tables, "irc-wbl", (t, r, id) => {
        const code = certificatedStatusOf(t.text(r, "certificatedStatus"));
        if (!code) return;
        counter.add(code, id);
        all.add(id);
      });
      const counts = counter.counts();
      const byCode = ["A", "B", "C", "D"]
        .filter((c) => counts.has(c))
        .map((c) => `${c} ${counts.get(c)}`)
        .join(", ");
      const text = `Certificated Program Status - ${plural(all.size, "student")}${byCode ? ` (${byCode})` : ""}`;
      return { text, students: all.size, statuses: Object.fromEntries(counts) };
    }
    case "single-parent": {
      // Counts only: the sensitive values themselves never leave the engine.
      const singleParents = new Set<string>();
      const homeless = new Set<string>();
      for (const t of tables("demographics"))
        for (const r of t.rows) {
          const id = t.present(r, "studentId") ?? `row ${r.row}`;
          if (normalizeYesNo(t.raw(r, "singleParent") ?? null) === true) singleParents.add(id);
          // A "Homeless Type" column holds a kind ("Doubled-Up", "Shelter"): any value but a "no" counts there;
          // a yes/no column counts its yeses only.
          const h = t.raw(r, "homeless") ?? null;
          const typed = /type/i.test(t.headerOf("homeless") ?? "");
          if (typed ? t.present(r, "homeless") !== null && normalizeYesNo(h) !== false : normalizeYesNo(h) === true) homeless.add(id);
        }
      const text = `${plural(singleParents.size, "single parent")}, ${homeless.size} homeless (counts only)`;
      return { text, singleParents: singleParents.size, homeless: homeless.size };
    }
    case "dual-enrollment-ap-ib": {
      const de = new Set<string>();
      const ap = new Set<string>();
      const ib = new Set<string>();
      for (const kind of ["courses", "course-offerings"] as const)
        for (const t of tables(kind))
          for (const r of t.rows) {
            const title = t.text(r, "localCourseTitle");
            const code = normalizeRosterCode(t.raw(r, "rosterCode") ?? null);
            const key = `${baseTitle(title)}|${code ?? ""}`;
            if (!title && !code) continue;
            const course = code ? reference.catalog?.courses.get(code) : undefined;
            const deFlag = t.has("dualEnrollment") ? normalizeYesNo(t.raw(r, "dualEnrollment") ?? null) === true : false;
            if (deFlag || titleMarksCollegeCredit(title) || course?.dualEnrollment) de.add(key);
            const says = course ? (course.ap ? "AP" : course.ib ? "IB" : "") : apIbOfTitle(title);
            if (says === "AP") ap.add(key);
            if (says === "IB") ib.add(key);
          }
      const text = `Dual enrollment ${plural(de.size, "course")}; AP ${ap.size}; IB ${ib.size}`;
      return { text, dualEnrollment: de.size, ap: ap.size, ib: ib.size };
    }
    case "structure":
      const text = `${plural(sheetsRecognised, "sheet")} recognised${sheetsOther ? `, ${sheetsOther} not` : ""}`;
      return { text, recognised: sheetsRecognised, unrecognised: sheetsOther };
  }
}

/** Data a topic can be checked on: its exports, with the column the topic is about where that matters. */
function topicHasData(topic: Topic, tables: Tables): boolean {
  // A topic's rules run on its export's key column and rows: without the column (COLUMN-MISSING), or with a
  // header and no student or course rows (a header-only download, totals only), the topic was not checked.
  const any = (kind: ExportKind, field?: Parameters<ExportTable["has"]>[0]) =>
    tables(kind).some((t) => t.rows.length > 0 && (field === undefined || t.has(field)));
  switch (topic) {
    case "cte-participants":
      return any("participants", "studentId");
    case "cte-concentrators":
      return any("concentrators", "studentId");
    case "iac-codes":
      return any("concentrators", "iac");
    case "career-clusters":
      return any("concentrators", "cluster");
    case "cte-graduates":
      return any("hs-completion", "exitType");
    case "industry-credentials":
    case "work-based-learning":
      return any("irc-wbl", "programName");
    case "dual-enrollment-ap-ib":
      return any("courses", "rosterCode") || any("course-offerings", "rosterCode");
    case "program-areas":
      return any("course-offerings", "cteDepartment") || any("concentrators", "programArea");
    case "certificated-status":
      return any("irc-wbl", "certificatedStatus");
    case "single-parent":
      return any("demographics", "singleParent") || any("demographics", "homeless");
    default:
      return TOPIC_META[topic].kinds.some((k) => any(k));
  }
}

/** Findings counted by severity: the totals every adapter shows. Acknowledged findings are counted apart. */
export function severityCounts(findings: readonly Finding[]): { errors: number; warnings: number; infos: number; acknowledged: number } {
  const c = { errors: 0, warnings: 0, infos: 0, acknowledged: 0 };
  for (const f of findings) {
    if (f.status === "acknowledged") c.acknowledged++;
    else if (f.severity === "error") c.errors++;
    else if (f.severity === "warning") c.warnings++;
    else c.infos++;
  }
  return c;
}

export function buildChecklist(
  findings: readonly Finding[],
  tables: Tables,
  reference: ReferenceLists,
  sheetsRecognised: number,
  sheetsOther: number,
  notChecked: readonly NotChecked[] = [],
): TopicSummary[] {
  const byTopic = new Map<Topic, Finding[]>(TOPICS.map((t) => [t, []]));
  for (const f of findings) byTopic.get(f.topic)!.push(f);
  return TOPICS.map((topic) => {
    const meta = TOPIC_META[topic];
    const c = severityCounts(byTopic.get(topic)!);
    // Structure passes only when some sheet was recognised with data rows: "0 sheets recognised" is never a
    // pass, and neither is a header-only download.
    const anyRows = () => EXPORT_KINDS.some((k) => tables(k).some((t) => t.rows.length > 0));
    const hasData = topic === "structure" ? sheetsRecognised > 0 && anyRows() : topicHasData(topic, tables);
    const status = c.errors > 0 ? "fail" : c.warnings > 0 ? "warn" : hasData ? "pass" : "no-data";
    const notes: string[] = [];
    const needs = RULES.filter((r) => r.topic === topic && r.needs);
    const needCatalog = needs.filter((r) => r.needs === "catalog" && !reference.catalog).map((r) => r.id);
    const needIacList = needs.filter((r) => r.needs === "iacList" && !reference.iacList).map((r) => r.id);
    if (hasData && needCatalog.length) {
      notes.push(`No DPI course catalog loaded: ${needCatalog.join(", ")} not run. Load DPI's course download for them.`);
    }
    if (hasData && needIacList.length) notes.push(`No DPI IAC to Cluster list loaded: ${needIacList.join(", ")} not run.`);
    const offerings = tables("course-offerings");
    if (topic === "program-areas" && offerings.length > 0 && !offerings.some((t) => t.has("cteDepartment"))) {
      notes.push(
        "The Roster: Course Offering export has no CTE Department (Program Areas Type) column, " +
          "so CTE offerings' program areas are not checked.",
      );
    }
    for (const n of notChecked) {
      if (n.topic === topic && !ruleById(n.rule)?.needs) notes.push(`${n.rule} not run: ${n.why}.`);
    }
    if (hasData && topic === "career-clusters" && !reference.iacList) {
      notes.push(
        "IAC and cluster pairs are checked against our derived crosswalk (warnings); " +
          "load DPI's IAC to Cluster list for DPI 6800 errors.",
      );
    }
    return {
      topic,
      title: meta.title,
      status,
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      acknowledged: c.acknowledged,
      figure: figureFor(topic, tables, reference, sheetsRecognised, sheetsOther),
      exports: meta.exports,
      dashboard: meta.dashboard,
      notes,
    } as TopicSummary;
  });
}
