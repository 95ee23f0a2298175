import { type CountryCode, defaultCountry, phoneQuery } from '../lib/phone.js';
import { words } from '../lib/text.js';

/** Query terms beyond this many are ignored: each is one more index range a search walks. */
export const MAX_SEARCH_WORDS = 8;

// a piece of a phone number as people type it: digits, the separators between them, a leading "+"
const NUMBER_PIECE = /^\+?[\d.\-/()]*\d[\d.\-/()]*$/;

/**
 * The terms of a search query (list `q`, the search endpoint), each to start a word of the record
 * (server/search/search-words.ts). A phone number, whole or its beginning, in any of its forms
 * ("06 12 34", "+33 6 12 34 56 78", "0033 6 12…", "(212) 555-0123"), is one digits term that
 * starts one of the number's stored forms, instead of several short words: the pieces of number
 * next to each other in the query are read together, with `country`'s dialling prefix. The rest
 * is folded words, so "Jean 06 12" is jean and 0612. An extension is no part of the term (nor of
the stored forms).
 */
/** The folded words of a query, for records whose words hold no phone forms. */
export function wordTerms(q: string | null | undefined): string[] {
  return q ? [...new Set(words(q.normalize('NFKC')))].slice(0, MAX_SEARCH_WORDS) : [];
}

export function queryTerms(q: string | null | undefined, country: CountryCode = defaultCountry()): string[] {
  if (!q) return [];
  // full-width digits and signs ("０６ １２", as Japanese keyboards type them) are plain ones
  const text = q.normalize('NFKC');
  // the whole query a number, with its extension if any ("01 23 45 67 89 poste 12")
  const whole = phoneQuery(text, country);
  if (whole) return [whole];
  const terms: string[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const number = phoneQuery(run.join(' '), country);
    terms.push(...(number ? [number] : words(run.join(' '))));
    run = [];
  };
  for (const token of text.trim().split(/\s+/)) {
    if (NUMBER_PIECE.test(token)) {
      run.push(token);
      continue;
    }
    endRun();
    terms.push(...words(token));
  }
  endRun();
  return [...new Set(terms)].slice(0, MAX_SEARCH_WORDS);
}
