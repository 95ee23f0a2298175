// A client's dates and instants, read the same way by the server and the web app's checks.

/**
 * Parses a client's timestamp; null when it is not a real instant within what every database
 * stores (MySQL's DATETIME starts at year 1000).
 */
export function parseInstant(text: string): string | null {
  // Date.parse rolls a day that does not exist over ("2026-02-30" becomes 2 March): refuse it.
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/i.exec(text)?.[1];
  if (day !== undefined && !isCalendarDay(day)) return null;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return null;
  const iso = new Date(t).toISOString();
  const year = Number(iso.slice(0, 4));
  return year >= 1000 && year <= 9999 && iso.length === 24 ? iso : null;
}

function isCalendarDay(text: string): boolean {
  const d = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function parseDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(`${text}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text || Number(m[1]) < 1000) return null;
  return text;
}
