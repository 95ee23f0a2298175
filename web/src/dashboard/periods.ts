/** The periods the dashboard's won/lost figures cover, in the user's own time zone. */
export const PERIODS = ['this_month', 'last_month', 'this_quarter', 'this_year'] as const;
export type Period = (typeof PERIODS)[number];

/** [from, to) of a period containing or preceding `now`, in local time (months roll over years). */
export function periodRange(period: Period, now = new Date()): { from: Date; to: Date } {
  const y = now.getFullYear();
  const m = now.getMonth();
  switch (period) {
    case 'this_month':
      return { from: new Date(y, m, 1), to: new Date(y, m + 1, 1) };
    case 'last_month':
      return { from: new Date(y, m - 1, 1), to: new Date(y, m, 1) };
    case 'this_quarter': {
      const q = m - (m % 3);
      return { from: new Date(y, q, 1), to: new Date(y, q + 3, 1) };
    }
    case 'this_year':
      return { from: new Date(y, 0, 1), to: new Date(y + 1, 0, 1) };
  }
}
