import { PROGRAM_AREA_ROWS } from "./generated";

export interface ProgramArea {
  /** Name as in program-areas.csv (the snapshot preparation guide's spelling). */
  readonly name: string;
  /** Abbreviation used on the DEMO pages. */
  readonly short: string;
  readonly aliases: readonly string[];
}

type ProgramAreaName = (typeof PROGRAM_AREA_ROWS)[number]["name"];

/** DEMO page abbreviations; the Record type makes a new CSV row fail to compile until it has one. */
const SHORT: Readonly<Record<ProgramAreaName, string>> = {
  "Agriculture and Natural Resources Education": "Ag",
  "Business and Information Technology Education": "Bus",
  "Marketing Education": "Mar",
  "Family and Consumer Science Education": "FCS",
  "Technology and Engineering Education": "Tech Ed",
  "Health Science Education": "Health Sci",
};

/** The six Wisconsin CTE program areas. */
export const PROGRAM_AREAS: readonly ProgramArea[] = PROGRAM_AREA_ROWS.map((row) => ({ ...row, short: SHORT[row.name] }));
