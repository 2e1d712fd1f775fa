/** @jest-environment jsdom */
/**
 * The task pane with a fake gateway (React Testing Library): run, click-to-select, override a kind, clear,
 * write the summary sheet, load a reference list; the real engine does the checking.
 */
import "./helpers/jsdomPane";

import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { CellValue, SheetInput } from "../src/core/cells";
import type { HighlightPlan } from "../src/core/plan";
import { TOPICS } from "../src/core/report";
import { TOPIC_META } from "../src/core/checklist";
import type { ApplyResult, ChecklistSheetResult, ClearResult, ExcelGateway, ReadProgress, WorkbookRead } from "../src/excel/gateway";
import { GatewayError } from "../src/excel/gateway";
import { EMPTY_SETTINGS, type WorkbookSettings, mergeSettings } from "../src/excel/settings";
import type { ChecklistSheetInput } from "../src/core/checklistSheet";
import { App } from "../src/taskpane/App";
import { runChecklist as runEngine } from "../src/core/engine";
import { findingsSheetLayout, isFindingsSheet } from "../src/core/findingsSheet";
import { logSheetLayout, parseLogSheet } from "../src/core/workbookLog";
import { ruleById } from "../src/core/rules/registry";
import { concentratorsSheet, demographicsSheet, district, notesSheet, participantsSheet } from "./helpers/district";

const TODAY = new Date("2026-11-28T12:00:00");

function toInput(s: { name: string; rows: (string | number | boolean)[][] }): SheetInput {
  return {
    name: s.name,
    rows: s.rows.map((r) => r.map((v): CellValue => (v === "" ? null : v))),
    firstRow: 1,
    firstColumn: 1,
    source: "workbook",
  };
}

type ExcelGatewayArg<M extends keyof ExcelGateway, N extends number = 0> = Parameters<ExcelGateway[M]>[N];

class FakeGateway implements ExcelGateway {
  settings: WorkbookSettings = EMPTY_SETTINGS;
  sheets: SheetInput[] = [participantsSheet(120), concentratorsSheet(200), demographicsSheet(60), notesSheet()].map(toInput);
  readWorkbook = jest.fn(async (onProgress?: (p: ReadProgress) => void): Promise<WorkbookRead> => {
    this.sheets.forEach((s, i) =>
      onProgress?.({ sheet: s.name, sheetIndex: i, sheetCount: this.sheets.length, rowsRead: s.rows.length, rows: s.rows.length }),
    );
    return { sheets: this.sheets, settings: this.settings };
  });
  applyHighlights = jest.fn(async (plan: HighlightPlan): Promise<ApplyResult> => ({
    rules: plan.layers.reduce((n, l) => n + l.chunks.length, 0),
    cells: plan.cells,
    removed: 0,
  }));
  clearHighlights = jest.fn(async (): Promise<ClearResult> => ({ removed: 4 }));
  selectCell = jest.fn(async (_sheet: string, _cell: string): Promise<void> => undefined);
  writeChecklistSheet = jest.fn(async (_input: ChecklistSheetInput): Promise<ChecklistSheetResult> => ({ sheet: "Snapshot Checklist" }));
  insertPathwayPlanTemplate = jest.fn(async () => ({ sheet: "Pathway Plan", explanations: "notes" as const }));
  // The worklist writes keep their sheets in `sheets`, as Excel would, so the next run reads them back.
  writeFindingsSheet = jest.fn(async (worklist: ExcelGatewayArg<"writeFindingsSheet">) => {
    const layout = "header" in worklist ? worklist : findingsSheetLayout(worklist, { sheets: this.sheets.map((s) => s.name) });
    this.putSheet(layout.name, [layout.header, ...layout.rows]);
    return { sheet: layout.name, table: layout.tableName, rows: layout.rows.length, created: true };
  });
  writeLog = jest.fn(async (log: ExcelGatewayArg<"writeLog">) => {
    const layout = logSheetLayout(log);
    this.putSheet(layout.name, layout.rows);
    return { sheet: layout.name, created: true };
  });
  setFindingStatuses = jest.fn(async (changes: ExcelGatewayArg<"setFindingStatuses">) => {
    const at = this.sheets.findIndex((s) => isFindingsSheet(s.rows));
    if (at < 0) return { sheet: null, rows: new Map<string, number>(), missing: changes.map((c) => c.key), refused: [] };
    const header = this.sheets[at].rows[0].map((c) => String(c));
    const [keyColumn, statusColumn, reasonColumn, severityColumn] = ["Key", "Status", "Acknowledgement reason", "Severity"].map((h) =>
      header.indexOf(h),
    );
    const rows = this.sheets[at].rows.map((r) => [...r]);
    const changed = new Map<string, number>();
    const missing: string[] = [];
    const refused: string[] = [];
    for (const c of changes) {
      const row = rows.findIndex((r) => r[keyColumn] === c.key);
      if (row < 0) missing.push(c.key);
      else if (c.status === "acknowledged" && rows[row][severityColumn] === "error") refused.push(c.key);
      else {
        rows[row][statusColumn] = c.status;
        rows[row][reasonColumn] = c.status === "acknowledged" ? (c.reason ?? "") : null;
        changed.set(c.key, row + 1);
      }
    }
    this.sheets[at] = { ...this.sheets[at], rows };
    return { sheet: this.sheets[at].name, rows: changed, missing, refused };
  });
  setFindingStatus = jest.fn(async (key: string, status: ExcelGatewayArg<"setFindingStatus", 1>, reason?: string) => {
    const result = await this.setFindingStatuses([{ key, status, reason }]);
    const row = result.rows.get(key);
    return row === undefined ? { updated: false } : { updated: true, sheet: result.sheet!, row };
  });
  sheetNamed(name: string): SheetInput | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  private putSheet(name: string, rows: readonly (readonly (string | number)[])[]) {
    const sheet = toInput({ name, rows: rows.map((r) => [...r]) });
    const at = this.sheets.findIndex((s) => s.name === name);
    if (at >= 0) this.sheets[at] = sheet;
    else this.sheets.push(sheet);
  }
  loadSettings = jest.fn(async (): Promise<WorkbookSettings> => this.settings);
  saveSettings = jest.fn(
    async (patch: Partial<WorkbookSettings>): Promise<WorkbookSettings> => (this.settings = mergeSettings(this.settings, patch)),
  );
}

