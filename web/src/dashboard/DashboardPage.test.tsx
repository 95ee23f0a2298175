import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { PipelineRow } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import DashboardPage from './DashboardPage.js';
import { periodRange } from './periods.js';

const ROWS: PipelineRow[] = [
  { stage: 'Prospection', kind: 'open', count: 2, total_value: 1500, weighted_value: 150 },
  { stage: 'Proposition', kind: 'open', count: 1, total_value: 12000, weighted_value: 7200 },
  { stage: 'Fermée gagnée', kind: 'won', count: 4, total_value: 8000, weighted_value: 8000 },
  { stage: 'Fermée perdue', kind: 'lost', count: 3, total_value: 900, weighted_value: 0 },
];
const BOB = { ...ADMIN_ME, user_id: 2, name: 'Bob', email: 'bob@example.com', role: 'sales' as const };

let spy: ReturnType<typeof stubFetch>;
const calls = (path: string) =>
  spy.mock.calls
    .map(([u]) => new URL(String(u), 'http://localhost'))
    .filter((u) => u.pathname === `/api/v1${path}`);

beforeEach(() => {
  setLanguage('fr');
  spy = stubFetch({
    'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }),
    'GET /auth/me': () => ADMIN_ME,
    'GET /users': () => ({ data: [ADMIN_ME, BOB], next_cursor: null }),
    'GET /tasks': () => ({ data: [], next_cursor: null }),
    'GET /interactions': () => ({ data: [], next_cursor: null }),
    'GET /pipeline': () => ({ data: ROWS }),
    'GET /pipeline/closed': ({ url }) =>
      url.searchParams.get('owner_id') === '2'
        ? { won: { count: 1, total_value: 500 }, lost: { count: 0, total_value: 0 } }
        : url.searchParams.get('from') === periodRange('last_month').from.toISOString()
          ? { won: { count: 7, total_value: 70000 }, lost: { count: 2, total_value: 300 } }
          : { won: { count: 3, total_value: 4200.5 }, lost: { count: 1, total_value: 800 } },
  });
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const panel = (name: string) => screen.getByRole('region', { name });

describe('DashboardPage', () => {
  it('shows won and lost by closing date for this month, and charts the open stages only', async () => {
    renderWithProviders(<DashboardPage />);
    await waitFor(() => expect(panel('Gagnées')).toHaveTextContent(/3 opportunités · 4\s200,50\s€/));
    expect(panel('Perdues')).toHaveTextContent(/1 opportunité · 800,00\s€/);
    expect(panel('Gagnées')).toHaveTextContent('ce mois-ci');
    const { from, to } = periodRange('this_month');
    const [closed] = calls('/pipeline/closed');
    expect(closed.searchParams.get('from')).toBe(from.toISOString());
    expect(closed.searchParams.get('to')).toBe(to.toISOString());
    expect(closed.searchParams.has('owner_id')).toBe(false);

    const table = await screen.findByRole('table', { name: 'Valeur du pipeline par étape' });
    expect(within(table).getByRole('row', { name: /Proposition/ })).toBeInTheDocument();
    expect(within(table).queryByRole('row', { name: /Fermée/ })).not.toBeInTheDocument();
    // the forecast is the open stages' weighted value
    expect(panel('Prévision pondérée')).toHaveTextContent(/7\s350,00\s€/);
  });

  it('counts another period and one owner when asked', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DashboardPage />);
    await waitFor(() => expect(panel('Gagnées')).toHaveTextContent(/3 opportunités/));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Gagnées et perdues' }), 'Le mois dernier');
    await waitFor(() => expect(panel('Gagnées')).toHaveTextContent(/7 opportunités · 70\s000,00\s€/));
    expect(panel('Perdues')).toHaveTextContent('le mois dernier');

    const owner = screen.getByRole('combobox', { name: 'Responsable' });
    await waitFor(() => expect(within(owner).getByRole('option', { name: 'Bob' })).toBeInTheDocument());
    await user.selectOptions(owner, 'Bob');
    await waitFor(() => expect(panel('Gagnées')).toHaveTextContent(/1 opportunité · 500,00\s€/));
    expect(calls('/pipeline/closed').at(-1)?.searchParams.get('owner_id')).toBe('2');
    // the pipeline is the owner's too
    await waitFor(() => expect(calls('/pipeline').at(-1)?.searchParams.get('owner_id')).toBe('2'));
  });
});
