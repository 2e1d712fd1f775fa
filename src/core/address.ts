/** A1 addressing helpers shared by the engine, the CLI and the task pane. */

/** 1-based column number -> letters (1 -> A, 27 -> AA). */
export function columnLetters(column: number): string {
  let n = Math.max(1, Math.floor(column));
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters -> 1-based column number; NaN for anything else. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** "C7" -> { row: 7, column: 3 }; null for anything else. */
export function parseA1(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}
