// The peer a technical user might pick instead of cte-check: csv-file-validator (papaparse underneath)
// with five column checks on a concentrators CSV: student id required and unique, grade 11-12, IAC
// pattern NN.NN, cluster one of the 16. Prints how many problems it found.
const fs = require("fs");
const CSVFileValidator = require("csv-file-validator");

const CLUSTERS = new Set([
  "Agriculture, Food & Natural Resources",
  "Architecture & Construction",
  "Arts, A/V Technology & Communications",
  "Business Management & Administration",
  "Education & Training",
  "Finance",
  "Government & Public Administration",
  "Health Science",
  "Hospitality & Tourism",
  "Human Services",
  "Information Technology",
  "Law, Public Safety, Corrections & Security",
  "Manufacturing",
  "Marketing",
  "Science, Technology, Engineering & Mathematics",
  "Transportation, Distribution & Logistics",
]);
const problem = (what) => (header, row) => `${header} ${what} in row ${row}`;
const config = {
  headers: [
    {
      name: "WSN",
      inputName: "wsn",
      required: true,
      requiredError: problem("is required"),
      unique: true,
      uniqueError: problem("is not unique"),
    },
    { name: "Student Name", inputName: "name" },
    { name: "Grade Level", inputName: "grade", validate: (v) => v === "11" || v === "12", validateError: problem("is not 11-12") },
    { name: "School", inputName: "school" },
    {
      name: "CTE Concentration IAC Code",
      inputName: "iac",
      validate: (v) => /^\d{2}\.\d{2}$/.test(v),
      validateError: problem("is not NN.NN"),
    },
    {
      name: "CTE Concentration Program Area",
      inputName: "cluster",
      validate: (v) => CLUSTERS.has(v),
      validateError: problem("is not a cluster"),
    },
    { name: "Program Area", inputName: "area" },
  ],
};

CSVFileValidator(fs.readFileSync(process.argv[2], "utf8"), config).then((result) => {
  process.stdout.write(`${result.inValidData.length} problems in ${result.data.length} rows\n`);
});
