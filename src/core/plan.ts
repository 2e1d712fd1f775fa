/**
 * The highlight plan (pure): which cells of which sheet the task pane marks, and how, computed from the
 * findings alone so the number of Excel calls it costs is a unit-testable number.
 *
 * - One layer per sheet × severity. Errors are light red, warnings amber; info findings are not
 *   highlighted (they are about a sheet or a whole topic, e.g. SHEET-UNRECOGNIZED on A1 or
 *   PROGRAM-AREA-COVERAGE, and a fill would only add noise: the pane lists them).
 * - A cell with an error is never also in the warning layer: each flagged cell is in exactly one layer.
 * - Cells are coalesced into rectangles (vertical runs per column first, then identical row spans across
 *   adjacent columns) and their addresses are packed into chunks of at most `maxChunkChars` characters,
 *   because `Worksheet.getRanges(address)` rejects address strings over 8,192 characters.
 */
import { a1, parseA1 } from "./address";
import type { Finding } from "./report";

export const HIGHLIGHT_SEVERITIES = ["error", "warning"] as const;
export type HighlightSeverity = (typeof HIGHLIGHT_SEVERITIES)[number];

/** Stay well below Excel's 8,192-character limit for a `getRanges` address. */
export const MAX_CHUNK_CHARS = 7500;
/**
 * At most this many chunks (conditional-format rules) per sheet and severity: about 100 × 7,500 characters,
 * i.e. tens of thousands of separate areas. Beyond it, the rest of the layer's cells are left unhighlighted
 * (the pane lists every finding anyway) rather than slowing Excel down with thousands of rules.
 */
export const MAX_CHUNKS_PER_LAYER = 100;

/** A rectangle of worksheet cells, 1-based and inclusive. */
export interface CellRect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface HighlightLayer {
  readonly sheet: string;
  readonly severity: HighlightSeverity;
  /** flagged cells in this layer (after removing error cells from the warning layer) */
  readonly cells: number;
  /** coalesced rectangles covering exactly those cells, in chunk order */
  readonly rects: readonly CellRect[];
  /** comma-separated A1 addresses of `rects`, each at most `maxChunkChars` long */
  readonly chunks: readonly string[];
  /** cells left out because the layer hit `maxChunksPerLayer` */
  readonly omittedCells: number;
}

export interface HighlightPlan {
  readonly layers: readonly HighlightLayer[];
  /** cells highlighted (all layers, omitted ones excluded) */
  readonly cells: number;
  readonly omittedCells: number;
  /** error/warning findings whose sheet is not one of `options.sheets` (e.g. a loaded reference file) */
  readonly unplaced: number;
  readonly maxChunkChars: number;
}

export interface PlanOptions {
  /** sheets that exist in the workbook, in workbook order; findings on other sheets are not planned */
  readonly sheets?: readonly string[];
  readonly maxChunkChars?: number;
  readonly maxChunksPerLayer?: number;
}

interface Cell {
  readonly row: number;
  readonly column: number;
}

