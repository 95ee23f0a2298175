// Money as people type or paste it, read the same way by every money input of the web app (and
// usable by the server): "12.500,50", "12 500,50", "€12,500.50" all mean 12500.50. The rules,
// decided in docs/decisions/008-money-input.md:
//
// - Currency symbols (any Unicode currency sign) and common codes (EUR, USD, CHF, Fr.…) at either
//   end are dropped, as are all spaces (JavaScript's \s: U+0020, U+00A0, U+202F, U+2009…).
// - Spaces and apostrophes (Swiss 12'500.50) only ever group thousands.
// - When both "." and "," appear, the last one is the decimal mark and appears once; the other
//   groups thousands.
// - Thousands groups must be well formed everywhere: a first group of 1 to 3 digits not starting
//   with 0, then groups of exactly 3 ("1,23,4" and "0.500" as thousands are refused).
// - With a single "." or "," the locale decides what is unclear:
//   · the locale's own decimal mark (fr ",", en "."): 1-2 digits after it are decimals; exactly 3
//     in the shape 1,234 are ambiguous (a pasted foreign thousands separator, or 3 decimals), more
//     are too many decimals;
//   · the other mark (fr ".", en ","): 3 digits in the shape 1.234 group thousands; in fr 1-2
//     digits after a "." are decimals (English amounts are often pasted into French forms); in en
//     1-2 digits after a "," are ambiguous (a decimal comma, or a thousands group with a digit
//     missing), since a comma is so often a thousands separator in English, unless spaces
//     already group the thousands before it ("12 500,50" can only be French).
// - More than 2 decimals is refused, never rounded; nor is a negative amount or one above the
//   column's DECIMAL(10,2) limit (99 999 999.99, see docs/decisions/004-money.md) accepted.
// The result is canonical: digits, a point, exactly two decimals ("12500.50"), which the API takes
// as it is and which reads back the same in either locale.

import { OPPORTUNITY_FIELDS } from './record-fields.js';

export type MoneyLocale = 'fr' | 'en';

export type MoneyInputError =
  | 'empty'
  | 'invalid'
  | 'ambiguous'
  | 'too_many_decimals'
  | 'too_large'
  | 'negative';

export type MoneyInputResult = { ok: true; value: string } | { ok: false; code: MoneyInputError };

/** The largest whole part a deal's value may have (its declaration: DECIMAL(10,2)). */
export const MAX_MONEY_UNITS = Math.floor(OPPORTUNITY_FIELDS.deal_value.maxAmount as number);

const CURRENCY_CODES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'JPY',
  'CNY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'MAD',
  'TND',
  'DZD',
  'XOF',
  'XAF',
  'XPF',
  'EURO',
  'EUROS',
  'FR.',
  'FRS',
  'FR',
  'US',
  'CA',
  'AU',
  'NZ',
  'HK',
].join('|');
const CODE_AT_START = new RegExp(`^(?:${CURRENCY_CODES.replace(/\./g, '\\.')})(?![A-Z])`, 'i');
const CODE_AT_END = new RegExp(`(?<![A-Z])(?:${CURRENCY_CODES.replace(/\./g, '\\.')})$`, 'i');
const MINUS = /^[-\u2212\u2012\u2013]|[-\u2212\u2012\u2013]$/;
const GROUP_MARKS = /[\s'\u2019\u02bc\u00b4`]+/g;

const fail = (code: MoneyInputError): MoneyInputResult => ({ ok: false, code });

/** "1 234" or "1.234.567" with `mark` grouping thousands, or plain digits; the digits, or null. */
function wholePart(text: string, mark: string | null): string | null {
  if (/^\d+$/.test(text)) return text;
  if (mark === null) return null;
  const parts = text.split(mark);
  const [first, ...rest] = parts;
  if (!/^[1-9]\d{0,2}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g))) return null;
  return parts.join('');
}

/** The single grouping mark used in `text` (space stands for every space and apostrophe), if any. */
function groupMark(text: string): string | null | false {
  const marks = new Set(text.replace(/\d/g, ''));
  if (marks.size > 1) return false;
  return marks.size === 1 ? [...marks][0] : null;
}

function canonical(whole: string, decimals: string, maxUnits: number): MoneyInputResult {
  if (decimals.length > 2) return fail('too_many_decimals');
  const units = whole.replace(/^0+(?=\d)/, '');
  if (units.length > String(maxUnits).length || Number(units) > maxUnits) return fail('too_large');
  return { ok: true, value: `${units}.${decimals.padEnd(2, '0')}` };
}

/**
 * Reads an amount typed in the `locale`'s conventions (or pasted from another's), of at most
 * `maxUnits` whole units (a deal's value by default; a field's own, e.g. a company's revenue).
 */
export function parseMoneyInput(
  text: string,
  locale: MoneyLocale,
  maxUnits = MAX_MONEY_UNITS,
): MoneyInputResult {
  let v = text.replace(/\p{Sc}/gu, ' ').trim();
  v = v.replace(CODE_AT_START, '').replace(CODE_AT_END, '').trim();
  if (v === '') return text.trim() === '' ? fail('empty') : fail('invalid');
  const negative = MINUS.test(v);
  if (negative) v = v.replace(MINUS, '').trim();
  // spaces and apostrophes only group thousands: one marker keeps the groups checkable
  v = v.replace(GROUP_MARKS, ' ');
  if (!/^\d[\d ,.]*$/.test(v) || !/\d$/.test(v)) return fail('invalid');
  if (negative) return /^0+(?:[.,]0+)?$/.test(v) ? canonical('0', '', maxUnits) : fail('negative');

  const lastDot = v.lastIndexOf('.');
  const lastComma = v.lastIndexOf(',');
  const localDecimal = locale === 'fr' ? ',' : '.';

  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    const single = v.indexOf(mark) === at;
    const after = v.length - at - 1;
    const thousandsShape = /^[1-9]\d{0,2}[.,]\d{3}$/.test(v);
    if (!single)
      decimalAt = -1; // "1.234.567": repeated, so it groups thousands
    else if (mark === localDecimal) {
      if (thousandsShape) return fail('ambiguous');
      decimalAt = at;
    } else if (thousandsShape) decimalAt = -1;
    else if (after <= 2 && mark === ',' && /^\d+,/.test(v)) return fail('ambiguous');
    else if (mark === ',' && after > 2) return fail('invalid');
    else decimalAt = at;
  }

  const head = decimalAt >= 0 ? v.slice(0, decimalAt) : v;
  const decimals = decimalAt >= 0 ? v.slice(decimalAt + 1) : '';
  if (!/^\d+$/.test(decimals) && decimals !== '') return fail('invalid');
  const mark = groupMark(head);
  if (mark === false) return fail('invalid');
  const whole = wholePart(head, mark);
  return whole === null ? fail('invalid') : canonical(whole, decimals, maxUnits);
}

/**
 * A canonical amount ("12500.50") as it is typed in the locale, without currency: "12 500,50" /
 * "12,500.50"; cents only when there are some ("12 500"). Reads back to the same amount.
 */
export function formatMoneyInput(value: string, locale: MoneyLocale): string {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return value;
  const grouped = m[1].replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'fr' ? ' ' : ',');
  const cents = (m[2] ?? '').padEnd(2, '0');
  return cents === '00' ? grouped : `${grouped}${locale === 'fr' ? ',' : '.'}${cents}`;
}

/** The language of the UI ('fr', 'en-GB'…) → the conventions its amounts are typed in. */
export function moneyLocale(language: string): MoneyLocale {
  return language.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
