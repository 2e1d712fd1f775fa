/**
 * How the gateway pages a workbook's used ranges into reads: pure (no Office.js), so the budgets are unit-tested
 * without a fake Excel. One round trip carries blocks of one or several sheets, each block at most `blockRows`
 * rows; the round trip stays within a cell budget and an estimated response size (Excel on the web refuses
 * responses over 5 MB). A block that would be cut short by a budget starts the next round trip instead, unless
 * it is the round trip's first (then it is read as far as the budgets allow, at least one row).
 */

/** A sheet's used range: its size only (where it starts does not change the paging). */
export interface SheetExtent {
  readonly rows: number;
  readonly columns: number;
}

export interface ReadBudget {
  /** rows per block */
  readonly blockRows: number;
  /** cells per round trip */
  readonly maxCells: number;
  /** estimated response bytes per round trip */
  readonly responseBytes: number;
}

/** Where reading stands: the sheet being read and its next unread row (0-based, within the used range). */
export interface ReadCursor {
  readonly sheetIndex: number;
  readonly nextRow: number;
}

/** One range load: `rows` rows of sheet `sheet` from `firstRow` (0-based, within the used range), all its columns. */
export interface ReadBlock {
  readonly sheet: number;
  readonly firstRow: number;
  readonly rows: number;
}

export interface RoundTrip {
  /** empty when every sheet has been read */
  readonly blocks: readonly ReadBlock[];
  /** the cells the blocks hold */
  readonly cells: number;
  /** where the round trip after this one starts */
  readonly next: ReadCursor;
}

export const READ_START: ReadCursor = { sheetIndex: 0, nextRow: 0 };

/** The blocks of the next round trip from `cursor`, at the current estimate of response bytes per cell. */
export function nextRoundTrip(sheets: readonly SheetExtent[], cursor: ReadCursor, budget: ReadBudget, bytesPerCell: number): RoundTrip {
  let { sheetIndex, nextRow } = cursor;
  const blocks: ReadBlock[] = [];
  let cells = 0;
  let bytes = 0;
  while (sheetIndex < sheets.length) {
    const s = sheets[sheetIndex];
    if (s.rows === 0 || s.columns === 0) {
      sheetIndex++;
      nextRow = 0;
      continue;
    }
    const byBytes = Math.floor((budget.responseBytes - bytes) / (s.columns * bytesPerCell));
    const byCells = Math.floor((budget.maxCells - cells) / s.columns);
    const fullBlock = Math.min(budget.blockRows, s.rows - nextRow);
    let take = Math.min(fullBlock, byBytes, byCells);
    if (blocks.length > 0 && take < fullBlock) break; // the rest of this sheet starts the next round trip
    take = Math.max(1, take);
    blocks.push({ sheet: sheetIndex, firstRow: nextRow, rows: take });
    cells += take * s.columns;
    bytes += take * s.columns * bytesPerCell;
    nextRow += take;
    if (nextRow >= s.rows) {
      sheetIndex++;
      nextRow = 0;
    }
  }
  return { blocks, cells, next: { sheetIndex, nextRow } };
}

/**
 * The estimate of response bytes per cell after a round trip measured `bytes` over `cells`: the measured mean
 * with a 25% margin, falling at most by half per round trip and never under 4 bytes.
 */
export function measuredBytesPerCell(current: number, bytes: number, cells: number): number {
  return cells > 0 ? Math.max(current * 0.5, 4, (bytes / cells) * 1.25) : current;
}
