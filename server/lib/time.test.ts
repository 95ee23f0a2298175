import { describe, expect, it } from 'vitest';
import { dateFromDb, isoFromDb, parseDate, parseInstant } from './time.js';

describe('isoFromDb', () => {
  it('reads a Date (pg timestamptz)', () => {
    expect(isoFromDb(new Date(Date.UTC(2026, 2, 15, 9, 30, 0, 123)))).toBe('2026-03-15T09:30:00.123Z');
  });

  it('reads mysql2 dateStrings "YYYY-MM-DD HH:MM:SS.mmm" as UTC', () => {
    expect(isoFromDb('2026-03-15 09:30:00.000')).toBe('2026-03-15T09:30:00.000Z');
    expect(isoFromDb('2026-03-15 09:30:00.120')).toBe('2026-03-15T09:30:00.120Z');
    expect(isoFromDb('2026-03-15 09:30:00')).toBe('2026-03-15T09:30:00.000Z');
    expect(isoFromDb('1000-01-01 00:00:00.000')).toBe('1000-01-01T00:00:00.000Z');
    expect(isoFromDb('9999-12-31 23:59:59.999')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('reads ISO text as SQLite stores it, and offsets into UTC', () => {
    expect(isoFromDb('2026-03-15T09:30:00.000Z')).toBe('2026-03-15T09:30:00.000Z');
    expect(isoFromDb('2026-03-15T09:30:00Z')).toBe('2026-03-15T09:30:00.000Z');
    expect(isoFromDb('2026-03-15T10:30:00.000+01:00')).toBe('2026-03-15T09:30:00.000Z');
  });

  it('keeps null and undefined as null', () => {
    expect(isoFromDb(null)).toBeNull();
    expect(isoFromDb(undefined)).toBeNull();
  });
});

describe('dateFromDb', () => {
  it('reads a DATE as YYYY-MM-DD whatever the driver gives', () => {
    expect(dateFromDb('2026-03-15')).toBe('2026-03-15');
    expect(dateFromDb('2026-03-15 00:00:00')).toBe('2026-03-15');
    expect(dateFromDb(new Date(Date.UTC(2026, 2, 15)))).toBe('2026-03-15');
    expect(dateFromDb(null)).toBeNull();
  });
});

describe('parseInstant', () => {
  it('normalises to UTC with milliseconds', () => {
    expect(parseInstant('2026-03-15T09:30:00Z')).toBe('2026-03-15T09:30:00.000Z');
    expect(parseInstant('2026-03-15T09:30:00.5Z')).toBe('2026-03-15T09:30:00.500Z');
    expect(parseInstant('2026-03-15t09:30:00z')).toBe('2026-03-15T09:30:00.000Z');
  });

  it('applies offsets, across a day and a year boundary', () => {
    expect(parseInstant('2026-03-15T10:30:00+01:00')).toBe('2026-03-15T09:30:00.000Z');
    expect(parseInstant('2026-03-15T04:00:00-05:30')).toBe('2026-03-15T09:30:00.000Z');
    expect(parseInstant('2026-03-15T00:30:00+02:00')).toBe('2026-03-14T22:30:00.000Z');
    expect(parseInstant('2025-12-31T23:30:00-01:00')).toBe('2026-01-01T00:30:00.000Z');
  });

  it('accepts years 1000 to 9999 in UTC, the range every database stores', () => {
    expect(parseInstant('1000-01-01T00:00:00Z')).toBe('1000-01-01T00:00:00.000Z');
    expect(parseInstant('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses years out of range, also when an offset pushes the instant out', () => {
    expect(parseInstant('0999-12-31T23:59:59Z')).toBeNull();
    expect(parseInstant('1000-01-01T00:30:00+01:00')).toBeNull();
    expect(parseInstant('9999-12-31T23:30:00-01:00')).toBeNull();
    expect(parseInstant('+010000-01-01T00:00:00Z')).toBeNull();
    expect(parseInstant('-000001-01-01T00:00:00Z')).toBeNull();
  });

  it('refuses what is not an instant', () => {
    for (const bad of [
      '',
      'abc',
      'now',
      '2026-13-01T00:00:00Z',
      '2026-03-15T25:00:00Z',
      '2026-03-15T09:60:00Z',
    ]) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });

  it('refuses days that do not exist instead of rolling into the next month', () => {
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-02-29T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-04-31T10:00:00+02:00')).toBeNull();
    expect(parseInstant('2026-02-30 10:00:00Z')).toBeNull();
    expect(parseInstant('2026-02-30')).toBeNull();
    expect(parseInstant('2024-02-29T10:00:00Z')).toBe('2024-02-29T10:00:00.000Z');
  });
});

describe('parseDate', () => {
  it('accepts real dates', () => {
    expect(parseDate('2026-03-15')).toBe('2026-03-15');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('1000-01-01')).toBe('1000-01-01');
    expect(parseDate('9999-12-31')).toBe('9999-12-31');
  });

  it('refuses dates that do not exist', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('1900-02-29')).toBeNull();
    expect(parseDate('2026-04-31')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('2026-00-10')).toBeNull();
    expect(parseDate('2026-01-00')).toBeNull();
  });

  it('refuses other shapes and years before 1000', () => {
    for (const bad of ['2026-3-15', '15/03/2026', '2026-03-15T00:00:00Z', ' 2026-03-15', '0999-12-31', '']) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });
});
