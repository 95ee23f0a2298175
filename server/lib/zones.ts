// Calendar days in a user's time zone (an IANA name from their browser), for "due today" and
// "overdue": an all-day task is late only once its day has ended where the user is.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter, or null when the name is not a time zone this runtime knows. */
function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return null;
  }
  // bounded: a client could send many different (valid) names
  if (formatters.size < 1000) formatters.set(zone, f);
  return f;
}

export const isTimeZone = (zone: string) => formatter(zone) !== null;

/** The wall clock of `instant` in `zone`, read as if it were UTC (milliseconds dropped). */
function wallClock(f: Intl.DateTimeFormat, instant: number): number {
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
}

/** The calendar day (YYYY-MM-DD) it is in `zone` at `instant`. */
export function dayIn(zone: string, instant: number): string {
  const f = formatter(zone);
  if (!f) throw new Error(`unknown time zone ${zone}`);
  return new Date(wallClock(f, instant)).toISOString().slice(0, 10);
}

/**
 * The first instant of `day` in `zone`: its midnight, or the first minute that exists when a
 * clock change skips midnight (some zones start summer time at 00:00).
 */
export function startOfDayIn(zone: string, day: string): number {
  const f = formatter(zone);
  if (!f) throw new Error(`unknown time zone ${zone}`);
  const midnight = Date.parse(`${day}T00:00:00.000Z`);
  // the zone's offset near that midnight, applied twice to settle across a clock change
  let t = midnight - (wallClock(f, midnight) - midnight);
  t = midnight - (wallClock(f, t) - t);
  // a skipped midnight lands on the day before or past the start: walk to the day's first minute
  while (dayIn(zone, t) < day) t += 60_000;
  while (dayIn(zone, t - 60_000) === day) t -= 60_000;
  return t;
}

/** The next calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
