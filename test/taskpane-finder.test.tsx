/** @jest-environment jsdom */
/**
 * The pane's concentrator finder end to end over the Office.js gateway and the fake Excel: "Insert pathway
 * plan template" adds the sheet, the user fills it in (and pastes coursework), "Run checklist" lists the
 * possible concentrators with their qualifying courses, and a student's id goes to their coursework row.
 * Also the Sheets panel's "Last year's concentrators" choice.
 */
import "./helpers/jsdomPane";

import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ExcelRun, OfficeExcelGateway } from "../src/excel/officeGateway";
import { App } from "../src/taskpane/App";
import { MAX_LISTED } from "../src/taskpane/components/PossibleConcentratorsPanel";
import { FakeContext, FakeWorkbook } from "./helpers/fakeExcel";

const TODAY = new Date("2026-11-28T12:00:00");
const AFNR = "Agriculture, Food & Natural Resources";

const PLAN_ROWS = [
  ["Animal Systems", "01.09", AFNR, "01001", "AG101", "Intro to Agriculture", ""],
  ["", "", "", "01011", "AG210", "Veterinary Science", ""],
  ["Programming", "11.02", "Information Technology", "10152", "CS110", "Intro to Programming", ""],
  ["", "", "", "10153", "CS210", "AP Computer Science A", ""],
];

const COURSEWORK = [
  ["Student ID", "School Year", "Course Number", "Course Name", "Mark", "Credits Earned"],
  ["9000000001", "2023-24", "AG101", "Intro to Agriculture", "B", 0.5],
  ["9000000001", "2024-25", "AG210A", "Veterinary Science", "C-", 0.5],
  ["9000000002", "2024-25", "CS110", "Intro to Programming", "A", 0.5],
  ["9000000002", "2025-26", "CS210", "AP Computer Science A", "B+", 1],
  ["9000000003", "2024-25", "AG101", "Intro to Agriculture", "D", 0.5],
  ["9000000003", "2024-25", "AG210", "Veterinary Science", "F", 0],
];

const PARTICIPANTS = [
  ["Student ID", "Grade"],
  ["9000000001", 12],
  ["9000000002", 11],
  ["9000000003", 11],
];

const CONCENTRATORS = [
  ["Student ID", "Grade", "IAC", "Cluster"],
  ["9000000002", 11, "11.02", "Information Technology"],
];

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Participants", PARTICIPANTS);
  wb.addSheet("Concentrators", CONCENTRATORS);
  wb.addSheet("Coursework", COURSEWORK);
  return wb;
}

function renderPane(wb: FakeWorkbook) {
  const gateway = new OfficeExcelGateway({ run: wb.run as unknown as ExcelRun, isSetSupported: wb.isSetSupported });
  render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={gateway} today={() => TODAY} />
    </FluentProvider>,
  );
  openTab("Concentrators");
  return gateway;
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
}

/** Runs the checklist (the pane then shows its Results tab) and opens the tab the test looks at. */
async function runChecklist(tab = "Concentrators") {
  const button = screen.getByRole("button", { name: "Run checklist" }) as HTMLButtonElement;
  fireEvent.click(button);
  await waitFor(() => expect(button.disabled).toBe(true));
  await waitFor(() => expect(button.disabled).toBe(false), { timeout: 10_000 });
  await screen.findByRole("heading", { name: /Checklist 2025-26/ });
  openTab(tab);
}

/** The user pastes rows under the template's header (the fake parses them as Excel does, by the cells' format). */
async function fillPlan(wb: FakeWorkbook, sheet: string, firstRow: number, rows: string[][]): Promise<void> {
  await wb.run(async (context: FakeContext) => {
    context.workbook.worksheets.getItem(sheet).getRangeByIndexes(firstRow - 1, 0, rows.length, rows[0].length).values = rows;
    await context.sync();
  });
}

