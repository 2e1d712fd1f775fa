/**
 * Synthetic district exports of any size, with problems planted at fixed intervals, for the gateway, the
 * pane and the Chromium tests. Values are what Office.js hands over: "" for empty cells, numbers as numbers.
 */

export type Cell = string | number | boolean;
export interface GeneratedSheet {
  name: string;
  rows: Cell[][];
}

const SCHOOLS = ["Badger Valley High School", "Badger Valley Virtual Academy"];

/** CTE Participant export: every 50th (`badGradeEvery`) student in grade 7 (error), every 97th without an id (error). */
export function participantsSheet(rows: number, name = "CTE Participants", badGradeEvery = 50): GeneratedSheet {
  const out: Cell[][] = [["Student ID", "Student Name", "Grade Level", "School", "CTE Course Count"]];
  for (let i = 1; i <= rows; i++) {
    const id = i % 97 === 0 ? "" : String(9_000_000_000 + i);
    const grade = i % badGradeEvery === 0 ? 7 : 9 + (i % 4);
    out.push([id, `Student ${String(i).padStart(5, "0")}`, grade, SCHOOLS[i % 2], 1 + (i % 3)]);
  }
  return { name, rows: out };
}

/**
 * Career Concentrators export: grade 11/12, IAC 01.09 with its cluster; every 40th IAC a number (warning),
 * every 61st IAC blank (error), every 83rd in grade 10 (error).
 */
export function concentratorsSheet(rows: number, name = "Career Concentrators"): GeneratedSheet {
  const out: Cell[][] = [
    ["WSN", "Student Name", "Grade Level", "School", "CTE Concentration IAC Code", "CTE Concentration Program Area", "Program Area"],
  ];
  for (let i = 1; i <= rows; i++) {
    const iac: Cell = i % 61 === 0 ? "" : i % 40 === 0 ? 1.09 : "01.09";
    const grade = i % 83 === 0 ? 10 : 11 + (i % 2);
    out.push([
      String(9_100_000_000 + i),
      `Student ${i}`,
      grade,
      SCHOOLS[i % 2],
      iac,
      "Agriculture, Food & Natural Resources",
      "Agriculture and Natural Resources Education",
    ]);
  }
  return { name, rows: out };
}

/** Student Demographics export (sensitive columns): every 30th row single parent in grade 9 (error). */
export function demographicsSheet(rows: number, name = "Student Demographics"): GeneratedSheet {
  const out: Cell[][] = [["WSN", "Student Name", "Grade Level", "Single Parent", "Homeless"]];
  for (let i = 1; i <= rows; i++) {
    const sp = i % 30 === 0 ? "Y" : "N";
    const grade = i % 30 === 0 ? 9 : 11;
    out.push([String(9_200_000_000 + i), `Student ${i}`, grade, sp, i % 45 === 0 ? "Y" : "N"]);
  }
  return { name, rows: out };
}

/** A sheet the checklist does not recognise. */
export function notesSheet(name = "Notes"): GeneratedSheet {
  return { name, rows: [["Notes from the CTE core team"], ["Re-export after fixing the SIS."]] };
}

/** A district whose biggest export has `rows` rows. */
export function district(rows: number): GeneratedSheet[] {
  const small = Math.min(rows, 1000);
  return [participantsSheet(rows), concentratorsSheet(small), demographicsSheet(Math.min(rows, 300)), notesSheet()];
}
