import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../../App.js';
import type { Task } from '../../api/types.js';
import { setLanguage } from '../../i18n/index.js';
import { renderWithProviders } from '../../test/render.js';
import { ADMIN_ME, stubFetch } from '../stubFetch.js';
import ReminderBell from './ReminderBell.js';

const task = (id: number, over: Partial<Task> = {}): Task => ({
  task_id: id,
  title: `Tâche ${id}`,
  opportunity_id: null,
  contact_id: 8,
  company_id: null,
  assignee_id: 1,
  due_at: null,
  due_date: '2027-03-12',
  status: 'open',
  completed_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  custom_fields: {},
  ...over,
});

beforeEach(() => {
  setLanguage('fr');
  queryClient.setQueryData(['me'], ADMIN_ME);
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('ReminderBell', () => {
  it('asks for my reminders in the browser’s time zone and shows their count', async () => {
    let count = 2;
    const spy = stubFetch({
      'GET /tasks/reminders': () => ({
        today: '2027-03-12',
        day_ends_at: '2027-03-12T23:00:00.000Z',
        count,
        data: [task(1), task(2)].slice(0, count),
      }),
    });
    renderWithProviders(<ReminderBell />);
    const bell = await screen.findByRole('button', { name: /Rappels : 2 tâches/ });
    expect(bell).toHaveTextContent('2');
    const url = new URL(String(spy.mock.calls[0][0]), 'http://localhost');
    expect(url.searchParams.get('tz')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    // a task saved elsewhere refreshes the bell (the same ['tasks'] cache)
    count = 1;
    await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    await screen.findByRole('button', { name: /Rappels : 1 tâche pour/ });
  });

  it('claims no count before it knows one (no false "0 tasks" while loading)', async () => {
    let answer: (v: unknown) => void = () => {};
    stubFetch({ 'GET /tasks/reminders': () => new Promise((resolve) => (answer = resolve)) });
    renderWithProviders(<ReminderBell />);
    const bell = await screen.findByRole('button', { name: 'Rappels' });
    expect(bell).toHaveAttribute('aria-busy', 'true');
    expect(bell).not.toHaveTextContent(/\d/);
    answer({ today: '2027-03-12', day_ends_at: '2027-03-12T23:00:00.000Z', count: 0, data: [] });
    const loaded = await screen.findByRole('button', { name: /Rappels : 0 tâche/ });
    expect(loaded).not.toHaveAttribute('aria-busy');
  });

  it('lists them with a link each, and marks one done from the list', async () => {
    const spy = stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /tasks/reminders': () => ({
        today: '2027-03-12',
        day_ends_at: '2027-03-12T23:00:00.000Z',
        count: 1,
        data: [task(5, { title: 'Rappeler Hélène' })],
      }),
      'PATCH /tasks/5': () => task(5, { status: 'done' }),
    });
    renderWithProviders(<ReminderBell />);
    await userEvent.click(await screen.findByRole('button', { name: /Rappels : 1 tâche/ }));
    // the list is loaded on demand
    const link = await screen.findByText('Rappeler Hélène', {}, { timeout: 15_000 });
    expect(link.closest('a')).toHaveAttribute('href', '/contacts/8');
    // (the dropdown is in its opening transition for the accessibility tree: found by label)
    await userEvent.click(screen.getByLabelText('Marquer « Rappeler Hélène » comme faite'));
    await waitFor(() =>
      expect(
        spy.mock.calls.some(([u, init]) => init?.method === 'PATCH' && String(u).endsWith('/tasks/5')),
      ).toBe(true),
    );
  });
});
