#!/usr/bin/env node
/**
 * Writes a SYNTHETIC district workbook for demos and end-to-end tests (see samples/README.md):
 *   samples/district-sample.xlsx              one sheet per WISEdata Portal export, a counselor's own
 *                                             concentrator list with headers no export uses, and a "Notes" sheet
 *   samples/synthetic-dpi-course-catalog.csv  a made-up stand-in for DPI's Roster course download
 *   samples/planted-problems.json             every problem planted on purpose: sheet, row, rule id
 *
 * No real student data: "Badger Valley School District", students "Student 0001"..., fake WSNs
 * (10 digits starting with 9). Output is deterministic: a seeded PRNG (mulberry32), fixed workbook
 * dates and fixed zip entry timestamps, so a re-run gives the same bytes.
 *
 * `npm run gen` writes the three files; `npm run gen -- --check` (through `checkSamples`) writes nothing and
 * names the committed files that differ from what the generator produces (cell values, CSV/JSON text).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

const ROOT = path.join(__dirname, "..");
const OUT_DIR = path.join(ROOT, "samples");
const XLSX_FILE = path.join(OUT_DIR, "district-sample.xlsx");
const CATALOG_FILE = path.join(OUT_DIR, "synthetic-dpi-course-catalog.csv");
const PLANTED_FILE = path.join(OUT_DIR, "planted-problems.json");
const FIXED_DATE = new Date("2026-11-01T00:00:00Z");

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261101);
const randInt = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
function shuffled<T>(list: readonly T[]): T[] {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Reference values (canonical spellings from reference-data/)
const HS = "Badger Valley High School";
const VIRTUAL = "Badger Valley Virtual Academy";
const MIDDLE = "Badger Valley Middle School";

const PA = {
  ag: "Agriculture and Natural Resources Education",
  bus: "Business and Information Technology Education",
  mkt: "Marketing Education",
  fcs: "Family and Consumer Science Education",
  te: "Technology and Engineering Education",
  hs: "Health Science Education",
};
/** Short spellings a district might use in the Program Area column (all accepted aliases). */
const PA_SHORT = { ag: "Ag", bus: "Business", mkt: "Marketing", fcs: "FCS", te: "Tech Ed", hs: "Health Science" };

const CL = {
  afnr: "Agriculture, Food & Natural Resources",
  ac: "Architecture & Construction",
  it: "Information Technology",
  tdl: "Transportation, Distribution & Logistics",
  mfg: "Manufacturing",
  health: "Health Science",
  mss: "Marketing, Sales & Service",
  ht: "Hospitality & Tourism",
  fin: "Finance",
  hum: "Human Services",
  edu: "Education & Training",
};

/** IACs used by clean concentrators: the DEMO page's eight first, then one each for the other areas. */
const IACS = [
  { iac: "01.09", cluster: CL.afnr, area: "ag", weight: 4 },
  { iac: "01.10", cluster: CL.afnr, area: "ag", weight: 2 },
  { iac: "01.11", cluster: CL.afnr, area: "ag", weight: 3 },
  { iac: "11.01", cluster: CL.it, area: "bus", weight: 4 },
  { iac: "11.99", cluster: CL.it, area: "bus", weight: 2 },
  { iac: "46.99", cluster: CL.ac, area: "te", weight: 3 },
  { iac: "47.06", cluster: CL.tdl, area: "te", weight: 3 },
  { iac: "48.05", cluster: CL.mfg, area: "te", weight: 3 },
  { iac: "51.08", cluster: CL.health, area: "hs", weight: 2 },
  { iac: "52.14", cluster: CL.mss, area: "mkt", weight: 1 },
  { iac: "12.05", cluster: CL.ht, area: "fcs", weight: 1 },
];
const IAC_BAG = IACS.flatMap((x) => Array(x.weight).fill(x));

// ---------------------------------------------------------------------------------------------
// Students
const pad4 = (n: number): string => String(n).padStart(4, "0");
interface Student {
  readonly n: number;
  readonly wsn: string;
  readonly localId: number;
  readonly name: string;
  readonly grade: number;
  readonly school: string;
}
const students: Student[] = [];
const usedWsn = new Set<string>();
function addStudent(n: number, grade: number, school: string): Student {
  let wsn: string;
  do wsn = "9" + String(Math.floor(rand() * 1e9)).padStart(9, "0");
  while (usedWsn.has(wsn));
  usedWsn.add(wsn);
  const s: Student = { n, wsn, localId: 240000 + n * 7 + randInt(0, 6), name: `Student ${pad4(n)}`, grade, school };
  students.push(s);
  return s;
}
for (let n = 1; n <= 104; n++) {
  const grade = 9 + Math.floor((n - 1) / 26);
  addStudent(n, grade, rand() < 0.9 ? HS : VIRTUAL);
}
const eighthGrader = addStudent(105, 8, MIDDLE);

const byGrade = (g: number): Student[] => shuffled(students.filter((s) => s.grade === g));
const g9 = byGrade(9),
  g10 = byGrade(10),
  g11 = byGrade(11),
  g12 = byGrade(12);

// Roles. Each list is consumed front to back so no student plays two roles by accident.
const take = (list: Student[], k: number): Student[] => list.splice(0, k);
const conc12 = take(g12, 19);
const conc11 = take(g11, 20);
const conc10 = take(g10, 1)[0];
const extra12 = take(g12, 4); // HSC rows: 2 clean, credential missing, unknown exit type
const extra11 = take(g11, 3); // participants, one is an early (grade 11) HSC
const extra10 = take(g10, 14); // participants
const extra9 = take(g9, 15); // participants; [0] loses its WSN in the participants export
const others = [...take(g9, 3), ...take(g10, 2), ...take(g12, 1)]; // in demographics only

