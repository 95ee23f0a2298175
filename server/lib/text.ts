import { fold } from '../../shared/text.js';

// the folding lives in shared/ so that the web app highlights matches the way the search finds them
export { fold };

export function words(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

const SEARCH_TEXT_MAX = 512;

/**
 * Builds the stored search column: every word of the given values, space-separated, with a space
 * in front so that "starts a word" is `LIKE '% word%'` on every database. Phone numbers also get
 * their digits run together so "0612" finds "06 12 34 56 78".
 */
export function searchText(
  values: (string | null | undefined)[],
  phones: (string | null | undefined)[] = [],
) {
  const tokens: string[] = [];
  for (const v of values) if (v) tokens.push(...words(v));
  for (const p of phones) {
    if (!p) continue;
    tokens.push(...words(p));
    const digits = p.replace(/\D/g, '');
    if (digits) tokens.push(digits);
  }
  const unique = [...new Set(tokens)];
  let out = '';
  for (const t of unique) {
    if (out.length + t.length + 1 > SEARCH_TEXT_MAX - 1) break;
    out += ` ${t}`;
  }
  return `${out} `;
}

/** A folded key for "same name ignoring case, accents and spacing" (company dedupe). */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const k = fold(name).slice(0, 100);
  return k === '' ? null : k;
}
