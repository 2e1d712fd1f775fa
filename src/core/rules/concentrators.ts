/** CTE concentrators, IAC codes and career clusters (checklist topics 2-4). */
import { clusterKey, clusterOf, programAreaOf, splitMultiValue } from "../codes";
import { normalizeIac } from "../normalize";
import { CIP2020_SERIES, IAC_DEFAULT_CLUSTER } from "../reference";
import { DataRow, ExportTable } from "../table";
import { Topic } from "../report";
import { Check, FindingDraft, RuleContext, eachConcentratorAbsentFrom, eachRow, reportBlank, rule } from "./types";

export const CONCENTRATOR_MULTIPLE_PATHWAYS = rule({
  id: "CONCENTRATOR-MULTIPLE-PATHWAYS",
  topic: "cte-concentrators",
  severity: "error",
  description: "One concentrator reported with more than one distinct IAC (each concentrator has a single pathway).",
  fix: "Ask the student to pick one pathway and report a single IAC.",
  message:
    "Student {q:studentId} is reported with {count} IACs ({iacs}). A concentrator has one pathway: " +
    "ask the student to pick one and report a single IAC.",
});

const PATHWAYS: Check = {
  emits: [CONCENTRATOR_MULTIPLE_PATHWAYS],
  run(ctx) {
    /** Each concentrator row of a wanted student that has a readable IAC. */
    const eachIac = (wanted: (id: string) => boolean, visit: (t: ExportTable, r: DataRow, id: string, iac: string) => void) =>
      eachRow(ctx, ["concentrators"], [], (t, r) => {
        const id = t.present(r, "studentId");
        if (id === null || !wanted(id)) return;
        const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
        if (iac !== null) visit(t, r, id, iac);
      });
    // First pass: each student's first IAC, noting students with another; only they are gathered in full.
    const firstIac = new Map<string, string>();
    const several = new Set<string>();
    eachIac(
      () => true,
      (_t, _r, id, iac) => {
        const first = firstIac.get(id);
        if (first === undefined) firstIac.set(id, iac);
        else if (first !== iac) several.add(id);
      },
    );
    if (several.size === 0) return;
    const byStudent = new Map<string, { t: ExportTable; r: DataRow; iac: string }[]>();
    eachIac(
      (id) => several.has(id),
      (t, r, id, iac) => {
        const list = byStudent.get(id) ?? [];
        list.push({ t, r, iac });
        byStudent.set(id, list);
      },
    );
    for (const [id, list] of byStudent) {
      const distinct = [...new Set(list.map((e) => e.iac))];
      if (distinct.length < 2) continue;
      for (const e of list) {
        const fields = { studentId: id, count: distinct.length, iacs: distinct };
        ctx.report({ table: e.t, at: e.r, field: "iac", rule: CONCENTRATOR_MULTIPLE_PATHWAYS, fields });
      }
    }
  },
};

export const CONCENTRATOR_NOT_PARTICIPANT = rule({
  id: "CONCENTRATOR-NOT-PARTICIPANT",
  topic: "cte-concentrators",
  severity: "warning",
  description: "A concentrator absent from the CTE participants export (when both are present).",
  fix: "Check the CTE participants roster and the student's CTE course grades.",
  message:
    "Concentrator {q:studentId} is not in the CTE participants export. A concentrator passed CTE courses, " +
    "so should also be a participant: check the roster and course grades.",
});

const CONCENTRATORS_ARE_PARTICIPANTS: Check = {
  emits: [CONCENTRATOR_NOT_PARTICIPANT],
  run(ctx) {
    eachConcentratorAbsentFrom(ctx, "participants", [], (t, r, id) => {
      ctx.report({ table: t, at: r, field: "studentId", rule: CONCENTRATOR_NOT_PARTICIPANT, fields: { studentId: id } });
    });
  },
};

