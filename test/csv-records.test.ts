/**
 * CSV records that do not line up with their header record (RECORD-FIELD-COUNT), and the sensitive
 * columns' spellings: a single-parent or homeless value never reaches another field or any output.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChecklist } from "../src/core/engine";
import { isSensitiveHeader, recognize } from "../src/core/recognize";
import { cli, parseReport } from "./helpers/e2e";

const SECRET = "ZQXSECRET";

test.each([
  ["Single Parent (Y/N)", "singleParent"],
  ["Single Parent Y/N", "singleParent"],
  ["Single-Parent Flag", "singleParent"],
  ["Homeless (McKinney-Vento)", "homeless"],
  ["McKinney-Vento Homeless", "homeless"],
  ["Homeless Y/N", "homeless"],
])("the header %s is the sensitive field %s, and the sheet is a demographics export", (header, field) => {
  expect(isSensitiveHeader(header)).toBe(true);
  const r = recognize([["Student ID", "Grade", header]]);
  expect(r.kind).toBe("demographics");
  expect(r.mapping.columns).toMatchObject({ studentId: 0, grade: 1, [field]: 2 });
});

test("short and long CSV records are one RECORD-FIELD-COUNT warning each (record, field counts) and are not checked", () => {
  const rows = [
    ["Student ID", "Grade", "Single Parent (Y/N)", "Homeless (McKinney-Vento)"],
    ["1234567890", "11", "N", "N"],
    ["1234567891", `${SECRET}1`, "N"], // short: a field is missing, the sensitive value moved left
    ["1234567892", "12", "N", "N", `${SECRET}2`], // long
    ["1234567893", "12", "N", "N", "", ""], // a trailing separator: extras are empty, the record lines up
    [null],
  ];
  const { report } = runChecklist([{ name: "Demographics", rows, source: "csv" }], { schoolYear: "2025-26" });
  const counts = report.findings.filter((f) => f.rule === "RECORD-FIELD-COUNT");
  expect(counts.map((f) => [f.row, f.severity, f.topic])).toEqual([
    [3, "warning", "structure"],
    [4, "warning", "structure"],
  ]);
  expect(counts[0].message).toMatch(/^Record 3 has 3 fields, fewer than the 4 of the header record/);
  expect(counts[1].message).toMatch(/^Record 4 has 5 fields, more than the 4 of the header record/);
  expect(JSON.stringify(report)).not.toContain(SECRET);
  expect(report.findings.filter((f) => f.rule.startsWith("GRADE-"))).toEqual([]);
  expect(report.sheets[0]).toMatchObject({ kind: "demographics", dataRows: 2 });
  // A workbook's rows are cells, not records: a short row there is just empty cells.
  const workbook = runChecklist([{ name: "Demographics", rows: rows.slice(0, 3) }], { schoolYear: "2025-26" }).report;
  expect(workbook.findings.filter((f) => f.rule === "RECORD-FIELD-COUNT")).toEqual([]);
});

test("cte-check on a demographics CSV with a short record never prints a single-parent or homeless value", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-records-"));
  try {
    const file = path.join(dir, "Demographics.csv");
    fs.writeFileSync(
      file,
      [
        "Student ID,Student Name,Grade,Single Parent (Y/N),Homeless (McKinney-Vento)",
        `1234567890,Ann Lee,11,${SECRET}A,${SECRET}B`,
        `1234567891,Bo Park,${SECRET}C,N`,
        `1234567892,Cy Ng,12,N,N,${SECRET}D`,
        "",
      ].join("\r\n"),
    );
    for (const args of [["--json", file], [file]]) {
      const r = await cli(args);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      if (args[0] === "--json") {
        const report = parseReport(r.stdout);
        expect(report.sheets[0].kind).toBe("demographics");
        expect(report.findings.filter((f) => f.rule === "RECORD-FIELD-COUNT").map((f) => f.row)).toEqual([3, 4]);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
