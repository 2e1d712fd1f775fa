/**
 * Synthetic Findings-sheet rows of any size with realistic text lengths, for the gateway tests and the bench:
 * every 5th an error (errors cannot be acknowledged), every 7th already open, student ids with leading zeros.
 */
import { TOPICS } from "../../src/core/report";
import type { WorklistRow } from "../../src/core/tracking";

export function syntheticWorklist(n: number, sheet = "CTE Participants"): WorklistRow[] {
  return Array.from({ length: n }, (_, i) => {
    const rule = i % 5 === 0 ? "GRADE-OUT-OF-RANGE" : "IAC-FORMAT";
    const id = String(i).padStart(10, "0");
    return {
      status: i % 7 === 0 ? "open" : "new",
      severity: i % 5 === 0 ? "error" : "warning",
      topic: TOPICS[i % TOPICS.length],
      rule,
      sheet,
      cell: `C${i + 2}`,
      row: i + 2,
      subject: id,
      message: `Grade level 7 is outside 9-12 for a CTE participant (row ${i + 2}); the export should hold high-school students only.`,
      fix: "Correct the grade level in the SIS (or exclude the student from the CTE roster), re-sync, and download the export again.",
      assignedTo: "",
      teamNote: "",
      ackReason: "",
      firstSeen: "2026-11-20",
      fixedOn: "",
      key: `${rule}|participants|student:${id}|grade`,
    };
  });
}
