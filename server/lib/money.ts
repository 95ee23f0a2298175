/** Money is handled as integer cents (BigInt) so sums are exact: 0.10 + 0.20 is 0.30. */
export const MAX_DEAL_CENTS = 9_999_999_999n;

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Parses API input (a JSON number or a decimal string); null when it is not a valid amount, or is
 * above `maxCents` (a deal's value by default; a field's own limit is in shared/record-fields.ts).
 */
export function parseAmount(value: number | string, maxCents = MAX_DEAL_CENTS): bigint | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const cents = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return cents <= maxCents ? cents : null;
}

/** Reads what a driver returns for DECIMAL(10,2): a string (pg, mysql2) or a number (SQLite). */
export function centsFromDb(value: string | number | bigint | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.round(value * 100));
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`unexpected decimal from database: ${value}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0').slice(0, 2));
  return m[1] ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const s = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/**
 * The JSON number for an amount. A two-decimal value below 2^53 cents prints back as exactly
 * that decimal, so the JSON text is exact even though it is a number.
 */
export function centsToNumber(cents: bigint): number {
  return Number(centsToDecimal(cents));
}

/** value × percent / 100, rounded half up to the cent. */
export function percentOf(cents: bigint, percent: number): bigint {
  return (cents * BigInt(percent) + 50n) / 100n;
}
