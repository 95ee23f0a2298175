// How text is folded for search, declared once: the server builds the stored search words with it
// (server/lib/text.ts, docs/decisions/003 and 006) and the web app highlights what a search
// matched with it, so "lefevre" lights up "Lefèvre" exactly when the search found it by that word.

/** The folding of one piece of text, without the trim (see `fold`). */
function foldRaw(text: string): string {
  // ø, ł and đ do not decompose: "Søren", "Łódź", "Đorđe" are found as soren, lodz, dorde.
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/**
 * Folds text for matching: lower case, accents removed, anything that is not a letter or digit
 * turned into a space. "Hélène Dupré-Lefèvre" → "helene dupre lefevre".
 */
export function fold(text: string): string {
  return foldRaw(text).trim();
}

/** A half-open range [start, end) of UTF-16 code units in the original text. */
export type TextRange = { start: number; end: number };

// Greek final sigma: lower-casing a whole word gives ς at its end, one letter at a time gives σ.
const sameSigma = (s: string) => s.replace(/ς/g, 'σ');

/**
 * Where the search's words match `text`: for each word of `query` (folded), every word of `text`
 * that starts with it, as ranges of the original text (so "lefevre" marks "Lefèvre" in
 * "Jean Lefèvre", "stras" marks "Straß" in "Straße"). Only word starts count, as in the search:
 * "fevre" marks nothing. Overlapping ranges are merged; they come sorted.
 */
export function matchRanges(text: string, query: string): TextRange[] {
  const queryWords = [...new Set(sameSigma(fold(query)).split(' ').filter(Boolean))];
  if (queryWords.length === 0 || text === '') return [];
  // The text folded one code point at a time, each folded character remembering the code units
  // it came from (a combining accent folds to nothing and joins the letter before it).
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = sameSigma(foldRaw(ch));
    if (f === '' && to.length > 0) to[to.length - 1] = at + ch.length;
    // by code unit, as `folded` is indexed below (an astral letter is two)
    for (let k = 0; k < f.length; k++) {
      from.push(at);
      to.push(at + ch.length);
    }
    folded += f;
    at += ch.length;
  }
  const found: TextRange[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] === ' ' || (i > 0 && folded[i - 1] !== ' ')) continue;
    for (const w of queryWords) {
      if (folded.startsWith(w, i)) found.push({ start: from[i], end: to[i + w.length - 1] });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
