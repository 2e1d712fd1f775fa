import { sheetFromUsedRange } from "../src/excel/values";
import { toGatewayError } from "../src/excel/errors";
import { buildIacList } from "../src/core/lists";

test("a 200,000-row used range becomes a sheet without exhausting the stack", () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [String(i), i % 4 === 0 ? "x" : ""]);
  const sheet = sheetFromUsedRange("Big", rows, 0, 0);
  expect(sheet.rows.length).toBe(200_000);
  expect(sheet.rows[199_999]).toEqual(["199999", ""]);
});

test("a pasted 200,000-row IAC list is read without exhausting the stack", () => {
  const rows = [["IAC code", "Cluster"], ...Array.from({ length: 200_000 }, () => ["01.09", "Agriculture, Food & Natural Resources"])];
  expect("problem" in buildIacList(rows)).toBe(false);
});

test("a failure that is not Office's says what it was, not that Excel is missing", () => {
  expect(toGatewayError(new RangeError("Maximum call stack size exceeded"), "read the workbook").message).toBe(
    "Could not read the workbook: Maximum call stack size exceeded.",
  );
  expect(toGatewayError(new ReferenceError("Excel is not defined"), "read the workbook").message).toContain("Excel is not available");
});
