/** The read paging planner: every used cell is read exactly once, in order, within the budgets. */
import fc from "fast-check";
import { type ReadBlock, type ReadBudget, READ_START, type SheetExtent, measuredBytesPerCell, nextRoundTrip } from "../src/excel/readPlan";

const BUDGET: ReadBudget = { blockRows: 20_000, maxCells: 5_000_000, responseBytes: 4_000_000 };

/** Every round trip until the planner has nothing left (with a guard against a planner that never ends). */
function allTrips(sheets: readonly SheetExtent[], budget: ReadBudget, bytesPerCell: number): ReadBlock[][] {
  const trips: ReadBlock[][] = [];
  let cursor = READ_START;
  for (let guard = 0; guard < 100_000; guard++) {
    const trip = nextRoundTrip(sheets, cursor, budget, bytesPerCell);
    if (trip.blocks.length === 0) return trips;
    trips.push([...trip.blocks]);
    cursor = trip.next;
  }
  throw new Error("the planner did not finish");
}

test("a 100,000-row, 10-column sheet is five 20,000-row blocks, one per round trip at 16 bytes per cell", () => {
  const trips = allTrips([{ rows: 100_000, columns: 10 }], BUDGET, 16);
  // 20,000 × 10 × 16 = 3.2 MB: a second block would pass the 4 MB response budget.
  expect(trips).toEqual([0, 1, 2, 3, 4].map((i) => [{ sheet: 0, firstRow: i * 20_000, rows: 20_000 }]));
});

test("small sheets share one round trip; empty sheets are skipped", () => {
  const trips = allTrips(
    [
      { rows: 100, columns: 6 },
      { rows: 0, columns: 0 },
      { rows: 40, columns: 3 },
    ],
    BUDGET,
    16,
  );
  expect(trips).toEqual([
    [
      { sheet: 0, firstRow: 0, rows: 100 },
      { sheet: 2, firstRow: 0, rows: 40 },
    ],
  ]);
});

test("a block the budget would cut short starts the next round trip; a first block is cut to fit", () => {
  const budget: ReadBudget = { blockRows: 100, maxCells: 1_000, responseBytes: 1_000_000 };
  const trips = allTrips(
    [
      { rows: 60, columns: 10 },
      { rows: 70, columns: 10 },
    ],
    budget,
    16,
  );
  expect(trips).toEqual([[{ sheet: 0, firstRow: 0, rows: 60 }], [{ sheet: 1, firstRow: 0, rows: 70 }]]);
  // One row wider than the cell budget is still read, one row at a time.
  expect(allTrips([{ rows: 2, columns: 5_000 }], budget, 16)).toEqual([
    [{ sheet: 0, firstRow: 0, rows: 1 }],
    [{ sheet: 0, firstRow: 1, rows: 1 }],
  ]);
});

test("property: blocks cover every row of every sheet once, in order, within the budgets", () => {
  const sheetArb = fc.record({ rows: fc.integer({ min: 0, max: 3_000 }), columns: fc.integer({ min: 0, max: 60 }) });
  const budgetArb = fc.record({
    blockRows: fc.integer({ min: 1, max: 500 }),
    maxCells: fc.integer({ min: 1, max: 20_000 }),
    responseBytes: fc.integer({ min: 1, max: 200_000 }),
  });
  fc.assert(
    fc.property(fc.array(sheetArb, { maxLength: 5 }), budgetArb, fc.integer({ min: 1, max: 64 }), (sheets, budget, bytesPerCell) => {
      const trips = allTrips(sheets, budget, bytesPerCell);
      const expected = sheets.map((s) => (s.rows > 0 && s.columns > 0 ? s.rows : 0));
      const read = sheets.map(() => 0);
      for (const trip of trips) {
        let cells = 0;
        for (const b of trip) {
          expect(b.firstRow).toBe(read[b.sheet]); // in order, no gap, no overlap
          expect(b.rows).toBeGreaterThanOrEqual(1);
          expect(b.rows).toBeLessThanOrEqual(budget.blockRows);
          read[b.sheet] += b.rows;
          cells += b.rows * sheets[b.sheet].columns;
        }
        // Within the budgets, except a round trip of one single-row block (it cannot be smaller).
        if (trip.length > 1 || trip[0].rows > 1) {
          expect(cells).toBeLessThanOrEqual(budget.maxCells);
          expect(cells * bytesPerCell).toBeLessThanOrEqual(budget.responseBytes);
        }
      }
      expect(read).toEqual(expected);
    }),
  );
});

test("the bytes-per-cell estimate follows the measurement with a margin, halves at most, and stays at least 4", () => {
  expect(measuredBytesPerCell(16, 4_000, 100)).toBe(50);
  expect(measuredBytesPerCell(16, 100, 100)).toBe(8);
  expect(measuredBytesPerCell(6, 100, 100)).toBe(4);
  expect(measuredBytesPerCell(16, 0, 0)).toBe(16);
});