/** A1 text of a rectangle: "C7" for one cell, "C7:D9" otherwise. */
export function rectAddress(r: CellRect): string {
  const start = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${a1(r.bottom, r.right)}`;
}

export function rectCells(r: CellRect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/**
 * Coalesces distinct cells into disjoint rectangles: vertical runs of consecutive rows in each column,
 * then runs with the same top and bottom in adjacent columns become one rectangle.
 * Every input cell is covered by exactly one rectangle and no other cell is covered. Duplicates are ignored.
 */
export function coalesceCells(cells: Iterable<Cell>): CellRect[] {
  const byColumn = new Map<number, number[]>();
  for (const { row, column } of cells) {
    const rows = byColumn.get(column);
    if (rows) rows.push(row);
    else byColumn.set(column, [row]);
  }
  // Vertical runs, keyed by their row span; each span collects the columns that have it.
  const spans = new Map<string, { top: number; bottom: number; columns: number[] }>();
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = byColumn.get(column)!.sort((a, b) => a - b);
    let top = rows[0];
    let prev = rows[0];
    const flush = () => {
      const key = `${top}:${prev}`;
      const span = spans.get(key);
      if (span) span.columns.push(column);
      else spans.set(key, { top, bottom: prev, columns: [column] });
    };
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i];
      if (row === prev) continue;
      if (row === prev + 1) {
        prev = row;
        continue;
      }
      flush();
      top = row;
      prev = row;
    }
    flush();
  }
  const rects: CellRect[] = [];
  for (const { top, bottom, columns } of spans.values()) {
    // columns were pushed in increasing order
    let left = columns[0];
    let right = columns[0];
    for (let i = 1; i <= columns.length; i++) {
      const c = columns[i];
      if (c === right + 1) {
        right = c;
        continue;
      }
      rects.push({ top, left, bottom, right });
      left = c;
      right = c;
    }
  }
  // Top-to-bottom, then left-to-right: nearby areas end up in the same chunk.
  return rects.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Packs addresses into comma-separated chunks of at most `maxChars` characters (order kept). */
export function chunkAddresses(addresses: readonly string[], maxChars: number = MAX_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const address of addresses) {
    if (address.length > maxChars) throw new RangeError(`address ${address} is longer than ${maxChars} characters`);
    if (current === "") current = address;
    else if (current.length + 1 + address.length <= maxChars) current += `,${address}`;
    else {
      chunks.push(current);
      current = address;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** Builds the plan from the findings of one run. */
export function buildHighlightPlan(findings: readonly Finding[], options: PlanOptions = {}): HighlightPlan {
  const maxChunkChars = options.maxChunkChars ?? MAX_CHUNK_CHARS;
  const maxChunks = options.maxChunksPerLayer ?? MAX_CHUNKS_PER_LAYER;
  const known = options.sheets ? new Set(options.sheets) : null;

  /** sheet -> cell key -> worst severity */
  const bySheet = new Map<string, Map<string, { cell: Cell; severity: HighlightSeverity }>>();
  let unplaced = 0;
  for (const f of findings) {
    // Acknowledged findings are not highlighted: the user has seen them and said why they stand.
    if (f.status === "acknowledged" || (f.severity !== "error" && f.severity !== "warning")) continue;
    if (known && !known.has(f.sheet)) {
      unplaced++;
      continue;
    }
    const cell = parseA1(f.cell);
    if (!cell || !Number.isFinite(cell.column)) continue;
    let cells = bySheet.get(f.sheet);
    if (!cells) bySheet.set(f.sheet, (cells = new Map()));
    const key = `${cell.row},${cell.column}`;
    const had = cells.get(key);
    if (!had || (had.severity === "warning" && f.severity === "error")) cells.set(key, { cell, severity: f.severity });
  }

  const sheetOrder = options.sheets ?? [...bySheet.keys()];
  const layers: HighlightLayer[] = [];
  let total = 0;
  let omittedTotal = 0;
  for (const sheet of sheetOrder) {
    const cells = bySheet.get(sheet);
    if (!cells) continue;
    for (const severity of HIGHLIGHT_SEVERITIES) {
      const layerCells = [...cells.values()].filter((c) => c.severity === severity).map((c) => c.cell);
      if (layerCells.length === 0) continue;
      const all = coalesceCells(layerCells);
      const allChunks = chunkAddresses(all.map(rectAddress), maxChunkChars);
      const chunks = allChunks.slice(0, maxChunks);
      let rects = all;
      let omitted = 0;
      if (chunks.length < allChunks.length) {
        const kept = chunks.reduce((n, chunk) => n + chunk.split(",").length, 0);
        rects = all.slice(0, kept);
        omitted = all.slice(kept).reduce((n, r) => n + rectCells(r), 0);
      }
      const layerTotal = layerCells.length - omitted;
      layers.push({ sheet, severity, cells: layerTotal, rects, chunks, omittedCells: omitted });
      total += layerTotal;
      omittedTotal += omitted;
    }
  }
  return { layers, cells: total, omittedCells: omittedTotal, unplaced, maxChunkChars };
}
