/**
 * Entry point: waits for Office.js, then renders the pane with the Office.js gateway and the Office theme.
 * Opened outside Excel (a plain browser), it renders with a notice instead of failing.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { OfficeExcelGateway } from "../excel/officeGateway";
import { App } from "./App";
import { officeFluentTheme } from "./theme";

const OUTSIDE_EXCEL = "This pane works inside Excel: open it from the Home tab (CTE Checklist).";

function start(notice?: string): void {
  const element = document.getElementById("root");
  if (!element) return;
  document.body.style.margin = "0";
  const theme = officeFluentTheme();
  document.body.style.backgroundColor = theme.colorNeutralBackground2;
  createRoot(element).render(
    <FluentProvider theme={theme} style={{ minHeight: "100vh", backgroundColor: theme.colorNeutralBackground2 }}>
      <App gateway={new OfficeExcelGateway()} notice={notice} />
    </FluentProvider>,
  );
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady().then(
    () => start(typeof Excel === "undefined" ? OUTSIDE_EXCEL : undefined),
    () => start(OUTSIDE_EXCEL),
  );
} else {
  start(OUTSIDE_EXCEL);
}
