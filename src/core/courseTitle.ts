/**
 * Reading "AP" and "IB" out of a local course title as SIS title fields abbreviate them: "AP", "A.P.",
 * "A P", "Adv Placement", "Adv Pl", "Advanced Plcmt", "IB", "I.B.", "Intl Baccalaureate", in any case.
 * The title is split into words once (linear, no backtracking pattern), and the words are matched, so a
 * word that merely contains the letters ("APPLIED", "Map", "Ibsen") never counts, and "Pre-AP" / "Pre-IB"
 * (preparatory courses, not AP or IB) are not AP or IB.
 */
import { matchableText } from "./boundedText";
import { foldKey } from "./normalize";

/** A title longer than this is not a course title; only its start is read (bounds the work per cell). */
const MAX_TITLE_CHARS = 1000;

/** Lower-case ASCII words of a text (a title, a label); apostrophes inside a word are dropped ("Int'l" -> "intl"). */
export function asciiWords(title: string): string[] {
  const text = title.slice(0, MAX_TITLE_CHARS).normalize("NFKD").toLowerCase();
  const words: string[] = [];
  let word = "";
  for (const ch of text) {
    if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) {
      word += ch;
    } else if ((ch === "'" || ch === "\u2019") && word !== "") {
      continue;
    } else if (ch >= "\u0300" && ch <= "\u036f") {
      continue; // a combining accent left by NFKD belongs to the letter before it
    } else if (word !== "") {
      words.push(word);
      word = "";
    }
  }
  if (word !== "") words.push(word);
  return words;
}

const ADVANCED = new Set(["adv", "advanced", "advd"]);
const PLACEMENT = new Set(["placement", "plcmt", "plcm", "plc", "pl", "place", "plmt"]);
const INTERNATIONAL = new Set(["international", "intl", "internat", "int"]);
const BACCALAUREATE = new Set(["baccalaureate", "bacc", "bac", "baccalaureat"]);

/**
 * The length of the AP or IB marker that starts at words[i] (1 or 2 words), or 0 when none does.
 * Spelled-out letters ("a p", from "A.P." or "A P") must not run on into more single letters ("A P E").
 */
function markerAt(words: readonly string[], i: number, which: "AP" | "IB"): number {
  const w = words[i];
  const next = words[i + 1];
  const [single, first, second, longFirst, longSecond] =
    which === "AP" ? ["ap", "a", "p", ADVANCED, PLACEMENT] : ["ib", "i", "b", INTERNATIONAL, BACCALAUREATE];
  if (w === single) return 1;
  if (w === first && next === second && (words[i + 2] ?? "").length !== 1) return 2;
  if (next !== undefined && longFirst.has(w) && longSecond.has(next)) return 2;
  return 0;
}

function saysMarker(words: readonly string[], which: "AP" | "IB"): boolean {
  for (let i = 0; i < words.length; i++) {
    const n = markerAt(words, i, which);
    if (n === 0) continue;
    if (words[i - 1] !== "pre") return true;
    i += n - 1;
  }
  return false;
}

/** "AP", "IB" or "" from a local course title ("Pre-AP" and "Pre-IB" courses are neither). */
export function apIbOfTitle(title: string): "AP" | "IB" | "" {
  const words = asciiWords(title);
  if (saysMarker(words, "AP")) return "AP";
  if (saysMarker(words, "IB")) return "IB";
  return "";
}

const COLLEGE_CREDIT_WORDS = [
  " start college now ",
  " scn ",
  " early college credit ",
  " eccp ",
  " dual credit ",
  " dual enrollment ",
  " transcripted credit ",
];

/** Titles that mark college credit: "- TC", Start College Now, Early College Credit, ECCP, dual credit. */
export function titleMarksCollegeCredit(title: string): boolean {
  const t = matchableText(title);
  if (/[-–(]\s*TC\b/i.test(t) || /\bTC\s*\)?$/.test(t)) return true;
  const key = ` ${foldKey(title)} `;
  return COLLEGE_CREDIT_WORDS.some((m) => key.includes(m));
}

/** A/B semester suffixes do not make another course ("MAT AP STATISTICS A" = "… B"). */
export function baseTitle(title: string): string {
  // Cut by position (a trailing "- TC", then the suffix before it): one pattern with \s+ … \s*$ backtracks
  // quadratically on long runs of spaces.
  const t = matchableText(title);
  const tc = /[-–]\s*TC$/i.exec(t);
  const head = (tc ? t.slice(0, tc.index) : t).trimEnd();
  const suffix = /\s(?:[AB]|S[12]|SEM\s*[12])$/i.exec(head);
  const kept = suffix ? `${head.slice(0, suffix.index)} ${tc ? tc[0] : ""}` : t;
  return kept.replace(/\s+/g, " ").trim();
}
