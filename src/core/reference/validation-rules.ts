import { VALIDATION_RULE_ROWS } from "./generated";

export interface ValidationRule {
  /** WISEdata validation number ("6800"), null when the source did not give one. */
  readonly number: string | null;
  readonly severity: string;
  readonly shortText: string;
  /** Source URL(s) as in the CSV (several are separated by " ; "). */
  readonly sourceUrl: string;
}

/** Published WISEdata validations the rules mirror. */
export const VALIDATION_RULES: readonly ValidationRule[] = VALIDATION_RULE_ROWS;