// ---------------------------------------------------------------------------------------------
// Planting helpers
/** A problem planted on purpose: its rule id, and whether it fires only with DPI's course catalog. */
interface Plant {
  readonly rule: string;
  readonly withCatalog: boolean;
}
type CellValue = string | number | Date | { error: string } | null;
/** A data row: cells in header order, the problems planted on it, and a sort key. */
interface DataRow {
  readonly blank?: false;
  readonly cells: CellValue[];
  readonly plant: readonly Plant[];
  readonly key: string;
}
const P = (rule: string, withCatalog = false): Plant => ({ rule, withCatalog: !!withCatalog });
const row = (cells: CellValue[], plant: readonly Plant[] = [], key = ""): DataRow => ({ cells, plant, key });
const BLANK = { blank: true } as const;
type SheetRow = DataRow | typeof BLANK;
const byKey = (a: DataRow, b: DataRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
/** Sorts rows by key (student name), keeping the given order of equal keys. */
const sortRows = (rows: readonly DataRow[]): DataRow[] =>
  rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => byKey(x.r, y.r) || x.i - y.i)
    .map((x) => x.r);
const insertBlank = (rows: readonly SheetRow[], at: number): SheetRow[] => [...rows.slice(0, at), BLANK, ...rows.slice(at)];

// ---------------------------------------------------------------------------------------------
// Career Concentrators
const concRows: DataRow[] = [];
const concentratorWsns = new Set<string>();
let notParticipant: Student | null = null; // a concentrator missing from the participants export
function conc(
  s: Student,
  iac: string | number | null,
  cluster: string | null,
  area: string | null,
  plant: Plant[] = [],
  grade: number | string = s.grade,
): void {
  concentratorWsns.add(s.wsn);
  concRows.push(row([s.wsn, s.name, grade, s.school, iac, cluster, area], plant, s.name));
}
function areaLabel(key: keyof typeof PA): string {
  return rand() < 0.3 ? PA_SHORT[key] : PA[key];
}
function cleanConc(s: Student): void {
  const x = pick(IAC_BAG);
  conc(s, x.iac, x.cluster, areaLabel(x.area));
}
{
  // grade 12: [0] has no HS completion row; three carry IAC/cluster problems but do have HSC rows
  const [senior, iacMissing, clusterUnknown, asNumber11, ...clean12] = conc12;
  conc(senior, "46.99", CL.ac, PA.te, [P("SENIOR-EXIT-MISSING")]);
  conc(iacMissing, null, CL.mfg, PA_SHORT.te, [P("IAC-MISSING")]);
  conc(clusterUnknown, "48.05", "Advanced Manufacturing", PA.te, [P("CLUSTER-UNKNOWN")]);
  conc(asNumber11, 11.01, CL.it, PA.bus, [P("IAC-STORED-AS-NUMBER")]);
  clean12.forEach(cleanConc);

  const [multi, absent, invalidFormat, unknownIac, clusterMissing, mismatch, areaMissing, areaUnknown, asNumber1, twoAreas, ...clean11] =
    conc11;
  conc(multi, "01.10", CL.afnr, PA_SHORT.ag, [P("CONCENTRATOR-MULTIPLE-PATHWAYS")]);
  conc(multi, "47.06", CL.tdl, PA_SHORT.te, [P("CONCENTRATOR-MULTIPLE-PATHWAYS")]);
  notParticipant = absent;
  conc(absent, "11.99", CL.it, PA.bus, [P("CONCENTRATOR-NOT-PARTICIPANT")]);
  conc(invalidFormat, "Animal Science", CL.afnr, PA.ag, [P("IAC-INVALID-FORMAT")]);
  conc(unknownIac, "99.99", CL.it, PA.bus, [P("IAC-UNKNOWN")]);
  conc(clusterMissing, "48.05", null, PA.te, [P("CLUSTER-MISSING")]);
  conc(mismatch, "11.01", CL.health, PA.hs, [P("IAC-CLUSTER-MISMATCH")]);
  conc(areaMissing, "47.06", CL.tdl, null, [P("PROGRAM-AREA-MISSING")]);
  conc(areaUnknown, "46.99", CL.ac, "Industrial Arts", [P("PROGRAM-AREA-UNKNOWN")]);
  conc(asNumber1, 1.1, CL.afnr, PA_SHORT.ag, [P("IAC-STORED-AS-NUMBER")]);
  // clean: one pathway reported with two program areas (one row per program area)
  conc(twoAreas, "11.01", CL.it, PA.bus);
  conc(twoAreas, "11.01", CL.it, PA_SHORT.te);
  clean11.forEach(cleanConc);

  conc(conc10, "01.11", CL.afnr, PA.ag, [P("GRADE-OUT-OF-RANGE")]);
}

// ---------------------------------------------------------------------------------------------
// CTE Participants
const partRows: DataRow[] = [];
const participantList = [
  ...conc12,
  ...conc11.filter((s) => s !== notParticipant),
  conc10,
  ...extra12,
  ...extra11,
  ...extra10,
  ...extra9.slice(1),
];
const gradeMissing = extra10[0];
const gradeInvalid = extra9[1];
const noWsn = extra9[0];
const duplicated = extra10[1];
for (const s of participantList) {
  const courses = concentratorWsns.has(s.wsn) ? randInt(2, 5) : randInt(1, 3);
  let grade: CellValue = s.grade;
  const plant = [];
  if (s === gradeMissing) {
    grade = null;
    plant.push(P("GRADE-MISSING"));
  }
  if (s === gradeInvalid) {
    grade = "TBD";
    plant.push(P("GRADE-INVALID"));
  }
  const r = row([s.wsn, s.localId, s.name, grade, s.school, courses], plant, s.name);
  partRows.push(r);
  if (s === duplicated) partRows.push(row(r.cells.slice(), [P("DUPLICATE-ROW")], s.name));
}
partRows.push(row([null, noWsn.localId, noWsn.name, noWsn.grade, noWsn.school, 1], [P("STUDENT-ID-MISSING")], noWsn.name));
partRows.push(
  row([eighthGrader.wsn, eighthGrader.localId, eighthGrader.name, 8, eighthGrader.school, 1], [P("GRADE-OUT-OF-RANGE")], eighthGrader.name),
);

