import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { PastImports } from './PastImports.js';
import { UndoDialog, type UndoPreview } from './UndoDialog.js';

const writes = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') !== 'GET')
    .map(([url, init]) => ({
      method: init?.method,
      path: new URL(String(url), 'http://localhost').pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

const counts = (over: Partial<UndoPreview['created']> = {}) => ({
  contacts: 0,
  companies: 0,
  opportunities: 0,
  interactions: 0,
  ...over,
});

const preview = (over: Partial<UndoPreview> = {}): UndoPreview => ({
  created: counts({ contacts: 2, companies: 1 }),
  attached: {
    contacts: { opportunities: 0, interactions: 0, tasks: 0 },
    companies: { contacts: 0, opportunities: 0, interactions: 0, tasks: 0 },
  },
  restore: counts({ contacts: 1 }),
  conflicts: [{ resource: 'contacts', id: 31, reason: 'changed' }],
  ...over,
});

const undoButton = () => screen.getByRole('button', { name: 'Annuler l’import' });

beforeEach(() => {
  setLanguage('fr');
  queryClient.setQueryData(['me'], ADMIN_ME);
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('UndoDialog', () => {
  it('shows what goes, what comes back and what stays, asks the tick for history added since, then sums up', async () => {
    const spy = stubFetch({
      'GET /imports/7/undo': () =>
        preview({
          attached: {
            contacts: { opportunities: 1, interactions: 2, tasks: 0 },
            companies: { contacts: 0, opportunities: 0, interactions: 0, tasks: 0 },
          },
        }),
      'POST /imports/7/undo': () => ({
        deleted: counts({ contacts: 2, companies: 1 }),
        restored: counts({ contacts: 1 }),
        conflicts: [{ resource: 'contacts', id: 31, reason: 'changed' }],
        interactions_deleted: 2,
      }),
    });
    const onDone = vi.fn();
    renderWithProviders(<UndoDialog importId={7} name="hubspot.csv" onDone={onDone} onCancel={() => {}} />);
    expect(
      await screen.findByText('Créés par l’import, seront supprimés : 2 contacts, 1 entreprise.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Mis à jour par l’import, retrouveront leurs valeurs d’avant : 1 contact.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Modifiés depuis par quelqu’un d’autre, resteront tels quels : contact n° 31.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Ajoutés depuis aux fiches qu’il a créées : 1 opportunité, 2 interactions.'),
    ).toBeInTheDocument();
    // as in the delete dialog: the history goes only with an explicit tick, deals are kept by default
    expect(undoButton()).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /Supprimer aussi 2 interactions/ }));
    expect(screen.getByRole('radio', { name: 'Les garder, sans ce lien' })).toBeChecked();
    await userEvent.click(undoButton());
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Supprimés : 2 contacts, 1 entreprise. Rétablis : 1 contact. Laissés tels quels (modifiés depuis) : contact n° 31.',
    );
    expect(writes(spy)).toEqual([
      {
        method: 'POST',
        path: '/api/v1/imports/7/undo',
        body: { opportunities: 'unlink', interactions: 'delete' },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(onDone).toHaveBeenCalled();
  });

  it('says why a job cannot be undone (already undone), in English too', async () => {
    setLanguage('en');
    const spy = stubFetch({
      'GET /imports/8/undo': () =>
        reply(409, {
          type: '/problems/conflict',
          title: 'Import cannot be undone',
          status: 409,
          code: 'import_already_undone',
        }),
    });
    renderWithProviders(<UndoDialog importId={8} name="old.csv" onDone={() => {}} onCancel={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This import has already been undone.');
    expect(screen.getByRole('button', { name: 'Undo the import' })).toBeDisabled();
    expect(writes(spy)).toEqual([]);
  });

  it('is offered on a past import that can be undone; once done and closed, the list shows it undone', async () => {
    const job = {
      entity: 'contacts',
      status: 'done',
      format: 'csv',
      dry_run: false,
      on_duplicate: 'skip',
      total_rows: 2,
      processed_rows: 2,
      created: 2,
      updated: 0,
      skipped: 0,
      failed: 0,
      mapping: null,
      detected: null,
      error: null,
      error_code: null,
      user_id: 1,
      created_at: '2026-11-29T10:00:00.000Z',
      finished_at: '2026-11-29T10:00:05.000Z',
    };
    let undone = false;
    stubFetch({
      'GET /imports': () => ({
        data: [
          {
            ...job,
            import_id: 9,
            file_name: 'new.csv',
            undoable: !undone,
            undone_at: undone ? '2026-12-01T10:00:00Z' : null,
          },
          { ...job, import_id: 8, file_name: 'gone.csv', undoable: false, undone_at: '2026-11-30T10:00:00Z' },
        ],
        next_cursor: null,
      }),
      'GET /imports/9/undo': () => preview({ conflicts: [], restore: counts() }),
      'POST /imports/9/undo': () => {
        undone = true;
        return { deleted: counts({ contacts: 2, companies: 1 }), restored: counts(), conflicts: [] };
      },
    });
    renderWithProviders(<PastImports />);
    const [, fresh, old] = await screen.findAllByRole('row');
    expect(within(old).getByText('annulé')).toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: 'Annuler cet import' })).toBeNull();
    await userEvent.click(within(fresh).getByRole('button', { name: 'Annuler cet import' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(dialog).toHaveTextContent('Créés par l’import, seront supprimés : 2 contacts, 1 entreprise.'),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler l’import' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Supprimés : 2 contacts, 1 entreprise.',
    );
    // the summary's own button (the modal's cross is named the same)
    await userEvent.click(within(dialog).getByText('Fermer'));
    // once closed, the list shows the job undone, without the button
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Annuler cet import' })).toBeNull());
    expect(within(screen.getAllByRole('row')[1]).getByText('annulé')).toBeInTheDocument();
  });
});
