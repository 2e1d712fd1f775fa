/**
 * Bounds on user text before any pattern runs on it. A cell may hold a megabyte; no grade, code, title or
 * header DPI uses is longer than a few hundred characters, so a longer text is cut and marked: the mark
 * (an ellipsis) keeps a cut text from matching a whole-value pattern it did not match before being cut.
 */
export const MAX_MATCHED_LENGTH = 1024;
const CUT_MARK = "\u2026";

/** `text` unchanged when short enough, else its first MAX_MATCHED_LENGTH characters and "…". */
export function clipForMatching(text: string): string {
  return text.length <= MAX_MATCHED_LENGTH ? text : `${text.slice(0, MAX_MATCHED_LENGTH)}${CUT_MARK}`;
}

/** Trimmed, then clipped: what every normaliser matches its patterns against. */
export function matchableText(text: string): string {
  return clipForMatching(text.trim());
}
