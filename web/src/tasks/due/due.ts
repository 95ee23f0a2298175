// A task's due date as people type it, and as the API stores it: an all-day task has a day
// (due_date, YYYY-MM-DD), a timed one an instant (due_at). The day is the user's local calendar day.

export type DueLocale = 'fr' | 'en';

/** The order people type a numeric date in: day first in French, month first in (US) English. */
export const DATE_PATTERN: Record<DueLocale, string> = { fr: 'JJ/MM/AAAA', en: 'MM/DD/YYYY' };

import { addDays, localDay } from './days.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar day as YYYY-MM-DD, or null (31/02 does not exist). */
function day(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/**
 * A typed date: ISO (2027-03-12), or numeric in the language's order with `/`, `.` or `-`
 * (fr 12/03/2027, en 03/12/2027; a two-digit year is this century's). Null when it is not a day.
 */
export function parseTypedDate(text: string, locale: DueLocale): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return day(+iso[1], +iso[2], +iso[3]);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
  return locale === 'fr' ? day(year, +m[2], +m[1]) : day(year, +m[1], +m[2]);
}

/** A day as the language types it (the form parseTypedDate reads back). */
export function formatTypedDate(isoDay: string, locale: DueLocale): string {
  const [y, m, d] = isoDay.split('-');
  return locale === 'fr' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

/** A typed time (14:30, 14h30, 9h, 9:05), as HH:mm; null when it is not one. */
export function parseTypedTime(text: string): string | null {
  const m = /^(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const h = +m[1];
  const min = m[2] === undefined ? 0 : +m[2];
  return h <= 23 && min <= 59 ? `${pad(h)}:${pad(min)}` : null;
}

export interface Due {
  /** the local day, YYYY-MM-DD */
  date: string | null;
  /** HH:mm, or null for all day */
  time: string | null;
}

/** What the form shows for a task's due date. */
export function dueOfTask(task: { due_at: string | null; due_date: string | null }): Due {
  if (task.due_date) return { date: task.due_date, time: null };
  if (!task.due_at) return { date: null, time: null };
  const d = new Date(task.due_at);
  return { date: localDay(d), time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/** The API's fields for a due date: a day alone is all-day; a day and a time is a local instant. */
export function dueBody(due: Due): { due_at: string | null; due_date: string | null } {
  if (!due.date) return { due_at: null, due_date: null };
  if (!due.time) return { due_at: null, due_date: due.date };
  const [y, m, d] = due.date.split('-').map(Number);
  const [h, min] = due.time.split(':').map(Number);
  return { due_at: new Date(y, m - 1, d, h, min).toISOString(), due_date: null };
}

export type PresetKey = 'today' | 'tomorrow' | 'nextMonday' | 'inAWeek';
export const PRESETS: PresetKey[] = ['today', 'tomorrow', 'nextMonday', 'inAWeek'];

/** The day a preset names, from today (local). Next Monday is never today. */
export function presetDay(key: PresetKey, now: Date): string {
  const today = localDay(now);
  switch (key) {
    case 'today':
      return today;
    case 'tomorrow':
      return addDays(today, 1);
    case 'nextMonday':
      return addDays(today, (8 - now.getDay()) % 7 || 7);
    case 'inAWeek':
      return addDays(today, 7);
  }
}