// ---------------------------------------------------------------------------------------------
// HS Completion
const hscRows: DataRow[] = [];
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const GRADUATION = utc(2026, 5, 29);
function hsc(s: Student, grade: number, exitType: string | null, credential: string | null, date: Date | null, plant: Plant[] = []): void {
  hscRows.push(row([s.wsn, s.name, grade, exitType, credential, date], plant, s.name));
}
// The last grade-12 concentrator is a fifth-year senior, continuing (TC): a SENIOR-EXIT-NOT-HSC note, not a graduate.
const continuingSenior = conc12[conc12.length - 1];
conc12.slice(1).forEach((s) => (s === continuingSenior ? hsc(s, 12, "TC", null, GRADUATION) : hsc(s, 12, "HSC", "R", GRADUATION)));
hsc(extra12[0], 12, "HSC", "R", GRADUATION);
hsc(extra12[1], 12, "HSC", "R", GRADUATION);
hsc(extra12[2], 12, "HSC", null, GRADUATION, [P("HSC-CREDENTIAL-MISSING")]);
hsc(extra12[3], 12, "GRAD", "R", GRADUATION, [P("EXIT-TYPE-UNKNOWN")]);
hsc(extra11[0], 11, "HSC", "R", utc(2026, 1, 16), [P("HSC-NOT-GRADE-12")]);
hsc(extra10[2], 10, "TOS", null, utc(2026, 3, 13));
hsc(others[0], 9, "TNC", null, utc(2026, 1, 16));

// ---------------------------------------------------------------------------------------------
// Industry-Recognized Credentials / Work-Based Learning
const IRC_TYPE = "Industry Recognized Credentials";
const NONCERT = "Non-Certified Career Education";
const IRC = {
  etd: "IRC - State Approved WTCS: Embedded Technical Diploma",
  td: "IRC - State Approved WTCS: Technical Diploma",
  bi: "IRC - State Approved-Business & Industry",
  nsa: "IRC - NOT State Approved",
};
const WBL = {
  intern: "Internship/Local Co-op",
  sae: "Supervised Agricultural Experience",
  sim: "Simulation",
  sbe: "School-based Enterprise",
  esb: "Entrepreneurship Student Business",
  ya: "Youth Apprenticeship",
};
const ircRows: DataRow[] = [];
const gradeText = (g: number): string => String(g).padStart(2, "0");
function irc(
  s: Student,
  type: string,
  name: string | null,
  status: string | null,
  hours: number | string | null,
  plant: Plant[] = [],
): void {
  ircRows.push(row([s.wsn, s.name, gradeText(s.grade), type, name, status, hours], plant, s.name));
}
{
  const pool = shuffled([...conc12.slice(4), ...conc11.slice(10), ...extra11.slice(1), ...extra10.slice(3), ...extra9.slice(2)]);
  const upper = pool.filter((s) => s.grade >= 11);
  const any = pool.filter((s) => !upper.includes(s));
  const next = (preferUpper: boolean): Student => (preferUpper && upper.length ? upper : any.length ? any : upper).shift()!;
  for (let i = 0; i < 5; i++) irc(next(i % 2 === 0), NONCERT, WBL.sbe, null, randInt(95, 180));
  irc(next(true), NONCERT, WBL.intern, null, randInt(100, 200));
  irc(next(true), NONCERT, WBL.intern, null, randInt(100, 200));
  irc(next(false), NONCERT, WBL.sae, null, randInt(120, 250));
  irc(next(false), NONCERT, WBL.sae, null, randInt(120, 250));
  irc(next(false), NONCERT, WBL.sim, null, 90); // exactly the minimum: not below it
  irc(next(true), NONCERT, WBL.esb, null, randInt(100, 160));
  irc(next(true), IRC_TYPE, WBL.ya, "B", randInt(450, 520));
  irc(next(true), "Certified Career Education", WBL.ya, "A", randInt(600, 700)); // pre-2024-25 type name
  irc(next(true), IRC_TYPE, IRC.etd, "A", null);
  irc(next(true), IRC_TYPE, IRC.td, "A", null);
  irc(next(true), IRC_TYPE, IRC.bi, "B", null);
  irc(next(false), IRC_TYPE, IRC.nsa, "D", null);
  // planted
  irc(next(true), IRC_TYPE, "Certified Nursing Assistant (CNA)", "A", null, [P("IRC-PROGRAM-UNKNOWN")]);
  irc(next(true), IRC_TYPE, IRC.td, null, null, [P("IRC-STATUS-MISSING")]);
  irc(next(true), IRC_TYPE, IRC.bi, "E", null, [P("CERT-STATUS-INVALID")]);
  irc(next(false), NONCERT, WBL.sbe, "A", randInt(100, 150), [P("CERT-STATUS-WRONG-PROGRAM")]);
  const twice = next(true);
  irc(twice, IRC_TYPE, IRC.etd, "B", null);
  irc(twice, IRC_TYPE, IRC.etd, "A", null, [P("CERT-STATUS-DUPLICATE")]);
  irc(next(false), NONCERT, "Job Shadowing", null, null, [P("WBL-PROGRAM-UNKNOWN")]);
  irc(next(true), NONCERT, WBL.intern, null, 60, [P("WBL-HOURS-BELOW-MINIMUM")]);
  irc(next(true), IRC_TYPE, WBL.ya, null, randInt(480, 560), [P("WBL-STATUS-MISSING")]);
  irc(eighthGrader, NONCERT, WBL.sbe, null, randInt(95, 120), [P("GRADE-OUT-OF-RANGE")]);
}

