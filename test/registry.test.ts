import * as fs from "fs";
import * as path from "path";
import { RULES, ruleById } from "../src/core/rules/registry";
import { TOPICS } from "../src/core/report";

/** Every rule id of the product contract (the README rule table, docs/rules.md): ids are a stable contract. */
const SPEC_IDS = `AP-CODE-MISMATCH APIB-CODE-INCONSISTENT APIB-TITLE-MISMATCH CERT-STATUS-DUPLICATE CERT-STATUS-INVALID
CERT-STATUS-WRONG-PROGRAM CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS CLUSTER-MISSING CLUSTER-UNKNOWN COLUMN-DUPLICATE COLUMN-INFERRED COLUMN-MISSING CONCENTRATOR-MULTIPLE-PATHWAYS
CONCENTRATOR-NOT-PARTICIPANT COURSE-CODE-DEPRECATED COURSE-CODE-MISSING COURSE-CODE-UNKNOWN CTE-DEPARTMENT-MISMATCH
DUAL-ENROLLMENT-FLAG-MISSING DUPLICATE-ROW EXIT-TYPE-UNKNOWN GRADE-INVALID GRADE-MISSING GRADE-OUT-OF-RANGE
HSC-CREDENTIAL-MISSING HSC-NOT-GRADE-12 IAC-CLUSTER-MISMATCH IAC-INVALID-FORMAT IAC-MISSING IAC-NOT-SUGGESTED
IAC-STORED-AS-NUMBER IAC-UNKNOWN IB-CODE-MISMATCH IRC-PROGRAM-UNKNOWN IRC-STATUS-MISSING PROGRAM-AREA-COVERAGE
PROGRAM-AREA-MISSING PROGRAM-AREA-UNKNOWN RECORD-FIELD-COUNT SENIOR-EXIT-MISSING SENIOR-EXIT-NOT-HSC SHEET-UNRECOGNIZED SINGLE-PARENT-GRADE SINGLE-PARENT-INVALID
STUDENT-ID-MISSING VALUE-ERROR WBL-HOURS-BELOW-MINIMUM WBL-PROGRAM-RETIRED WBL-PROGRAM-UNKNOWN WBL-STATUS-MISSING`.split(/\s+/);

/** The concentrator finder's ids (issue 13: pathway plan, coursework, last year's concentrators), as stable as the spec's. */
const FINDER_IDS = `POSSIBLE-CONCENTRATOR CONCENTRATOR-NOT-SUPPORTED CONCENTRATOR-QUALIFIES-MULTIPLE IAC-NOT-COURSEWORK-PATHWAY
CONCENTRATOR-NOT-CONTINUED IAC-CHANGED-SINCE-LAST-YEAR`.split(/\s+/);

test("the registry holds exactly the contract's rule ids and the finder's, once each", () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...SPEC_IDS, ...FINDER_IDS].sort());
  for (const id of FINDER_IDS) expect(ruleById(id)?.topic).toBe("possible-concentrators");
});

test("rules carry a topic, a description and DPI numbers where the spec names one", () => {
  for (const r of RULES) {
    expect(TOPICS).toContain(r.topic);
    expect(r.description.length).toBeGreaterThan(20);
  }
  const dpi = Object.fromEntries(RULES.filter((r) => r.dpi).map((r) => [r.id, r.dpi]));
  expect(dpi).toMatchObject({
    "IAC-CLUSTER-MISMATCH": "6800",
    "HSC-NOT-GRADE-12": "6498",
    "HSC-CREDENTIAL-MISSING": "6493",
    "CERT-STATUS-WRONG-PROGRAM": "6915",
    "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS": "6800",
    "CERT-STATUS-DUPLICATE": "6794",
    "COURSE-CODE-DEPRECATED": "6798",
  });
  expect(ruleById(" iac-missing ")?.id).toBe("IAC-MISSING");
});

test("the README's rule table is generated from the registry and up to date", () => {
  const root = path.join(__dirname, "..");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { render } = require("../scripts/rules-doc.ts");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  expect(render(readme)).toBe(readme);
  for (const r of RULES) expect(readme).toContain(`\`${r.id}\``);
});
