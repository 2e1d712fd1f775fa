// Deterministic synthetic district of any size, for benchmarks: every export kind, realistic values,
// about 3% problem rows. `sheets(n)` returns SheetInput-shaped objects; `writeXlsx(n, file)` streams
// the same data to an .xlsx with exceljs. No real student data.
const IACS = [
  ["01.09", "Agriculture, Food & Natural Resources"],
  ["01.10", "Agriculture, Food & Natural Resources"],
  ["11.01", "Information Technology"],
  ["11.99", "Information Technology"],
  ["46.99", "Architecture & Construction"],
  ["47.06", "Transportation, Distribution & Logistics"],
  ["48.05", "Manufacturing"],
  ["51.39", "Health Science"],
];
const AREAS = [
  "Agriculture and Natural Resources Education",
  "Business and Information Technology Education",
  "Marketing Education",
  "Family and Consumer Science Education",
  "Technology and Engineering Education",
  "Health Science Education",
];
const WBL = [
  ["School-based Enterprise", 120],
  ["Youth Apprenticeship", 500],
  ["Internship/Local Co-op", 95],
  ["Supervised Agricultural Experience", 150],
];
const IRC = ["IRC - State Approved-Business & Industry", "IRC - NOT State Approved", "IRC - State Approved WTCS: Technical Diploma"];

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of the data rows each export gets. */
const SHARE = { participants: 0.3, concentrators: 0.15, offerings: 0.1, courses: 0.05, completion: 0.1, careerEd: 0.1, demographics: 0.2 };

function sheets(totalRows, seed = 42) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const bad = () => r() < 0.03;
  const n = (share) => Math.max(1, Math.round(totalRows * share));
  const wsn = (i) => String(9000000000 + i);
  const out = [];
  const rows = (header, count, make) => [header, ...Array.from({ length: count }, (_, i) => make(i))];
  out.push({
    name: "CTE Participants",
    rows: rows(["Student ID (WSN)", "Student Name", "Grade Level", "School", "CTE Course Count"], n(SHARE.participants), (i) => [
      bad() ? "" : wsn(i),
      `Student ${i}`,
      bad() ? "TBD" : String(9 + (i % 4)),
      "Badger Valley High School",
      1 + (i % 3),
    ]),
  });
  out.push({
    name: "Career Concentrators",
    rows: rows(
      ["WSN", "Student Name", "Grade Level", "School", "CTE Concentration IAC Code", "CTE Concentration Program Area", "Program Area"],
      n(SHARE.concentrators),
      (i) => {
        const [iac, cl] = pick(IACS);
        return [
          wsn(i * 2),
          `Student ${i * 2}`,
          11 + (i % 2),
          "Badger Valley High School",
          bad() ? 1.1 : iac,
          bad() ? "Health Science" : cl,
          pick(AREAS),
        ];
      },
    ),
  });
  out.push({
    name: "Roster Course Offering",
    rows: rows(
      [
        "School",
        "Local Course Code",
        "Local Course Title",
        "DPI Course Code",
        "Section",
        "CTE Course",
        "CTE Department",
        "Career Pathway",
        "Dual Enrollment",
      ],
      n(SHARE.offerings),
      (i) => [
        "Badger Valley High School",
        `C${i % 500}`,
        i % 50 === 0 ? `SCI BIOLOGY ${i % 2 ? "A" : "B"} - TC` : `Course ${i % 500}`,
        String(10000 + (i % 500)),
        1 + (i % 4),
        "Yes",
        AREAS[(i % 500) % 6],
        pick(IACS)[1],
        bad() ? "N" : i % 50 === 0 ? "Y" : "N",
      ],
    ),
  });
  out.push({
    name: "Roster Courses",
    rows: rows(["Local Course Title", "DPI Course Code", "Program"], n(SHARE.courses), (i) => [
      i % 40 === 0 ? `MAT AP STATISTICS ${i % 2 ? "A" : "B"}` : `Course ${i}`,
      String(20000 + i),
      "",
    ]),
  });
  out.push({
    name: "HS Completion",
    rows: rows(["WSN", "Student Name", "Grade Level", "Exit Type", "Credential Type", "Exit Date"], n(SHARE.completion), (i) => [
      wsn(i * 2),
      `Student ${i * 2}`,
      bad() ? 11 : 12,
      bad() ? "GRAD" : "HSC",
      bad() ? "" : "R",
      new Date(Date.UTC(2026, 5, 5)),
    ]),
  });
  out.push({
    name: "IRC WBL",
    rows: rows(
      ["WSN", "Student Name", "Grade Level", "Program Type", "Program Name", "Certificated Program Status", "Hours"],
      n(SHARE.careerEd),
      (i) => {
        if (i % 2) {
          const [name, hours] = pick(WBL);
          return [
            wsn(i),
            `Student ${i}`,
            String(9 + (i % 4)).padStart(2, "0"),
            name === "Youth Apprenticeship" ? "Industry Recognized Credentials" : "Non-Certified Career Education",
            name,
            name === "Youth Apprenticeship" ? "A" : "",
            bad() ? 60 : hours,
          ];
        }
        return [
          wsn(i),
          `Student ${i}`,
          String(9 + (i % 4)),
          "Industry Recognized Credentials",
          pick(IRC),
          bad() ? "E" : pick(["A", "B", "C", "D"]),
          "",
        ];
      },
    ),
  });
  out.push({
    name: "Student Demographics",
    rows: rows(["WSN", "Student Name", "Grade Level", "Single Parent", "Homeless"], n(SHARE.demographics), (i) => [
      wsn(i),
      `Student ${i}`,
      9 + (i % 4),
      i % 9 === 0 && i % 4 >= 2 ? "Y" : "N",
      i % 13 === 0 ? "Y" : "N",
    ]),
  });
  return out;
}

async function writeXlsx(totalRows, file, seed = 42) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  for (const s of sheets(totalRows, seed)) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.rows) ws.addRow(row).commit();
    ws.commit();
  }
  await wb.commit();
}

module.exports = { sheets, writeXlsx };
