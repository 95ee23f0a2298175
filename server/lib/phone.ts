// Phone numbers understood as numbers (libphonenumber-js): the record keeps the number as typed,
// for display, plus a normalised E.164 key and, in its search words, the forms people type it in.
// A number is read in the instance's default region (CRM_DEFAULT_COUNTRY) unless it says its own
// ("+32 …", "0032 …").
import {
  AsYouType,
  type CountryCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';

export type { CountryCode };

export const DEFAULT_COUNTRY: CountryCode = 'FR';

/** An ISO 3166 alpha-2 code that libphonenumber knows a numbering plan for ("FR", "be"), upper-cased; else null. */
export function countryCode(raw: string): CountryCode | null {
  const c = raw.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(c) && isSupportedCountry(c) ? c : null;
}

// The region is a setting of the whole process (like its time zone), set once at start from the
// configuration before the database is migrated (migration 0014 reads it too). Every function
// below still takes the country as a parameter, so tests and callers can name another.
let configured: CountryCode = DEFAULT_COUNTRY;

export function setDefaultCountry(country: CountryCode): void {
  configured = country;
}

export function defaultCountry(): CountryCode {
  return configured;
}

/**
 * An extension at the end of a number, however written: "x12", "ext. 12", "extension 12",
 * "poste 12", "#12", or a tel: URI's ";ext=12". The key and the search forms are the number's
 * without it; the typed value keeps it.
 */
const EXTENSION =
  /(?:\s*[;,]\s*ext\s*=\s*|\s*(?:ext(?:ension)?|poste|post|x|#)\s*\.?\s*:?\s*)(\d{1,10})\s*$/i;

/** Longer than any number with its extension: past it, nothing is read as one (and EXTENSION's
 * runs of optional spaces, tried at every position, stay cheap on a 200-character query). */
const NUMBER_MAX = 64;

export function splitExtension(typed: string): { number: string; extension: string | null } {
  if (typed.length > NUMBER_MAX) return { number: typed.trim(), extension: null };
  const text = typed.replace(/\s+/g, ' ');
  const m = EXTENSION.exec(text);
  if (!m || m.index === 0) return { number: typed.trim(), extension: null };
  return { number: text.slice(0, m.index).trim(), extension: m[1] };
}

/** The number part as libphonenumber reads it: no tel: scheme, no "(0)" trunk hint after a country code. */
function numberPart(typed: string): string {
  const { number } = splitExtension(typed.replace(/^\s*tel:/i, ''));
  return number.replace(/^(\+\d{1,3})\s*\(0\)/, '$1 ');
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * The number as a possible phone number of its country, or null: words ("BusinessPhone"), vanity
 * letters ("1-800-FLOWERS": read as digits they would be a guess), too few or too many digits.
 */
function parse(typed: string, country: CountryCode): PhoneNumber | null {
  const number = numberPart(typed);
  if (number === '' || /\p{L}/u.test(number)) return null;
  const parsed = parsePhoneNumberFromString(number, country);
  return parsed?.isPossible() ? parsed : null;
}

/** The E.164 key ("+33612345678") of a number as typed, without its extension; null when it is no possible number. */
export function phoneKey(typed: string | null | undefined, country: CountryCode = configured): string | null {
  if (!typed) return null;
  return parse(typed, country)?.number ?? null;
}

/**
 * The search words of a possible number: its forms as digits — E.164 without the "+"
 * (33612345678), the national significant number (612345678), the national format with its trunk
 * prefix (0612345678) and the digits as typed — so that any way of typing it is a prefix of one of
 * them (see phoneQuery). Null when it is no possible number: searchText then keeps the words it
 * was typed with, and its digits.
 */
export function phoneForms(
  typed: string | null | undefined,
  country: CountryCode = configured,
): string[] | null {
  if (!typed) return null;
  const parsed = parse(typed, country);
  if (!parsed) return null;
  const forms = [
    digitsOf(parsed.number),
    parsed.nationalNumber,
    digitsOf(parsed.formatNational().replace(EXTENSION, '')),
    digitsOf(numberPart(typed)),
  ];
  return [...new Set(forms.filter((f) => f !== ''))];
}

// digits with the separators people write between them, an optional leading "+"
const PHONE_LIKE = /^\+?[\d\s.\-/()]*\d[\d\s.\-/()]*$/;

/**
 * A query that is a phone number, whole or its beginning ("06 12 34", "+33 6 12", "0033 6 12",
 * "(212) 555-0123 x4"), as the one digits term that starts one of the number's search words; null
 * for anything else. International forms lose their "+" or dialling prefix (00 from France, 011
 * from the US: the region's), national ones keep their trunk prefix as typed.
 */
export function phoneQuery(q: string, country: CountryCode = configured): string | null {
  const number = numberPart(q);
  if (!PHONE_LIKE.test(number)) return null;
  const digits = digitsOf(number);
  if (number.startsWith('+')) return digits;
  const typing = new AsYouType(country);
  typing.input(digits);
  if (!typing.isInternational()) return digits;
  // "0033612" → "+33612"; a dialling prefix alone ("00") stays as typed
  return digitsOf(typing.getNumberValue() ?? '') || digits;
}