// ---------------------------------------------------------------------------------------------
// Student Demographics (grades as numbers; Y/N flags)
const demoRows: DataRow[] = [];
{
  const demoStudents = [...participantList, notParticipant, noWsn, ...others];
  const upper = shuffled(demoStudents.filter((s) => s.grade >= 11));
  const singleParents = new Set(upper.slice(0, 2));
  const homeless = new Set(shuffled(demoStudents).slice(0, 3));
  const badValue = extra11[2];
  const wrongGrade = extra10[4];
  for (const s of demoStudents) {
    let sp = singleParents.has(s) ? "Y" : "N";
    const plant = [];
    if (s === badValue) {
      sp = "Unknown";
      plant.push(P("SINGLE-PARENT-INVALID"));
    }
    if (s === wrongGrade) {
      sp = "Y";
      plant.push(P("SINGLE-PARENT-GRADE"));
    }
    demoRows.push(row([s.wsn, s.name, s.grade, sp, homeless.has(s) ? "Y" : "N"], plant, s.name));
  }
}

// ---------------------------------------------------------------------------------------------
// Courses: offerings (sections) and the Roster: Courses export
const T = Array.from({ length: 16 }, (_, i) => `Teacher ${String(i + 1).padStart(2, "0")}`);
const offerRows: DataRow[] = [];
function offer(
  local: string,
  title: string,
  code: number | null,
  section: string,
  cte: boolean,
  dept: string | null,
  pathway: string | null,
  de: boolean,
  teacher: string,
  plant: Plant[] = [],
  school = HS,
): void {
  offerRows.push(row([school, local, title, code, section, cte ? "Yes" : "No", dept, pathway, de ? "Y" : "N", teacher], plant));
}
offer("AG110", "AG ANIMAL SCIENCE", 10201, "01", true, PA.ag, CL.afnr, false, T[0]);
offer("AG110", "AG ANIMAL SCIENCE", 10201, "02", true, PA.ag, CL.afnr, false, T[0]);
offer("AG120", "AG FOOD SCIENCE", 10202, "01", true, PA.ag, CL.afnr, false, T[0]);
offer("AG130", "AG PLANT AND SOIL SCIENCE", 10203, "01", true, PA.ag, CL.afnr, false, T[1]);
offer("BUS210", "BUS ACCOUNTING I", 10301, "01", true, PA.bus, CL.fin, false, T[2]);
offer("BUS210", "BUS ACCOUNTING I", 10301, "02", true, PA.bus, CL.fin, false, T[2]);
offer("BUS210", "BUS ACCOUNTING I", 10301, "03", true, PA.mkt, CL.fin, false, T[3], [P("CTE-DEPARTMENT-MISMATCH")]);
offer("BUS220", "BUS COMPUTER SCIENCE PRINCIPLES", 10302, "01", true, PA.bus, CL.it, false, T[2]);
offer("BUS230", "BUS NETWORKING ESSENTIALS - TC", 10303, "01", true, PA.bus, CL.it, true, T[4]);
offer("BUS240", "BUS PERSONAL FINANCE", null, "01", true, PA.bus, CL.fin, false, T[4], [P("COURSE-CODE-MISSING")]);
offer("MKT310", "MKT MARKETING I", 10401, "01", true, PA.mkt, CL.mss, false, T[3]);
offer("MKT320", "MKT SCHOOL STORE OPERATIONS", 10402, "01", true, PA.mkt, CL.mss, false, T[3], [P("COURSE-CODE-DEPRECATED", true)]);
offer("FCS410", "FCS CULINARY ARTS I", 10501, "01", true, PA.fcs, CL.ht, false, T[5]);
offer("FCS410", "FCS CULINARY ARTS I", 10501, "02", true, PA_SHORT.fcs, CL.ht, false, T[5]); // alias: same department
offer("FCS420", "FCS APPAREL AND TEXTILES", 10502, "01", true, PA.fcs, CL.hum, false, T[5]);
offer("FCS430", "FCS CHILD DEVELOPMENT", 10503, "01", true, PA.fcs, CL.edu, false, T[6]);
offer("TE510", "TE CONSTRUCTION TRADES", 10601, "01", true, PA.te, CL.ac, false, T[7]);
offer("TE520", "TE SMALL ENGINES AND AUTO", 10602, "01", true, PA.te, CL.tdl, false, T[7]);
offer("TE530", "TE WELDING AND FABRICATION - TC", 10603, "01", true, PA.te, CL.mfg, true, T[8]);
offer("TE540", "TE ENGINEERING DESIGN", 10604, "01", true, null, CL.mfg, false, T[8], [P("PROGRAM-AREA-MISSING")]);
offer("HS610", "HS MEDICAL TERMINOLOGY", 10701, "01", true, PA.hs, CL.health, false, T[9]);
offer("HS620", "HS CERTIFIED NURSING ASSISTANT - START COLLEGE NOW", 10702, "01", true, PA.hs, CL.health, true, T[9]);
offer("HS620", "HS CERTIFIED NURSING ASSISTANT - START COLLEGE NOW", 10702, "01", true, PA.hs, CL.health, true, T[15], [], VIRTUAL);
offer("SCI150A", "SCI CONCEPTS OF BIOLOGY A - TC", 9944, "01", false, null, null, true, T[10]);
offer("SCI150B", "SCI CONCEPTS OF BIOLOGY B - TC", 9944, "01", false, null, null, false, T[10], [P("DUAL-ENROLLMENT-FLAG-MISSING")]);
offer("MAT480A", "MAT AP STATISTICS A", 10091, "01", false, null, null, false, T[11]);
offer("MAT480B", "MAT AP STATISTICS B", 10091, "01", false, null, null, false, T[11]);
offer("ENG490", "ENG IB ENGLISH A LITERATURE HL", 10111, "01", false, null, null, false, T[12]);

