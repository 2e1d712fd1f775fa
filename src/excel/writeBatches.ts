/**
 * Queued writes sent in as few round trips as Excel on the web accepts: it refuses a request over 5 MB, so a
 * batch is synced early only when the next write would take it over the budget. Used by every writer that
 * may write much (highlights, the Findings sheet, the log sheet, status changes).
 */

/** A queued write and its estimated request size in bytes. */
export interface WriteOp {
  readonly bytes: number;
  readonly queue: () => void;
}

export interface WriteOptions {
  /** estimated request bytes per round trip (under the web's 5 MB) */
  readonly requestBudget: number;
  /** Runtime.enableEvents before the writes, set back after them */
  readonly eventsWere: boolean;
  /**
   * suspend calculation and screen updating in the first round trip (never in a loop: flicker). Only for
   * writes that need no calculation: the docs make recalculating the developer's job once it is suspended, so
   * writers of formulas (the Findings sheet's HYPERLINK links) leave it on.
   */
  readonly suspend?: boolean;
}

/**
 * Queues `ops` in order with events off, syncing only when the next op would take
 * the request over the budget. Events are set back in the last round trip, or in one more if a write fails.
 * Returns the round trips made (none for no ops).
 */
export async function runWrites(context: Excel.RequestContext, ops: readonly WriteOp[], options: WriteOptions): Promise<number> {
  if (ops.length === 0) return 0;
  const runtime = context.runtime;
  let syncs = 0;
  let restored = false;
  try {
    runtime.enableEvents = false;
    if (options.suspend) {
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
    }
    let bytes = 0;
    let queued = 0;
    for (const op of ops) {
      if (queued > 0 && bytes + op.bytes > options.requestBudget) {
        // A sync inside the loop on purpose (office-addins' no-context-sync-in-loop): only when the queued
        // writes reach the request budget, as one request over it is refused by Excel on the web.
        await context.sync();
        syncs++;
        bytes = 0;
        queued = 0;
      }
      op.queue();
      bytes += op.bytes;
      queued++;
    }
    runtime.enableEvents = options.eventsWere;
    await context.sync();
    syncs++;
    restored = true;
  } finally {
    if (!restored) {
      runtime.enableEvents = options.eventsWere;
      await context.sync().catch(() => undefined);
    }
  }
  return syncs;
}
