/**
 * Text for a terminal: what a cell, sheet or file name holds must never act on the terminal. ESC, CSI,
 * OSC, BEL, backspace, carriage return and every other C0/C1 control (and the bidirectional overrides
 * that reorder what a line shows) are printed as visible escapes, so a grade cell cannot clear the
 * screen or print a fake "All checks passed". The text output is then wrapped to the terminal's width.
 */

/** Code points shown escaped: C0 controls, DEL, C1 controls, and the invisible reordering and line-breaking marks. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, except line feed: for multi-line messages composed by the CLI itself (stderr). */
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Characters JSON.stringify leaves raw that a terminal may act on (JSON already escapes C0). */
const JSON_RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(digits, "0");

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
}

/** One line of text with every control character shown as \xNN / \uNNNN (a line feed too). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Text whose own line feeds are kept (messages the CLI composes), every other control shown escaped. */
export function escapeControlsKeepingLines(text: string): string {
  return text.replace(CONTROL_BUT_LF, visible);
}

/** The JSON report for stdout: still valid JSON that parses to the same value, with no raw control left. */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROL, (c) => `\\u${hex(c, 4)}`);
}

/** Columns the text output wraps to: the terminal's width when stdout is one, else 80. */
export const DEFAULT_WIDTH = 80;
/** Below this, wrapping stops being readable; narrower terminals get lines of this length. */
export const MIN_WIDTH = 20;

export function outputWidth(stream: { isTTY?: boolean; columns?: number }): number {
  const columns = stream.isTTY ? stream.columns : undefined;
  return typeof columns === "number" && Number.isFinite(columns) && columns > 0 ? Math.max(MIN_WIDTH, Math.floor(columns)) : DEFAULT_WIDTH;
}

/** Length as a terminal counts it, near enough: code points, not UTF-16 units. */
function displayLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    void ch;
    n++;
  }
  return n;
}

/** Cuts a word into a first piece of `first` code points and further pieces of `rest`. */
function pieces(word: string, first: number, rest: number): string[] {
  const chars = Array.from(word);
  const out = [chars.slice(0, first).join("")];
  for (let i = first; i < chars.length; i += rest) out.push(chars.slice(i, i + rest).join(""));
  return out;
}

export interface WrapOptions {
  /** spaces before the first line */
  readonly indent?: number;
  /** spaces before every continuation line */
  readonly hanging?: number;
  /** starts the first line, never cut (a finding's sheet!cell stays whole even when longer than a line) */
  readonly lead?: string;
}

/**
 * Wraps one line of (already escaped) text at word boundaries to `width` columns, continuation lines
 * indented. A word longer than a line is cut. Runs in time linear in the text.
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const limit = (n: number) => Math.min(Math.max(0, n), Math.max(0, width - 10));
  const hanging = " ".repeat(limit(options.hanging ?? 4));
  const lines: string[] = [];
  let line = " ".repeat(limit(options.indent ?? 0));
  let used = line.length;
  let empty = true;
  const newLine = () => {
    lines.push(line.trimEnd());
    line = hanging;
    used = hanging.length;
    empty = true;
  };
  const place = (word: string, whole = false) => {
    const len = displayLength(word);
    if (!empty && used + 1 + len <= width) {
      line += ` ${word}`;
      used += 1 + len;
      return;
    }
    if (!empty) newLine();
    // A word longer than the room left is cut into pieces that each fill a line.
    const parts = whole || len <= width - used ? [word] : pieces(word, Math.max(1, width - used), Math.max(1, width - hanging.length));
    parts.forEach((part, i) => {
      if (i > 0) newLine();
      line += part;
      used += displayLength(part);
      empty = false;
    });
  };
  if (options.lead) place(options.lead, true);
  for (const word of text.split(" ")) if (word !== "") place(word);
  lines.push(line.trimEnd());
  return lines;
}

/** The same output functions with every control character in stderr text shown escaped (line feeds kept). */
export function withEscapedStderr<T extends { stderr: (text: string) => void }>(io: T): T {
  const write = io.stderr;
  return { ...io, stderr: (text: string) => write(escapeControlsKeepingLines(text)) };
}
