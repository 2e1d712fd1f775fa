import { CERTIFICATED_STATUS_ROWS, DUAL_ENROLLMENT_ROWS, IRC_PROGRAM_ROWS, PROGRAM_TYPE_ROWS, WBL_PROGRAM_ROWS } from "./generated";

export interface IrcProgram {
  readonly name: string;
  readonly aliases: readonly string[];
}

export interface WblProgram {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Minimum hours (90 unless the program sets more). */
  readonly minHours: number;
  /** Last school year the program is valid ("2025-26"), null while current. */
  readonly validThrough: string | null;
  /** Certified WBL: needs a certificated program status (Youth Apprenticeship, the State Co-op programs). */
  readonly certified: boolean;
}

export type CertificatedStatusCode = "A" | "B" | "C" | "D";

export interface CertificatedStatus {
  readonly code: CertificatedStatusCode;
  readonly meaning: string;
}

export interface DualEnrollmentProgram {
  readonly name: string;
  /** Abbreviation (ECCP, TC ...), null when the program has none (Start College Now). */
  readonly code: string | null;
  readonly current: boolean;
}

type WblProgramName = (typeof WBL_PROGRAM_ROWS)[number]["name"];
type ProgramTypeName = (typeof PROGRAM_TYPE_ROWS)[number]["name"];

/** Which WBL programs are certified; the Record type makes a new CSV row fail to compile until it is classified. */
const WBL_CERTIFIED: Readonly<Record<WblProgramName, boolean>> = {
  "Internship/Local Co-op": false,
  "Supervised Agricultural Experience": false,
  Simulation: false,
  "School-based Enterprise": false,
  "Entrepreneurship Student Business": false,
  "State Coop: DPI Occupational": true,
  "State Coop: Employability Skills": true,
  "Youth Apprenticeship": true,
};

/** The five IRC program names of the snapshot preparation guide. */
export const IRC_PROGRAMS: readonly IrcProgram[] = IRC_PROGRAM_ROWS;

/** The eight WBL programs of the snapshot preparation guide. */
export const WBL_PROGRAMS: readonly WblProgram[] = WBL_PROGRAM_ROWS.map((row) => ({ ...row, certified: WBL_CERTIFIED[row.name] }));

/** Certificated program statuses A-D. */
export const CERTIFICATED_STATUSES: readonly CertificatedStatus[] = CERTIFICATED_STATUS_ROWS;

/** Program types that take a certificated status (DPI 6915): the 2024-25 name first, then its earlier name. */
export const CERTIFIED_PROGRAM_TYPES: readonly string[] = [
  "Industry Recognized Credentials",
  "Certified Career Education",
] satisfies readonly ProgramTypeName[];

export const NON_CERTIFIED_PROGRAM_TYPE = "Non-Certified Career Education" satisfies ProgramTypeName;

/** Dual-enrollment programs (career-ed-programs.csv); legacy codes are kept so old titles still match. */
export const DUAL_ENROLLMENT_PROGRAMS: readonly DualEnrollmentProgram[] = DUAL_ENROLLMENT_ROWS;
