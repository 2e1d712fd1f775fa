import { CLUSTER_ROWS, IAC_CLUSTER_ROWS } from "./generated";

export interface CareerCluster {
  /** Canonical title, as in the first column of clusters.csv. */
  readonly title: string;
  /** Other accepted spellings ("and" for "&", "Marketing" ...). */
  readonly aliases: readonly string[];
}

/** The 16 career clusters Wisconsin keeps through 2025-26. */
export const CLUSTERS: readonly CareerCluster[] = CLUSTER_ROWS;

/**
 * IAC -> default cluster title from the project's derived crosswalk (iac-cluster-derived.csv), null when
 * the series has no CTE cluster. Only a warning source: a loaded DPI IAC to Cluster list replaces it.
 */
export const IAC_DEFAULT_CLUSTER: ReadonlyMap<string, string | null> = new Map<string, string | null>(IAC_CLUSTER_ROWS);
