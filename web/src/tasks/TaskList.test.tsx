import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Task } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { ADMIN_ME, reply, stubFetch } from './stubFetch.js';
import { TaskList } from './TaskList.js';

const task: Task = {
  task_id: 7,
  title: 'Rappeler Hélène',
  opportunity_id: 3,
  contact_id: null,
  company_id: null,
  due_date: null,
  assignee_id: 1,
  due_at: new Date(Date.now() + 3_600_000).toISOString(),
  status: 'open',
  completed_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  custom_fields: {},
};

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('TaskList', () => {
  it('completes a task with one click, at once, and sends the change', async () => {
    let release: () => void = () => {};
    const fetch = stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
      'GET /tasks': ({ url }) => {
        expect(url.searchParams.get('opportunity_id')).toBe('3');
        return { data: [task], next_cursor: null };
      },
      // the server answers late: the checkbox must not wait for it
      'PATCH /tasks/7': ({ body }) =>
        new Promise((resolve) => {
          release = () => resolve({ ...task, ...(body as object), completed_at: new Date().toISOString() });
        }),
    });
    renderWithProviders(<TaskList opportunityId={3} />);
    const box = await screen.findByRole('checkbox', { name: 'Rappeler Hélène' });
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Rappeler Hélène' })).toBeChecked());
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ status: 'done' });
    release();
  });

  it('says so when there is no task', async () => {
    stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
      'GET /tasks': () => ({ data: [], next_cursor: null }),
    });
    renderWithProviders(<TaskList contactId={5} />);
    expect(await screen.findByText('Aucune tâche.')).toBeInTheDocument();
  });

  it('shows an API failure with a retry', async () => {
    stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
      'GET /tasks': () => reply(500, { type: '/problems/internal', title: 'Internal error', status: 500 }),
    });
    renderWithProviders(<TaskList contactId={5} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Erreur du serveur (elle a été enregistrée). Réessayez plus tard.',
    );
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeInTheDocument();
  });
});
