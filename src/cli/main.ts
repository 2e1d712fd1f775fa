/**
 * `cte-check`: the checklist engine over .xlsx/.csv files (options and exit statuses: README "Command line"). A thin adapter: read files,
 * run the engine, print the table or the JSON report, optionally write the annotated copy.
 * Acknowledged findings (Status "acknowledged" on the Findings sheet of the workbook checked) are
counted apart and never raise the exit status; errors cannot be acknowledged.

Exit status: 0 no errors found, 1 errors found, 2 unusable arguments or unreadable input,
 * 3 nothing was checked (no sheet of any input was recognised),
 * 4 the report could not be written to standard output (closed pipe, full disk).
 * With --template: 0 the template was written, 2 it was not (stderr says why; an existing file is never replaced).
 */
import * as path from "path";
import { CheckOptionsError, resolveSchoolYear, runChecklist } from "../core/engine";
import { parsePassingRule } from "../core/marks";
import { recognize } from "../core/recognize";
import type { SheetInput } from "../core/cells";
import { EXPORT_KINDS } from "../core/report";
import * as fs from "fs";
import {
  OverrideError,
  OverrideMap,
  matchOverrideSheets,
  overridesFromFlags,
  parseOverrideMap,
  validateOverrides,
} from "../core/overrides";
import { CliArgs, parseArgs } from "./args";
import { formatRecognition } from "./recognizeText";
import { formatReport } from "./format";
import { escapeControls, jsonForTerminal, outputWidth, withEscapedStderr } from "./terminal";
import { runCliProcess } from "./processIo";
import { decodeText } from "../io/decodeText";
import { distinctInputFiles, outputExists, replacedNote, reportForJson } from "./runChecks";
import { InputError, SpreadsheetInput, readSpreadsheet } from "./readInput";
import { type PreviousReport, readPreviousReport } from "./previousReport";
import type { TrackingTextInput } from "./trackingText";
import type { CheckResult } from "../core/engine";

export const USAGE = `Usage: cte-check [options] <file.xlsx|file.csv>...

Checks WISEdata Portal CTE and Career Education exports against DPI's December snapshot checklist.
All files of one run are checked together (one district), so cross-export checks work across CSV files.

Options:
  --json                 print the JSON report (only that) on stdout
  --out <copy.xlsx>      write an annotated copy: highlights, a note per flagged cell, a
                         "Snapshot Checklist" sheet, a "Findings" table to work through and a
                         hidden log (snapshot date, acknowledgements, run history); the input
                         files are never modified (an existing file of that name is replaced,
                         and stderr says so)
  --reference <file>     a DPI course catalog or IAC to Cluster list (.csv/.xlsx); repeatable
  --school-year <year>   e.g. 2025-26, from 2000-01 to 2099-00 (default: the year the next
                         December snapshot covers)
  --team <names>         team members for the Snapshot Checklist sheet
  --recognize            print only what was recognised per sheet (kind, header row, each
                         field -> column and how it was decided), then stop
  --kind <SHEET=KIND>    read a sheet (or a CSV file's base name) as an export kind, or "ignore"
                         it; kinds: ${EXPORT_KINDS.join(", ")}; repeatable
  --column <SHEET:FIELD=HEADER>
                         read FIELD (e.g. iac, cluster, studentId, grade) from the column HEADER; repeatable
  --header-row <SHEET=N> the sheet's header is worksheet row N; repeatable
  --map <file.json>      corrections as the task pane keeps them: {"SHEET": {"kind": …, "columns":
                         {"FIELD": "HEADER"}, "headerRow": N}}; the flags above win over it
  --passing <rule>       what passes a course for the concentrator finder: a lowest letter mark
                         (C-), a lowest percent (65), or both (C-,65); add no-credit so earned
                         credit alone does not pass (default: D-, 60, credit earned passes)
  --previous <report.json>
                         an earlier run's --json report (schema 1 or 2): each finding is marked
                         new or open, the fixed ones are listed, and the since-last-run figures
                         are printed; without it, the Findings sheet of the workbook checked
                         (an annotated copy) is the previous run
  --snapshot-date <YYYY-MM-DD>
                         the date of DPI's December snapshot (DPI publishes it each year): the
                         days left are printed and written to the copy (default: the date kept
                         in the workbook's log; otherwise a suggested date is shown, unconfirmed)
  --template pathway-plan <file.xlsx>
                         write an empty Pathway Plan workbook to fill in (the district's pathways
                         and their courses; each column explained in its header's note), then
                         stop; an existing file is never replaced (exit status 2)
  --version              print the version
  -h, --help             show this help

The same file given twice is checked once (a note on stderr says so).

Acknowledged findings (Status "acknowledged" on the Findings sheet of the workbook checked) are
counted apart and never raise the exit status; errors cannot be acknowledged.

Exit status: 0 no errors found, 1 errors found, 2 unusable arguments or unreadable input,
             3 nothing was checked (no sheet of any input was recognised as an export, or
               the exports recognised have no data rows),
             4 the report could not be written to standard output (the reading program closed
             the pipe, as \`| head\` does, or the disk is full); one line on stderr says which.
With --template: 0 the file was written, 2 it was not (unknown template, other options given, the
             file exists, or it could not be written); stderr says why.`;

