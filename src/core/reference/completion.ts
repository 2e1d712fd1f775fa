import { CREDENTIAL_TYPE_ROWS, EXIT_TYPE_ROWS } from "./generated";

export interface ExitType {
  readonly code: string;
  readonly description: string;
  /** True for HSC (high school completion). */
  readonly hsCompletion: boolean;
  readonly note: string;
}

export interface CredentialType {
  readonly code: string;
  readonly description: string;
  /** Current WISEdata code (false: legacy ISES code). */
  readonly current: boolean;
}

export const EXIT_TYPES: readonly ExitType[] = EXIT_TYPE_ROWS;

export const CREDENTIAL_TYPES: readonly CredentialType[] = CREDENTIAL_TYPE_ROWS;

/** Credential type of a regular diploma (pairs with exit type HSC, DPI 6493). */
export const REGULAR_DIPLOMA_CODE = "R";
