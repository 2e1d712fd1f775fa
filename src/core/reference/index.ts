/** Built-in reference data, generated from reference-data/*.csv (see reference-data/README.md). */
export { CIP2020_SERIES } from "./cip";
export { CLUSTERS, IAC_DEFAULT_CLUSTER } from "./clusters";
export type { CareerCluster } from "./clusters";
export { PROGRAM_AREAS } from "./program-areas";
export type { ProgramArea } from "./program-areas";
export { CREDENTIAL_TYPES, EXIT_TYPES, REGULAR_DIPLOMA_CODE } from "./completion";
export type { CredentialType, ExitType } from "./completion";
export {
  CERTIFICATED_STATUSES,
  CERTIFIED_PROGRAM_TYPES,
  DUAL_ENROLLMENT_PROGRAMS,
  IRC_PROGRAMS,
  NON_CERTIFIED_PROGRAM_TYPE,
  WBL_PROGRAMS,
} from "./programs";
export type { CertificatedStatus, CertificatedStatusCode, DualEnrollmentProgram, IrcProgram, WblProgram } from "./programs";
export { VALIDATION_RULES } from "./validation-rules";
export type { ValidationRule } from "./validation-rules";
