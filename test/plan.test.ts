/** The highlight plan: coalescing, chunking and the error-over-warning rule, checked as properties. */
import fc from "fast-check";
import { columnLetters } from "../src/core/address";
import { CellRect, HighlightPlan, MAX_CHUNK_CHARS, buildHighlightPlan, chunkAddresses, coalesceCells, rectAddress } from "../src/core/plan";
import type { Finding } from "../src/core/report";

function finding(sheet: string, row: number, column: number, severity: Finding["severity"]): Finding {
  const cell = `${columnLetters(column)}${row}`;
  return {
    rule: "TEST-RULE",
    severity,
    topic: "structure",
    sheet,
    row,
    cell,
    message: "m",
    key: `TEST-RULE|-|${sheet}!${cell}|-`,
    status: "new",
  };
}

const cellArb = fc.record({ row: fc.integer({ min: 1, max: 60 }), column: fc.integer({ min: 1, max: 12 }) });
const findingArb = fc
  .record({
    sheet: fc.constantFrom("A", "B"),
    row: fc.integer({ min: 1, max: 400 }),
    column: fc.integer({ min: 1, max: 30 }),
    severity: fc.constantFrom<Finding["severity"]>("error", "warning", "info"),
  })
  .map((f) => finding(f.sheet, f.row, f.column, f.severity));

function cellsOf(rects: readonly CellRect[]): string[] {
  const out: string[] = [];
  for (const r of rects) for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(`${row},${c}`);
  return out;
}

/** Parses a chunk back into cells. */
function chunkCells(chunk: string): string[] {
  return chunk.split(",").flatMap((area) => {
    const [a, b = a] = area.split(":");
    const p = (x: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(x)!;
      let c = 0;
      for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
      return { row: Number(m[2]), column: c };
    };
    const s = p(a);
    const e = p(b);
    return cellsOf([{ top: s.row, left: s.column, bottom: e.row, right: e.column }]);
  });
}

describe("coalesceCells", () => {
  it("covers every distinct cell exactly once and nothing else", () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 300 }), (cells) => {
        const rects = coalesceCells(cells);
        const covered = cellsOf(rects);
        const wanted = new Set(cells.map((c) => `${c.row},${c.column}`));
        expect(covered.length).toBe(new Set(covered).size); // disjoint
        expect(new Set(covered)).toEqual(wanted);
      }),
      { numRuns: 300 },
    );
  });

  it("merges vertical runs, then equal runs in adjacent columns", () => {
    const block = [];
    for (let r = 2; r <= 5; r++) for (let c = 3; c <= 4; c++) block.push({ row: r, column: c });
    expect(coalesceCells(block).map(rectAddress)).toEqual(["C2:D5"]);
    expect(
      coalesceCells([
        { row: 1, column: 1 },
        { row: 2, column: 1 },
        { row: 1, column: 2 },
      ]).map(rectAddress),
    ).toEqual(["A1:A2", "B1"]);
    expect(
      coalesceCells([
        { row: 7, column: 2 },
        { row: 7, column: 2 },
      ]).map(rectAddress),
    ).toEqual(["B7"]);
  });

  it("turns a whole flagged column of 50,000 rows into one area", () => {
    const cells = Array.from({ length: 50_000 }, (_, i) => ({ row: i + 2, column: 5 }));
    expect(coalesceCells(cells).map(rectAddress)).toEqual(["E2:E50001"]);
  });
});

describe("chunkAddresses", () => {
  it("keeps order and stays within the limit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("A1", "B22:C40", "AA100", "XFD1048576"), { maxLength: 400 }),
        fc.integer({ min: 25, max: 200 }),
        (addresses, max) => {
          const chunks = chunkAddresses(addresses, max);
          for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
          expect(chunks.join(",")).toBe(addresses.join(","));
        },
      ),
    );
  });
});

describe("buildHighlightPlan", () => {
  function check(plan: HighlightPlan, findings: readonly Finding[], maxChunkChars: number) {
    // worst severity per cell among error/warning findings
    const worst = new Map<string, "error" | "warning">();
    for (const f of findings) {
      if (f.severity === "info") continue;
      const key = `${f.sheet}!${f.cell}`;
      if (f.severity === "error" || !worst.has(key)) worst.set(key, f.severity === "error" ? "error" : (worst.get(key) ?? "warning"));
    }
    const seen = new Map<string, "error" | "warning">();
    for (const layer of plan.layers) {
      for (const chunk of layer.chunks) {
        expect(chunk.length).toBeLessThanOrEqual(maxChunkChars);
        for (const cell of chunkCells(chunk)) {
          const [row, column] = cell.split(",").map(Number);
          const key = `${layer.sheet}!${columnLetters(column)}${row}`;
          expect(seen.has(key)).toBe(false); // exactly once, in one layer only
          seen.set(key, layer.severity);
        }
      }
      expect(cellsOf(layer.rects).length).toBe(layer.cells);
    }
    expect(seen).toEqual(worst); // every flagged cell, with its worst severity
    expect(plan.cells).toBe(worst.size);
  }

  it("covers every flagged cell exactly once, errors winning over warnings, no chunk over the limit", () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 500 }), fc.integer({ min: 30, max: 400 }), (findings, max) => {
        const plan = buildHighlightPlan(findings, { maxChunkChars: max, maxChunksPerLayer: 10_000 });
        check(plan, findings, max);
      }),
      { numRuns: 200 },
    );
  });

  it("with the default limit, 20,000 scattered cells make chunks of at most 7,500 characters", () => {
    const findings = Array.from({ length: 20_000 }, (_, i) => finding("Big", 2 + i * 2, 1 + (i % 7), i % 3 === 0 ? "warning" : "error"));
    const plan = buildHighlightPlan(findings);
    check(plan, findings, MAX_CHUNK_CHARS);
    expect(Math.max(...plan.layers.flatMap((l) => l.chunks.map((c) => c.length)))).toBeLessThanOrEqual(7500);
    expect(plan.layers.map((l) => l.severity)).toEqual(["error", "warning"]);
  });

  it("does not highlight info findings or findings on sheets that are not in the workbook", () => {
    const plan = buildHighlightPlan([finding("Notes", 1, 1, "info"), finding("dpi.csv", 3, 2, "error"), finding("S", 2, 2, "warning")], {
      sheets: ["S", "Notes"],
    });
    expect(plan.layers.map((l) => [l.sheet, l.severity, l.chunks])).toEqual([["S", "warning", ["B2"]]]);
    expect(plan.unplaced).toBe(1);
  });

  it("caps the rules per sheet and severity, counting what it leaves out", () => {
    const findings = Array.from({ length: 3000 }, (_, i) => finding("S", 2 + i * 2, 1, "error"));
    const plan = buildHighlightPlan(findings, { maxChunkChars: 100, maxChunksPerLayer: 3 });
    expect(plan.layers[0].chunks.length).toBe(3);
    expect(plan.layers[0].cells + plan.layers[0].omittedCells).toBe(3000);
    expect(plan.omittedCells).toBeGreaterThan(0);
    expect(cellsOf(plan.layers[0].rects).length).toBe(plan.layers[0].cells);
  });
});