const courseRows: DataRow[] = [];
const course = (title: string, code: CellValue, program: string | null, plant: Plant[] = []): number =>
  courseRows.push(row([title, code, program], plant));
// the four rows of the guide's DEMO example, in its order
course("SCI CONCEPTS OF BIOLOGY A - TC", 9944, "Dual Enrollment");
course("MAT AP STATISTICS A", 10091, "Advanced Placement");
course("SCI CONCEPTS OF BIOLOGY B - TC", 9944, "Dual Enrollment");
course("MAT AP STATISTICS B", 10091, "Advanced Placement");
course("ENG IB ENGLISH A LITERATURE HL", 10111, "International Baccalaureate");
course("BUS NETWORKING ESSENTIALS - TC", 10303, "Dual Enrollment");
course("TE WELDING AND FABRICATION - TC", 10603, "Dual Enrollment");
course("HS CERTIFIED NURSING ASSISTANT - START COLLEGE NOW", 10702, "Dual Enrollment");
course("MAT CALCULUS - ECCP", 10140, "Dual Enrollment");
course("SCI CHEMISTRY", 10150, null);
course("SCI AP BIOLOGY A", 10075, "Advanced Placement", [P("APIB-CODE-INCONSISTENT")]);
course("SCI AP BIOLOGY B", 10075, "Advanced Placement", [P("APIB-CODE-INCONSISTENT")]);
course("SCI BIOLOGY HONORS", 10075, null, [P("APIB-CODE-INCONSISTENT"), P("APIB-TITLE-MISMATCH", true)]);
course("ENG AP LITERATURE AND COMPOSITION", 10120, "Advanced Placement", [P("AP-CODE-MISMATCH", true)]);
course("HIS IB HISTORY OF THE AMERICAS HL", 10130, "International Baccalaureate", [P("IB-CODE-MISMATCH", true)]);
course("SCI EARTH AND SPACE SCIENCE", 10999, null, [P("COURSE-CODE-UNKNOWN", true)]);
course("SCI PHYSICS I", { error: "#N/A" }, null, [P("VALUE-ERROR")]);

// Synthetic DPI course catalog: every roster code above except 10999, plus a few unused ones.
const CATALOG_HEADER = ["Roster Code", "SCED Course Title", "Course Program", "CTE Course", "CTE Department", "Deprecated"];
const catalog = [
  [9944, "Biology, Concepts", "", "No", "", "No"],
  [10075, "AP Biology", "AP", "No", "", "No"],
  [10091, "AP Statistics", "AP", "No", "", "No"],
  [10092, "AP Calculus AB", "AP", "No", "", "No"],
  [10111, "IB Language A: Literature HL", "IB", "No", "", "No"],
  [10112, "IB Mathematics: Analysis and Approaches SL", "IB", "No", "", "No"],
  [10120, "English/Language Arts IV", "", "No", "", "No"],
  [10130, "U.S. History, Comprehensive", "", "No", "", "No"],
  [10140, "Calculus", "Dual Enrollment", "No", "", "No"],
  [10150, "Chemistry", "", "No", "", "No"],
  [10160, "Physics", "", "No", "", "No"],
  [10201, "Animal Production/Science", "", "Yes", PA.ag, "No"],
  [10202, "Food Science", "", "Yes", PA.ag, "No"],
  [10203, "Plant and Soil Science", "", "Yes", PA.ag, "No"],
  [10301, "Accounting", "", "Yes", PA.bus, "No"],
  [10302, "Computer Science Principles", "", "Yes", PA.bus, "No"],
  [10303, "Network Technology", "Dual Enrollment", "Yes", PA.bus, "No"],
  [10304, "Personal Finance", "", "Yes", PA.bus, "No"],
  [10401, "Marketing, Comprehensive", "", "Yes", PA.mkt, "No"],
  [10402, "School Store Operations", "", "Yes", PA.mkt, "Yes"],
  [10404, "School-Based Enterprise", "", "Yes", PA.mkt, "No"],
  [10501, "Culinary Arts", "", "Yes", PA.fcs, "No"],
  [10502, "Apparel and Textiles", "", "Yes", PA.fcs, "No"],
  [10503, "Child Development", "", "Yes", PA.fcs, "No"],
  [10601, "Construction Trades, General", "", "Yes", PA.te, "No"],
  [10602, "Small Engine Mechanics", "", "Yes", PA.te, "No"],
  [10603, "Welding", "Dual Enrollment", "Yes", PA.te, "No"],
  [10604, "Engineering Design", "", "Yes", PA.te, "No"],
  [10701, "Medical Terminology", "", "Yes", PA.hs, "No"],
  [10702, "Nursing Assistant", "Dual Enrollment", "Yes", PA.hs, "No"],
];

// ---------------------------------------------------------------------------------------------
// A counselor's own concentrator list: headers no WISEdata export uses ("Concentration Code", "Pathway"),
// so the IAC and cluster columns are read from their values (COLUMN-INFERRED). No randomness here: the
// rows above stay exactly as they were.
const counselorRows = [
  ...extra11.map((s, i) => row([s.wsn, s.name, String(s.grade), ["01.09", "11.01", "52.14"][i], [CL.afnr, CL.it, CL.mss][i]], [], s.name)),
  row([extra9[2].wsn, extra9[2].name, String(extra9[2].grade), "46.99", CL.ac], [P("GRADE-OUT-OF-RANGE")], extra9[2].name),
];

