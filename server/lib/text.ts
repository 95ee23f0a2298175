import { fold } from '../../shared/text.js';
import { type CountryCode, defaultCountry, phoneForms } from './phone.js';

// the folding lives in shared/ so that the web app highlights matches the way the search finds them
export { fold };

export function words(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

/** the search_text columns' length; contacts' is 2048 (their extra phones and emails, 2026_12_07_0022) */
export const SEARCH_TEXT_MAX = 512;
export const CONTACT_SEARCH_TEXT_MAX = 2048;

/**
 * Builds the stored search column: every word of the given values, space-separated, with a space
 * in front so that "starts a word" is `LIKE '% word%'` on every database. A phone number adds the
 * digit forms it is searched by (server/lib/phone.ts: 33612345678, 612345678, 0612345678), read in
 * `country`'s numbering plan; one that is no possible number adds its words and its digits run
 * together, so "0612" still finds "06 12 34 56 78".
 */
export function searchText(
  values: (string | null | undefined)[],
  phones: (string | null | undefined)[] = [],
  country: CountryCode = defaultCountry(),
  max = SEARCH_TEXT_MAX,
) {
  const tokens: string[] = [];
  for (const v of values) if (v) tokens.push(...words(v));
  for (const p of phones) {
    if (!p) continue;
    const forms = phoneForms(p, country);
    if (forms) {
      tokens.push(...forms);
      continue;
    }
    tokens.push(...words(p));
    const digits = p.replace(/\D/g, '');
    if (digits) tokens.push(digits);
  }
  const unique = [...new Set(tokens)];
  let out = '';
  for (const t of unique) {
    if (out.length + t.length + 1 > max - 1) break;
    out += ` ${t}`;
  }
  return `${out} `;
}

/** Longest stored name key: the key columns are varchar(100), counted in characters everywhere. */
export const NAME_KEY_MAX = 100;

/**
 * The stored key of a name, for "same name ignoring case, accents and spacing" (company dedupe)
 * and for sorting names in the language's order: "Émilie" → "emilie" sorts among the E, "Œuvray"
 * → "oeuvray" among the O, "de La Fontaine" → "de la fontaine" under D. The key columns compare
 * byte for byte (utf8mb4_bin, "C", BINARY), so the order is the same on the three databases and a
 * B-tree on the key serves it; names equal once folded ("Dupont", "DUPONT") tie, broken by the ID.
 * Null for no name or a name without letters or digits (sorted first, as NULL is everywhere).
 */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  // cut by code points, never between the halves of a surrogate pair
  const k = [...fold(name)].slice(0, NAME_KEY_MAX).join('');
  return k === '' ? null : k;
}
