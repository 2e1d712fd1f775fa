/**
 * Grade bands per reported element (reference-data/grade-rules.csv and the snapshot preparation guide).
 * One table for the grade rules (GRADE-OUT-OF-RANGE, SINGLE-PARENT-GRADE) and =CTE.ELIGIBLE().
 */
import { indexByKey } from "./codes";
import { foldKey } from "./normalize";

export type EligibilityElement =
  "participant" | "concentrator" | "single-parent" | "irc" | "wbl" | "certificated-status" | "dual-enrollment";

export interface GradeBand {
  readonly element: EligibilityElement;
  /** How the help page and messages name the element. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Other spellings a user may type (folded with foldKey when matched). */
  readonly aliases: readonly string[];
}

export const GRADE_BAND_LIST: readonly GradeBand[] = [
  {
    element: "participant",
    label: "CTE participant",
    min: 9,
    max: 12,
    aliases: ["participant", "participants", "cte participant", "cte participants"],
  },
  {
    element: "concentrator",
    label: "CTE concentrator",
    min: 11,
    max: 12,
    aliases: ["concentrator", "concentrators", "cte concentrator", "cte concentrators", "perkins"],
  },
  {
    element: "single-parent",
    label: "Single parent",
    min: 11,
    max: 12,
    aliases: ["single parent", "single parent indicator", "single parent status", "sp"],
  },
  {
    element: "irc",
    label: "Industry-recognized credential (IRC)",
    min: 9,
    max: 12,
    aliases: ["irc", "ircs", "industry recognized credential", "industry recognized credentials", "credential"],
  },
  {
    element: "wbl",
    label: "Work-based learning (WBL)",
    min: 9,
    max: 12,
    aliases: ["wbl", "work based learning", "work based learning program"],
  },
  {
    element: "certificated-status",
    label: "Certificated program status",
    min: 9,
    max: 12,
    aliases: ["certificated status", "certificated program status", "cert status", "certificated"],
  },
  {
    element: "dual-enrollment",
    label: "Dual enrollment",
    min: 9,
    max: 12,
    aliases: ["dual enrollment", "de", "dual credit", "dual enrolment"],
  },
];

export const GRADE_BANDS: Readonly<Record<EligibilityElement, GradeBand>> = Object.fromEntries(
  GRADE_BAND_LIST.map((b) => [b.element, b]),
) as Record<EligibilityElement, GradeBand>;

const BAND_BY_KEY = indexByKey(GRADE_BAND_LIST, (band) => [band.element, band.label, ...band.aliases]);

/** The band of an element named in any accepted spelling ("IRC", "Single Parent", "concentrators"); null if none. */
export function gradeBandOf(text: string): GradeBand | null {
  return BAND_BY_KEY.get(foldKey(text)) ?? null;
}

/** True when a (normalised) grade lies in the element's band. */
export function inGradeBand(element: EligibilityElement, grade: number): boolean {
  const band = GRADE_BANDS[element];
  return grade >= band.min && grade <= band.max;
}
