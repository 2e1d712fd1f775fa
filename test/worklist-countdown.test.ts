/** The snapshot countdown: the suggested date around weekends, the days left, the two-week line. */
import { countdown, dayNumber, localDate, SNAPSHOT_ADVICE, suggestedSnapshotDate } from "../src/core/countdown";
import { checklistLayout, isChecklistSheet, snapshotLine } from "../src/core/checklistSheet";
import { runChecklist } from "../src/core/engine";
import { participants } from "./helpers/fixtures";
import { logSheetInput } from "./helpers/worklist";

describe("suggestedSnapshotDate", () => {
  it("is the first business day of December of the school year's end year", () => {
    // 2026-12-01 is a Tuesday.
    expect(suggestedSnapshotDate("2025-26")).toBe("2026-12-01");
    // 2029-12-01 is a Saturday, 2024-12-01 and 2030-12-01 Sundays: the Monday after.
    expect(suggestedSnapshotDate("2028-29")).toBe("2029-12-03");
    expect(suggestedSnapshotDate("2023-24")).toBe("2024-12-02");
    expect(suggestedSnapshotDate("2029-30")).toBe("2030-12-02");
    // 2025-12-01 is a Monday.
    expect(suggestedSnapshotDate("2024-25")).toBe("2025-12-01");
  });

  it("is a Monday to Friday for every school year the add-in accepts", () => {
    for (let start = 2000; start <= 2098; start++) {
      const year = `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
      const date = suggestedSnapshotDate(year)!;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect([weekday >= 1 && weekday <= 5, date.slice(0, 8)]).toEqual([true, `${start + 1}-12-`]);
      expect(Number(date.slice(8))).toBeLessThanOrEqual(3);
    }
  });

  it("is null for a text that is not a school year", () => {
    expect(suggestedSnapshotDate("next year")).toBeNull();
  });
});

describe("countdown", () => {
  it("counts calendar days and draws the two-week line at 14 days", () => {
    expect(countdown("2026-12-01", "2026-11-16")).toEqual({ date: "2026-12-01", daysLeft: 15, inFinalTwoWeeks: false, passed: false });
    expect(countdown("2026-12-01", "2026-11-17")).toEqual({
      date: "2026-12-01",
      daysLeft: 14,
      inFinalTwoWeeks: true,
      passed: false,
      advice: SNAPSHOT_ADVICE,
    });
    expect(countdown("2026-12-01", "2026-12-01")).toMatchObject({ daysLeft: 0, inFinalTwoWeeks: true, passed: false });
    expect(countdown("2026-12-01", "2026-12-02")).toEqual({ date: "2026-12-01", daysLeft: -1, inFinalTwoWeeks: false, passed: true });
  });

  it("reads a Date as its local calendar date, whatever the hour (no time-zone drift)", () => {
    expect(countdown("2026-12-01", new Date(2026, 10, 30, 0, 0))!.daysLeft).toBe(1);
    expect(countdown("2026-12-01", new Date(2026, 10, 30, 23, 59))!.daysLeft).toBe(1);
    // Across the November daylight-saving change and a year's end.
    expect(countdown("2026-12-01", new Date(2026, 9, 31, 23, 30))!.daysLeft).toBe(31);
    expect(countdown("2027-01-04", new Date(2026, 11, 31, 12))!.daysLeft).toBe(4);
    expect(localDate(new Date(2026, 1, 3, 23, 59))).toBe("2026-02-03");
  });

  it("refuses dates that do not exist", () => {
    expect(countdown("2026-02-30", "2026-01-01")).toBeNull();
    expect(countdown("Dec 1", "2026-01-01")).toBeNull();
    expect(dayNumber("2028-02-29")).not.toBeNull();
    expect(dayNumber("2027-02-29")).toBeNull();
  });
});

describe("the countdown in a run", () => {
  const sheets = [participants([["1000000001", 10]])];

  it("takes the snapshot date from the options, else from the workbook's log; suggests one when neither has it", () => {
    const now = new Date(2026, 10, 20, 10, 0);
    const none = runChecklist(sheets, { schoolYear: "2025-26", now });
    expect(none.tracking.snapshot).toBeNull();
    expect(none.report.snapshot).toBeUndefined();
    expect(none.tracking.suggestedSnapshotDate).toBe("2026-12-01");
    const log = logSheetInput({ snapshotDate: "2026-12-04", acknowledgements: [], history: [] });
    const fromLog = runChecklist([...sheets, log], { schoolYear: "2025-26", now });
    expect(fromLog.report.snapshot).toEqual({ date: "2026-12-04", daysLeft: 14, advice: SNAPSHOT_ADVICE });
    const explicit = runChecklist([...sheets, log], { schoolYear: "2025-26", now, snapshotDate: "2026-12-07" });
    expect(explicit.report.snapshot).toEqual({ date: "2026-12-07", daysLeft: 17 });
    expect(explicit.tracking.nextLog.snapshotDate).toBe("2026-12-07");
  });

  it("refuses a snapshot date that is not yyyy-mm-dd with a clear message", () => {
    expect(() => runChecklist(sheets, { snapshotDate: "12/01/2026" })).toThrow(
      'Snapshot date "12/01/2026" is not a date like 2026-12-01 (yyyy-mm-dd).',
    );
  });

  it("shows the date and days left on the Snapshot Checklist sheet, which is still told as ours", () => {
    const now = new Date(2026, 10, 20, 10, 0);
    const result = runChecklist(sheets, { schoolYear: "2025-26", now, snapshotDate: "2026-12-01" });
    const layout = checklistLayout({ report: result.report, checkedOn: "2026-11-20", snapshot: result.tracking.snapshot });
    expect(layout.snapshotRow).toBe(5);
    expect(layout.values[4].slice(0, 2)).toEqual(["Snapshot date:", `2026-12-01 — 11 days left. ${SNAPSHOT_ADVICE}`]);
    expect(isChecklistSheet(layout.values)).toBe(true);
    expect(snapshotLine({ date: "2026-12-01", daysLeft: 0, inFinalTwoWeeks: true, passed: false })).toBe("2026-12-01 — today");
    expect(snapshotLine({ date: "2026-12-01", daysLeft: -1, inFinalTwoWeeks: false, passed: true })).toBe("2026-12-01 — passed 1 day ago");
    expect(snapshotLine({ date: "2026-12-01", daysLeft: 30, inFinalTwoWeeks: false, passed: false })).toBe("2026-12-01 — 30 days left");
  });
});