export const IAC_MISSING = rule({
  id: "IAC-MISSING",
  topic: "iac-codes",
  severity: "error",
  description: "A concentrator without an IAC.",
  fix: "Report the IAC (CIP code) of the school-designed pathway the student concentrated in.",
  message:
    "IAC is blank. Report one IAC (CIP code) for every CTE concentrator: " +
    "the code of the school-designed pathway the student concentrated in.",
});
export const IAC_INVALID_FORMAT = rule({
  id: "IAC-INVALID-FORMAT",
  topic: "iac-codes",
  severity: "error",
  description: "An IAC that is not a CIP code shape (NN.NN, or a six-digit NN.NNNN).",
  fix: "Use the four-digit series form NN.NN, e.g. 01.09.",
  message: "IAC {q:value} is not a CIP code. Use the four-digit series form NN.NN, e.g. 01.09.",
});
export const IAC_UNKNOWN = rule({
  id: "IAC-UNKNOWN",
  topic: "iac-codes",
  severity: "error",
  description: "An IAC that is not a CIP 2020 four-digit series, or not on the loaded DPI IAC list.",
  fix: "Choose an IAC from DPI's IAC to Cluster list.",
  messages: {
    notOnList: "IAC {iac} is not on the DPI IAC to Cluster list ({source}). Choose an IAC from DPI's list.",
    notCip: "IAC {iac} is not a CIP 2020 four-digit series. Check the code against DPI's IAC list.",
  },
});
export const IAC_STORED_AS_NUMBER = rule({
  id: "IAC-STORED-AS-NUMBER",
  topic: "iac-codes",
  severity: "warning",
  description: "An IAC stored as a number in a workbook, or text that lost a zero (1.1 for 01.10).",
  fix: "Format the IAC column as Text and enter the code with its zeros.",
  message: "IAC {q:value} {how}; it reads as {iac}. Format the column as Text and enter {iac} (Excel drops zeros from codes).",
});
export const IAC_NOT_SUGGESTED = rule({
  id: "IAC-NOT-SUGGESTED",
  topic: "iac-codes",
  severity: "info",
  needs: "iacList",
  description: "The loaded DPI IAC list marks suggested IACs and this one is not.",
  fix: "Confirm the IAC is the right code for the pathway.",
  message: "IAC {iac} is valid but not one of DPI's suggested IACs. Confirm it is the right code for the pathway.",
});
export const CLUSTER_MISSING = rule({
  id: "CLUSTER-MISSING",
  topic: "career-clusters",
  severity: "error",
  description: "A concentrator without a cluster (career pathway type).",
  fix: "Report the career cluster (Career Pathway Type) of the student's pathway.",
  message: "Cluster is blank. Report a single career cluster (Career Pathway Type) for every CTE concentrator.",
});
export const CLUSTER_UNKNOWN = rule({
  id: "CLUSTER-UNKNOWN",
  topic: "career-clusters",
  severity: "error",
  description: "A cluster that is not one of the 16 career clusters.",
  fix: 'Use the career cluster\'s title, e.g. "Information Technology".',
  message: 'Cluster {q:value} is not one of the 16 career clusters. Use the cluster title, e.g. "Information Technology".',
});
/**
 * Real Career Concentrators exports name the cluster column "CTE Concentration Program Area"; districts
 * that fill it with program areas get DPI 6800 on every row. One warning on the header names the cause;
 * the rows keep their CLUSTER-UNKNOWN errors (the pane groups them under this finding).
 */
