import { describe, expect, it } from 'vitest';
import { periodRange } from './periods.js';

// local dates: the periods start at the user's own midnight
const local = (y: number, m: number, d = 1) => new Date(y, m - 1, d);

describe('periodRange', () => {
  const now = new Date(2026, 0, 20, 15, 30); // 20 January 2026, local time
  it('gives this month, last month (across the year), this quarter and this year, end excluded', () => {
    expect(periodRange('this_month', now)).toEqual({ from: local(2026, 1), to: local(2026, 2) });
    expect(periodRange('last_month', now)).toEqual({ from: local(2025, 12), to: local(2026, 1) });
    expect(periodRange('this_quarter', now)).toEqual({ from: local(2026, 1), to: local(2026, 4) });
    expect(periodRange('this_year', now)).toEqual({ from: local(2026, 1), to: local(2027, 1) });
  });
  it('finds the quarter of its last month and day', () => {
    const dec = new Date(2026, 11, 31, 23, 59);
    expect(periodRange('this_quarter', dec)).toEqual({ from: local(2026, 10), to: local(2027, 1) });
    expect(periodRange('this_month', dec)).toEqual({ from: local(2026, 12), to: local(2027, 1) });
  });
});
