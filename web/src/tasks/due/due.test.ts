import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOverdue } from './days.js';
import { dueBody, dueOfTask, formatTypedDate, parseTypedDate, parseTypedTime, presetDay } from './due.js';

describe('typed dates', () => {
  it('reads the language’s order, ISO, other separators and two-digit years', () => {
    expect(parseTypedDate('12/03/2027', 'fr')).toBe('2027-03-12');
    expect(parseTypedDate('03/12/2027', 'en')).toBe('2027-03-12');
    expect(parseTypedDate('2027-03-12', 'fr')).toBe('2027-03-12');
    expect(parseTypedDate('2027-03-12', 'en')).toBe('2027-03-12');
    expect(parseTypedDate(' 1.3.27 ', 'fr')).toBe('2027-03-01');
    expect(parseTypedDate('3-1-2027', 'en')).toBe('2027-03-01');
  });

  it('refuses what is not a day', () => {
    for (const bad of [
      '31/02/2027',
      '13/13/2027',
      '12/03',
      'demain',
      '',
      '2027-02-29',
      '12/03/202',
      '0/1/2027',
    ])
      expect(parseTypedDate(bad, 'fr'), bad).toBeNull();
    expect(parseTypedDate('13/03/2027', 'en')).toBeNull();
  });

  it('writes a day back the way it is read', () => {
    expect(formatTypedDate('2027-03-12', 'fr')).toBe('12/03/2027');
    expect(formatTypedDate('2027-03-12', 'en')).toBe('03/12/2027');
    for (const l of ['fr', 'en'] as const)
      expect(parseTypedDate(formatTypedDate('2027-12-01', l), l)).toBe('2027-12-01');
  });

  it('reads times as people write them', () => {
    expect(parseTypedTime('14:30')).toBe('14:30');
    expect(parseTypedTime('9h')).toBe('09:00');
    expect(parseTypedTime('9h05')).toBe('09:05');
    expect(parseTypedTime('24:00')).toBeNull();
    expect(parseTypedTime('noon')).toBeNull();
  });
});

describe('due dates in a zone far from UTC (Pacific/Auckland)', () => {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Auckland';
  });
  afterAll(() => {
    process.env.TZ = before;
  });

  it('sends a day alone as all-day, a day and a time as that local instant', () => {
    expect(dueBody({ date: '2027-03-12', time: null })).toEqual({ due_at: null, due_date: '2027-03-12' });
    // 12 March 2027 09:00 in Auckland (NZDT, UTC+13) is 11 March 20:00 UTC
    expect(dueBody({ date: '2027-03-12', time: '09:00' })).toEqual({
      due_at: '2027-03-11T20:00:00.000Z',
      due_date: null,
    });
    expect(dueBody({ date: null, time: '09:00' })).toEqual({ due_at: null, due_date: null });
    expect(dueOfTask({ due_at: '2027-03-11T20:00:00.000Z', due_date: null })).toEqual({
      date: '2027-03-12',
      time: '09:00',
    });
    expect(dueOfTask({ due_at: null, due_date: '2027-03-12' })).toEqual({ date: '2027-03-12', time: null });
  });

  it('an all-day task is overdue only after its day ends there, a timed one after its time', () => {
    const allDay = { status: 'open', due_at: null, due_date: '2027-03-12' };
    expect(isOverdue(allDay, new Date('2027-03-12T10:59:59Z'))).toBe(false); // 23:59:59 on the 12th
    expect(isOverdue(allDay, new Date('2027-03-12T11:00:00Z'))).toBe(true); // 00:00 on the 13th
    const timed = { status: 'open', due_at: '2027-03-11T20:00:00.000Z', due_date: null };
    expect(isOverdue(timed, new Date('2027-03-11T19:59:59Z'))).toBe(false);
    expect(isOverdue(timed, new Date('2027-03-11T20:00:01Z'))).toBe(true);
    expect(isOverdue({ ...allDay, status: 'done' }, new Date('2028-01-01T00:00:00Z'))).toBe(false);
  });

  it('presets count from the local day', () => {
    // Friday 12 March 2027, 08:00 in Auckland (still Thursday in UTC)
    const now = new Date('2027-03-11T19:00:00Z');
    expect(presetDay('today', now)).toBe('2027-03-12');
    expect(presetDay('tomorrow', now)).toBe('2027-03-13');
    expect(presetDay('nextMonday', now)).toBe('2027-03-15');
    expect(presetDay('inAWeek', now)).toBe('2027-03-19');
    // on a Monday, next Monday is a week away
    expect(presetDay('nextMonday', new Date('2027-03-14T19:00:00Z'))).toBe('2027-03-22');
  });
});
