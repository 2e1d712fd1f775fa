/**
 * The kind choices of a sheet in the Sheets panel: every export kind by its title, except that last year's
 * Career Concentrators export reads "Last year's concentrators" and sits right after this year's, where a
 * user looking for it expects it (both exports have the same headers; only the school year differs).
 */
import { KIND_SPECS } from "../core/recognize";
import type { ExportKind } from "../core/report";

export interface KindChoice {
  readonly kind: ExportKind;
  readonly label: string;
}

export const PREVIOUS_CONCENTRATORS_LABEL = "Last year's concentrators";

export const KIND_CHOICES: readonly KindChoice[] = (() => {
  const choices: KindChoice[] = KIND_SPECS.filter((k) => k.kind !== "previous-concentrators").map((k) => ({
    kind: k.kind,
    label: k.title,
  }));
  const after = choices.findIndex((c) => c.kind === "concentrators");
  choices.splice(after + 1, 0, { kind: "previous-concentrators", label: PREVIOUS_CONCENTRATORS_LABEL });
  return choices;
})();
