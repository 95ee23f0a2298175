import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Opportunity, PipelineRow } from '../api/types.js';
import { blank } from '../test/records.js';
import {
  type ColumnData,
  fromCents,
  moveInSummary,
  prependCard,
  removeCard,
  toCents,
  weightedCents,
} from './boardMove.js';
import { keys } from './queries.js';
import { applyMove, restore } from './useMoveOpportunity.js';

const deal = (id: number, stage: string, value: number | null): Opportunity => ({
  ...blank('opportunities'),
  opportunity_id: id,
  opportunity_name: `Deal ${id}`,
  contact_id: null,
  company_id: null,
  deal_value: value,
  stage,
  expected_close_date: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  closed_at: null,
  lost_reason: null,
});

const column = (...pages: Opportunity[][]): ColumnData => ({
  pages: pages.map((data, i) => ({ data, next_cursor: i < pages.length - 1 ? `c${i}` : null })),
  pageParams: pages.map((_, i) => (i === 0 ? undefined : `c${i - 1}`)),
});

const probabilities = new Map([
  ['Prospection', 10],
  ['Proposition', 25],
]);

describe('money in cents', () => {
  it('reads the API amounts exactly and writes them back', () => {
    expect(toCents(0.1)).toBe(10n);
    expect(toCents(1234.5)).toBe(123450n);
    expect(toCents(99_999_999.99)).toBe(9_999_999_999n);
    expect(toCents(null)).toBe(0n);
    expect(fromCents(toCents(0.1) + toCents(0.2))).toBe(0.3);
    expect(fromCents(123450n)).toBe(1234.5);
  });

  it('weights half up to the cent, like the server', () => {
    expect(weightedCents(5n, 10)).toBe(1n); // 0.05 × 10 % = 0.005 → 0.01
    expect(weightedCents(4n, 10)).toBe(0n);
    expect(weightedCents(123450n, 25)).toBe(30863n); // 308.625 → 308.63
  });
});

describe('moveInSummary', () => {
  const rows: PipelineRow[] = [
    { stage: 'Prospection', kind: 'open', count: 2, total_value: 0.3, weighted_value: 0.03 },
    { stage: 'Proposition', kind: 'open', count: 1, total_value: 0.1, weighted_value: 0.03 },
    { stage: 'Gagnée', kind: 'won', count: 0, total_value: 0, weighted_value: 0 },
  ];

  it('moves the count and the exact amount, and reweighs both columns', () => {
    const after = moveInSummary(rows, { from: 'Prospection', to: 'Proposition', value: 0.2 }, probabilities);
    expect(after[0]).toEqual({
      stage: 'Prospection',
      kind: 'open',
      count: 1,
      total_value: 0.1,
      weighted_value: 0.01,
    });
    // 0.10 + 0.20 is 0.30, not 0.30000000000000004
    expect(after[1]).toEqual({
      stage: 'Proposition',
      kind: 'open',
      count: 2,
      total_value: 0.3,
      weighted_value: 0.08,
    });
    expect(after[2]).toBe(rows[2]);
    expect(rows[0].count).toBe(2); // the input is left alone: it is the rollback snapshot
  });

  it('counts a deal without value and keeps the server figure for an unknown probability', () => {
    const after = moveInSummary(rows, { from: 'Proposition', to: 'Gagnée', value: null }, probabilities);
    expect(after[1]).toMatchObject({ count: 0, total_value: 0.1, weighted_value: 0.03 });
    expect(after[2]).toMatchObject({ count: 1, total_value: 0, weighted_value: 0 });
  });

  it('changes nothing when the stage stays the same', () => {
    expect(moveInSummary(rows, { from: 'Prospection', to: 'Prospection', value: 5 }, probabilities)).toBe(
      rows,
    );
  });
});

describe('cards in columns', () => {
  it('removes a card from whichever page holds it', () => {
    const data = column([deal(1, 'A', 1)], [deal(2, 'A', 2), deal(3, 'A', 3)]);
    const after = removeCard(data, 2);
    expect(after?.pages.map((p) => p.data.map((o) => o.opportunity_id))).toEqual([[1], [3]]);
    expect(after?.pages[1].next_cursor).toBe(null);
    expect(removeCard(data, 9)).toBe(data);
  });

  it('puts a moved card on top of the first page, once', () => {
    const data = column([deal(1, 'B', 1)]);
    const after = prependCard(data, deal(5, 'B', 5));
    expect(after?.pages[0].data.map((o) => o.opportunity_id)).toEqual([5, 1]);
    expect(prependCard(after, deal(5, 'B', 5))?.pages[0].data.map((o) => o.opportunity_id)).toEqual([5, 1]);
    expect(prependCard(undefined, deal(5, 'B', 5))).toBeUndefined();
  });
});

describe('applyMove and restore on the query cache', () => {
  it('moves the card and the totals at once, and puts everything back on failure', () => {
    const qc = new QueryClient();
    const filters = { owner_id: 'me' };
    const moving = deal(7, 'Prospection', 0.2);
    const from = column([deal(6, 'Prospection', 0.1), moving]);
    const to = column([deal(8, 'Proposition', 0.1)]);
    const summary = {
      data: [
        { stage: 'Prospection', kind: 'open', count: 2, total_value: 0.3, weighted_value: 0.03 },
        { stage: 'Proposition', kind: 'open', count: 1, total_value: 0.1, weighted_value: 0.03 },
      ] as PipelineRow[],
    };
    qc.setQueryData(keys.column(filters, 'Prospection'), from);
    qc.setQueryData(keys.column(filters, 'Proposition'), to);
    qc.setQueryData(keys.summary(filters), summary);
    qc.setQueryData(keys.record(7), moving);

    const snapshot = applyMove(qc, filters, probabilities, { opportunity: moving, to: 'Proposition' });
    const ids = (stage: string) =>
      qc
        .getQueryData<ColumnData>(keys.column(filters, stage))
        ?.pages.flatMap((p) => p.data.map((o) => o.opportunity_id));
    expect(ids('Prospection')).toEqual([6]);
    expect(ids('Proposition')).toEqual([7, 8]);
    expect(qc.getQueryData<{ data: PipelineRow[] }>(keys.summary(filters))?.data[1]).toMatchObject({
      count: 2,
      total_value: 0.3,
      weighted_value: 0.08,
    });
    expect(qc.getQueryData<Opportunity>(keys.record(7))?.stage).toBe('Proposition');

    restore(qc, snapshot);
    expect(qc.getQueryData(keys.column(filters, 'Prospection'))).toEqual(from);
    expect(qc.getQueryData(keys.column(filters, 'Proposition'))).toEqual(to);
    expect(qc.getQueryData(keys.summary(filters))).toEqual(summary);
    expect(qc.getQueryData<Opportunity>(keys.record(7))?.stage).toBe('Prospection');
  });
});
