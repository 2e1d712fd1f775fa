/** CTE concentrators, IAC codes and career clusters (checklist topics 2-4). */
import { clusterKey, clusterOf, programAreaOf, splitMultiValue } from "../codes";
import { normalizeIac } from "../normalize";
import { CIP2020_SERIES, IAC_DEFAULT_CLUSTER } from "../reference";
import { studentIds } from "../studentIds";
import { DataRow, ExportTable } from "../table";
import { RuleDef, q } from "./types";

export const CONCENTRATOR_MULTIPLE_PATHWAYS: RuleDef = {
  id: "CONCENTRATOR-MULTIPLE-PATHWAYS", topic: "cte-concentrators", severity: "error",
  description: "One concentrator reported with more than one distinct IAC (each concentrator has a single pathway).",
  run(ctx) {
    // First pass: each student's first IAC, noting students with another; only they are gathered in full.
    const firstIac = new Map<string, string>();
    const several = new Set<string>();
    for (const t of ctx.tables("concentrators")) for (const r of t.rows) {
      const id = t.present(r, "studentId");
      if (id === null) continue;
      const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
      if (iac === null) continue;
      const first = firstIac.get(id);
      if (first === undefined) firstIac.set(id, iac);
      else if (first !== iac) several.add(id);
    }
    if (several.size === 0) return;
    const byStudent = new Map<string, { t: ExportTable; r: DataRow; iac: string }[]>();
    for (const t of ctx.tables("concentrators")) for (const r of t.rows) {
      const id = t.present(r, "studentId");
      if (id === null || !several.has(id)) continue;
      const iac = normalizeIac(t.raw(r, "iac") ?? null).iac;
      if (iac === null) continue;
      const list = byStudent.get(id) ?? [];
      list.push({ t, r, iac });
      byStudent.set(id, list);
    }
    for (const [id, list] of byStudent) {
      const distinct = [...new Set(list.map((e) => e.iac))];
      if (distinct.length < 2) continue;
      for (const e of list) {
        ctx.report({ table: e.t, at: e.r, field: "iac", message: `Student ${q(id)} is reported with ${distinct.length} IACs (${distinct.join(", ")}). A concentrator has one pathway: ask the student to pick one and report a single IAC.` });
      }
    }
  },
};

export const CONCENTRATOR_NOT_PARTICIPANT: RuleDef = {
  id: "CONCENTRATOR-NOT-PARTICIPANT", topic: "cte-concentrators", severity: "warning",
  description: "A concentrator absent from the CTE participants export (when both are present).",
  run(ctx) {
    const participants = ctx.tables("participants");
    if (participants.length === 0 || !participants.some((t) => t.has("studentId"))) return;
    const ids = studentIds(participants);
    for (const t of ctx.tables("concentrators")) for (const r of t.rows) {
      const id = t.present(r, "studentId");
      if (id !== null && !ids.has(id)) {
        ctx.report({ table: t, at: r, field: "studentId", message: `Concentrator ${q(id)} is not in the CTE participants export. A concentrator passed CTE courses, so should also be a participant: check the roster and course grades.` });
      }
    }
  },
};

export const IAC_INVALID_FORMAT: RuleDef = {
  id: "IAC-INVALID-FORMAT", topic: "iac-codes", severity: "error",
  description: "An IAC that is not a CIP code shape (NN.NN, or a six-digit NN.NNNN).",
};
export const IAC_UNKNOWN: RuleDef = {
  id: "IAC-UNKNOWN", topic: "iac-codes", severity: "error",
  description: "An IAC that is not a CIP 2020 four-digit series, or not on the loaded DPI IAC list.",
};
export const IAC_STORED_AS_NUMBER: RuleDef = {
  id: "IAC-STORED-AS-NUMBER", topic: "iac-codes", severity: "warning",
  description: "An IAC stored as a number in a workbook, or text that lost a zero (1.1 for 01.10).",
};
export const IAC_NOT_SUGGESTED: RuleDef = {
  id: "IAC-NOT-SUGGESTED", topic: "iac-codes", severity: "info", needs: "iacList",
  description: "The loaded DPI IAC list marks suggested IACs and this one is not.",
};
export const CLUSTER_MISSING: RuleDef = {
  id: "CLUSTER-MISSING", topic: "career-clusters", severity: "error",
  description: "A concentrator without a cluster (career pathway type).",
};
export const CLUSTER_UNKNOWN: RuleDef = {
  id: "CLUSTER-UNKNOWN", topic: "career-clusters", severity: "error",
  description: "A cluster that is not one of the 16 career clusters.",
};
/**
 * Real Career Concentrators exports name the cluster column "CTE Concentration Program Area"; districts
 * that fill it with program areas get DPI 6800 on every row. One warning on the header names the cause;
 * the rows keep their CLUSTER-UNKNOWN errors (the pane groups them under this finding).
 */
export const CLUSTER_COLUMN_HOLDS_PROGRAM_AREAS: RuleDef = {
  id: "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS", topic: "career-clusters", severity: "warning", dpi: "6800",
  description: "Most of the cluster column holds the six program areas: WISEdata expects the career cluster there and DPI 6800 fires on each such row (the rows keep CLUSTER-UNKNOWN).",
  run(ctx) {
    for (const t of ctx.tables("concentrators")) {
      if (!t.has("cluster")) continue;
      let filled = 0;
      let areas = 0;
      for (const r of t.rows) {
        const text = t.present(r, "cluster");
        if (text === null) continue;
        filled++;
        const parts = splitMultiValue(text);
        if (clusterOf(text) === null && parts.length > 0 && parts.every((p) => programAreaOf(p) !== null)) areas++;
      }
      if (filled === 0 || areas * 2 <= filled) continue;
      ctx.report({
        table: t, at: "header", field: "cluster",
        message: `Column ${q(t.headerOf("cluster") ?? "cluster")} holds program areas on ${areas} of ${filled} rows, but WISEdata expects the concentrator's career cluster there (one of the 16 clusters, e.g. "Information Technology"; DPI compares it with the Cluster column of the IAC to Cluster list). DPI 6800 will fire on each of these rows: report the cluster of the student's IAC in this column (program areas belong in the course setup's CTE Department).`,
      });
    }
  },
};

