import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { PastImports } from './PastImports.js';

const job = (over: Record<string, unknown>) => ({
  import_id: 1,
  entity: 'contacts',
  status: 'done',
  file_name: 'contacts.csv',
  format: 'csv',
  dry_run: false,
  on_duplicate: 'skip',
  total_rows: 3,
  processed_rows: 3,
  created: 2,
  updated: 0,
  skipped: 0,
  failed: 1,
  mapping: null,
  detected: null,
  error: null,
  error_code: null,
  user_id: 1,
  created_at: '2026-11-29T10:00:00.000Z',
  finished_at: '2026-11-29T10:00:05.000Z',
  ...over,
});

const writes = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') !== 'GET')
    .map(([url, init]) => `${init?.method} ${new URL(String(url), 'http://localhost').pathname}`);

beforeEach(() => {
  setLanguage('fr');
  queryClient.setQueryData(['me'], ADMIN_ME);
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('PastImports', () => {
  it('lists each import with its file, status and result; only finished ones can be deleted', async () => {
    stubFetch({
      'GET /imports': () => ({
        data: [
          job({ import_id: 8, file_name: 'google.csv', failed: 0, created: 3, warnings: 1 }),
          job({ import_id: 7, file_name: 'hubspot.csv' }),
          job({ import_id: 6, file_name: 'check.vcf', dry_run: true, failed: 0, status: 'done' }),
          job({ import_id: 5, file_name: 'big.csv', status: 'running', failed: 0, created: 100 }),
        ],
        next_cursor: null,
      }),
    });
    renderWithProviders(<PastImports />);
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(5); // the header and four jobs
    const [, warned, done, dry, running] = rows;
    expect(within(done).getByText('hubspot.csv')).toBeInTheDocument();
    expect(within(done).getByText('terminé')).toBeInTheDocument();
    expect(within(done).getByText('2 créées, 0 mises à jour, 0 ignorées, 1 en erreur')).toBeInTheDocument();
    expect(within(done).getByRole('link', { name: 'Erreurs de hubspot.csv (CSV)' })).toHaveAttribute(
      'href',
      '/api/v1/imports/7/errors.csv?lang=fr',
    );
    // rows written with warnings: counted, and their values set aside are in the same CSV
    expect(
      within(warned).getByText(
        '3 créées, 0 mises à jour, 0 ignorées, 0 en erreur, dont 1 avec avertissement',
      ),
    ).toBeInTheDocument();
    expect(
      within(warned).getByRole('link', { name: 'Erreurs et avertissements de google.csv (CSV)' }),
    ).toHaveAttribute('href', '/api/v1/imports/8/errors.csv?lang=fr');
    expect(within(dry).getByText('vérification')).toBeInTheDocument();
    expect(within(dry).queryByRole('link')).toBeNull();
    expect(within(running).getByText('en cours')).toBeInTheDocument();
    // a running job cannot be deleted (the API answers 409 import_busy)
    expect(within(running).queryByRole('button')).toBeNull();
    expect(within(done).getByRole('button', { name: 'Supprimer l’import hubspot.csv' })).toBeInTheDocument();
  });

  it('deletes a job once confirmed, then shows the list without it', async () => {
    let deleted = false;
    const spy = stubFetch({
      'GET /imports': () => ({
        data: deleted ? [] : [job({ import_id: 7, file_name: 'hubspot.csv' })],
        next_cursor: null,
      }),
      'DELETE /imports/7': () => {
        deleted = true;
        return reply(204);
      },
    });
    renderWithProviders(<PastImports />);
    await userEvent.click(await screen.findByRole('button', { name: 'Supprimer l’import hubspot.csv' }));
    // nothing is sent before the confirmation
    expect(writes(spy)).toEqual([]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('L’import « hubspot.csv », ses erreurs et son aperçu');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(writes(spy)).toEqual(['DELETE /api/v1/imports/7']));
    expect(await screen.findByText('Aucun import pour l’instant.')).toBeInTheDocument();
  });

  it('says so in English too, and when there is nothing yet', async () => {
    setLanguage('en');
    stubFetch({ 'GET /imports': () => ({ data: [], next_cursor: null }) });
    renderWithProviders(<PastImports />);
    expect(await screen.findByText('No imports yet.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Past imports' })).toBeInTheDocument();
  });
});