// ---------------------------------------------------------------------------------------------
// The concentrator finder's inputs: the district's pathway plan (its Roster Work Plan), students' coursework
// as an SIS historical-grades report exports it (PowerSchool-style: "Grade" holds the mark), and last year's
// Career Concentrators export. No randomness here either: the rows above stay exactly as they were.
// In no export this year: the first's grade comes from the coursework; the second is a near miss.
const [spare11, failedHealth] = take(g11, 2);
const planRows: DataRow[] = [];
function planPathway(name: string, iac: string, cluster: string, courses: [number, string, string][], plant: Plant[] = []): void {
  courses.forEach(([code, local, title], i) =>
    planRows.push(row(i === 0 ? [name, iac, cluster, code, local, title] : [null, null, null, code, local, title], i === 0 ? plant : [])),
  );
}
planPathway("Animal Science", "01.09", CL.afnr, [
  [10201, "AG110", "AG ANIMAL SCIENCE"],
  [10202, "AG120", "AG FOOD SCIENCE"],
]);
planPathway("Network Technology", "11.01", CL.it, [
  [10302, "BUS220", "BUS COMPUTER SCIENCE PRINCIPLES"],
  [10303, "BUS230", "BUS NETWORKING ESSENTIALS - TC"],
]);
planPathway("Construction", "46.99", CL.ac, [
  [10601, "TE510", "TE CONSTRUCTION TRADES"],
  [10604, "TE540", "TE ENGINEERING DESIGN"],
]);
planPathway("Welding and Manufacturing", "48.05", CL.mfg, [
  [10603, "TE530", "TE WELDING AND FABRICATION - TC"],
  [10604, "TE540", "TE ENGINEERING DESIGN"],
]);
planRows.push(row([null, null, null, 10605, "TE550", "TE MACHINING"], [P("COURSE-CODE-UNKNOWN", true)]));
planPathway("Health Careers", "51.08", CL.health, [
  [10701, "HS610", "HS MEDICAL TERMINOLOGY"],
  [10702, "HS620", "HS CERTIFIED NURSING ASSISTANT - START COLLEGE NOW"],
]);
// The marketing pathway's cluster is Finance: 52.14 belongs to Marketing, Sales & Service.
planPathway("Marketing", "52.14", CL.fin, [[10401, "MKT310", "MKT MARKETING I"]], [P("IAC-CLUSTER-MISMATCH")]);

const TITLES: Record<string, string> = Object.fromEntries(planRows.map((r) => [String(r.cells[4]), String(r.cells[5])]));
const courseworkRows: DataRow[] = [];
/** One transcript line: a course (local code) in a school year with its letter mark; credit follows the mark. */
function took(s: Student, grade: number, year: string, local: string, mark: string, plant: Plant[] = []): void {
  const credit = mark === "F" ? 0 : 0.5;
  courseworkRows.push(row([s.wsn, s.name, grade, year, local, TITLES[local] ?? local, mark, credit], plant, s.name));
}
const concentratorRowOf = (s: Student): DataRow => concRows.find((r) => r.cells[0] === s.wsn)!;
const plantOn = (r: DataRow, p: Plant): void => {
  (r.plant as Plant[]).push(p);
};
/** Each plan pathway's two courses by IAC (local codes), for concentrators whose coursework backs (or not) their IAC. */
const PATHWAY_COURSES: Record<string, [string, string]> = {
  "01.09": ["AG110", "AG120"],
  "11.01": ["BUS220", "BUS230"],
  "46.99": ["TE510", "TE540"],
  "48.05": ["TE530", "TE540"],
  "51.08": ["HS610", "HS620"],
};
const iacOf = (s: Student): string => String(concentratorRowOf(s).cells[4]);
{
  const clusterUnknown = conc12[2];
  const clusterMissing = conc11[4];
  // Clean concentrators whose IAC has a pathway in the plan (last year's sheet uses the first four clean seniors).
  const cleanInPlan = [...conc12.slice(8), ...conc11.slice(10)].filter((s) => iacOf(s) in PATHWAY_COURSES);
  const unsupported = cleanInPlan[0];
  const otherPathway = cleanInPlan.find((s) => s !== unsupported && iacOf(s) !== "48.05")!;
  // Possible concentrators: a senior participant who passed two construction courses and was never reported;
  // a junior in no export this year whose coursework says grade 11.
  took(extra12[0], 11, "2024-25", "TE510", "B");
  took(extra12[0], 12, "2025-26", "TE540", "C+", [P("POSSIBLE-CONCENTRATOR")]);
  took(spare11, 10, "2024-25", "AG110", "A-");
  took(spare11, 11, "2025-26", "AG120", "B", [P("POSSIBLE-CONCENTRATOR")]);
  // Near misses: a grade-10 student with both network courses; a junior who failed the second health course;
  // a senior who retook one course (counted once).
  took(extra10[5], 9, "2024-25", "BUS220", "A");
  took(extra10[5], 10, "2025-26", "BUS230", "A");
  took(failedHealth, 11, "2025-26", "HS610", "B-");
  took(failedHealth, 11, "2025-26", "HS620", "F");
  took(extra12[1], 11, "2024-25", "BUS220", "F");
  took(extra12[1], 12, "2025-26", "BUS220", "C");
  // Reported concentrators: one passed course of the reported pathway (the other failed) ...
  const [first, second] = PATHWAY_COURSES[iacOf(unsupported)];
  took(unsupported, unsupported.grade - 1, "2024-25", first, "B");
  took(unsupported, unsupported.grade, "2025-26", second, "F");
  plantOn(concentratorRowOf(unsupported), P("CONCENTRATOR-NOT-SUPPORTED"));
  // ... coursework of welding and manufacturing (48.05) under another IAC ...
  took(otherPathway, otherPathway.grade - 1, "2024-25", "TE530", "A");
  took(otherPathway, otherPathway.grade, "2025-26", "TE540", "B+");
  plantOn(concentratorRowOf(otherPathway), P("IAC-NOT-COURSEWORK-PATHWAY"));
  // ... 48.05 reported and supported, but construction qualifies too (a note: ask the student to choose) ...
  took(clusterMissing, 10, "2024-25", "TE510", "A");
  took(clusterMissing, 10, "2024-25", "TE530", "A");
  took(clusterMissing, 11, "2025-26", "TE540", "A-");
  // ... and 48.05 supported by two passed courses (an A semester code; D- is the lowest pass).
  took(clusterUnknown, 11, "2024-25", "TE530A", "B");
  took(clusterUnknown, 12, "2025-26", "TE540", "D-");
}

