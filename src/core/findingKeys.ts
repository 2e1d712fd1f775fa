/**
 * Stable finding keys: `RULE|kind|subject|field`, the same for the same problem after the exports are
 * re-downloaded (rows move, sheets are renamed; a student's id, a course's codes, the field and the rule do
 * not). A second finding with the same base key gets `#2`, a third `#3`, in a stable order.
 * Keys and subjects never hold a single-parent or homeless value: only ids, codes and hashes of the other cells.
 */
import { cellErrorText, cellText } from "./cells";
import { Field, SENSITIVE_FIELDS } from "./recognize";
import type { ExportKind } from "./report";
import type { DataRow, ExportTable } from "./table";

/** FNV-1a, 32 bit, as 8 hex digits: a short, stable fingerprint of a row's content. */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** What a finding is about: `key` goes into the finding key, `shown` (when there is one) is shown to users. */
export interface FindingSubject {
  readonly key: string;
  readonly shown?: string;
}

/**
 * An id or code as the key compares it: trimmed, inner spaces dropped, upper case, a leading apostrophe
 * (Excel's text marker) removed. Leading zeros are kept: "0012" and "12" are different ids.
 */
export function normalizeKeyPart(text: string): string {
  const part = text.trim().replace(/^'/, "").replace(/\s+/g, "").toUpperCase().replace(/[|#]/g, "_");
  // No real id or code is this long; a pasted paragraph in an id cell must not make every key a paragraph.
  return part.length > MAX_KEY_PART ? `~${fnv1a32(part)}` : part;
}

/** Longest id or code kept as it is in a key (WSNs are 10 digits, course codes a few characters). */
export const MAX_KEY_PART = 64;

// A coursework row's findings are about its student (the finder's findings are one per student); last year's
// concentrators are students too.
const STUDENT_KINDS: ReadonlySet<ExportKind> = new Set([
  "participants",
  "concentrators",
  "previous-concentrators",
  "hs-completion",
  "irc-wbl",
  "demographics",
  "coursework",
]);
const COURSE_KINDS: ReadonlySet<ExportKind> = new Set(["course-offerings", "courses"]);

/** The sheet-level subject: the export kind for recognised exports (never the sheet name, which changes on re-download). */
export function sheetSubject(kindOrSheet: string): FindingSubject {
  return { key: `sheet:${kindOrSheet}` };
}

/**
 * The row's content fingerprint, for rows without an id or code: its non-sensitive cells' texts, sorted so
 * that a re-download with the columns in another order gives the same hash.
 */
export function rowHash(table: ExportTable, row: DataRow): string {
  const sensitive = new Set<number>();
  for (const field of SENSITIVE_FIELDS) {
    const c = table.columns[field];
    if (c !== undefined) sensitive.add(c);
  }
  const texts: string[] = [];
  row.cells.forEach((cell, c) => {
    if (sensitive.has(c)) return;
    const t = cellText(cell);
    if (t !== "") texts.push(t);
  });
  return fnv1a32(texts.sort().join("\u0001"));
}

/** The subject of a data row of a recognised export (see the module comment). */
export function rowSubject(table: ExportTable, row: DataRow): FindingSubject {
  // An error value (#N/A) names nothing: such a row is told by its content instead.
  const value = (field: Field) => {
    const c = table.columns[field];
    const cell = c === undefined ? undefined : row.cells[c];
    return cellErrorText(cell) === null ? cellText(cell) : "";
  };
  const part = (field: Field) => normalizeKeyPart(value(field));
  const shown = (field: Field) => {
    const t = value(field).replace(/^'/, "").trim();
    return t.length > MAX_KEY_PART ? `${t.slice(0, MAX_KEY_PART - 1)}…` : t;
  };
  // Several codes name the row together: all of them in the key, the non-blank ones shown.
  const compositeSubject = (prefix: string, fields: readonly Field[]): FindingSubject | null => {
    const parts = fields.map(part);
    if (!parts.some((p) => p !== "")) return null;
    const texts = fields.map(shown).filter((s) => s !== "");
    return { key: `${prefix}:${parts.join("/")}`, shown: texts.join(" / ") };
  };
  if (STUDENT_KINDS.has(table.kind)) {
    for (const field of ["studentId", "localStudentId"] as const) {
      const id = part(field);
      if (id !== "") return { key: `student:${id}`, shown: shown(field) };
    }
  } else if (COURSE_KINDS.has(table.kind)) {
    const subject = compositeSubject("course", ["school", "localCourseCode", "rosterCode"]);
    if (subject) return subject;
  } else if (table.kind === "pathway-plan") {
    // A plan row is one course of one pathway: both name it (the pathway's name is carried down blank rows by
    // the finder, so a blank one here still keys by its course).
    const subject = compositeSubject("plan", ["pathwayName", "rosterCode", "localCourseCode"]);
    if (subject) return subject;
  } else if (table.kind === "dpi-courses") {
    const code = part("rosterCode");
    if (code !== "") return { key: `catalog:${code}`, shown: shown("rosterCode") };
  } else if (table.kind === "dpi-iac-clusters") {
    const code = part("iac");
    if (code !== "") return { key: `iac:${code}`, shown: shown("iac") };
  }
  return { key: `row:${rowHash(table, row)}` };
}

/** The base key, before `#2`, `#3` tell apart findings that share it. */
export function baseFindingKey(rule: string, kind: string | null, subject: string, field: string | undefined): string {
  return `${rule}|${kind ?? "-"}|${subject}|${field ?? "-"}`;
}

/**
 * Gives every finding its key: the base key, plus `#n` for the n-th finding sharing it. Findings sharing a
 * base key are numbered in order of their message, then of their place, so that re-ordered rows keep their numbers.
 */
export function assignKeys<T extends { baseKey: string; message: string; order: number }>(items: readonly T[]): Map<T, string> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.baseKey);
    if (group) group.push(item);
    else groups.set(item.baseKey, [item]);
  }
  const keys = new Map<T, string>();
  for (const [base, group] of groups) {
    if (group.length > 1) group.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : a.order - b.order));
    group.forEach((item, i) => keys.set(item, i === 0 ? base : `${base}#${i + 1}`));
  }
  return keys;
}