describe("the pane's concentrator finder", () => {
  test("insert the template, fill it in, run: the possible concentrator with the courses that qualify them, one click from the coursework", async () => {
    const wb = workbook();
    renderPane(wb);
    fireEvent.click(screen.getByRole("button", { name: "Insert pathway plan template" }));
    await screen.findByText(/Added the sheet ‘Pathway Plan’\. Each column's header has a note saying what goes in it/);
    expect(wb.sheetNames()).toEqual(["Participants", "Concentrators", "Coursework", "Pathway Plan"]);
    expect(wb.notes("Pathway Plan")).toHaveLength(7);

    await fillPlan(wb, "Pathway Plan", 2, PLAN_ROWS);
    // The Text format kept the codes as typed.
    expect(wb.cell("Pathway Plan", "B2")).toBe("01.09");
    expect(wb.cell("Pathway Plan", "D2")).toBe("01001");
    await runChecklist();

    const list = screen.getByRole("list", { name: "Possible concentrators" });
    const items = within(list)
      .getAllByRole("listitem", { name: undefined })
      .filter((li) => li.parentElement === list);
    // 9000000002 is reported; 9000000003 passed one Animal Systems course only.
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain(`grade 12: Animal Systems (IAC 01.09, ${AFNR})`);
    const courses = within(items[0]).getByRole("list", { name: "Courses that qualify 9000000001" });
    // The plan's roster code (the engine may show it without its leading zero), title and the year it was passed.
    const texts = within(courses)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^0?1001 Intro to Agriculture \(2023-24\)$/);
    expect(texts[1]).toMatch(/^0?1011 Veterinary Science \(2024-25\)$/);
    const go = within(items[0]).getByRole("button", { name: /^Go to student 9000000001 \(Coursework!/ });
    fireEvent.click(go);
    // The student's first coursework row, at the student id.
    await waitFor(() => expect(wb.selection).toEqual({ sheet: "Coursework", address: "A2" }));
  });

  test("without a plan and coursework, the panel says what the finder needs", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Participants", PARTICIPANTS);
    renderPane(wb);
    expect(screen.getByText("Run the checklist to look for possible concentrators.")).toBeTruthy();
    await runChecklist();
    expect(screen.getByText(/Not looked for: the workbook needs a pathway plan sheet with courses and a coursework sheet/)).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Possible concentrators" })).toBeNull();
  });

  test("a plan whose qualifying students are all reported: no possible concentrators, said so", async () => {
    const wb = workbook();
    wb.addSheet("Pathway Plan", [
      ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
      ...PLAN_ROWS.map((r) => r.slice(0, 6)),
    ]);
    wb.addSheet("More concentrators", [CONCENTRATORS[0], ["9000000001", 12, "01.09", AFNR]]);
    renderPane(wb);
    await runChecklist();
    expect(screen.getByText(/No possible concentrators: no grade 11–12 student outside the concentrators export qualifies/)).toBeTruthy();
  });

  test("a host without ExcelApi 1.18: the template explains its columns in a row above the header, and the pane says so", async () => {
    const wb = workbook();
    wb.excelApi = "1.9";
    renderPane(wb);
    fireEvent.click(screen.getByRole("button", { name: "Insert pathway plan template" }));
    await screen.findByText(/Added the sheet ‘Pathway Plan’\. The row above the header says what goes in each column/);
    expect(wb.notes("Pathway Plan")).toEqual([]);
    expect(wb.values("Pathway Plan")[1][0]).toBe("Pathway Name");
  });

  test("a failed insert shows the gateway's reason", async () => {
    const wb = workbook();
    const gateway = renderPane(wb);
    gateway.insertPathwayPlanTemplate = async () => {
      throw new (await import("../src/excel/gateway")).GatewayError(
        "Could not insert the Pathway Plan template: the workbook is protected.",
      );
    };
    fireEvent.click(screen.getByRole("button", { name: "Insert pathway plan template" }));
    await screen.findByText("Could not insert the Pathway Plan template: the workbook is protected.");
  });

  test("long lists stop at MAX_LISTED students and count the rest", async () => {
    const wb = new FakeWorkbook();
    const ids = Array.from({ length: MAX_LISTED + 3 }, (_, i) => String(9100000000 + i));
    wb.addSheet("Participants", [["Student ID", "Grade"], ...ids.map((id) => [id, 11])]);
    wb.addSheet("Coursework", [
      COURSEWORK[0],
      ...ids.flatMap((id) => [
        [id, "2024-25", "AG101", "Intro to Agriculture", "A", 0.5],
        [id, "2025-26", "AG210", "Veterinary Science", "B", 0.5],
      ]),
    ]);
    wb.addSheet("Pathway Plan", [
      ["Pathway Name", "IAC", "Cluster", "Roster Code", "Local Course Code", "Local Course Title"],
      ...PLAN_ROWS.map((r) => r.slice(0, 6)),
    ]);
    renderPane(wb);
    await runChecklist();
    const list = screen.getByRole("list", { name: "Possible concentrators" });
    expect(within(list).getAllByRole("button", { name: /^Go to student / })).toHaveLength(MAX_LISTED);
    expect(screen.getByText(/^… and 3 more students\./)).toBeTruthy();
  });
});

describe("the Sheets panel's kind choice", () => {
  test("offers \"Last year's concentrators\" right after this year's, and keeps the choice in the workbook", async () => {
    const wb = workbook();
    wb.addSheet("Concentrators 2024-25", CONCENTRATORS);
    renderPane(wb);
    await runChecklist("Sheets");
    const select = screen.getByLabelText("Kind of ‘Concentrators 2024-25’") as HTMLSelectElement;
    const labels = [...select.options].map((o) => o.textContent);
    const at = labels.indexOf("Career (CTE) Concentrators export");
    expect(labels[at + 1]).toBe("Last year's concentrators");
    fireEvent.change(select, { target: { value: "previous-concentrators" } });
    await screen.findByText(/Saved your choice for ‘Concentrators 2024-25’ in this workbook/);
    await runChecklist("Sheets");
    expect(screen.getByText(/^Last year's Career \(CTE\) Concentrators export, header row 1, 1 data rows\./)).toBeTruthy();
  });
});
