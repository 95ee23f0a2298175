import { describe, expect, it } from 'vitest';
import {
  centsFromDb,
  centsToDecimal,
  centsToNumber,
  MAX_DEAL_CENTS,
  parseAmount,
  percentOf,
} from './money.js';

describe('parseAmount', () => {
  it.each([
    [0, 0n],
    [0.1, 10n],
    [0.29, 29n],
    [12, 1200n],
    [1234.5, 123450n],
    ['1234.50', 123450n],
    ['  42.07 ', 4207n],
    ['0', 0n],
    [99999999.99, 9_999_999_999n],
    ['99999999.99', 9_999_999_999n],
  ] as const)('accepts %j as %s cents', (input, cents) => {
    expect(parseAmount(input)).toBe(cents);
  });

  it.each([
    -1,
    -0.01,
    '-1',
    1.005,
    '1.005',
    0.1 + 0.2, // 0.30000000000000004: more than two decimals, not silently rounded
    1e21,
    1e-7,
    100000000,
    '100000000',
    100000000.01,
    '1,5',
    'abc',
    '',
    ' ',
    '.5',
    '5.',
    '+5',
    '1e3',
    '0x10',
    NaN,
    Infinity,
    -Infinity,
  ])('refuses %j', (input) => {
    expect(parseAmount(input)).toBeNull();
  });

  it('caps at MAX_DEAL_CENTS, the largest DECIMAL(10,2)', () => {
    expect(MAX_DEAL_CENTS).toBe(9_999_999_999n);
    expect(parseAmount(centsToDecimal(MAX_DEAL_CENTS))).toBe(MAX_DEAL_CENTS);
  });
});

describe('centsFromDb', () => {
  it('reads what pg and mysql2 return: decimal strings', () => {
    expect(centsFromDb('0.29')).toBe(29n);
    expect(centsFromDb('1234.50')).toBe(123450n);
    expect(centsFromDb('1234.5')).toBe(123450n);
    expect(centsFromDb('12')).toBe(1200n);
    expect(centsFromDb('0.00')).toBe(0n);
    expect(centsFromDb('99999999.99')).toBe(9_999_999_999n);
    expect(centsFromDb('-5.05')).toBe(-505n);
  });

  it('reads what SQLite returns: REAL numbers whose binary value is not the decimal', () => {
    expect(0.29 * 100).not.toBe(29); // the trap a naive conversion falls into
    expect(centsFromDb(0.29)).toBe(29n);
    expect(centsFromDb(1234.5)).toBe(123450n);
    expect(centsFromDb(1.15)).toBe(115n);
    expect(centsFromDb(99999999.99)).toBe(9_999_999_999n);
    expect(centsFromDb(0)).toBe(0n);
  });

  it('reads every two-decimal REAL back to its exact cents', () => {
    const samples: number[] = [];
    for (let c = 0; c <= 100_000; c++) samples.push(c);
    for (let c = 9_999_900_000; c <= 9_999_999_999; c += 7) samples.push(c);
    const wrong = samples.filter((c) => centsFromDb(c / 100) !== BigInt(c));
    expect(wrong).toEqual([]);
  });

  it('passes bigint through and keeps null as null', () => {
    expect(centsFromDb(1234n)).toBe(1234n);
    expect(centsFromDb(null)).toBeNull();
    expect(centsFromDb(undefined)).toBeNull();
  });

  it('throws on a string that is not a decimal', () => {
    expect(() => centsFromDb('abc')).toThrow(/unexpected decimal/);
    expect(() => centsFromDb('1,5')).toThrow();
  });
});

describe('exact sums', () => {
  it('0.10 + 0.20 is 0.30, where floating point gives 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const sum = (centsFromDb(0.1) as bigint) + (centsFromDb('0.20') as bigint);
    expect(sum).toBe(30n);
    expect(centsToDecimal(sum)).toBe('0.30');
    expect(centsToNumber(sum)).toBe(0.3);
  });

  it('adds many small amounts without drift', () => {
    let cents = 0n;
    let float = 0;
    for (let i = 0; i < 1000; i++) {
      cents += centsFromDb(0.01) as bigint;
      float += 0.01;
    }
    expect(float).not.toBe(10);
    expect(centsToDecimal(cents)).toBe('10.00');
  });

  it('sums past 2^53 cents stay exact as decimals', () => {
    const big = MAX_DEAL_CENTS * 1_000_000n + 1n;
    expect(centsToDecimal(big)).toBe('99999999990000.01');
  });
});

describe('centsToDecimal and centsToNumber', () => {
  it('prints two decimals, negatives too', () => {
    expect(centsToDecimal(0n)).toBe('0.00');
    expect(centsToDecimal(5n)).toBe('0.05');
    expect(centsToDecimal(123450n)).toBe('1234.50');
    expect(centsToDecimal(-505n)).toBe('-5.05');
    expect(centsToDecimal(-5n)).toBe('-0.05');
  });

  it('gives the JSON number that prints back as the same decimal', () => {
    for (const c of [0n, 1n, 29n, 30n, 123450n, 9_999_999_999n]) {
      expect(parseAmount(centsToNumber(c))).toBe(c);
    }
    expect(JSON.stringify(centsToNumber(29n))).toBe('0.29');
  });
});

describe('percentOf', () => {
  it('rounds half up to the cent', () => {
    expect(percentOf(1n, 50)).toBe(1n); // 0.5 cent → 1
    expect(percentOf(3n, 50)).toBe(2n); // 1.5 → 2
    expect(percentOf(1n, 49)).toBe(0n); // 0.49 → 0
    expect(percentOf(12345n, 10)).toBe(1235n); // 1234.5 → 1235
    expect(percentOf(12344n, 10)).toBe(1234n); // 1234.4 → 1234
    expect(percentOf(99n, 25)).toBe(25n); // 24.75 → 25
    expect(percentOf(10n, 25)).toBe(3n); // 2.5 → 3
  });

  it('keeps 100 % and 0 % exact, on the largest amount too', () => {
    expect(percentOf(MAX_DEAL_CENTS, 100)).toBe(MAX_DEAL_CENTS);
    expect(percentOf(MAX_DEAL_CENTS, 0)).toBe(0n);
    expect(percentOf(MAX_DEAL_CENTS, 75)).toBe(7_499_999_999n); // 7499999999.25
  });
});
