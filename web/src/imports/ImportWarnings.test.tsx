// Rows imported with warnings (ADR 015): counted apart, listed in a tab of their own, and the value
// set aside shown in the preview with where it went, in French and English.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { ImportIssues } from './ImportIssues.js';
import { Counts, type ImportJob, Preview } from './JobViews.js';

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  import_id: 7,
  entity: 'contacts',
  status: 'done',
  format: 'vcard',
  dry_run: false,
  total_rows: 3,
  processed_rows: 3,
  created: 3,
  updated: 0,
  skipped: 0,
  failed: 0,
  warnings: 2,
  mapping: null,
  detected: { format: 'vcard', encoding: 'utf-8' },
  error: null,
  errors: [],
  ...over,
});

const WARNINGS = [
  {
    row: 1,
    field: 'phone',
    code: 'not_a_phone',
    message: 'x',
    severity: 'warning',
    column: 'phone',
    value: 'BusinessPhone',
  },
  {
    row: 9,
    field: 'email',
    code: 'invalid_email',
    message: 'x',
    severity: 'warning',
    column: 'email',
    value: 'a@invalid',
  },
];

beforeEach(async () => {
  await setLanguage('fr');
  queryClient.setQueryData(['me'], ADMIN_ME);
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('warnings', () => {
  it('a job with warnings only opens on their tab, which asks the server for the warnings', async () => {
    const spy = stubFetch({
      'GET /imports/7/errors': ({ url }: { url: URL }) => ({
        columns: [],
        codes: [
          { code: 'invalid_email', severity: 'warning', count: 1 },
          { code: 'not_a_phone', severity: 'warning', count: 1 },
        ],
        data: url.searchParams.get('severity') === 'warning' ? WARNINGS : [],
        next_cursor: null,
      }),
    });
    renderWithProviders(<ImportIssues job={job()} />);
    expect(screen.getByRole('tab', { name: 'Avertissements (2)' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Lignes refusées (0)' })).toBeDisabled();
    const table = await screen.findByRole('table', { name: 'Avec avertissement' });
    expect(within(table).getByText('BusinessPhone')).toBeInTheDocument();
    expect(within(table).getByText('Ce n’est pas un numéro de téléphone.')).toBeInTheDocument();
    expect(screen.getByText(/les valeurs inutilisables sont dans les notes/)).toBeInTheDocument();
    const url = new URL(String(spy.mock.calls.at(-1)?.[0]), 'http://localhost');
    expect(url.searchParams.get('severity')).toBe('warning');
  });

  it('counts the rows with warnings apart from the failed ones', () => {
    stubFetch({});
    renderWithProviders(<Counts job={job({ failed: 1 })} title="Résultat" />);
    expect(screen.getByText('Avec avertissement')).toBeInTheDocument();
    expect(document.querySelector('[data-count="warnings"]')).toHaveTextContent('2');
    expect(document.querySelector('[data-count="failed"]')).toHaveTextContent('1');
  });

  it('the preview shows the value set aside, struck through, and says where it went', async () => {
    stubFetch({});
    const dry = job({
      dry_run: true,
      preview: [
        {
          row: 2,
          action: 'created',
          values: { first_name: 'Anna', last_name: 'Bauer' },
          errors: [],
          warnings: [{ field: 'phone', code: 'not_a_phone', message: 'x' }],
          source: { first_name: 'Anna', last_name: 'Bauer', phone: 'BusinessPhone' },
        },
      ],
    });
    renderWithProviders(<Preview job={dry} />);
    const value = screen.getByText('BusinessPhone');
    expect(value.closest('td')).toHaveAttribute('data-warning', 'true');
    expect(value).toHaveAccessibleDescription(
      'Valeur inutilisable, gardée dans les notes : Ce n’est pas un numéro de téléphone.',
    );
    expect(screen.getByText('créée')).toBeInTheDocument();
    await setLanguage('en');
    await waitFor(() =>
      expect(screen.getByText('BusinessPhone')).toHaveAccessibleDescription(
        'Unusable value, kept in the notes: This is not a phone number.',
      ),
    );
  });
});
