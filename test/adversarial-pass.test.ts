/**
 * Adversarial pass over the merged recognition and corrections: files a new user or a hostile source would
 * give cte-check (SIS spellings, header-only exports, dates in grade columns, odd sheet names in corrections,
 * sensitive headers spelled as SIS reports spell them). Each case is a category, with a near miss beside it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, parseReport, writeCsv } from "./helpers/e2e";
import { recognize } from "../src/core/recognize";
import { normalizeGrade } from "../src/core/normalize";
import { isSummaryRow } from "../src/core/summaryRow";

let dir: string;
const file = (name: string) => path.join(dir, name);
const HS = "Health Science";
const AFNR = "Agriculture, Food & Natural Resources";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cte-adversarial-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a recognised export without data rows is never a pass", () => {
  const header = ["Student ID", "Student Name", "Grade", "CTE Concentration IAC Code", "Cluster"];
  it("a header-only concentrators file: its topics are not PASS, and the run says nothing was checked (exit 3)", async () => {
    writeCsv(file("header only.csv"), [header]);
    const r = await cli(["--json", file("header only.csv")]);
    const report = parseReport(r.stdout);
    for (const topic of ["cte-concentrators", "iac-codes", "career-clusters"]) {
      expect(report.checklist.find((t) => t.topic === topic)?.status).toBe("no-data");
    }
    expect(report.nothingChecked).toBe(true);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no data rows/);
    const text = await cli([file("header only.csv")]);
    expect(text.code).toBe(3);
    expect(text.stdout).not.toMatch(/\bPASS\b/);
  });
  it("an export whose only rows are totals is the same case", async () => {
    writeCsv(file("totals only.csv"), [header, ["Grand Total", "", "", "", ""], ["Total Records: 12", "", "", "", ""]]);
    const r = await cli(["--json", file("totals only.csv")]);
    expect(r.code).toBe(3);
    expect(parseReport(r.stdout).checklist.find((t) => t.topic === "iac-codes")?.status).toBe("no-data");
  });
  it("near miss: one student row is checked and passes", async () => {
    writeCsv(file("one row.csv"), [header, ["9000000001", "A", "12", "51.39", HS]]);
    const r = await cli(["--json", file("one row.csv")]);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.nothingChecked).toBe(false);
    expect(report.checklist.find((t) => t.topic === "iac-codes")?.status).toBe("pass");
  });
  it("an empty participants sheet beside a checked concentrators file: participants is no-data, the run is checked", async () => {
    writeCsv(file("participants empty.csv"), [["Student ID", "Grade"]]);
    const r = await cli(["--json", file("one row.csv"), file("participants empty.csv")]);
    const report = parseReport(r.stdout);
    expect(report.nothingChecked).toBe(false);
    expect(report.checklist.find((t) => t.topic === "cte-participants")?.status).toBe("no-data");
  });
});

describe("sensitive headers wherever the element's name sits in them", () => {
  const spellings = [
    "Stu Single Parent",
    "Pregnant/Single Parent",
    "Is Homeless",
    "Unaccompanied Homeless Youth",
    "Primary Nighttime Residence",
  ];
  it.each(spellings)("‘%s’ makes a demographics export, and its yes/no column is never read as another field", (h) => {
    const rows = [
      ["Student ID", "Student Name", "Grade", h],
      ["9000000001", "A", "11", "Y"],
      ["9000000002", "B", "10", "N"],
      ["9000000003", "C", "12", "N"],
    ];
    const r = recognize(rows);
    expect(r.kind).toBe("demographics");
    expect(r.inferred).toEqual([]);
    expect(Object.values(r.mapping.columns)).toContain(3);
  });
  it("a sensitive value in such a column is never echoed, whatever the run prints", async () => {
    writeCsv(file("demo sis.csv"), [
      ["Student ID", "Grade", "Stu Single Parent", "Is Homeless"],
      ["9000000001", "11", "Y", "N"],
      ["9000000002", "10", "QZSECRETVALUE", "Maybe-Unusual"],
      ["9000000002", "10", "QZSECRETVALUE", "Maybe-Unusual"],
      ["9000000003", "12", "N"],
    ]);
    for (const argv of [["--json"], [], ["--recognize"]]) {
      const r = await cli([...argv, file("demo sis.csv")]);
      expect(r.stdout + r.stderr).not.toMatch(/QZSECRET|Maybe-Unusual/);
    }
  });
  it("near miss: headers that merely mention parents or housing elsewhere stay what they were", () => {
    expect(
      recognize([
        ["Student ID", "Grade", "Parent Email"],
        ["9000000001", "11", "a@b.org"],
      ]).kind,
    ).toBe("participants");
  });
});

describe("Excel's dates in a grade column are not grades", () => {
  it.each(["12-Nov", "11-Dec-2026", "9 - Sep"])("%s is not a grade", (v) => expect(normalizeGrade(v)).toBeNull());
  it.each([
    ["12 - Twelfth Grade", 12],
    ["KG - Kindergarten", 0],
    ["09 - Ninth", 9],
    ["Gr. 12", 12],
    ["12.0", 12],
    ["11th Grade", 11],
  ])("near miss: SIS descriptors still read: %s", (v, n) => expect(normalizeGrade(v)).toBe(n));
});

describe("corrections name sheets as the user types them", () => {
  const rows = [
    ["Code", "Student ID", "Grade", "Clu"],
    ["01.09", "9000000001", "12", "Agriculture, Food & Natural Resources"],
  ];
  it("--column on a sheet whose name holds '=' and ':'", async () => {
    writeCsv(file("a=b.csv"), rows);
    writeCsv(file("x:y=z.csv"), rows);
    for (const sheet of ["a=b", "x:y=z"]) {
      const flags = ["--kind", `${sheet}=concentrators`, "--column", `${sheet}:iac=Code`, "--column", `${sheet}:cluster=Clu`];
      const r = await cli(["--json", ...flags, file(`${sheet}.csv`)]);
      expect(r.stderr).toBe("");
      const s = parseReport(r.stdout).sheets[0];
      expect(s.decidedBy).toMatchObject({ iac: "user", cluster: "user" });
    }
  });
  it("a header holding '=' and ':' after the field", async () => {
    writeCsv(file("eq header.csv"), [["IAC: code=text", "Student ID", "Grade", "Clu"], rows[1]]);
    const r = await cli(["--json", "--kind", "eq header=concentrators", "--column", "eq header:iac=IAC: code=text", file("eq header.csv")]);
    expect(r.stderr).toBe("");
    expect(parseReport(r.stdout).sheets[0].columns.iac).toBe("IAC: code=text");
  });
  it("a sheet name typed in another Unicode form (a Mac file name is decomposed) is the same sheet", async () => {
    const decomposed = "Cafe\u0301 list";
    writeCsv(file(`${decomposed}.csv`), rows);
    const r = await cli(["--json", "--kind", "Caf\u00e9 list=concentrators", file(`${decomposed}.csv`)]);
    expect(r.stderr).toBe("");
    expect(parseReport(r.stdout).sheets[0].kind).toBe("concentrators");
  });
  it("a name copied from the JSON report, with the apostrophe it puts before a formula-like name", async () => {
    writeCsv(file("=budget sheet.csv"), rows);
    const r = await cli(["--json", "--kind", "'=budget sheet=concentrators", file("=budget sheet.csv")]);
    expect(r.stderr).toBe("");
    const report = parseReport(r.stdout);
    expect(report.sheets[0]).toMatchObject({ sheet: "'=budget sheet", kind: "concentrators" });
  });
  it("near miss: a name of another sheet is still refused, naming the sheets there are", async () => {
    const r = await cli(["--kind", "Cafe list=concentrators", file("a=b.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no sheet or CSV file named ‘Cafe list’/);
  });
});

describe("--json: no user text starts like a formula, wherever it sits in the report", () => {
  const strings = (v: unknown, out: string[] = []): string[] => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const x of v) strings(x, out);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        strings(x, out);
      }
    }
    return out;
  };
  it("headers, sheet names and values that start with = + - @ reach the JSON with a leading apostrophe", async () => {
    writeCsv(file("=cmd|calc.csv"), [
      ["Student ID", "Student Name", '=HYPERLINK("http://x";"IAC")', "@Cluster", "+Grade", "-Program Area"],
      ["9000000001", "=1+1", "01.09", "+SUM(A1)", "12", "@x"],
      ["9000000002", "-1+1", "51.39", "@Cluster", "12", "=y"],
      ["9000000003", "B", "51.39", HS, "12"],
    ]);
    const r = await cli(["--json", file("=cmd|calc.csv")]);
    const report = parseReport(r.stdout);
    expect(report.sheets[0].inferred?.length).toBeGreaterThan(0);
    const raw = strings(JSON.parse(r.stdout));
    expect(raw.filter((s) => /^[=+\-@\t\r]/.test(s))).toEqual([]);
  });
});

describe("SIS abbreviations in headers", () => {
  it("Skyward's Stu ID / Crs Title / State Course Code read as the student id, the local title and the roster code", () => {
    const conc = recognize([
      ["Stu ID", "Stu Name", "GR", "IAC", "Cluster"],
      ["9000000001", "A", "11", "01.09", "Health Science"],
    ]);
    expect(conc.kind).toBe("concentrators");
    expect(conc.inferred).toEqual([]);
    expect(conc.mapping.columns).toMatchObject({ studentId: 0, studentName: 1, grade: 2 });
    const hsc = recognize([
      ["Stu ID", "Grade Lvl", "Exit Type", "Exit Dt"],
      ["9000000001", "12", "HSC", "6/1/2026"],
    ]);
    expect(hsc.mapping.columns).toMatchObject({ grade: 1, exitDate: 3 });
    const wbl = recognize([
      ["Stu ID", "Program Name", "WBL Hrs"],
      ["9000000001", "Internship", "120"],
    ]);
    expect(wbl.mapping.columns).toMatchObject({ hours: 2 });
    const part = recognize([
      ["Student_Number", "LastFirst", "Grade_Level"],
      ["9000000001", "Doe, Jane", "10"],
    ]);
    expect(part.mapping.columns).toMatchObject({ studentId: 0, studentName: 1, grade: 2 });
    const courses = recognize([
      ["Crs Title", "State Course Code", "Local Crs Nbr"],
      ["AP Biology", "05001", "BIO201"],
      ["Welding I", "13001", "WLD1"],
    ]);
    expect(courses.kind).toBe("course-offerings");
    expect(courses.mapping.columns).toMatchObject({ localCourseTitle: 0, rosterCode: 1, localCourseCode: 2 });
  });
  it("near miss: a word that only starts like an abbreviation is not one (Stunt, Crsx)", () => {
    expect(
      recognize([
        ["Stunt ID", "Crsx Title", "Room"],
        ["1", "A", "2"],
      ]).kind,
    ).toBeNull();
  });
});

describe("a header known only for course exports does not hide a student column's values", () => {
  it("an IRC/WBL report whose program names sit under 'Program' is an irc-wbl export, the column reported as inferred", () => {
    const r = recognize([
      ["Stu ID", "Program", "Program Type", "Hours"],
      ["9000000001", "Youth Apprenticeship", "Work Based Learning", "300"],
      ["9000000002", "Employability Skills", "Industry Recognized Credentials", ""],
      ["9000000003", "Internship", "Work Based Learning", "100"],
    ]);
    expect(r.kind).toBe("irc-wbl");
    expect(r.inferred.map((i) => [i.field, i.header])).toEqual([["programName", "Program"]]);
  });
  it("near miss: a course offering's 'Program' column stays the course program", () => {
    const r = recognize([
      ["Local Course Title", "Roster Code", "Local Course Code", "Program"],
      ["AP Biology", "05001", "B1", "AP"],
      ["Welding", "13001", "W1", "CTE"],
    ]);
    expect(r.kind).toBe("course-offerings");
    expect(r.mapping.columns.program).toBe(3);
    expect(r.inferred).toEqual([]);
  });
});

describe("--map files as Windows editors save them", () => {
  const json = JSON.stringify({ "sis conc": { kind: "concentrators", columns: { iac: "Code", cluster: "Clu" } } });
  const encodings: [string, Buffer][] = [
    ["UTF-8 with a byte-order mark (Notepad)", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, "utf8")])],
    ["UTF-16LE with a byte-order mark (PowerShell's >)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")])],
    ["plain UTF-8 (near miss)", Buffer.from(json, "utf8")],
  ];
  it.each(encodings)("%s is read", async (_name, bytes) => {
    writeCsv(file("sis conc.csv"), [
      ["Code", "Student ID", "Grade", "Clu"],
      ["01.09", "9000000001", "12", AFNR],
    ]);
    fs.writeFileSync(file("map.json"), bytes);
    const r = await cli(["--json", "--map", file("map.json"), file("sis conc.csv")]);
    expect(r.stderr).toBe("");
    expect(parseReport(r.stdout).sheets[0].decidedBy).toMatchObject({ iac: "user", cluster: "user" });
  });
});

describe("a line feed in a file, sheet or header name never starts a line of its own", () => {
  const name = "x\n--fake: concentrators\u001b[2J";
  it("--recognize, the corrections error and the progress notes show it escaped", async () => {
    writeCsv(file(`${name}.csv`), [
      ["Student ID", "Grade", "IAC\nfake", "Cluster"],
      ["9000000001", "12", "01.09", HS],
    ]);
    const rec = await cli(["--recognize", file(`${name}.csv`)]);
    expect(rec.stdout).toContain("x\\x0A--fake: concentrators\\x1B[2J");
    expect(rec.stdout.split("\n").some((l) => l.startsWith("--fake"))).toBe(false);
    const refused = await cli(["--kind", "nope=ignore", file(`${name}.csv`)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trimEnd().split("\n")).toHaveLength(1);
    const twice = await cli(["--json", file(`${name}.csv`), file(`${name}.csv`)]);
    expect(
      twice.stderr
        .trimEnd()
        .split("\n")
        .every((l) => l.startsWith("cte-check: ")),
    ).toBe(true);
  });
});

describe("Not checked names the optional column a rule needed", () => {
  it("an IRC/WBL export without status or hours columns lists the status and hours rules, with the sheet and column", async () => {
    writeCsv(file("irc no status.csv"), [
      ["Student ID", "Program Name", "Grade"],
      ["9000000001", "Youth Apprenticeship", "11"],
    ]);
    const report = parseReport((await cli(["--json", file("irc no status.csv")])).stdout);
    const why = Object.fromEntries((report.notChecked ?? []).map((n) => [n.rule, n.why]));
    expect(why["WBL-STATUS-MISSING"]).toMatch(/‘irc no status’\) has no certificatedStatus column/);
    expect(why["WBL-HOURS-BELOW-MINIMUM"]).toMatch(/has no hours column/);
    expect(why["CERT-STATUS-WRONG-PROGRAM"]).toMatch(/certificatedStatus or programType/);
    const text = await cli([file("irc no status.csv")]);
    expect(text.stdout.replace(/\s+/g, " ")).toMatch(/WBL-STATUS-MISSING not run: the Industry-Recognized Credentials/);
  });
  it("near miss: with every column present, none of them is listed", async () => {
    writeCsv(file("irc full.csv"), [
      ["Student ID", "Program Name", "Program Type", "Certificated Program Status", "Hours", "Grade"],
      ["9000000001", "Youth Apprenticeship", "Work Based Learning", "A", "500", "11"],
    ]);
    const report = parseReport((await cli(["--json", file("irc full.csv")])).stdout);
    expect((report.notChecked ?? []).map((n) => n.rule)).toEqual([]);
  });
  it("an HS completion export without a credential column lists HSC-CREDENTIAL-MISSING", async () => {
    writeCsv(file("hsc bare.csv"), [
      ["Student ID", "Exit Type", "Grade"],
      ["9000000001", "HSC", "12"],
    ]);
    const report = parseReport((await cli(["--json", file("hsc bare.csv")])).stdout);
    expect((report.notChecked ?? []).map((n) => n.rule)).toEqual(["HSC-CREDENTIAL-MISSING"]);
  });
});

describe("SIS report footers are not students", () => {
  it.each(["Page 1 of 3", "Number of records: 412", "Records: 12", "Report generated 11/29/2026 3:14 PM", "Printed on 11/29/2026"])(
    "‘%s’ alone in its row is skipped",
    (label) => expect(isSummaryRow(["", label, "", ""])).toBe(true),
  );
  it.each([
    ["a footer word beside student data", ["9000000001", "Page", "12"]],
    ["a student named like a footer word", ["Page Turner"]],
    ["a record count beside a name", ["Records: 12", "Jane"]],
    ["a footer with other words", ["Page 1 of 3 for Jane Doe"]],
  ])("near miss: %s is a record", (_name, cells) => expect(isSummaryRow(cells)).toBe(false));
  it("a concentrators CSV ending in footer lines counts only its students", async () => {
    writeCsv(file("footers.csv"), [
      ["Student ID", "Student Name", "Grade", "IAC", "Cluster"],
      ["9000000001", "A", "12", "51.39", HS],
      ["Number of records: 1"],
      ["Report generated 11/29/2026 3:14 PM"],
      ["Page 1 of 1"],
    ]);
    const r = await cli(["--json", file("footers.csv")]);
    const report = parseReport(r.stdout);
    expect(report.sheets[0].dataRows).toBe(1);
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("messages built from headers stay short, whatever the header row holds", () => {
  it("a header repeated 10,000 times: one COLUMN-DUPLICATE naming a few columns and counting the rest", async () => {
    const n = 10_000;
    writeCsv(file("repeated.csv"), [
      [...Array<string>(n).fill("Student ID"), "Grade"],
      [...Array<string>(n).fill("9000000001"), "11"],
    ]);
    const report = parseReport((await cli(["--json", file("repeated.csv")])).stdout);
    const dup = report.findings.filter((f) => f.rule === "COLUMN-DUPLICATE");
    expect(dup).toHaveLength(1);
    expect(dup[0].message.length).toBeLessThan(400);
    expect(dup[0].message).toMatch(/and 9997 more/);
  });
  it("a megabyte header read from its values: the note and --recognize show its start only", async () => {
    const big = `Code ${"x".repeat(1_000_000)}`;
    writeCsv(file("big header.csv"), [
      [big, "Student ID", "Grade", "Cluster"],
      ["01.09", "9000000001", "12", AFNR],
    ]);
    const report = parseReport((await cli(["--json", file("big header.csv")])).stdout);
    expect(report.sheets[0].note!.length).toBeLessThan(400);
    const rec = await cli(["--recognize", file("big header.csv")]);
    expect(rec.stdout.length).toBeLessThan(2000);
  });
  it("near miss: two duplicate columns are both named", async () => {
    writeCsv(file("two ids.csv"), [
      ["Student ID", "Student ID", "Grade"],
      ["9000000001", "9000000001", "11"],
    ]);
    const report = parseReport((await cli(["--json", file("two ids.csv")])).stdout);
    const dup = report.findings.find((f) => f.rule === "COLUMN-DUPLICATE");
    expect(dup?.message).toMatch(/^Columns ‘Student ID’ and ‘Student ID’ both mean studentId/);
  });
});
