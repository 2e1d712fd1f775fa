/**
 * The highlight lifecycle: adding the add-in's conditional-format rules and removing exactly those.
 *
 * "Ours" is decided by reading each rule: every rule the add-in adds carries a constant marker in its own
 * formula (`=ISTEXT("CTE Snapshot Check highlight: error")`, always TRUE). Neither `ConditionalFormat.id`
 * (documented as the rule's priority position in its collection, so it shifts when rules are added or
 * deleted) nor `Worksheet.id` (stable only within a session) is kept as a key: the marker survives
 * reopening, renaming and copying a sheet, and another Excel version.
 *
 * Removal re-reads every sheet's rules in the same batch (Excel.run) that deletes them, deletes a sheet's
 * rules from the highest position down (a deletion shifts only the positions after it, which are gone
 * already), deletes nothing whose formula lacks the marker, and verifies each sheet's rule count after.
 *
 * Round trips ("syncs"):
 * - find our rules: 1 (sheet names, events, and the rule types of the sheets last seen, e.g. by the read)
 *   + 1 more when the sheets differ from those (a new pane, a sheet added or renamed) + 1 for the formulas
 *   of custom rules (none when no sheet has one).
 * - then 1 write (events off, suspend calculation and screen updating, delete, add, events back), split
 *   only if the request would exceed ~4 MB; none when there is nothing to delete or add.
 * So highlighting after a read takes 2 (3 when custom rules exist), Clear 3 in a pane that has read the
 * workbook and 4 in a new pane (e.g. after reopening).
 *
 * Residual risk, inherent to positional ids: a rule the user adds in the milliseconds between the formula
 * read and the delete shifts the positions; the rule counts checked after the delete catch it, and Clear
 * then looks again, but the delete itself cannot be undone.
 */
import { HIGHLIGHT_SEVERITIES, type HighlightPlan, type HighlightSeverity } from "../core/plan";
import { hasErrorCode } from "./errors";
import { GatewayError } from "./gateway";
import { type WriteOp, runWrites } from "./writeBatches";

/** light red and amber, as the CLI's annotated copy */
export const HIGHLIGHT_FILL = { error: "#FFC7CE", warning: "#FFEB9C" } as const;

/** The text that marks a rule as the add-in's. No user rule has it unless copied from one of ours. */
export const HIGHLIGHT_MARKER = "CTE Snapshot Check highlight";

/** The rule formula: ISTEXT of a text constant is always TRUE, so the rule always applies to its cells. */
export function highlightFormula(severity: HighlightSeverity): string {
  return `=ISTEXT("${HIGHLIGHT_MARKER}: ${severity}")`;
}

const OUR_FORMULAS = new Set(HIGHLIGHT_SEVERITIES.map((s) => highlightFormula(s).toUpperCase()));

/** Whether a rule's formula (as `ConditionalRangeFormatRule.formula` returns it, A1 and English) is one the add-in adds. */
export function isOurRuleFormula(formula: string | null | undefined): boolean {
  return typeof formula === "string" && OUR_FORMULAS.has(formula.replace(/\s+/g, " ").trim().toUpperCase());
}

/** estimated request bytes of one queued command, on top of its strings */
const COMMAND_BYTES = 120;

export interface SheetRules {
  readonly name: string;
  readonly ws: Excel.Worksheet;
  readonly rules: Excel.ConditionalFormatCollection;
  /** positions (0-based, ascending) of our rules in `rules.items` */
  readonly ours: number[];
}

export interface OurRules {
  /** every worksheet, in workbook order */
  readonly sheets: SheetRules[];
  readonly enableEvents: boolean;
}

/**
 * Loads every sheet's rules and finds ours by their formula. `expectedSheets` (names from a read just
 * before) lets the rule lists load with the sheet list, saving a round trip when nothing changed.
 */
