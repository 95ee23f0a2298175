import { useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';
import type { Opportunity, Page, PipelineRow } from '../api/types.js';

// Keys start with "opportunities" so that any saved opportunity (useSave) refreshes these figures.

export function usePipeline() {
  return useQuery({
    queryKey: ['opportunities', 'pipeline'],
    queryFn: ({ signal }) => api<{ data: PipelineRow[] }>('GET', '/pipeline', undefined, { signal }),
  });
}

/** The first instant of the current month, local time. */
export function monthStart(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), 1);
}

export interface MonthOutcome {
  count: number;
  /** in cents, summed exactly */
  cents: number;
  /** more rows than we were willing to read: count and value are lower bounds */
  partial: boolean;
}

const PAGE = 200;
const MAX_PAGES = 5;

/**
 * Opportunities in won (or lost) stages that were last changed this month.
 *
 * The API records no "closed on" date, and its filters are exact-match only. So this reads the
 * stage's opportunities newest-changed first (sort=-updated_at) and stops at the first one changed
 * before the 1st of the month: exact for "in that stage and last touched this month", which is
 * close to, but not the same as, "won this month": a deal won in March and edited in April counts
 * in April. At most MAX_PAGES pages are read; beyond that the figures are marked as lower bounds.
 * The exact answer would need each deal's history (GET /opportunities/{id}/history).
 */
export async function fetchMonthOutcome(stages: string[], since: Date, signal?: AbortSignal) {
  const out: MonthOutcome = { count: 0, cents: 0, partial: false };
  for (const stage of stages) {
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      if (page === MAX_PAGES) {
        out.partial = true;
        break;
      }
      const res = await api<Page<Opportunity>>(
        'GET',
        `/opportunities${query({ stage, sort: '-updated_at', limit: PAGE, cursor })}`,
        undefined,
        { signal },
      );
      const recent = res.data.filter((o) => Date.parse(o.updated_at) >= since.getTime());
      out.count += recent.length;
      // money as integer cents: floats do not add up exactly
      for (const o of recent) out.cents += Math.round((o.deal_value ?? 0) * 100);
      if (recent.length < res.data.length || !res.next_cursor) break;
      cursor = res.next_cursor;
    }
  }
  return out;
}

export function useMonthOutcome(kind: 'won' | 'lost', pipeline: PipelineRow[] | undefined) {
  const stages = (pipeline ?? []).filter((r) => r.kind === kind && r.count > 0).map((r) => r.stage);
  const since = monthStart();
  return useQuery({
    queryKey: ['opportunities', 'month-outcome', kind, stages, since.toISOString()],
    queryFn: ({ signal }) => fetchMonthOutcome(stages, since, signal),
    enabled: pipeline !== undefined,
  });
}
