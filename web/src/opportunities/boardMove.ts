// The board's optimistic move, as pure functions over the cached data, so that it can be tested
// without a browser. Money is counted in integer cents (BigInt): adding JavaScript numbers would
// turn 0.10 + 0.20 into 0.30000000000000004, and the column totals must match the server's.
import type { InfiniteData } from '@tanstack/react-query';
import type { Opportunity, Page, PipelineRow } from '../api/types.js';

export type ColumnData = InfiniteData<Page<Opportunity>, string | undefined>;

/** An amount as the API sends it (a JSON number with at most 2 decimals) → exact cents. */
export function toCents(value: number | null | undefined): bigint {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0n;
  const text = String(value);
  // exponent notation only happens far outside the API's range; rounding is then as good as it gets
  if (text.includes('e')) return BigInt(Math.round(value * 100));
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** Cents → the number the API would send: the decimal text is exact for 2-decimal amounts. */
export function fromCents(cents: bigint): number {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return Number(negative ? `-${text}` : text);
}

/** total × probability %, rounded half up to the cent — the server's rule for weighted_value. */
export function weightedCents(totalCents: bigint, probability: number): bigint {
  return (totalCents * BigInt(probability) + 50n) / 100n;
}

/**
 * The summary rows after one deal of `value` went from one stage to another. A deal with its own
 * `probability` weighs the same in both stages: its weight moves with it (to the cent; the server's
 * figure follows); otherwise a stage's weighted value is its total at the stage's probability.
 */
export function moveInSummary(
  rows: PipelineRow[],
  move: { from: string; to: string; value: number | null; probability?: number | null },
  probabilities: ReadonlyMap<string, number>,
): PipelineRow[] {
  if (move.from === move.to) return rows;
  const cents = toCents(move.value);
  return rows.map((row) => {
    const sign = row.stage === move.from ? -1n : row.stage === move.to ? 1n : 0n;
    if (sign === 0n) return row;
    const total = toCents(row.total_value) + sign * cents;
    const probability = probabilities.get(row.stage);
    const own = move.probability;
    if (own !== null && own !== undefined)
      return {
        ...row,
        count: row.count + Number(sign),
        total_value: fromCents(total),
        weighted_value: fromCents(toCents(row.weighted_value) + sign * weightedCents(cents, own)),
      };
    return {
      ...row,
      count: row.count + Number(sign),
      total_value: fromCents(total),
      // without a known probability keep the server's figure rather than invent one
      weighted_value:
        probability === undefined ? row.weighted_value : fromCents(weightedCents(total, probability)),
    };
  });
}

/** A column without the card; the same object when the card was not there. */
export function removeCard(data: ColumnData | undefined, id: number): ColumnData | undefined {
  if (!data?.pages.some((p) => p.data.some((o) => o.opportunity_id === id))) return data;
  return {
    ...data,
    pages: data.pages.map((p) => ({ ...p, data: p.data.filter((o) => o.opportunity_id !== id) })),
  };
}

/**
 * A column with the card on top: the board lists by last change, newest first, which is where the
 * server will put a card that has just changed stage.
 */
export function prependCard(data: ColumnData | undefined, card: Opportunity): ColumnData | undefined {
  if (!data || data.pages.length === 0) return data;
  const rest = removeCard(data, card.opportunity_id) ?? data;
  const [first, ...others] = rest.pages;
  return { ...rest, pages: [{ ...first, data: [card, ...first.data] }, ...others] };
}