// Last year's concentrators (2024-25): this year's seniors were juniors then.
const lastYearRows: DataRow[] = [];
const lastYear = (s: Student, iac: string, cluster: string, area: string, plant: Plant[] = []): number =>
  lastYearRows.push(row([s.wsn, s.name, s.grade - 1, iac, cluster, area, "2024-25"], plant, s.name));
{
  const [, , clusterUnknown, , ...clean12] = conc12;
  for (const s of clean12.slice(0, 4)) {
    const [, , , , iac, cluster, area] = concentratorRowOf(s).cells;
    lastYear(s, String(iac), String(cluster), String(area));
  }
  // 46.99 last year, 48.05 this year: a note.
  lastYear(clusterUnknown, "46.99", CL.ac, PA.te);
  // A junior concentrator last year, a senior in this year's exports, not reported this year.
  lastYear(extra12[1], "11.01", CL.it, PA.bus, [P("CONCENTRATOR-NOT-CONTINUED")]);
}

// ---------------------------------------------------------------------------------------------
// Sheet layout
interface SheetSpec {
  readonly name: string;
  readonly above?: readonly string[];
  readonly header: readonly string[];
  readonly headerPlant?: readonly Plant[];
  readonly widths: readonly number[];
  readonly dateColumns?: readonly number[];
  readonly rows: () => readonly SheetRow[];
  readonly trailer?: (dataRows: number) => string[];
}
const SHEETS: readonly SheetSpec[] = [
  {
    name: "CTE Participants",
    above: ["CTE Participant export — 2025-26", "Badger Valley School District (synthetic sample data)"],
    header: ["Student ID (WSN)", "WISEid", "Student Name", "Grade Level", "School", "CTE Course Count"],
    // Planted: two columns that both mean the student id (header synonyms), so the header row gets
    // COLUMN-DUPLICATE; the first (the WSN) is used.
    headerPlant: [P("COLUMN-DUPLICATE")],
    widths: [18, 16, 16, 12, 30, 16],
    rows: () => insertBlank(sortRows(partRows), 37),
    trailer: (n: number) => [`Total: ${n} students`],
  },
  {
    name: "Career Concentrators",
    header: [
      "WSN",
      "Student Name",
      "Grade Level",
      "School",
      "CTE Concentration IAC Code",
      "CTE Concentration Program Area",
      "Program Area",
    ],
    widths: [14, 16, 12, 30, 28, 42, 44],
    rows: () => insertBlank(sortRows(concRows), 21),
  },
  {
    name: "Roster Course Offering",
    header: [
      "School",
      "Local Course Code",
      "Local Course Title",
      "DPI Course Code",
      "Section",
      "CTE Course",
      "CTE Department",
      "Career Pathway",
      "Dual Enrollment",
      "Teacher",
    ],
    widths: [30, 18, 52, 16, 9, 11, 44, 40, 16, 12],
    rows: () => offerRows,
  },
  {
    name: "Roster Courses",
    header: ["Local Course Title", "DPI Course Code", "Program"],
    widths: [52, 16, 28],
    rows: () => courseRows,
  },
  {
    name: "HS Completion",
    header: ["WSN", "Student Name", "Grade Level", "Exit Type", "Credential Type", "Exit Date"],
    widths: [14, 16, 12, 10, 16, 12],
    dateColumns: [6],
    rows: () => sortRows(hscRows),
  },
  {
    name: "IRC WBL",
    header: ["WSN", "Student Name", "Grade Level", "Program Type", "Program Name", "Certificated Program Status", "Hours"],
    widths: [14, 16, 12, 32, 54, 28, 8],
    rows: () => sortRows(ircRows),
  },
  {
    name: "Student Demographics",
    header: ["WSN", "Student Name", "Grade Level", "Single Parent", "Homeless"],
    widths: [14, 16, 12, 14, 10],
    rows: () => insertBlank(sortRows(demoRows), 40),
  },
  {
    name: "Counselor Concentrators",
    header: ["Student Number", "Student Name", "Grade Level Placement", "Concentration Code", "Pathway"],
    widths: [16, 16, 22, 20, 40],
    rows: () => sortRows(counselorRows),
  },
  {
    name: "Pathway Plan",
    above: ["Roster Work Plan: career pathways and their CTE courses (synthetic)"],
    header: ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
    widths: [28, 8, 40, 12, 18, 52],
    rows: () => planRows,
  },
  {
    name: "Coursework",
    header: ["Student ID", "Student Name", "Grade Level", "School Year", "Course Number", "Course Name", "Grade", "Credits Earned"],
    widths: [14, 16, 12, 12, 14, 52, 8, 14],
    rows: () => sortRows(courseworkRows),
  },
  {
    name: "Concentrators 2024-25",
    header: [
      "WSN",
      "Student Name",
      "Grade Level",
      "CTE Concentration IAC Code",
      "CTE Concentration Program Area",
      "Program Area",
      "School Year",
    ],
    widths: [14, 16, 12, 28, 42, 44, 12],
    rows: () => sortRows(lastYearRows),
  },
];

