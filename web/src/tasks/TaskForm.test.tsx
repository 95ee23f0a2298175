import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Task } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { ADMIN_ME, reply, stubFetch } from './stubFetch.js';
import { TaskForm } from './TaskForm.js';

const SALES_ME = { ...ADMIN_ME, user_id: 2, name: 'Sam Sales', role: 'sales' as const };
const USERS = { data: [ADMIN_ME, SALES_ME], next_cursor: null };
const TASK: Task = {
  task_id: 3,
  title: 'Rappeler Hélène',
  opportunity_id: 12,
  contact_id: null,
  assignee_id: 1,
  due_at: null,
  status: 'open',
  completed_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

const writes = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') !== 'GET')
    .map(([url, init]) => ({ method: init?.method, url: String(url), body: JSON.parse(String(init?.body)) }));

/** Signed in as `me` (the app has the user before any form opens), with the team's users. */
function signedIn(me: typeof ADMIN_ME | typeof SALES_ME, routes: Parameters<typeof stubFetch>[0] = {}) {
  queryClient.setQueryData(['me'], me);
  return stubFetch({ 'GET /auth/me': () => me, 'GET /users': () => USERS, ...routes });
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('TaskForm', () => {
  it('asks for a title before sending anything', async () => {
    const spy = signedIn(ADMIN_ME);
    const onDone = vi.fn();
    renderWithProviders(<TaskForm opportunityId={12} onDone={onDone} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Intitulé/ }), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    const title = screen.getByRole('textbox', { name: /^Intitulé/ });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Donnez un intitulé à la tâche.');
    expect(writes(spy)).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('creates the task on its opportunity, for me, with the title trimmed', async () => {
    const spy = signedIn(ADMIN_ME, {
      'POST /tasks': ({ body }) => reply(201, { ...TASK, ...(body as object), task_id: 4 }),
    });
    const onDone = vi.fn();
    renderWithProviders(<TaskForm opportunityId={12} onDone={onDone} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Intitulé/ }), ' Envoyer le devis ');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy)).toEqual([
      {
        method: 'POST',
        url: '/api/v1/tasks',
        body: { title: 'Envoyer le devis', due_at: null, assignee_id: 1, opportunity_id: 12 },
      },
    ]);
    // ready for the next one
    expect(screen.getByRole('textbox', { name: /^Intitulé/ })).toHaveValue('');
  });

  it('sends a task about a contact without a due date when none is chosen', async () => {
    const spy = signedIn(ADMIN_ME, {
      'POST /tasks': ({ body }) => reply(201, { ...TASK, ...(body as object) }),
    });
    const onDone = vi.fn();
    renderWithProviders(<TaskForm contactId={8} onDone={onDone} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Intitulé/ }), 'Rappeler');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy)[0].body).toEqual({ title: 'Rappeler', due_at: null, assignee_id: 1, contact_id: 8 });
  });

  it('puts the API’s field errors next to the fields they name', async () => {
    signedIn(ADMIN_ME, {
      'POST /tasks': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'title', message: 'must be at most 200 characters' }],
        }),
    });
    const onDone = vi.fn();
    renderWithProviders(<TaskForm opportunityId={12} onDone={onDone} />);
    const title = screen.getByRole('textbox', { name: /^Intitulé/ });
    await userEvent.type(title, 'Rappeler');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation): it names the limit
    expect(title).toHaveAccessibleDescription(/200/);
    expect(title).toHaveValue('Rappeler');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('lets a sales rep create tasks only for themselves', async () => {
    signedIn(SALES_ME);
    renderWithProviders(<TaskForm opportunityId={12} />);
    const assignee = screen.getByRole('combobox', { name: 'Assignée à' });
    expect(assignee).toBeDisabled();
    expect(assignee).toHaveAccessibleDescription('Vous ne pouvez créer des tâches que pour vous-même.');
  });

  it('edits a task with a PATCH that keeps its due instant and leaves its opportunity alone', async () => {
    const spy = signedIn(ADMIN_ME, { 'PATCH /tasks/3': ({ body }) => ({ ...TASK, ...(body as object) }) });
    const onDone = vi.fn();
    const due = '2026-03-15T17:00:00.000Z';
    renderWithProviders(<TaskForm task={{ ...TASK, due_at: due }} opportunityId={12} onDone={onDone} />);
    // shown in local time, sent back as the same instant
    const local = new Date(due);
    const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(screen.getByRole('button', { name: 'Échéance' })).toHaveTextContent(`15/03/2026 ${hhmm}`);
    const title = screen.getByRole('textbox', { name: /^Intitulé/ });
    expect(title).toHaveValue('Rappeler Hélène');
    await userEvent.type(title, ' demain');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer la tâche' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy)).toEqual([
      {
        method: 'PATCH',
        url: '/api/v1/tasks/3',
        body: { title: 'Rappeler Hélène demain', due_at: due, assignee_id: 1 },
      },
    ]);
  });
});