function renderPane(gateway: ExcelGateway) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={gateway} today={() => TODAY} />
    </FluentProvider>,
  );
}

/** Presses "Run checklist" and waits for the run to finish (the button is enabled again). */
async function runChecklist() {
  const run = screen.getByRole("button", { name: "Run checklist" }) as HTMLButtonElement;
  fireEvent.click(run);
  await waitFor(() => expect(run.disabled).toBe(false));
  await screen.findByRole("heading", { name: /Checklist 2025-26/ });
}

/** The accordion item of a topic (its header button's text starts with the title). */
function topicItem(title: string): HTMLElement {
  const item = [...document.querySelectorAll<HTMLElement>("[data-topic]")].find((el) =>
    el.querySelector("h3 button")?.textContent?.startsWith(title),
  );
  if (!item) throw new Error(`no topic ${title}`);
  return item;
}

function topicHeader(title: string): HTMLButtonElement {
  return topicItem(title).querySelector("h3 button") as HTMLButtonElement;
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
}

/** Opens every closed topic, rule line and details element, and presses every "Show … more". */
function expandEverything() {
  for (const header of document.querySelectorAll<HTMLButtonElement>("[data-topic] h3 button[aria-expanded='false']"))
    fireEvent.click(header);
  for (const rule of document.querySelectorAll<HTMLButtonElement>("[data-rule] > button[aria-expanded='false']")) fireEvent.click(rule);
  for (const details of document.querySelectorAll("details")) details.open = true;
  for (let more = screen.queryAllByRole("button", { name: /^Show \d+ more/ }); more.length > 0;) {
    more.forEach((b) => fireEvent.click(b));
    more = screen.queryAllByRole("button", { name: /^Show \d+ more/ });
  }
}

