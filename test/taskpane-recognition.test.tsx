/** @jest-environment jsdom */
/**
 * The pane's side of recognition: the Sheets panel lists columns read from their values, and the topic list
 * puts the rows' CLUSTER-UNKNOWN under the one CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS finding that explains them.
 */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { SheetInput } from "../src/core/cells";
import { runChecklist } from "../src/core/engine";
import { SheetsPanel } from "../src/taskpane/components/SheetsPanel";
import { TopicList } from "../src/taskpane/components/TopicList";
import { groupByRule } from "../src/taskpane/ruleGroups";

const TODAY = new Date("2026-11-28T12:00:00Z");
const AFNR = "Agriculture, Food & Natural Resources";

const handMade: SheetInput = {
  name: "Counselor list",
  rows: [
    ["Student Number", "Student Name", "Grade Level Placement", "Concentration Code", "Pathway"],
    ["9000000001", "Student A", "11", "01.09", AFNR],
    ["9000000002", "Student B", "12", "11.01", "Information Technology"],
  ],
};

const areasInClusterColumn: SheetInput = {
  name: "Concentrators",
  rows: [
    ["WSN", "Grade", "CTE Concentration IAC Code", "CTE Concentration Program Area"],
    ["9000000001", 11, "01.09", "Agriculture and Natural Resources Education"],
    ["9000000002", 12, "11.01", "Business and Information Technology Education"],
    ["9000000003", 12, "11.01", "Business and Information Technology Education"],
  ],
};

/** The Sheets panel for the one sheet, after a checklist run over it. */
function renderSheetsPanel(sheet: SheetInput): void {
  const { report } = runChecklist([sheet], { today: TODAY });
  render(
    <FluentProvider theme={webLightTheme}>
      <SheetsPanel sheets={[sheet]} report={report} overrides={{}} onChange={() => {}} />
    </FluentProvider>,
  );
}

test("the Sheets panel names each column read from its values, with why", () => {
  renderSheetsPanel(handMade);
  const list = screen.getByRole("list", { name: "Columns of ‘Counselor list’ read from their values" });
  const items = within(list)
    .getAllByRole("listitem")
    .map((li) => li.textContent);
  expect(items).toHaveLength(2);
  expect(items[0]).toMatch(/‘Concentration Code’, read from its values \(2 of 2 sampled values are CIP codes/);
  expect(items[1]).toMatch(/‘Pathway’, read from its values \(2 of 2 sampled values are career cluster names/);
});

test("the Sheets panel lists nothing as inferred when every header was known", () => {
  renderSheetsPanel(areasInClusterColumn);
  expect(screen.queryByRole("list", { name: /read from their values/ })).toBeNull();
});

test("CLUSTER-UNKNOWN rows are grouped under the one header finding that explains them", () => {
  const { report } = runChecklist([areasInClusterColumn], { today: TODAY });
  const clusters = report.findings.filter((f) => f.topic === "career-clusters");
  expect(clusters.map((f) => f.rule)).toEqual([
    "CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS",
    "CLUSTER-UNKNOWN",
    "CLUSTER-UNKNOWN",
    "CLUSTER-UNKNOWN",
  ]);
  const groups = groupByRule(clusters);
  expect(groups.map((g) => [g.rule, g.findings.length, g.explains.length])).toEqual([["CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS", 1, 3]]);
  render(
    <FluentProvider theme={webLightTheme}>
      <TopicList report={report} sheets={new Set(["Concentrators"])} onSelect={() => {}} />
    </FluentProvider>,
  );
  const topic = screen.getByRole("list", { name: "Career Pathway / Cluster rules" });
  const line = within(topic).getByRole("button", { name: /CLUSTER-COLUMN-HOLDS-PROGRAM-AREAS · 1 cell \+ 3 rows/ });
  expect(screen.queryByRole("list", { name: "CLUSTER-UNKNOWN rows from this cause" })).toBeNull();
  fireEvent.click(line);
  expect(within(topic).getByText("3 rows with CLUSTER-UNKNOWN from this cause:")).toBeTruthy();
  const rows = within(topic).getByRole("list", { name: "CLUSTER-UNKNOWN rows from this cause" });
  expect(within(rows).getAllByRole("listitem")).toHaveLength(3);
});

test("without the header finding, CLUSTER-UNKNOWN rows stay in the list", () => {
  const { report } = runChecklist(
    [
      {
        name: "C",
        rows: [
          ["WSN", "Grade", "IAC", "Cluster"],
          ["9000000001", 11, "01.09", "Farming"],
        ],
      },
    ],
    { today: TODAY },
  );
  const groups = groupByRule(report.findings.filter((f) => f.topic === "career-clusters"));
  expect(groups.map((g) => [g.rule, g.findings.length, g.explains.length])).toEqual([["CLUSTER-UNKNOWN", 1, 0]]);
});