export { UsageError, parseArgs } from "./args";
export type { CliArgs } from "./args";

/**
 * Findings name their sheet, so every sheet of a run gets a distinct name before the engine runs: the
 * sheets of the workbook that becomes the annotated copy keep theirs, other inputs' repeats get " (2)",
 * and reference lists are named after their file. Names are otherwise kept exactly (a CSV's sheet is
 * its base name); the annotated copy makes its own valid worksheet names.
 */
export function giveSheetsUniqueNames(inputs: SpreadsheetInput[], references: { file: string; sheets: SheetInput[] }[] = []): SheetInput[] {
  const used = new Set<string>();
  const unique = (sheet: SheetInput, wanted = sheet.name): SheetInput => {
    let name = wanted;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${wanted} (${n})`;
    used.add(name.toLowerCase());
    return name === sheet.name ? sheet : { ...sheet, name };
  };
  const base = inputs.find((i) => i.format === "xlsx");
  const ordered = base ? [base, ...inputs.filter((i) => i !== base)] : inputs;
  for (const input of ordered) input.sheets = input.sheets.map((sheet) => unique(sheet));
  return references.flatMap(({ file, sheets }) => {
    const stem = path.basename(file, path.extname(file));
    return sheets.map((sheet) => unique(sheet, sheets.length === 1 ? stem : `${stem} - ${sheet.name}`));
  });
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  today?: Date;
  /** columns the text output wraps to (default 80) */
  width?: number;
}

const LARGE_INPUT_ROWS = 20_000;

/** Runs the CLI; returns the exit status instead of exiting, so tests call it in-process. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // File and sheet names in messages must not act on the terminal.
  const io = withEscapedStderr(rawIo);
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`cte-check: ${escapeControls((err as Error).message)}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.version) {
    io.stdout(`cte-check ${packageVersion()}\n`);
    return 0;
  }
  if (args.template !== undefined) return runTemplate(args, io);
  if (args.files.length === 0) {
    io.stderr(`cte-check: no input file given.\n\n${USAGE}\n`);
    return 2;
  }
  // One line per message: a line feed in a file or sheet name is shown escaped, so it cannot start a fake line.
  const progress = (message: string) => io.stderr(`cte-check: ${escapeControls(message)}\n`);
  try {
    // Fail fast on a bad year or passing rule, before reading possibly large files.
    resolveSchoolYear({ schoolYear: args.schoolYear, today: io.today });
    const passingRule = args.passing === undefined ? undefined : parsePassingRule(args.passing);
    if (passingRule === null) {
      throw new CheckOptionsError(
        `--passing "${args.passing}" is not a passing rule: give a lowest letter mark (D- to A+), a lowest percent (0-100), ` +
          "or both separated by a comma (C-,65), optionally with no-credit.",
      );
    }
    const previous = args.previous === undefined ? undefined : await readPreviousReport(args.previous);
    const distinct = await distinctInputFiles(args.files);
    for (const note of distinct.notes) progress(note);
    args.files = distinct.files;
    const inputs: SpreadsheetInput[] = [];
    // The first workbook is kept for --out, so the annotated copy does not load it a second time.
    for (const file of args.files)
      inputs.push(
        await readSpreadsheet(file, { onProgress: progress, keepWorkbook: args.out !== null && !inputs.some((i) => i.format === "xlsx") }),
      );
    const referenceFiles: { file: string; sheets: SheetInput[] }[] = [];
    for (const file of args.references) {
      const ref = await readSpreadsheet(file, { onProgress: progress });
      const lists = ref.sheets.filter((s) => {
        const kind = recognize(s.rows).kind;
        return kind === "dpi-courses" || kind === "dpi-iac-clusters";
      });
      if (lists.length === 0) {
        throw new InputError(
          `'${file}' is not a DPI course catalog (Roster Code, Course Program …) or IAC to Cluster list (IAC code, Cluster); ` +
            "no sheet in it has those headers.",
        );
      }
      referenceFiles.push({ file, sheets: lists });
    }
    const referenceSheets = giveSheetsUniqueNames(inputs, referenceFiles);
    const overrides = readOverrides(
      args,
      inputs.flatMap((i) => i.sheets),
    );
    const totalRows = inputs.reduce((n, i) => n + i.sheets.reduce((m, s) => m + s.rows.length, 0), 0);
    if (totalRows > LARGE_INPUT_ROWS) progress(`checking ${totalRows.toLocaleString("en-US")} rows…`);
    // The report is the zod schema's type; tests validate real reports against the schema itself.
    const { report, tracking } = runChecklist(
      inputs.flatMap((i) => i.sheets),
      {
        schoolYear: args.schoolYear,
        today: io.today,
        referenceSheets,
        overrides,
        passingRule,
        ...(previous ? { previous: previous.findings } : {}),
        ...(args.snapshotDate !== undefined ? { snapshotDate: args.snapshotDate } : {}),
      },
    );
    if (args.recognize) {
      io.stdout(`${formatRecognition(report)}\n`);
      return report.nothingChecked ? NOTHING_CHECKED : 0;
    }
    if (args.out) {
      if (totalRows > LARGE_INPUT_ROWS) progress(`writing ${args.out}…`);
      // exceljs (through annotate) loads only when a copy is written.
      const { writeAnnotatedCopy } = await import("./annotate");
      const replacing = await outputExists(args.out);
      const written = await writeAnnotatedCopy({
        inputs,
        report,
        outPath: args.out,
        teamMembers: args.team,
        checkedOn: io.today ?? new Date(),
        protectedPaths: args.references,
        tracking,
      });
      if (replacing) progress(replacedNote(args.out));
      if (!args.json) progress(`wrote ${args.out}: ${written.flaggedCells} flagged cells, ${written.notes} notes`);
    }
    io.stdout(
      args.json
        ? `${jsonForTerminal(reportForJson(report))}\n`
        : `${formatReport(
            report,
            args.files.map((f) => path.basename(f)),
            io.width,
            worklistText({ report, tracking }, args, previous),
          )}\n`,
    );
    if (report.nothingChecked) {
      // Never "PASS" for files we could not read: say so, with its own exit status.
      const recognisedEmpty = report.sheets.some((s) => s.kind !== null && s.kind !== "dpi-courses" && s.kind !== "dpi-iac-clusters");
      const said = recognisedEmpty
        ? "nothing was checked: the exports recognised have no data rows (only a header, blank or total rows). " +
          "Download them again with their students or courses."
        : `nothing was checked: no sheet of ${args.files.length === 1 ? "the input" : "any input"} was recognised as a WISEdata export. ` +
          `Run with --recognize to see why, and set the kind with --kind "SHEET=KIND" (or --map).`;
      if (!args.json) io.stdout(`\nNothing was checked.\n`);
      io.stderr(`cte-check: ${said}\n`);
      return NOTHING_CHECKED;
    }
    // Errors are never acknowledged; the filter says that acknowledged findings never raise the status.
    return report.findings.some((f) => f.severity === "error" && f.status !== "acknowledged") ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof CheckOptionsError || err instanceof OverrideError) {
      io.stderr(`cte-check: ${escapeControls(err.message)}\n`);
      return 2;
    }
    // Never a stack trace for the user; the message still says what failed.
    io.stderr(`cte-check: unexpected failure: ${escapeControls(err instanceof Error ? err.message : String(err))}\n`);
    return 2;
  }
}