describe("task pane", () => {
  it("runs the checklist and lists the topics in DPI's order with status, figure and counts", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await waitFor(() => expect(gateway.loadSettings).toHaveBeenCalled());
    await runChecklist();
    expect(gateway.readWorkbook).toHaveBeenCalledTimes(1);
    expect(gateway.applyHighlights).toHaveBeenCalledTimes(1);
    const plan = gateway.applyHighlights.mock.calls[0][0];
    expect(plan.cells).toBeGreaterThan(0);

    const headers = [...document.querySelectorAll("[data-topic] h3 button")];
    expect(headers.map((h) => h.querySelector("span > span")!.textContent)).toEqual(TOPICS.map((t) => TOPIC_META[t].title));
    const participants = topicItem("CTE Participants");
    expect(participants.textContent).toMatch(/Fail/);
    expect(participants.textContent).toMatch(/119 students/); // 120 rows, one without an id
    expect(participants.textContent).toMatch(/\d+ errors · 0 warnings/);
    expect(topicItem("Single Parent & Homeless").textContent).toMatch(/2 single parents, 1 homeless \(counts only\)/);
    expect(screen.getByText(/Checked 3 sheets: \d+ errors, \d+ warnings\. \d+ cells highlighted\./)).toBeTruthy();
  });

  it("says 'Nothing was checked' in its banner when no sheet is recognised, never a success", async () => {
    const gateway = new FakeGateway();
    gateway.sheets = [
      notesSheet(),
      {
        name: "Rooms",
        rows: [
          ["Teacher", "Room", "Period"],
          ["Smith", "101", 3],
          ["Jones", "102", 4],
        ],
      },
    ].map(toInput);
    renderPane(gateway);
    await runChecklist();
    expect(await screen.findByText("Nothing was checked")).toBeTruthy();
    expect(screen.getByText(/No sheet of this workbook was recognised as a WISEdata export/)).toBeTruthy();
    expect(screen.queryByText(/^Checked \d+ sheets?:/)).toBeNull();
    expect(topicItem("Workbook structure").textContent).toMatch(/1 warning/);
  });

  it("says 'Nothing was checked' when the sheets recognised have only a header, never a success", async () => {
    const gateway = new FakeGateway();
    const header = ["Student ID", "Student Name", "Grade", "CTE Concentration IAC Code", "Cluster"];
    gateway.sheets = [{ name: "Concentrators", rows: [header] }].map(toInput);
    renderPane(gateway);
    await runChecklist();
    expect(await screen.findByText("Nothing was checked")).toBeTruthy();
    expect(screen.getByText(/recognised as WISEdata exports have no data rows/)).toBeTruthy();
    expect(topicItem("IAC Codes").textContent).not.toMatch(/Pass/);
  });

  it("selects a finding's cell when it is clicked, and shows more cells on request", async () => {
    const gateway = new FakeGateway();
    gateway.sheets = [participantsSheet(3000)].map(toInput);
    renderPane(gateway);
    await runChecklist();
    const item = topicItem("CTE Participants");
    const rules = within(item).getByRole("list", { name: "CTE Participants rules" });
    fireEvent.click(within(rules).getByRole("button", { name: /GRADE-OUT-OF-RANGE · 60 cells/ }));
    const cells = within(item).getByRole("list", { name: "GRADE-OUT-OF-RANGE cells" });
    expect(within(cells).getAllByRole("listitem")).toHaveLength(25);
    const first = within(cells).getAllByRole("button")[0];
    expect(first.getAttribute("aria-label")).toMatch(/^Go to CTE Participants!/);
    fireEvent.click(first);
    expect(gateway.selectCell).toHaveBeenCalledWith("CTE Participants", first.textContent);
    fireEvent.click(within(item).getByRole("button", { name: /^Show 35 more/ }));
    expect(within(cells).getAllByRole("listitem")).toHaveLength(60);
  });

  it("at 400 findings, lists one line per rule with its count, message and fix said once, expanding to cells that select", async () => {
    const gateway = new FakeGateway();
    gateway.sheets = district(400).map(toInput);
    renderPane(gateway);
    await runChecklist();
    expect(screen.getByText(/^\d+ errors, 410 warnings in 3 recognised sheets/)).toBeTruthy();
    // No cell is listed until its rule is opened: the pane is not one long scroll.
    expect(screen.queryAllByRole("button", { name: /^Go to / })).toHaveLength(0);

    const item = topicItem("CTE Concentrators");
    const lines = within(within(item).getByRole("list", { name: "CTE Concentrators rules" })).getAllByRole("listitem");
    expect(lines.map((li) => li.querySelector("button")!.textContent)).toEqual([
      "▸Error GRADE-OUT-OF-RANGE · 4 cells",
      "▸Warning CONCENTRATOR-NOT-PARTICIPANT · 400 cells",
    ]);
    const rule = ruleById("CONCENTRATOR-NOT-PARTICIPANT")!;
    const occurrences = (text: string) => item.textContent!.split(text).length - 1;
    expect(occurrences(`Fix: ${rule.fix}`)).toBe(1);
    // Each message names its student: the line says the rule's description once instead.
    expect(occurrences(rule.description)).toBe(1);

    const toggle = within(lines[1]).getByRole("button", { name: /CONCENTRATOR-NOT-PARTICIPANT · 400 cells/ });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const cells = within(lines[1]).getByRole("list", { name: "CONCENTRATOR-NOT-PARTICIPANT cells" });
    expect(within(cells).getAllByRole("listitem")).toHaveLength(25);
    const third = within(cells).getAllByRole("button", { name: /^Go to / })[2];
    expect(third.textContent).toBe("A4");
    expect(within(lines[1]).getByText("On ‘Career Concentrators’:")).toBeTruthy();
    fireEvent.click(third);
    expect(gateway.selectCell).toHaveBeenLastCalledWith("Career Concentrators", "A4");
    expect(occurrences(`Fix: ${rule.fix}`)).toBe(1);
    fireEvent.click(toggle);
    expect(within(lines[1]).queryByRole("list", { name: "CONCENTRATOR-NOT-PARTICIPANT cells" })).toBeNull();
  });

  it("opens only the failing topics at first; a topic opens and closes from its header", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    const expected = runEngine(gateway.sheets, { today: TODAY }).report.checklist;
    expect(expected.some((t) => t.status === "fail")).toBe(true);
    expect(expected.some((t) => t.status !== "fail")).toBe(true);
    for (const t of expected) {
      expect([t.title, topicHeader(t.title).getAttribute("aria-expanded")]).toEqual([t.title, t.status === "fail" ? "true" : "false"]);
    }
    const passing = expected.find((t) => t.status === "pass")!;
    fireEvent.click(topicHeader(passing.title));
    expect(topicHeader(passing.title).getAttribute("aria-expanded")).toBe("true");
    expect(within(topicItem(passing.title)).getByText("Nothing to fix.")).toBeTruthy();
    fireEvent.click(topicHeader("CTE Participants"));
    expect(topicHeader("CTE Participants").getAttribute("aria-expanded")).toBe("false");
    expect(within(topicItem("CTE Participants")).queryByRole("list", { name: "CTE Participants rules" })).toBeNull();
  });

  it("overrides a sheet's kind, keeps it in the workbook and uses it on the next run", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    expect(topicItem("CTE Participants").textContent).toMatch(/Fail/);
    openTab("Sheets");
    const kind = screen.getByLabelText("Kind of ‘CTE Participants’") as HTMLSelectElement;
    expect(kind.value).toBe("");
    fireEvent.change(kind, { target: { value: "ignore" } });
    await waitFor(() => expect(gateway.saveSettings).toHaveBeenCalledWith({ overrides: { "CTE Participants": { kind: "ignore" } } }));
    await screen.findByText(/Saved your choice for ‘CTE Participants’ in this workbook\. Run the checklist again to use it\./);
    await runChecklist();
    openTab("Results");
    await waitFor(() => expect(topicItem("CTE Participants").textContent).toMatch(/No data/));
    openTab("Sheets");
    expect((screen.getByLabelText("Kind of ‘CTE Participants’") as HTMLSelectElement).value).toBe("ignore");
  });

  it("maps a column by hand", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    openTab("Sheets");
    const columns = screen.getByRole("group", { name: "Columns of ‘CTE Participants’" });
    const column = within(columns).getByLabelText("Grade (required)", { selector: "select" }) as HTMLSelectElement;
    expect(column.options[0].textContent).toBe("Automatic: Grade Level");
    fireEvent.change(column, { target: { value: "CTE Course Count" } });
    await waitFor(() =>
      expect(gateway.saveSettings).toHaveBeenCalledWith({ overrides: { "CTE Participants": { columns: { grade: "CTE Course Count" } } } }),
    );
  });

  it("clears the highlights", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    fireEvent.click(screen.getByRole("button", { name: "Clear highlights" }));
    await screen.findByText(/Removed the highlights \(4 rules\)\. Your own formatting is unchanged\./);
    expect(gateway.clearHighlights).toHaveBeenCalledTimes(1);
  });

  it("writes the Snapshot Checklist sheet with team members and date", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    openTab("Progress");
    const button = () => screen.getByRole("button", { name: "Write Snapshot Checklist sheet" }) as HTMLButtonElement;
    expect(button().disabled).toBe(true);
    await runChecklist();
    openTab("Progress");
    const write = button();
    expect(write.disabled).toBe(false);
    fireEvent.change(screen.getByLabelText("Team members"), { target: { value: "Ana Diaz, Ben Olsen" } });
    const date = screen.getByLabelText("Date of data check") as HTMLInputElement;
    expect(date.value).toBe("2026-11-28");
    fireEvent.change(date, { target: { value: "2026-12-01" } });
    fireEvent.click(write);
    await screen.findByText(/Wrote the sheet ‘Snapshot Checklist’/);
    const input = gateway.writeChecklistSheet.mock.calls[0][0];
    expect(input.teamMembers).toBe("Ana Diaz, Ben Olsen");
    expect(input.checkedOn).toBe("2026-12-01");
    expect(input.report.checklist).toHaveLength(TOPICS.length);
    expect(gateway.saveSettings).toHaveBeenCalledWith({ teamMembers: "Ana Diaz, Ben Olsen" });
  });

  it("never shows a single-parent or homeless value", async () => {
    const gateway = new FakeGateway();
    gateway.sheets = [
      toInput({
        name: "Demo",
        rows: [
          ["WSN", "Grade Level", "Single Parent", "Homeless"],
          ["9200000001", 11, "SECRET-VALUE-1", "SECRET-VALUE-2"],
          ["9200000002", 9, "Yes", "No"],
        ],
      }),
    ];
    const { container } = renderPane(gateway);
    await runChecklist();
    expandEverything();
    expect(topicItem("Single Parent & Homeless").textContent).toMatch(/Fail/);
    expect(container.textContent).not.toMatch(/SECRET-VALUE/);
  });

  it("loads a DPI list from a CSV file and keeps it in the workbook; refuses a damaged workbook with a plain sentence", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    openTab("DPI lists");
    const input = screen.getByLabelText("DPI reference list file (CSV or Excel workbook)") as HTMLInputElement;
    const csv = new File(['IAC code,Cluster\n01.09,"Agriculture, Food & Natural Resources"\n'], "iac-list.csv", { type: "text/csv" });
    await act(async () => {
      fireEvent.change(input, { target: { files: [csv] } });
    });
    await screen.findByText(/Loaded the DPI IAC to Cluster list ‘iac-list.csv’ \(1 row\); it is kept in this workbook\./);
    expect(gateway.settings.references).toEqual([
      { name: "iac-list.csv", csv: 'IAC code,Cluster\n01.09,"Agriculture, Food & Natural Resources"\n' },
    ]);
    expect(screen.getByRole("list", { name: "Loaded DPI lists" }).textContent).toMatch(/iac-list\.csv: DPI IAC to Cluster list, 1 row/);
    await runChecklist();
    // With a loaded IAC list, DPI 6800 mismatches are errors and the "not loaded" note is gone.
    expect(topicItem("IAC Codes").textContent).not.toMatch(/No DPI IAC to Cluster list loaded/);

    openTab("DPI lists");
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 3, 4])], "catalog.xlsx");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("DPI reference list file (CSV or Excel workbook)"), { target: { files: [xlsx] } });
    });
    await screen.findByText(/Could not read ‘catalog.xlsx’ as an Excel workbook: the file is damaged or truncated/);
  });

  it("shows Excel's failures as plain sentences and still shows the checklist when highlighting fails", async () => {
    const gateway = new FakeGateway();
    gateway.readWorkbook.mockRejectedValueOnce(
      new GatewayError(
        "Could not read the workbook: Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
        "InvalidOperationInCellEditMode",
      ),
    );
    renderPane(gateway);
    fireEvent.click(screen.getByRole("button", { name: "Run checklist" }));
    await screen.findByText("Could not read the workbook: Excel is editing a cell. Press Enter or Esc to finish editing, then try again.");
    gateway.applyHighlights.mockRejectedValueOnce(new GatewayError("Could not highlight the cells: the sheet or workbook is protected."));
    await runChecklist();
    expect(screen.getByText("Checked, but not highlighted")).toBeTruthy();
    expect(screen.getByText(/the sheet or workbook is protected/)).toBeTruthy();
  });

  it("saves the school year and uses it", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    const year = screen.getByLabelText("School year") as HTMLSelectElement;
    expect(year.value).toBe("2025-26");
    fireEvent.change(year, { target: { value: "2024-25" } });
    await waitFor(() => expect(gateway.saveSettings).toHaveBeenCalledWith({ schoolYear: "2024-25" }));
    fireEvent.click(screen.getByRole("button", { name: "Run checklist" }));
    await screen.findByRole("heading", { name: /Checklist 2024-25/ });
  });
});

