// BACKUP_EVERY's durations (server/config.ts reads it; kept apart so the config loads no backup code).

/** BACKUP_EVERY: 90s, 30m, 6h, 1d (a number alone is hours). */
export function parseEvery(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(raw.trim());
  if (!m) return null;
  const unit = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000, '': 3600_000 }[
    (m[2] ?? '').toLowerCase() as 's' | 'm' | 'h' | 'd' | ''
  ];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : null;
}
