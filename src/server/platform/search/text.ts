/**
 * Search text for every search box (library, decision log, accounts, contacts, deals), computed in
 * application code so both engines index and match the same thing. A word becomes its folded form
 * (lower case, no diacritics, ß → ss) plus its German and English Snowball stems, each with the
 * German transliterations ae/oe/ue written as a/o/u (so "preiserhoehung" and "Preiserhöhung", "Mueller"
 * and "Müller" store and search the same); a query word matches a document when one of its stems is
 * a substring of the document's stems. Substrings give German compounds for free: "verhandlung"
 * stems to "verhandl", which is inside "rabattverhandl" (from "Rabattverhandlungen").
 */
import { stemmer as englishStem } from "@orama/stemmers/english";
import { stemmer as germanStem } from "@orama/stemmers/german";
import type { SnippetPart } from "../../../shared/library.ts";

/** Trigram matching needs three characters; shorter words cannot be searched for. */
export const MIN_TERM = 3;
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(word: string): string {
  return word.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "");
}

/**
 * ae/oe/ue → a/o/u, applied to stems (after stemming, so the stemmers see the word as written).
 * Three plain replacements in this order, exactly as the 2026-12-02T2240 migration rewrote the stored
 * library stems in SQL; "ue" after q is replaced too ("quelle" → "qulle") — on both sides alike, so
 * it still matches.
 */
export function transliterate(stem: string): string {
  return stem.replaceAll("ae", "a").replaceAll("oe", "o").replaceAll("ue", "u");
}

/** The distinct stems of a folded word: German, English, and the word itself, transliterated. */
function stemsOf(folded: string): string[] {
  if (/^\p{N}+$/u.test(folded)) return [folded];
  return [...new Set([folded, germanStem(folded), englishStem(folded)].map(transliterate))].filter(
    (s) => s.length > 0,
  );
}

/**
 * What a document stores: for each distinct word, its stems minus those already inside another of
 * its stems (a substring of a stored stem is found anyway). Order does not matter to matching.
 */
export function documentStems(...texts: string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) {
      const folded = fold(word);
      if (folded.length < MIN_TERM || seen.has(folded)) continue;
      seen.add(folded);
      const stems = stemsOf(folded);
      for (const stem of stems) {
        if (stems.some((other) => other !== stem && other.includes(stem))) continue;
        if (!seen.has(`=${stem}`)) {
          seen.add(`=${stem}`);
          out.push(stem);
        }
      }
    }
  }
  return out.join(" ");
}

/**
 * A query as groups of alternatives: every group must match (AND), any stem of a group may (OR).
 * Within a group only the shortest stems are kept (a document holding a longer one holds the
 * shorter one too). Words shorter than three characters are left out.
 */
export function queryPatterns(query: string): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const [word] of query.matchAll(WORD)) {
    const folded = fold(word);
    if (folded.length < MIN_TERM || seen.has(folded)) continue;
    seen.add(folded);
    // Snowball's German keeps verbs in -eln whole ("verhandeln"), while their nouns lose the e
    // ("Verhandlung" → "verhandl"): a query also tries the verb's root, which both contain.
    const verbRoot =
      /(eln|elt)$/.test(folded) && folded.length >= 7 ? [transliterate(folded.slice(0, -3))] : [];
    const stems = [...stemsOf(folded), ...verbRoot].filter((s) => s.length >= MIN_TERM);
    const minimal = stems.filter((stem) => !stems.some((other) => other !== stem && stem.includes(other)));
    if (minimal.length) groups.push(minimal);
  }
  return groups;
}

/** Does a word of the original text match one of the patterns? */
function isHit(word: string, patterns: string[][]): boolean {
  const folded = fold(word);
  if (folded.length < MIN_TERM) return false;
  const stems = stemsOf(folded);
  return patterns.some((group) => group.some((p) => stems.some((s) => s.includes(p))));
}

/** The whole text, its matching words marked. */
export function highlight(text: string, patterns: string[][]): SnippetPart[] {
  return window(text, patterns, 0, text.length);
}

function window(text: string, patterns: string[][], start: number, end: number): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = start;
  const push = (piece: string, hit: boolean) => {
    if (!piece) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += piece;
    else parts.push({ text: piece, hit });
  };
  if (patterns.length)
    for (const match of text.slice(start, end).matchAll(WORD)) {
      const index = start + (match.index ?? 0);
      if (!isHit(match[0], patterns)) continue;
      push(text.slice(at, index), false);
      push(match[0], true);
      at = index + match[0].length;
    }
  push(text.slice(at, end), false);
  return parts;
}

/**
 * About `length` characters of `text` around its first matching word, cut at word boundaries, with
 * "…" where it was cut. Without a match: the beginning.
 */
export function snippet(text: string, patterns: string[][], length = 220): SnippetPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  let first = -1;
  if (patterns.length)
    for (const match of flat.matchAll(WORD)) {
      if (isHit(match[0], patterns)) {
        first = match.index ?? 0;
        break;
      }
    }
  let start = first <= 0 ? 0 : Math.max(0, first - Math.floor(length / 4));
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  const parts = window(flat, patterns, start, end);
  if (start > 0) parts.unshift({ text: "… ", hit: false });
  if (end < flat.length) parts.push({ text: " …", hit: false });
  return parts;
}

/** Markdown reduced to its words for snippets: link targets, emphasis and heading marks dropped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[`*_>#~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