describe("privacy in the pane", () => {
  it("never shows single-parent or homeless values, in any panel or in the summary sheet it writes", async () => {
    const SP = "SPMARK-7f3a";
    const HL = "HLMARK-91c2";
    const gateway = new FakeGateway();
    gateway.sheets = [
      toInput(participantsSheet(20)),
      {
        name: "Student Demographics",
        firstRow: 1,
        firstColumn: 1,
        source: "workbook",
        rows: [
          ["WSN", "Grade Level", "Single Parent", "Homeless"],
          ["9000000001", 11, SP, HL],
          ["9000000002", 9, "Y", HL],
          ["9000000003", 12, SP, "N"],
          ["9000000003", 12, SP, "N"],
        ],
      },
    ];
    renderPane(gateway);
    await runChecklist();
    // Every tab, every topic and rule open, every "show more" pressed.
    let text = "";
    for (const tab of ["Results", "Progress", "Sheets", "DPI lists"]) {
      openTab(tab);
      expandEverything();
      text += document.body.textContent ?? "";
    }
    expect(text).toContain("SINGLE-PARENT-INVALID");
    expect(text).not.toContain(SP);
    expect(text).not.toContain(HL);
    openTab("Progress");
    fireEvent.click(screen.getByRole("button", { name: /Write Snapshot Checklist sheet/ }));
    await waitFor(() => expect(gateway.writeChecklistSheet).toHaveBeenCalled());
    const { checklistLayout } = await import("../src/core/checklistSheet");
    const written = JSON.stringify(checklistLayout(gateway.writeChecklistSheet.mock.calls[0][0]));
    expect(written).toContain("Single Parent");
    expect(written).not.toContain(SP);
    expect(written).not.toContain(HL);
  });
});