export const CLUSTER_COLUMN_HOLDS_PROGRAM_AREAS = rule({
  id: "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS",
  topic: "career-clusters",
  severity: "warning",
  dpi: "6800",
  description:
    "Most of the cluster column holds the six program areas: WISEdata expects the career cluster there " +
    "and DPI 6800 fires on each such row (the rows keep CLUSTER-UNKNOWN).",
  fix: "Report the cluster of the student's IAC in the cluster column; program areas belong in the course setup's CTE Department.",
  message:
    "Column {q:column} holds program areas on {areas} of {filled} rows, but WISEdata expects the concentrator's career cluster " +
    'there (one of the 16 clusters, e.g. "Information Technology"; DPI compares it with the Cluster column of the IAC to Cluster ' +
    "list). DPI 6800 will fire on each of these rows: report the cluster of the student's IAC in this column " +
    "(program areas belong in the course setup's CTE Department).",
});
export const IAC_CLUSTER_MISMATCH = rule({
  id: "IAC-CLUSTER-MISMATCH",
  topic: "career-clusters",
  severity: "warning",
  dpi: "6800",
  description:
    "IAC and cluster do not belong together: an error against a loaded DPI IAC to Cluster list (DPI 6800), " +
    "a warning against the built-in derived crosswalk.",
  fix: "Correct the IAC or the cluster so the pair is on DPI's IAC to Cluster list.",
  messages: {
    notOnList:
      "IAC {iac} and cluster {q:value} are not a pair on DPI's IAC to Cluster list (DPI 6800); " +
      "the list gives {q:expected| or }. Correct the IAC or the cluster.",
    noCluster:
      "IAC {iac} ({series}) belongs to no CTE career cluster in our derived crosswalk. " +
      "Confirm against DPI's IAC to Cluster list (load it for an exact check).",
    usually:
      "IAC {iac} usually belongs to {q:expected}, not {q:value}. " +
      "Check the pair against DPI's IAC to Cluster list (DPI 6800; load the list for an exact check).",
  },
});

/**
 * How a pathway plan's rows are checked with the concentrators' IAC and cluster rules: under the plan's topic,
 * without the rules about the portal's stored value (a number for text) or DPI's suggested list.
 */
export interface PlanRowChecks {
  readonly topic: Topic;
}

/** Reports a draft, under the plan's topic for a plan row. */
function reportAs(ctx: RuleContext, plan: PlanRowChecks | undefined, draft: FindingDraft): void {
  ctx.report(plan ? { ...draft, topic: plan.topic } : draft);
}

/** The IAC cell of a concentrator (or plan) row: reports its rules and returns the IAC the cluster is checked with. */
export function checkIac(ctx: RuleContext, t: ExportTable, r: DataRow, plan?: PlanRowChecks): string | null {
  if (plan ? t.present(r, "iac") === null : reportBlank(ctx, t, r, "iac", IAC_MISSING) || t.isError(r, "iac")) return null;
  const list = ctx.reference.iacList;
  const raw = t.raw(r, "iac") ?? null;
  const text = t.text(r, "iac");
  const n = normalizeIac(raw, t.source);
  const iac = n.iac;
  if (iac === null) {
    reportAs(ctx, plan, { table: t, at: r, field: "iac", rule: IAC_INVALID_FORMAT, fields: { value: text } });
    return null;
  }
  if (n.storedAsNumber && !plan) {
    const how =
      typeof raw === "number"
        ? "is stored as a number"
        : n.wholeNumberText
          ? "was saved as a whole number (Excel dropped its zeros)"
          : "lost a zero";
    reportAs(ctx, plan, { table: t, at: r, field: "iac", rule: IAC_STORED_AS_NUMBER, fields: { value: text, how, iac } });
  }
  if (list) {
    const entry = list.entries.get(iac);
    if (!entry) {
      const fields = { iac, source: list.source };
      reportAs(ctx, plan, { table: t, at: r, field: "iac", rule: IAC_UNKNOWN, severity: "error", says: "notOnList", fields });
    } else if (list.marksSuggested && entry.suggested !== true && !plan) {
      reportAs(ctx, plan, { table: t, at: r, field: "iac", rule: IAC_NOT_SUGGESTED, fields: { iac } });
    }
  } else if (!CIP2020_SERIES.has(iac)) {
    reportAs(ctx, plan, { table: t, at: r, field: "iac", rule: IAC_UNKNOWN, says: "notCip", fields: { iac } });
    return null;
  }
  return iac;
}

