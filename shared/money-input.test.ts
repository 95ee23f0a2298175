import { describe, expect, it } from 'vitest';
import {
  formatMoneyInput,
  MAX_MONEY_UNITS,
  type MoneyLocale,
  moneyLocale,
  parseMoneyInput,
} from './money-input.js';
import { MAX_DEAL_VALUE } from './resources.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f'; // what Intl's fr-FR format puts between thousands
const THIN = '\u2009';

// [typed, canonical value or refusal code]
const COMMON: [string, string][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['0', '0.00'],
  ['12', '12.00'],
  ['007', '7.00'],
  ['12500', '12500.00'],
  ['12.500,50', '12500.50'],
  ['12,500.50', '12500.50'],
  ['€12,500.50', '12500.50'],
  ['12 500,50 €', '12500.50'],
  ['12 500.50', '12500.50'],
  [`12${NBSP}500,50`, '12500.50'],
  [`12${NNBSP}500,50${NNBSP}€`, '12500.50'],
  [`12${THIN}500,50`, '12500.50'],
  ["12'500.50", '12500.50'],
  ['CHF 12’500.50', '12500.50'],
  ["Fr. 12'500.50", '12500.50'],
  ['EUR 12500', '12500.00'],
  ['12500 EUR', '12500.00'],
  ['12500 euros', '12500.00'],
  ['US$1,234.50', '1234.50'],
  ['$ 12', '12.00'],
  ['1.234.567,89', '1234567.89'],
  ['1,234,567.89', '1234567.89'],
  ['1 234 567', '1234567.00'],
  ['1.234.567', '1234567.00'],
  ['1,234,567', '1234567.00'],
  ['99 999 999,99', '99999999.99'],
  ['99,999,999.99', '99999999.99'],
  ['12500.50', '12500.50'],
  ['12500.5', '12500.50'],
  // malformed groups and stray characters
  ['1,23,4', 'invalid'],
  ['1.23.4', 'invalid'],
  ['12 50', 'invalid'],
  ['1 2345', 'invalid'],
  ['0.500.000', 'invalid'],
  ['1.234,567.8', 'invalid'],
  ['1 234.567.890', 'invalid'],
  ['1,2.5', 'invalid'],
  ['12,', 'invalid'],
  ['12.', 'invalid'],
  [',50', 'invalid'],
  ['12a', 'invalid'],
  ['1e5', 'invalid'],
  ['12 k€', 'invalid'],
  ['€', 'invalid'],
  ['abc', 'invalid'],
  ['+12', 'invalid'],
  ['12--', 'invalid'],
  // refused, never rounded or clamped
  ['12.500,505', 'too_many_decimals'],
  ['12,500.505', 'too_many_decimals'],
  ['12500.505', 'too_many_decimals'],
  ['1.2345', 'too_many_decimals'],
  ['100 000 000', 'too_large'],
  ['999999999', 'too_large'],
  ['-12', 'negative'],
  ['−12,50', 'negative'],
  ['-1.234,50 €', 'negative'],
  ['-0', '0.00'],
];

const FR: [string, string][] = [
  ...COMMON,
  ['12500,50', '12500.50'],
  ['12,5', '12.50'],
  ['12,50', '12.50'],
  ['0,5', '0.50'],
  ['1.234,5', '1234.50'],
  ['12.500', '12500.00'],
  ['1.500', '1500.00'],
  ['12.50', '12.50'],
  ['12.5', '12.50'],
  ['1 234,56', '1234.56'],
  ['1234,56', '1234.56'],
  ['0.500', 'too_many_decimals'],
  ['12,500', 'ambiguous'],
  ['1,000', 'ambiguous'],
  ['12,5050', 'too_many_decimals'],
  ['1 234,567', 'too_many_decimals'],
  ['100000000,00', 'too_large'],
];

const EN: [string, string][] = [
  ...COMMON,
  ['12,500', '12500.00'],
  ['1,000', '1000.00'],
  ['12.5', '12.50'],
  ['12.50', '12.50'],
  ['0.5', '0.50'],
  ['1,234.5', '1234.50'],
  ['12,50', 'ambiguous'],
  ['12,5', 'ambiguous'],
  ['12500,50', 'ambiguous'],
  ['1 234,56', '1234.56'],
  ['£1,000', '1000.00'],
  ['12.500', 'ambiguous'],
  ['1.000', 'ambiguous'],
  ['12500,505', 'invalid'],
  ['12,5050', 'invalid'],
  ['0.500', 'too_many_decimals'],
];

const CODES = new Set(['empty', 'invalid', 'ambiguous', 'too_many_decimals', 'too_large', 'negative']);

function expectation(expected: string) {
  return CODES.has(expected) ? { ok: false, code: expected } : { ok: true, value: expected };
}

describe.each([
  ['fr', FR],
  ['en', EN],
] as [MoneyLocale, [string, string][]][])('parseMoneyInput in %s', (locale, table) => {
  it.each(table)('%j → %s', (typed, expected) => {
    expect(parseMoneyInput(typed, locale)).toEqual(expectation(expected));
  });
});

describe('formatMoneyInput', () => {
  it.each([
    ['12500.50', 'fr', '12 500,50'],
    ['12500.50', 'en', '12,500.50'],
    ['12500.00', 'fr', '12 500'],
    ['1234567.05', 'en', '1,234,567.05'],
    ['0.50', 'fr', '0,50'],
    ['999.00', 'en', '999'],
  ] as [string, MoneyLocale, string][])('%s in %s → %s', (value, locale, shown) => {
    expect(formatMoneyInput(value, locale)).toBe(shown);
  });

  it('reads back as the same amount in its locale, and the canonical form in both', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const value of ['0.00', '0.05', '12.50', '999.00', '1000.00', '12500.50', '99999999.99']) {
        expect(parseMoneyInput(formatMoneyInput(value, locale), locale)).toEqual({ ok: true, value });
        expect(parseMoneyInput(value, locale)).toEqual({ ok: true, value });
      }
    }
  });

  it('reads what Intl formats for fr-FR and en-GB', () => {
    const n = 12500.5;
    const fr = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(n);
    const en = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(n);
    expect(parseMoneyInput(fr, 'fr')).toEqual({ ok: true, value: '12500.50' });
    expect(parseMoneyInput(en, 'en')).toEqual({ ok: true, value: '12500.50' });
  });
});

describe('limits', () => {
  it('match the API’s maximum deal value', () => {
    expect(MAX_MONEY_UNITS + 0.99).toBe(MAX_DEAL_VALUE);
  });

  it('maps the UI language to a locale', () => {
    expect(moneyLocale('en')).toBe('en');
    expect(moneyLocale('en-GB')).toBe('en');
    expect(moneyLocale('fr')).toBe('fr');
    expect(moneyLocale('fr-CH')).toBe('fr');
  });
});