/** What the readable output says about the worklist: since the last run, fixed, acknowledged, the countdown. */
function worklistText(
  { report, tracking }: Pick<CheckResult, "report" | "tracking">,
  args: CliArgs,
  previous: PreviousReport | undefined,
): TrackingTextInput {
  const whereByKey = new Map(report.findings.map((f) => [f.key, `${f.sheet}!${f.cell}`] as const));
  return {
    since: tracking.since,
    previousSource: args.previous !== undefined ? path.basename(args.previous) : "the Findings sheet of the workbook",
    fixed: tracking.fixed,
    ...(previous?.schoolYear !== undefined ? { previousSchoolYear: previous.schoolYear, schoolYear: report.schoolYear } : {}),
    matchedByPlace: previous?.findings.some((f) => f.matchBy === "place") ?? false,
    acknowledged: report.findings.filter((f) => f.status === "acknowledged"),
    refused: tracking.refused,
    whereByKey,
    snapshot: tracking.snapshot,
    suggestedSnapshotDate: tracking.suggestedSnapshotDate,
  };
}

/** Options that check files: none of them goes with --template, which only writes one. */
const CHECK_OPTIONS: readonly (keyof CliArgs)[] = [
  "json",
  "out",
  "references",
  "schoolYear",
  "team",
  "recognize",
  "kinds",
  "columns",
  "headerRows",
  "map",
  "passing",
  "previous",
  "snapshotDate",
];
const FLAG_OF: Partial<Record<keyof CliArgs, string>> = {
  references: "--reference",
  schoolYear: "--school-year",
  kinds: "--kind",
  columns: "--column",
  headerRows: "--header-row",
  snapshotDate: "--snapshot-date",
};