/** The cluster cell of a concentrator (or plan) row, with the row's IAC (null when it has none or it is not valid). */
export function checkCluster(
  ctx: RuleContext,
  t: ExportTable,
  r: DataRow,
  iac: string | null,
  clusterText: string,
  canonical: string | null,
  plan?: PlanRowChecks,
): void {
  const list = ctx.reference.iacList;
  const onDpiList = list !== null && iac !== null && list.entries.get(iac)?.clusterKeys.has(clusterKey(clusterText)) === true;
  if (canonical === null && !onDpiList) {
    reportAs(ctx, plan, { table: t, at: r, field: "cluster", rule: CLUSTER_UNKNOWN, fields: { value: clusterText } });
    return;
  }
  if (iac === null) return;
  if (list) {
    const entry = list.entries.get(iac);
    if (entry && !entry.clusterKeys.has(clusterKey(clusterText))) {
      const fields = { iac, value: clusterText, expected: entry.clusters };
      reportAs(ctx, plan, { table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, severity: "error", says: "notOnList", fields });
    }
    return;
  }
  const expected = IAC_DEFAULT_CLUSTER.get(iac);
  if (expected === null) {
    const fields = { iac, series: CIP2020_SERIES.get(iac) ?? "CIP series" };
    reportAs(ctx, plan, { table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, says: "noCluster", fields });
  } else if (expected !== undefined && expected !== canonical) {
    const fields = { iac, expected, value: clusterText };
    reportAs(ctx, plan, { table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, says: "usually", fields });
  }
}

/**
 * Each concentrator row's IAC and cluster are read once; the table's cluster column is judged as a whole
 * (program areas in it) after its rows.
 */
const IACS_AND_CLUSTERS: Check = {
  emits: [
    IAC_MISSING,
    IAC_INVALID_FORMAT,
    IAC_UNKNOWN,
    IAC_STORED_AS_NUMBER,
    IAC_NOT_SUGGESTED,
    CLUSTER_MISSING,
    CLUSTER_UNKNOWN,
    CLUSTER_COLUMN_HOLDS_PROGRAM_AREAS,
    IAC_CLUSTER_MISMATCH,
  ],
  run(ctx) {
    for (const t of ctx.tables("concentrators")) {
      const hasIac = t.has("iac");
      const hasCluster = t.has("cluster");
      let filled = 0;
      let areas = 0;
      for (const r of t.rows) {
        const iac = hasIac ? checkIac(ctx, t, r) : null;
        if (!hasCluster || reportBlank(ctx, t, r, "cluster", CLUSTER_MISSING)) continue;
        const clusterText = t.present(r, "cluster");
        if (clusterText === null) continue;
        const canonical = clusterOf(clusterText);
        filled++;
        if (canonical === null && holdsProgramAreas(clusterText)) areas++;
        checkCluster(ctx, t, r, iac, clusterText, canonical);
      }
      if (filled === 0 || areas * 2 <= filled) continue;
      const fields = { column: t.headerOf("cluster") ?? "cluster", areas, filled };
      ctx.report({ table: t, at: "header", field: "cluster", rule: CLUSTER_COLUMN_HOLDS_PROGRAM_AREAS, fields });
    }
    checkPlanRows(ctx);
  },
};

const PLAN_ROWS: PlanRowChecks = { topic: "possible-concentrators" };

/** A pathway plan's IAC and cluster pairs, as for concentrators; a blank IAC carries down its pathway's. */
function checkPlanRows(ctx: RuleContext): void {
  for (const t of ctx.tables("pathway-plan")) {
    let pathway = "";
    let iac: string | null = null;
    for (const r of t.rows) {
      const name = t.present(r, "pathwayName");
      if (name !== null && name !== pathway) {
        pathway = name;
        iac = null;
      }
      if (t.present(r, "iac") !== null) iac = checkIac(ctx, t, r, PLAN_ROWS);
      const clusterText = t.present(r, "cluster");
      if (clusterText !== null) checkCluster(ctx, t, r, iac, clusterText, clusterOf(clusterText), PLAN_ROWS);
    }
  }
}

function holdsProgramAreas(text: string): boolean {
  const parts = splitMultiValue(text);
  return parts.length > 0 && parts.every((p) => programAreaOf(p) !== null);
}

export const CHECKS: readonly Check[] = [PATHWAYS, CONCENTRATORS_ARE_PARTICIPANTS, IACS_AND_CLUSTERS];
