import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { DeleteDialog, type DeleteSummary, summaryText } from './DeleteDialog.js';

const writes = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') !== 'GET')
    .map(([url, init]) => ({
      method: init?.method,
      url: String(url),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const deleteButton = () => screen.getByRole('button', { name: 'Supprimer' });

describe('DeleteDialog', () => {
  it('one contact: lists what is attached, needs the tick for its history, sends the choices', async () => {
    const spy = stubFetch({
      'GET /contacts/5/dependents': () => ({ opportunities: 1, interactions: 2, tasks: 1 }),
      'DELETE /contacts/5': () => reply(204),
    });
    const onDone = vi.fn();
    renderWithProviders(
      <DeleteDialog resource="contacts" ids={[5]} what="Amélie Côté" onDone={onDone} onCancel={() => {}} />,
    );
    expect(await screen.findByText('1 opportunité')).toBeInTheDocument();
    expect(screen.getByText('2 interactions')).toBeInTheDocument();
    expect(screen.getByText('1 tâche')).toBeInTheDocument();
    // interactions cannot stay without their contact: deleting waits for an explicit tick
    expect(deleteButton()).toBeDisabled();
    const tick = screen.getByRole('checkbox', { name: /Supprimer aussi 2 interactions, 1 tâche/ });
    await userEvent.click(tick);
    expect(deleteButton()).toBeEnabled();
    // deals are kept (unlinked) unless the user says otherwise
    expect(screen.getByRole('radio', { name: 'Les garder, sans ce lien' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Les supprimer aussi' }));
    await userEvent.click(deleteButton());
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(null));
    expect(writes(spy)).toEqual([
      {
        method: 'DELETE',
        url: '/api/v1/contacts/5?opportunities=delete&interactions=delete&tasks=delete',
        body: undefined,
      },
    ]);
  });

  it('nothing attached: says so and deletes with no options', async () => {
    const spy = stubFetch({
      'GET /contacts/6/dependents': () => ({ opportunities: 0, interactions: 0, tasks: 0 }),
      'DELETE /contacts/6': () => reply(204),
    });
    const onDone = vi.fn();
    renderWithProviders(
      <DeleteDialog resource="contacts" ids={[6]} what="Léonie" onDone={onDone} onCancel={() => {}} />,
    );
    expect(await screen.findByText('Rien n’y est lié.')).toBeInTheDocument();
    await userEvent.click(deleteButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy).map((w) => w.url)).toEqual(['/api/v1/contacts/6']);
  });

  it('a refusal stays in the dialog, naming the record that is not yours', async () => {
    stubFetch({
      'GET /contacts/7/dependents': () => ({ opportunities: 1, interactions: 0, tasks: 0 }),
      'DELETE /contacts/7': () =>
        reply(403, {
          type: '/problems/forbidden',
          title: 'Not allowed',
          status: 403,
          code: 'not_owner',
          record: { resource: 'opportunities', id: 12 },
        }),
    });
    const onDone = vi.fn();
    renderWithProviders(
      <DeleteDialog resource="contacts" ids={[7]} what="Mégane" onDone={onDone} onCancel={() => {}} />,
    );
    await screen.findByText('1 opportunité');
    await userEvent.click(deleteButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('opportunité n° 12');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('a company: its contacts’ history needs the tick only when the contacts are deleted', async () => {
    const spy = stubFetch({
      'GET /companies/dependents': ({ url }) => {
        expect(url.searchParams.get('ids')).toBe('3,4');
        return { records: 2, contacts: 16, opportunities: 2, interactions: 15, tasks: 0 };
      },
      'POST /companies/bulk-delete': () => ({ deleted: 2, refused: [] }),
    });
    const onDone = vi.fn();
    renderWithProviders(
      <DeleteDialog resource="companies" ids={[3, 4]} what="2 lignes" onDone={onDone} onCancel={() => {}} />,
    );
    expect(await screen.findByText('16 contacts')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(deleteButton()).toBeEnabled();
    const contacts = screen.getByRole('radiogroup', { name: 'Les contacts de l’entreprise' });
    await userEvent.click(
      [...contacts.querySelectorAll('input')].find((i) => i.value === 'delete') as HTMLElement,
    );
    expect(deleteButton()).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /Supprimer aussi 15 interactions/ }));
    await userEvent.click(deleteButton());
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ deleted: 2, refused: [] }));
    expect(writes(spy)).toEqual([
      {
        method: 'POST',
        url: '/api/v1/companies/bulk-delete',
        body: { ids: [3, 4], contacts: 'delete', opportunities: 'unlink', interactions: 'delete' },
      },
    ]);
  });
});

describe('DeleteDialog, a selection over the API limit of 200 IDs', () => {
  it('counts and deletes in parts, and adds the parts up into one summary', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const spy = stubFetch({
      'GET /contacts/dependents': ({ url }) => {
        const n = String(url.searchParams.get('ids')).split(',').length;
        return { records: n, opportunities: 0, interactions: 0, tasks: 0 };
      },
      'POST /contacts/bulk-delete': ({ body }) => {
        const part = (body as { ids: number[] }).ids;
        expect(part.length).toBeLessThanOrEqual(200);
        return {
          deleted: part.length - 1,
          opportunities_deleted: 0,
          refused: [{ id: part[0], status: 404, type: 'not-found', detail: 'gone' }],
        };
      },
    });
    const onDone = vi.fn();
    renderWithProviders(
      <DeleteDialog resource="contacts" ids={ids} what="250 lignes" onDone={onDone} onCancel={() => {}} />,
    );
    expect(await screen.findByText('Rien n’y est lié.')).toBeInTheDocument();
    await userEvent.click(deleteButton());
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0][0]).toMatchObject({ deleted: 248, opportunities_deleted: 0 });
    expect(onDone.mock.calls[0][0].refused.map((r: { id: number }) => r.id)).toEqual([1, 201]);
    expect(writes(spy).map((w) => w.body.ids.length)).toEqual([200, 50]);
  });
});

describe('summaryText', () => {
  it('says in one sentence what went, what was unlinked and which rows stayed, and why', () => {
    setLanguage('en');
    const summary: DeleteSummary = {
      deleted: 15,
      opportunities_deleted: 0,
      opportunities_unlinked: 2,
      interactions_deleted: 15,
      interactions_unlinked: 0,
      tasks_deleted: 0,
      tasks_unlinked: 0,
      refused: [
        {
          id: 9,
          status: 403,
          type: 'forbidden',
          code: 'not_owner',
          detail: '…',
          record: { resource: 'opportunities', id: 12 },
        },
      ],
    };
    expect(summaryText(summary, (id) => (id === 9 ? 'Amélie Côté' : '?'))).toBe(
      '15 rows deleted — also deleted: 15 interactions — unlinked: 2 opportunities — 1 not deleted: ' +
        'Amélie Côté (Something attached (opportunity #12) belongs to another user: ask them or a manager.).',
    );
  });
});