const NOTES = [
  "Badger Valley School District: notes from the CTE core team (synthetic sample, not real data).",
  "Exports were downloaded from the WISEdata Portal for the 2025-26 December snapshot review.",
  "Follow up with the counseling office about seniors who still need a completion record.",
  "Ask the ag teacher to confirm which pathway each junior concentrator is following.",
  "Reminder: never email anything that could disclose a student's single parent status.",
];

/** Builds the workbook in memory; returns it with the planted-problem list. */
interface PlantedProblem {
  readonly sheet: string;
  readonly row: number;
  readonly rule: string;
  readonly withCatalog: boolean;
}
function build(): { wb: ExcelJS.Workbook; planted: PlantedProblem[] } {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cte-check scripts/make-sample.js";
  wb.lastModifiedBy = "cte-check scripts/make-sample.js";
  wb.title = "Badger Valley School District: synthetic CTE exports";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const planted: PlantedProblem[] = [];
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.name);
    spec.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    let r = 1;
    for (const line of spec.above || []) {
      ws.getRow(r).getCell(1).value = line;
      if (r === 1) ws.getRow(r).getCell(1).font = { bold: true, size: 14 };
      r++;
    }
    const headerRow = ws.getRow(r);
    spec.header.forEach((h, i) => {
      headerRow.getCell(i + 1).value = h;
    });
    headerRow.font = { bold: true };
    for (const p of spec.headerPlant || []) planted.push({ sheet: spec.name, row: r, rule: p.rule, withCatalog: p.withCatalog });
    r++;
    let dataRows = 0;
    for (const item of spec.rows()) {
      if (!item.blank) {
        const wsRow = ws.getRow(r);
        item.cells.forEach((v, i) => {
          if (v === null || v === undefined) return;
          const cell = wsRow.getCell(i + 1);
          cell.value = v as ExcelJS.CellValue;
          if (v instanceof Date) cell.numFmt = "m/d/yyyy";
        });
        for (const p of item.plant) planted.push({ sheet: spec.name, row: r, rule: p.rule, withCatalog: p.withCatalog });
        dataRows++;
      }
      r++;
    }
    if (spec.trailer) ws.getRow(r).getCell(1).value = spec.trailer(dataRows)[0];
  }
  const notes = wb.addWorksheet("Notes");
  notes.getColumn(1).width = 100;
  NOTES.forEach((t, i) => {
    notes.getRow(i + 1).getCell(1).value = t;
  });
  return { wb, planted };
}

function catalogCsv(): string {
  const esc = (v: string | number): string => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CATALOG_HEADER, ...catalog].map((r) => r.map(esc).join(",")).join("\n") + "\n";
}

function plantedJson(planted: readonly PlantedProblem[]): string {
  return "[\n" + planted.map((p) => "  " + JSON.stringify(p)).join(",\n") + "\n]\n";
}

// ---------------------------------------------------------------------------------------------
// Zip timestamps: JSZip stamps every entry with the current time. Rewrite the DOS time/date fields
// of the local and central directory headers to FIXED_DATE so the .xlsx bytes are reproducible.
function fixZipTimes(buf: ArrayBuffer | Uint8Array): Buffer {
  const out = Buffer.from(buf as Uint8Array);
  const d = FIXED_DATE;
  const dosTime = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  const dosDate = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--)
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error("not a zip file");
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error("bad zip central directory");
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error("bad zip local header");
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// --check: compare with the committed files by content (cell values, CSV and JSON text)
function plainValue(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (v && typeof v === "object") return JSON.parse(JSON.stringify(v));
  return v === undefined ? null : v;
}
function workbookValues(wb: ExcelJS.Workbook): unknown[] {
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      const cells: unknown[] = [];
      r.eachCell({ includeEmpty: false }, (c, col) => cells.push([col, plainValue(c.value)]));
      rows.push([n, cells]);
    });
    return { name: ws.name, rows };
  });
}
/** The three files as the generator makes them now. */
async function sampleFiles(): Promise<{ buffer: Buffer; csv: string; json: string; planted: number }> {
  const { wb, planted } = build();
  const buffer = fixZipTimes(new Uint8Array(await wb.xlsx.writeBuffer()));
  return { buffer, csv: catalogCsv(), json: plantedJson(planted), planted: planted.length };
}

/** The committed sample files that differ from what the generator produces (empty: all up to date). */
export async function staleSamples(): Promise<string[]> {
  const { buffer, csv, json } = await sampleFiles();
  const problems: string[] = [];
  for (const f of [XLSX_FILE, CATALOG_FILE, PLANTED_FILE]) if (!fs.existsSync(f)) problems.push(`${path.relative(ROOT, f)} is missing`);
  if (problems.length) return problems;
  const fresh = new ExcelJS.Workbook();
  await fresh.xlsx.load(buffer as unknown as ArrayBuffer);
  const committed = new ExcelJS.Workbook();
  await committed.xlsx.readFile(XLSX_FILE);
  if (JSON.stringify(workbookValues(fresh)) !== JSON.stringify(workbookValues(committed))) problems.push("samples/district-sample.xlsx");
  if (fs.readFileSync(CATALOG_FILE, "utf8") !== csv) problems.push("samples/synthetic-dpi-course-catalog.csv");
  if (fs.readFileSync(PLANTED_FILE, "utf8") !== json) problems.push("samples/planted-problems.json");
  return problems;
}

/** Writes the three files; returns what it wrote, for the log. */
export async function writeSamples(): Promise<string> {
  const { buffer, csv, json, planted } = await sampleFiles();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(XLSX_FILE, buffer);
  fs.writeFileSync(CATALOG_FILE, csv);
  fs.writeFileSync(PLANTED_FILE, json);
  return `samples/: 3 files, ${planted} planted problems`;
}
