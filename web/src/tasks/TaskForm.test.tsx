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
  company_id: null,
  due_date: null,
  assignee_id: 1,
  due_at: null,
  status: 'open',
  completed_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  custom_fields: {},
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
        body: { title: 'Envoyer le devis', due_at: null, due_date: null, assignee_id: 1, opportunity_id: 12 },
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
    expect(writes(spy)[0].body).toEqual({
      title: 'Rappeler',
      due_at: null,
      due_date: null,
      assignee_id: 1,
      contact_id: 8,
    });
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

  it('lets a sales rep give a new task to a colleague, but not one already someone else’s', async () => {
    signedIn(SALES_ME);
    const { unmount } = renderWithProviders(<TaskForm opportunityId={12} />);
    expect(screen.getByRole('combobox', { name: 'Assignée à' })).toBeEnabled();
    unmount();
    renderWithProviders(<TaskForm task={{ ...TASK, assignee_id: 1 }} />);
    const assignee = screen.getByRole('combobox', { name: 'Assignée à' });
    expect(assignee).toBeDisabled();
  });

  it('sends a typed day as an all-day due date, with a time as a local instant, and refuses a wrong date', async () => {
    const spy = signedIn(ADMIN_ME, { 'POST /tasks': ({ body }) => ({ ...TASK, ...(body as object) }) });
    renderWithProviders(<TaskForm contactId={8} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Intitulé/ }), 'Relancer');
    const date = screen.getByRole('textbox', { name: 'Échéance' });
    await userEvent.type(date, '31/02/2027');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(writes(spy)).toEqual([]);
    await userEvent.clear(date);
    await userEvent.type(date, '12/03/2027');
    expect(screen.getByText(/toute la journée/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    await waitFor(() => expect(writes(spy)).toHaveLength(1));
    expect(writes(spy)[0].body).toMatchObject({ due_at: null, due_date: '2027-03-12', contact_id: 8 });
    await userEvent.type(screen.getByRole('textbox', { name: /^Intitulé/ }), 'Appeler');
    await userEvent.type(screen.getByRole('textbox', { name: 'Échéance' }), '2027-03-12');
    await userEvent.type(screen.getByRole('textbox', { name: 'Heure' }), '14h30');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    await waitFor(() => expect(writes(spy)).toHaveLength(2));
    expect(writes(spy)[1].body).toMatchObject({
      due_at: new Date(2027, 2, 12, 14, 30).toISOString(),
      due_date: null,
    });
  });

  it('closes the calendar when a preset is chosen', async () => {
    signedIn(ADMIN_ME);
    renderWithProviders(<TaskForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Ouvrir le calendrier' }));
    // the dropdown is still in its opening transition for the accessibility tree: found by text
    await userEvent.click(await screen.findByText('Demain'));
    await waitFor(() => expect(screen.queryByText('Demain')).not.toBeInTheDocument());
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const dd = String(tomorrow.getDate()).padStart(2, '0');
    const mm = String(tomorrow.getMonth() + 1).padStart(2, '0');
    expect(screen.getByRole('textbox', { name: 'Échéance' })).toHaveValue(
      `${dd}/${mm}/${tomorrow.getFullYear()}`,
    );
  });

  it('edits a task with a PATCH that keeps its due instant and leaves its opportunity alone', async () => {
    const spy = signedIn(ADMIN_ME, { 'PATCH /tasks/3': ({ body }) => ({ ...TASK, ...(body as object) }) });
    const onDone = vi.fn();
    const due = '2026-03-15T17:00:00.000Z';
    renderWithProviders(<TaskForm task={{ ...TASK, due_at: due }} opportunityId={12} onDone={onDone} />);
    // shown in local time, sent back as the same instant
    const local = new Date(due);
    const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(screen.getByRole('textbox', { name: 'Échéance' })).toHaveValue(
      `${String(local.getDate()).padStart(2, '0')}/03/2026`,
    );
    expect(screen.getByRole('textbox', { name: 'Heure' })).toHaveValue(hhmm);
    const title = screen.getByRole('textbox', { name: /^Intitulé/ });
    expect(title).toHaveValue('Rappeler Hélène');
    await userEvent.type(title, ' demain');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer la tâche' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy)).toEqual([
      {
        method: 'PATCH',
        url: '/api/v1/tasks/3',
        body: { title: 'Rappeler Hélène demain', due_at: due, due_date: null, assignee_id: 1 },
      },
    ]);
  });
});