/** `--template NAME FILE`: writes the template (exit 0), or says why not (exit 2). */
async function runTemplate(args: CliArgs, io: CliIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr(`cte-check: ${escapeControls(message)}\n\n${USAGE}\n`);
    return 2;
  };
  // exceljs loads only when a workbook is written.
  const { TEMPLATES, isTemplateName, writeTemplate } = await import("./template");
  const name = args.template ?? "";
  if (!isTemplateName(name)) return usage(`--template ${name}: unknown template; the one there is: ${TEMPLATES.join(", ")}.`);
  const extra = CHECK_OPTIONS.filter((o) => {
    const v = args[o];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== false;
  });
  if (extra.length > 0) {
    const flags = extra.map((o) => FLAG_OF[o] ?? `--${o}`).join(", ");
    return usage(`--template writes a new workbook and checks nothing: leave out ${flags}.`);
  }
  if (args.files.length !== 1) {
    return usage(
      args.files.length === 0
        ? `--template ${name} needs the name of the .xlsx file to write.`
        : `--template ${name} writes one file; ${args.files.length} were given.`,
    );
  }
  const [file] = args.files;
  try {
    const sheet = await writeTemplate(name, file);
    io.stdout(`Wrote ${file}: sheet ‘${sheet}’, an empty ${name} template (each column's header note says what goes in it).\n`);
    return 0;
  } catch (err) {
    io.stderr(`cte-check: ${escapeControls(err instanceof Error ? err.message : String(err))}\n`);
    return 2;
  }
}

/** Exit status when no sheet of any input was recognised. */
export const NOTHING_CHECKED = 3;

function packageVersion(): string {
  // dist-cli/cli/main.js and src/cli/main.ts both sit two levels below the package root.
  try {
    return (
      (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "unknown"
    );
  } catch {
    return "unknown";
  }
}

/** The --map file and the --kind/--column/--header-row flags, merged and checked against the sheets read. */
function readOverrides(args: CliArgs, sheets: readonly SheetInput[]): OverrideMap | undefined {
  if (!args.map && args.kinds.length === 0 && args.columns.length === 0 && args.headerRows.length === 0) return undefined;
  let base: OverrideMap = {};
  if (args.map) {
    let text: string;
    try {
      const size = fs.statSync(args.map).size;
      if (size > 1_000_000)
        throw new OverrideError(`--map ${args.map} is ${size.toLocaleString("en-US")} bytes; a corrections file is a few kilobytes.`);
      // Notepad saves JSON with a byte-order mark, and PowerShell's `>` writes UTF-16: both are JSON.
      text = decodeText(fs.readFileSync(args.map)).replace(/^\uFEFF/, "");
    } catch (err) {
      if (err instanceof OverrideError) throw err;
      throw new InputError(
        `cannot read --map ${args.map}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`,
      );
    }
    base = parseOverrideMap(text, args.map);
  }
  const overrides = matchOverrideSheets(overridesFromFlags(base, args), sheets);
  validateOverrides(overrides, sheets);
  return overrides;
}

if (require.main === module) void runCliProcess(runCli, process, { width: outputWidth(process.stdout) });