/** A topic's line for one rule (the <li> holding its toggle, summary, fix and cells). */
function ruleLine(topic: string, rule: string): HTMLElement {
  const line = topicItem(topic).querySelector<HTMLElement>(`[data-rule="${rule}"]`);
  if (!line) throw new Error(`no ${rule} line in ${topic}`);
  return line;
}

function openRule(topic: string, rule: string): HTMLElement {
  const toggle = ruleLine(topic, rule).querySelector(":scope > button")!;
  if (toggle.getAttribute("aria-expanded") === "false") fireEvent.click(toggle);
  return within(ruleLine(topic, rule)).getByRole("list", { name: `${rule} cells` });
}

function workbookLog(gateway: FakeGateway) {
  const sheet = gateway.sheetNamed("CTE Check Log");
  return sheet ? parseLogSheet(sheet.rows) : null;
}

const NOT_PARTICIPANT = "CONCENTRATOR-NOT-PARTICIPANT";

describe("the worklist in the pane", () => {
  it("acknowledges a warning with a reason, keeps it in the workbook, lists it apart, and un-acknowledges it in one click", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    const cellsBefore = gateway.applyHighlights.mock.calls.at(-1)![0].cells;
    const first = within(openRule("CTE Concentrators", NOT_PARTICIPANT)).getAllByRole("listitem")[0];
    const where = within(first)
      .getByRole("button", { name: /^Go to / })
      .getAttribute("aria-label")!
      .slice("Go to ".length);
    expect(where).toBe("Career Concentrators!A2");
    fireEvent.click(within(first).getByRole("button", { name: `Acknowledge ${NOT_PARTICIPANT} at ${where}` }));
    fireEvent.change(within(first).getByLabelText("Reason (optional)"), { target: { value: "early graduate confirmed" } });
    fireEvent.click(within(first).getByRole("button", { name: "Acknowledge" }));
    await screen.findByText(new RegExp(`Acknowledged ${NOT_PARTICIPANT} at ${where} \\(early graduate confirmed\\)`));

    // Kept in the workbook's log sheet, which the next run (and cte-check) reads.
    expect(workbookLog(gateway)!.acknowledgements).toEqual([
      expect.objectContaining({ rule: NOT_PARTICIPANT, reason: "early graduate confirmed", on: "2026-11-28", where }),
    ]);
    // Counted apart, listed apart with its reason, no longer highlighted.
    expect(ruleLine("CTE Concentrators", NOT_PARTICIPANT).querySelector("button")!.textContent).toMatch(/· 199 cells$/);
    expect(topicItem("CTE Concentrators").textContent).toMatch(/199 warnings · 1 acknowledged/);
    expect(screen.getByText(/\(1 acknowledged, listed apart\)/)).toBeTruthy();
    const listed = within(screen.getByRole("list", { name: "Acknowledged findings" })).getAllByRole("listitem");
    expect(listed).toHaveLength(1);
    expect(listed[0].textContent).toContain(where);
    expect(listed[0].textContent).toContain("Reason: early graduate confirmed (acknowledged 2026-11-28)");
    expect(gateway.applyHighlights.mock.calls.at(-1)![0].cells).toBe(cellsBefore - 1);
    expect(gateway.setFindingStatuses).not.toHaveBeenCalled(); // no Findings sheet to update

    await runChecklist();
    expect(within(screen.getByRole("list", { name: "Acknowledged findings" })).getAllByRole("listitem")).toHaveLength(1);
    expect(gateway.applyHighlights.mock.calls.at(-1)![0].cells).toBe(cellsBefore - 1);

    fireEvent.click(screen.getByRole("button", { name: `Un-acknowledge ${NOT_PARTICIPANT} at ${where}` }));
    await screen.findByText(/is no longer acknowledged/);
    expect(workbookLog(gateway)!.acknowledgements).toEqual([]);
    expect(screen.queryByRole("list", { name: "Acknowledged findings" })).toBeNull();
    expect(ruleLine("CTE Concentrators", NOT_PARTICIPANT).querySelector("button")!.textContent).toMatch(/· 200 cells$/);
    expect(gateway.applyHighlights.mock.calls.at(-1)![0].cells).toBe(cellsBefore);
    await runChecklist();
    expect(screen.queryByRole("list", { name: "Acknowledged findings" })).toBeNull();
  });

  it("offers no acknowledge action on errors, and an error acknowledged in the log stays an error", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    const errors = openRule("CTE Participants", "GRADE-OUT-OF-RANGE");
    expect(within(errors).getAllByRole("listitem").length).toBeGreaterThan(0);
    expect(within(ruleLine("CTE Participants", "GRADE-OUT-OF-RANGE")).queryAllByRole("button", { name: /^Acknowledge/ })).toEqual([]);
    expect(
      within(ruleLine("CTE Concentrators", NOT_PARTICIPANT)).getByRole("button", {
        name: `Acknowledge all 200 ${NOT_PARTICIPANT} findings`,
      }),
    ).toBeTruthy();

    // Written to the log by another tool: the engine refuses it, the pane still counts and lists the error.
    const error = runEngine(gateway.sheets, { today: TODAY }).report.findings.find((f) => f.rule === "GRADE-OUT-OF-RANGE")!;
    await gateway.writeLog({
      snapshotDate: null,
      acknowledgements: [{ key: error.key, rule: error.rule, reason: "not an error", on: "2026-11-27" }],
      history: [],
    });
    await runChecklist();
    expect(screen.queryByRole("list", { name: "Acknowledged findings" })).toBeNull();
    expect(topicItem("CTE Participants").textContent).not.toMatch(/acknowledged/);
    expect(
      within(openRule("CTE Participants", "GRADE-OUT-OF-RANGE")).getAllByRole("button", { name: `Go to ${error.sheet}!${error.cell}` }),
    ).toHaveLength(1);
  });

  it("writes the findings list, keeps it up to date on later runs, and sets its Status column on (un-)acknowledging a whole rule", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    await runChecklist();
    expect(gateway.writeFindingsSheet).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Write findings list" }));
    const total = runEngine(gateway.sheets, { today: TODAY }).report.findings.length;
    await screen.findByText(new RegExp(`Wrote the findings list on ‘Findings’ \\(${total} rows\\)`));
    expect(gateway.writeFindingsSheet).toHaveBeenCalledTimes(1);
    const worklist = gateway.writeFindingsSheet.mock.calls[0][0] as readonly { key: string; status: string }[];
    expect(worklist).toHaveLength(total);
    expect(new Set(worklist.map((r) => r.key)).size).toBe(total);

    const line = ruleLine("CTE Concentrators", NOT_PARTICIPANT);
    fireEvent.click(within(line).getByRole("button", { name: `Acknowledge all 200 ${NOT_PARTICIPANT} findings` }));
    fireEvent.change(within(line).getByLabelText("Reason (optional)"), { target: { value: "left the district" } });
    fireEvent.click(within(line).getByRole("button", { name: "Acknowledge" }));
    await screen.findByText(/Acknowledged 200 CONCENTRATOR-NOT-PARTICIPANT findings \(left the district\)/);
    // One call (one read, one write in Excel) for the whole rule.
    expect(gateway.setFindingStatuses).toHaveBeenCalledTimes(1);
    const changes = gateway.setFindingStatuses.mock.calls[0][0];
    expect(changes).toHaveLength(200);
    expect(changes.every((c) => c.status === "acknowledged" && c.reason === "left the district")).toBe(true);
    const findingsRows = gateway.sheetNamed("Findings")!.rows;
    const status = findingsRows[0].indexOf("Status");
    expect(findingsRows.filter((r) => r[status] === "acknowledged")).toHaveLength(200);
    expect(topicItem("CTE Concentrators").querySelector(`[data-rule="${NOT_PARTICIPANT}"]`)).toBeNull();
    const list = screen.getByRole("list", { name: "Acknowledged findings" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(25);
    expect(screen.getByRole("button", { name: "Show 50 more (of 175 acknowledged findings not shown)" })).toBeTruthy();

    const undo = within(list).getAllByRole("button", { name: /^Un-acknowledge / })[0];
    fireEvent.click(undo);
    await screen.findByText(/is no longer acknowledged/);
    expect(gateway.setFindingStatuses).toHaveBeenLastCalledWith([{ key: expect.any(String), status: "open" }]);
    expect(gateway.sheetNamed("Findings")!.rows.filter((r) => r[status] === "acknowledged")).toHaveLength(199);

    await runChecklist();
    expect(gateway.writeFindingsSheet).toHaveBeenCalledTimes(2); // kept up to date on the run
    expect(screen.getByText(/\(199 acknowledged, listed apart\)/)).toBeTruthy();
    expect(screen.getByText(/Updated the findings list on ‘Findings’/)).toBeTruthy();
  });

  it("shows since-last-run figures and a chart of errors and warnings across runs, each run adding a history line", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    openTab("Progress");
    expect(screen.getByText("Run the checklist to see what changed.")).toBeTruthy();
    await runChecklist();
    fireEvent.click(screen.getByRole("button", { name: "Write findings list" }));
    await screen.findByText(/Wrote the findings list/);
    const written = gateway.writeFindingsSheet.mock.calls[0][0] as readonly unknown[];
    openTab("Progress");
    expect(screen.getByText(/Nothing to compare with yet, so every finding counts as new/)).toBeTruthy();

    // The district fixes the two grade-7 participants (rows 51 and 101); two others (rows 61 and 121) turn up.
    gateway.sheets[0] = toInput(participantsSheet(120, "CTE Participants", 60));
    await runChecklist();
    expect(screen.getByText(new RegExp(`Since the last run: 2 fixed, 2 new, ${written.length - 2} still open\\.`))).toBeTruthy();
    const grades = ruleLine("CTE Participants", "GRADE-OUT-OF-RANGE");
    expect(grades.querySelector("button")!.textContent).toMatch(/GRADE-OUT-OF-RANGE · 2 cells \(2 new\)$/);
    expect(within(openRule("CTE Participants", "GRADE-OUT-OF-RANGE")).getAllByText("new")).toHaveLength(2);
    expect(ruleLine("CTE Participants", "STUDENT-ID-MISSING").querySelector("button")!.textContent).not.toMatch(/new/);
    openTab("Progress");
    const figures = screen.getByRole("region", { name: "Since the last run" }).querySelector("dl")!;
    const pairs = [...figures.querySelectorAll("div")].map(
      (d) => `${d.querySelector("dt")!.textContent} ${d.querySelector("dd")!.textContent}`,
    );
    expect(pairs).toEqual(["Fixed 2", "New 2", `Still open ${written.length - 2}`, "Acknowledged 0"]);
    fireEvent.click(screen.getByText("Fixed since the last run (2)"));
    const fixed = within(screen.getByRole("list", { name: "Fixed since the last run" })).getAllByRole("listitem");
    expect(fixed.map((li) => li.textContent)).toEqual([
      "Error GRADE-OUT-OF-RANGE at CTE Participants!C51 (9000000050)",
      "Error GRADE-OUT-OF-RANGE at CTE Participants!C101 (9000000100)",
    ]);

    const history = workbookLog(gateway)!.history;
    expect(history).toHaveLength(3);
    const chart = screen.getByRole("img", { name: "Errors and warnings across runs" });
    expect(chart.getAttribute("data-runs")).toBe("3");
    expect(chart.querySelector("desc")!.textContent).toBe(
      `3 runs, from 2026-11-28 12:00 to 2026-11-28 12:00: errors ${history[0].errors} → ${history[2].errors}, ` +
        `warnings ${history[0].warnings} → ${history[2].warnings}.`,
    );
    expect([history[2].errors, history[2].new, history[2].fixed]).toEqual([history[0].errors, 2, 2]);
    const table = screen.getByRole("table", { name: "Errors and warnings by run, oldest first" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual(history.map((h) => [h.runAt, String(h.errors), String(h.warnings), String(h.acknowledged)]));
  });

  it("counts down to the snapshot date the user confirms, with DPI's advice inside the last two weeks", async () => {
    const gateway = new FakeGateway();
    renderPane(gateway);
    openTab("Progress");
    expect((screen.getByRole("button", { name: "Save date" }) as HTMLButtonElement).disabled).toBe(true);
    await runChecklist();
    openTab("Progress");
    expect(screen.getByText(/No snapshot date set/)).toBeTruthy();
    const suggestion = screen.getByRole("group", { name: "Suggested snapshot date" });
    expect(suggestion.textContent).toMatch(/Suggestion: Tuesday, December 1, 2026, the first business day of December/);
    // A suggestion is never stored by itself.
    expect(workbookLog(gateway)!.snapshotDate).toBeNull();
    expect(screen.queryByText(/DPI advises/)).toBeNull();

    fireEvent.click(within(suggestion).getByRole("button", { name: "Use this date" }));
    await screen.findByText("Snapshot date 2026-12-01 saved in this workbook.");
    expect(workbookLog(gateway)!.snapshotDate).toBe("2026-12-01");
    expect(screen.getByText("3 days left")).toBeTruthy();
    expect(
      screen.getByText(/Inside the last two weeks: DPI advises syncing at least daily and re-checking until the snapshot\./),
    ).toBeTruthy();
    expect(screen.queryByRole("group", { name: "Suggested snapshot date" })).toBeNull();

    fireEvent.change(screen.getByLabelText("Snapshot date"), { target: { value: "2027-01-15" } });
    fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await screen.findByText("Snapshot date 2027-01-15 saved in this workbook.");
    expect(screen.getByText("48 days left")).toBeTruthy();
    expect(screen.queryByText(/DPI advises/)).toBeNull();

    // The Snapshot Checklist sheet gets the date, the days left and the run history.
    fireEvent.click(screen.getByRole("button", { name: "Write Snapshot Checklist sheet" }));
    await waitFor(() => expect(gateway.writeChecklistSheet).toHaveBeenCalled());
    const input = gateway.writeChecklistSheet.mock.calls[0][0];
    expect(input.snapshot).toEqual(expect.objectContaining({ date: "2027-01-15", daysLeft: 48 }));
    expect(input.history).toHaveLength(1);

    // A new run reads the date back from the workbook.
    await runChecklist();
    openTab("Progress");
    expect(screen.getByText("48 days left")).toBeTruthy();
    expect(workbookLog(gateway)!.history).toHaveLength(2);
  });
});
