import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { ImportIssues } from './ImportIssues.js';
import { type ImportJob, Preview } from './JobViews.js';

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  import_id: 1,
  entity: 'contacts',
  status: 'done',
  format: 'csv',
  dry_run: false,
  total_rows: 130,
  processed_rows: 130,
  created: 0,
  updated: 0,
  skipped: 2,
  failed: 120,
  mapping: null,
  detected: null,
  error: null,
  errors: [],
  ...over,
});

/** 100 invalid emails on rows 2–101, then 20 names too long on rows 102–121, paged as the server does */
const ERRORS = Array.from({ length: 120 }, (_, i) =>
  i < 100
    ? {
        row: i + 2,
        field: 'email',
        code: 'invalid_email',
        message: 'is not an email',
        column: 'Email',
        value: `bad-${i}`,
      }
    : {
        row: i + 2,
        field: 'first_name',
        code: 'too_long',
        message: 'too long',
        limit: 50,
        column: 'Prénom',
        value: 'x',
      },
);

function errorsRoute({ url }: { url: URL }) {
  const code = url.searchParams.get('code');
  const limit = Number(url.searchParams.get('limit'));
  const after = Number(url.searchParams.get('cursor') ?? 0);
  const list = ERRORS.filter((e) => !code || e.code === code);
  const page = list.slice(after, after + limit);
  return {
    columns: ['Prénom', 'Nom', 'Email'],
    codes: [
      { code: 'invalid_email', count: 100 },
      { code: 'too_long', count: 20 },
    ],
    data: page,
    next_cursor: after + limit < list.length ? String(after + limit) : null,
  };
}

beforeEach(async () => {
  await setLanguage('fr');
  queryClient.setQueryData(['me'], ADMIN_ME);
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('ImportIssues', () => {
  it('pages through every error to the last one, and filters them by kind', async () => {
    const spy = stubFetch({ 'GET /imports/1/errors': errorsRoute });
    renderWithProviders(<ImportIssues job={job()} />);
    const table = await screen.findByRole('table', { name: 'Erreurs' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(within(table).getByText('bad-0')).toBeInTheDocument();
    expect(within(table).getAllByText('Cette adresse e-mail n’est pas valide.')).toHaveLength(50);
    expect(screen.getByText('1–50 sur 120')).toBeInTheDocument();
    const next = screen.getByRole('button', { name: 'Page suivante' });
    await userEvent.click(next);
    await screen.findByText('51–100 sur 120');
    await userEvent.click(next);
    await screen.findByText('101–120 sur 120');
    expect(
      within(screen.getByRole('table', { name: 'Erreurs' })).getAllByText('Au plus 50 caractères.'),
    ).toHaveLength(20);
    expect(screen.getByText('121')).toBeInTheDocument();
    expect(next).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Page précédente' }));
    await screen.findByText('51–100 sur 120');
    // the kind of error: a new list from its first page
    await userEvent.click(screen.getByRole('combobox', { name: 'Type d’erreur' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Texte trop long (20)', hidden: true }));
    await screen.findByText('1–20 sur 20');
    const last = spy.mock.calls.at(-1)?.[0];
    expect(new URL(String(last), 'http://localhost').searchParams.get('code')).toBe('too_long');
    expect(screen.getByRole('link', { name: 'Télécharger les erreurs (CSV)' })).toHaveAttribute(
      'href',
      '/api/v1/imports/1/errors.csv?lang=fr',
    );
  });

  it('lists skipped duplicates with a link to the record each matched', async () => {
    stubFetch({
      'GET /imports/1/errors': errorsRoute,
      'GET /imports/1/duplicates': () => ({
        data: [
          { row: 3, resource: 'contacts', record_id: 12, name: 'Anne Durand' },
          { row: 4, resource: 'contacts', record_id: 13, name: null },
        ],
        next_cursor: null,
      }),
    });
    renderWithProviders(<ImportIssues job={job()} />);
    await userEvent.click(await screen.findByRole('tab', { name: 'Doublons ignorés (2)' }));
    const table = await screen.findByRole('table', { name: 'Doublons ignorés' });
    expect(within(table).getByRole('link', { name: 'Anne Durand' })).toHaveAttribute('href', '/contacts/12');
    expect(within(table).getByText('supprimée depuis')).toBeInTheDocument();
    expect(within(table).getByText('13')).toBeInTheDocument();
  });

  it('shows nothing for a job without errors or duplicates', () => {
    stubFetch({});
    const { container } = renderWithProviders(<ImportIssues job={job({ failed: 0, skipped: 0 })} />);
    expect(container.querySelector('section')).toBeNull();
  });
});

describe('Preview', () => {
  const dry = job({
    dry_run: true,
    preview: [
      {
        row: 2,
        action: 'created',
        values: { first_name: 'Anne', email: 'anne@example.com' },
        errors: [],
        source: {},
      },
      {
        row: 3,
        action: 'failed',
        errors: [{ field: 'email', code: 'invalid_email', message: 'is not an email' }],
        source: { first_name: 'Paul', email: 'pas-un-email' },
      },
      {
        row: 4,
        action: 'failed',
        errors: [{ field: '', code: 'unreadable', message: 'could not be read' }],
        source: {},
      },
    ],
  });

  it('shows each refused value in its cell, marked, with the reason in the UI’s language', async () => {
    stubFetch({});
    renderWithProviders(<Preview job={dry} />);
    const value = screen.getByText('pas-un-email');
    expect(value).toHaveAccessibleDescription('Cette adresse e-mail n’est pas valide.');
    expect(value.closest('td')).toHaveAttribute('data-invalid', 'true');
    // the other values of the refused row are shown as the file had them
    expect(screen.getByText('Paul')).toBeInTheDocument();
    // an error about the whole row stays beside its result
    expect(screen.getByText('Cette ligne du fichier n’a pas pu être lue.')).toBeInTheDocument();
    await setLanguage('en');
    await waitFor(() =>
      expect(screen.getByText('pas-un-email')).toHaveAccessibleDescription(
        'This email address is not valid.',
      ),
    );
  });
});