export async function findOurRules(context: Excel.RequestContext, expectedSheets: readonly string[] | null): Promise<OurRules> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  context.runtime.load("enableEvents");
  let early: { ws: Excel.Worksheet; rules: Excel.ConditionalFormatCollection }[] | null = null;
  if (expectedSheets) {
    early = expectedSheets.map((name) => {
      const ws = worksheets.getItem(name);
      return { ws, rules: ws.getRange().conditionalFormats.load("items/type") };
    });
  }
  try {
    await context.sync();
  } catch (err) {
    // A sheet of the read was renamed or deleted since: look at the workbook as it is.
    if (!early || !hasErrorCode(err, "ItemNotFound")) throw err;
    return findOurRules(context, null);
  }
  const names = worksheets.items.map((ws) => ws.name);
  let lists = early;
  if (!lists || expectedSheets!.length !== names.length || expectedSheets!.some((n, i) => n !== names[i])) {
    lists = worksheets.items.map((ws) => ({ ws, rules: ws.getRange().conditionalFormats.load("items/type") }));
    await context.sync();
  }
  const formulas: { sheet: number; index: number; rule: Excel.ConditionalFormatRule }[] = [];
  lists.forEach(({ rules }, sheet) => {
    rules.items.forEach((cf, index) => {
      if (cf.type === "Custom") formulas.push({ sheet, index, rule: cf.custom.rule.load("formula") });
    });
  });
  if (formulas.length > 0) await context.sync();
  const sheets: SheetRules[] = lists.map(({ ws, rules }, i) => ({ name: names[i], ws, rules, ours: [] }));
  for (const f of formulas) if (isOurRuleFormula(f.rule.formula)) sheets[f.sheet].ours.push(f.index);
  return { sheets, enableEvents: context.runtime.enableEvents };
}

export interface RuleToAdd {
  readonly sheet: string;
  readonly severity: HighlightSeverity;
  /** the cells, as a comma-separated address list within Excel's length limit */
  readonly address: string;
  readonly cells: number;
}

/** One rule per sheet × severity × address chunk of the plan. */
export function rulesOfPlan(plan: HighlightPlan | null): RuleToAdd[] {
  const rules: RuleToAdd[] = [];
  for (const layer of plan?.layers ?? []) {
    let rect = 0;
    for (const address of layer.chunks) {
      const areas = address.split(",").length;
      const cells = layer.rects.slice(rect, rect + areas).reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
      rect += areas;
      rules.push({ sheet: layer.sheet, severity: layer.severity, address, cells });
    }
  }
  return rules;
}

export interface RewriteResult {
  readonly removed: number;
  readonly added: number;
  /** sheets whose rule count after the deletions was not what was expected (rules changed meanwhile) */
  readonly unexpected: string[];
}

/**
 * Deletes our rules found by `findOurRules` in the same batch and adds `add`: events off from the first
 * write to the last, calculation and screen updating suspended once, one round trip unless the request
 * would exceed `requestBudget` bytes.
 */
export async function rewriteHighlights(
  context: Excel.RequestContext,
  found: OurRules,
  add: readonly RuleToAdd[],
  requestBudget: number,
): Promise<RewriteResult> {
  const bySheet = new Map(found.sheets.map((s) => [s.name, s]));
  for (const rule of add) {
    if (!bySheet.has(rule.sheet)) {
      throw new GatewayError(
        `Could not highlight the cells: sheet ‘${rule.sheet}’ is no longer in this workbook (renamed or deleted?). ` +
          "Run the checklist again.",
        "ItemNotFound",
      );
    }
  }
  const ops: WriteOp[] = [];
  const counts: { sheet: SheetRules; count: OfficeExtension.ClientResult<number> | null }[] = [];
  let removed = 0;
  for (const sheet of found.sheets) {
    if (sheet.ours.length === 0) continue;
    const entry: (typeof counts)[number] = { sheet, count: null };
    counts.push(entry);
    // Highest position first: deleting one shifts only the positions after it, already deleted.
    for (const index of [...sheet.ours].sort((a, b) => b - a)) {
      ops.push({ bytes: COMMAND_BYTES, queue: () => sheet.rules.items[index].delete() });
    }
    ops.push({
      bytes: COMMAND_BYTES,
      queue: () => {
        entry.count = sheet.rules.getCount();
      },
    });
    removed += sheet.ours.length;
  }
  for (const rule of add) {
    ops.push({
      bytes: COMMAND_BYTES * 5 + rule.address.length,
      queue: () => {
        const cf = bySheet.get(rule.sheet)!.ws.getRanges(rule.address).conditionalFormats.add("Custom");
        cf.custom.rule.formula = highlightFormula(rule.severity);
        cf.custom.format.fill.color = HIGHLIGHT_FILL[rule.severity];
      },
    });
  }
  if (ops.length === 0) return { removed: 0, added: 0, unexpected: [] };

  await runWrites(context, ops, { requestBudget, eventsWere: found.enableEvents, suspend: true });
  const unexpected = counts
    .filter(({ sheet, count }) => count !== null && count.value !== sheet.rules.items.length - sheet.ours.length)
    .map(({ sheet }) => sheet.name);
  return { removed, added: add.length, unexpected };
}