export const IAC_CLUSTER_MISMATCH: RuleDef = {
  id: "IAC-CLUSTER-MISMATCH", topic: "career-clusters", severity: "warning", dpi: "6800",
  description: "IAC and cluster do not belong together: an error against a loaded DPI IAC to Cluster list (DPI 6800), a warning against the built-in derived crosswalk.",
};

/**
 * IAC-MISSING's pass reads each concentrator row's IAC and cluster once and reports every IAC and
 * cluster rule above.
 */
export const IAC_MISSING: RuleDef = {
  id: "IAC-MISSING", topic: "iac-codes", severity: "error",
  description: "A concentrator without an IAC.",
  run: (ctx) => {
  const list = ctx.reference.iacList;
  for (const t of ctx.tables("concentrators")) {
    const hasIac = t.has("iac");
    const hasCluster = t.has("cluster");
    for (const r of t.rows) {
      let iac: string | null = null;
      if (hasIac) {
        if (t.blank(r, "iac")) {
          ctx.report({ table: t, at: r, field: "iac", rule: IAC_MISSING, message: "IAC is blank. Report one IAC (CIP code) for every CTE concentrator: the code of the school-designed pathway the student concentrated in." });
        } else if (!t.isError(r, "iac")) {
          const raw = t.raw(r, "iac") ?? null;
          const text = t.text(r, "iac");
          const n = normalizeIac(raw, t.source);
          if (n.iac === null) {
            ctx.report({ table: t, at: r, field: "iac", rule: IAC_INVALID_FORMAT, message: `IAC ${q(text)} is not a CIP code. Use the four-digit series form NN.NN, e.g. 01.09.` });
          } else {
            iac = n.iac;
            if (n.storedAsNumber) {
              const how = typeof raw === "number" ? "is stored as a number" : n.wholeNumberText ? "was saved as a whole number (Excel dropped its zeros)" : "lost a zero";
              ctx.report({ table: t, at: r, field: "iac", rule: IAC_STORED_AS_NUMBER, message: `IAC ${q(text)} ${how}; it reads as ${iac}. Format the column as Text and enter ${iac} (Excel drops zeros from codes).` });
            }
            if (list) {
              const entry = list.entries.get(iac);
              if (!entry) {
                ctx.report({ table: t, at: r, field: "iac", rule: IAC_UNKNOWN, severity: "error", message: `IAC ${iac} is not on the DPI IAC to Cluster list (${list.source}). Choose an IAC from DPI's list.` });
              } else if (list.marksSuggested && entry.suggested !== true) {
                ctx.report({ table: t, at: r, field: "iac", rule: IAC_NOT_SUGGESTED, message: `IAC ${iac} is valid but not one of DPI's suggested IACs. Confirm it is the right code for the pathway.` });
              }
            } else if (!CIP2020_SERIES.has(iac)) {
              ctx.report({ table: t, at: r, field: "iac", rule: IAC_UNKNOWN, message: `IAC ${iac} is not a CIP 2020 four-digit series. Check the code against DPI's IAC list.` });
              iac = null;
            }
          }
        }
      }
      if (!hasCluster) continue;
      if (t.blank(r, "cluster")) {
        ctx.report({ table: t, at: r, field: "cluster", rule: CLUSTER_MISSING, message: "Cluster is blank. Report a single career cluster (Career Pathway Type) for every CTE concentrator." });
        continue;
      }
      const clusterText = t.present(r, "cluster");
      if (clusterText === null) continue;
      const canonical = clusterOf(clusterText);
      const onDpiList = list !== null && iac !== null && list.entries.get(iac)?.clusterKeys.has(clusterKey(clusterText)) === true;
      if (canonical === null && !onDpiList) {
        ctx.report({ table: t, at: r, field: "cluster", rule: CLUSTER_UNKNOWN, message: `Cluster ${q(clusterText)} is not one of the 16 career clusters. Use the cluster title, e.g. "Information Technology".` });
        continue;
      }
      if (iac === null) continue;
      if (list) {
        const entry = list.entries.get(iac);
        if (entry && !entry.clusterKeys.has(clusterKey(clusterText))) {
          ctx.report({ table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, severity: "error", message: `IAC ${iac} and cluster ${q(clusterText)} are not a pair on DPI's IAC to Cluster list (DPI 6800); the list gives ${entry.clusters.map(q).join(" or ")}. Correct the IAC or the cluster.` });
        }
      } else {
        const expected = IAC_DEFAULT_CLUSTER.get(iac);
        if (expected === undefined) continue;
        if (expected === null) {
          ctx.report({ table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, message: `IAC ${iac} (${CIP2020_SERIES.get(iac) ?? "CIP series"}) belongs to no CTE career cluster in our derived crosswalk. Confirm against DPI's IAC to Cluster list (load it for an exact check).` });
        } else if (expected !== canonical) {
          ctx.report({ table: t, at: r, field: "cluster", rule: IAC_CLUSTER_MISMATCH, message: `IAC ${iac} usually belongs to ${q(expected)}, not ${q(clusterText)}. Check the pair against DPI's IAC to Cluster list (DPI 6800; load the list for an exact check).` });
        }
      }
    }
  }
  },
};
