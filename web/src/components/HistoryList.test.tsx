import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { AuditEvent } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { HistoryList } from './HistoryList.js';

const BOB = { ...ADMIN_ME, user_id: 2, email: 'bob@example.com', name: 'Bob Vendeur', role: 'sales' };

const event = (audit_id: number, changes: AuditEvent['changes'], action = 'update'): AuditEvent => ({
  audit_id,
  occurred_at: '2026-03-15T09:30:00.000Z',
  user_id: 1,
  action,
  resource: 'opportunities',
  record_id: 9,
  changes,
});

const routes = (history: (cursor: string | null) => unknown) => ({
  'GET /auth/me': () => ADMIN_ME,
  'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }),
  'GET /users': () => ({ data: [ADMIN_ME, BOB], next_cursor: null }),
  'GET /companies/4': () => ({ company_id: 4, company_name: 'Société Générale' }),
  'GET /companies/5': () => reply(404, { type: '/problems/not-found', title: 'Not found', status: 404 }),
  'GET /opportunities/9/history': ({ url }: { url: URL }) => history(url.searchParams.get('cursor')),
});

/** One entry of the timeline, by its title (who · what). */
async function item(title: string): Promise<HTMLElement> {
  const el = (await screen.findByText(title)).closest<HTMLElement>('.mantine-Timeline-item');
  if (!el) throw new Error(`no timeline item titled ${title}`);
  return el;
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('HistoryList', () => {
  it('shows who did what with field labels, names and values formatted for the language', async () => {
    stubFetch(
      routes(() => ({
        data: [
          event(3, {
            owner_id: [1, 2],
            deal_value: [1234.5, 99000],
            expected_close_date: [null, '2026-04-30'],
            company_id: [4, 5],
            stage: ['Prospection', 'Qualification'],
            updated_at: ['2026-03-14T09:30:00.000Z', '2026-03-15T09:30:00.000Z'],
          }),
          event(2, null, 'create'),
        ],
        next_cursor: null,
      })),
    );
    renderWithProviders(<HistoryList resource="opportunities" id={9} />);
    const update = await item('Alice · Modification');
    expect(update).toHaveTextContent('Responsable : Alice → Bob Vendeur');
    expect(update).toHaveTextContent(/Montant : 1\s234,50\s€ → 99\s000,00\s€/);
    expect(update).toHaveTextContent('Clôture prévue : (vide) → 30 avr. 2026');
    expect(update).toHaveTextContent('Étape : Prospection → Qualification');
    // another record by its name, with a link; one deleted since by its ID
    expect(await within(update).findByRole('link', { name: 'Société Générale' })).toHaveAttribute(
      'href',
      '/companies/4',
    );
    expect(update).toHaveTextContent(/Entreprise : Société Générale → #5/);
    // no raw column names, IDs or ISO dates
    expect(update).not.toHaveTextContent(/owner_id|deal_value|updated_at|2026-04-30|1234\.5/);
    expect(await item('Alice · Création')).toBeInTheDocument();
  });

  it('names and formats the closing fields', async () => {
    stubFetch(
      routes(() => ({
        data: [
          event(4, {
            stage: ['Proposition', 'Fermée perdue'],
            closed_at: [null, '2026-03-15T09:30:00.000Z'],
            lost_reason: [null, 'Pas de budget'],
          }),
        ],
        next_cursor: null,
      })),
    );
    renderWithProviders(<HistoryList resource="opportunities" id={9} />);
    const update = await item('Alice · Modification');
    expect(update).toHaveTextContent(/Clôturée le : \(vide\) → 15 mars 2026/);
    expect(update).toHaveTextContent('Motif de perte : (vide) → Pas de budget');
    expect(update).not.toHaveTextContent(/closed_at|lost_reason|2026-03-15T/);
  });

  it('pages with "show more", following the cursor', async () => {
    const history = vi.fn((cursor: string | null) =>
      cursor === null
        ? { data: [event(3, { stage: ['A', 'B'] })], next_cursor: '3' }
        : { data: [event(1, { stage: ['Z', 'A'] })], next_cursor: null },
    );
    stubFetch(routes(history));
    renderWithProviders(<HistoryList resource="opportunities" id={9} />);
    expect(await screen.findByText(/Étape : A → B/)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByText(/Étape : Z → A/)).toBeVisible();
    expect(history).toHaveBeenLastCalledWith('3');
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).not.toBeInTheDocument();
  });

  it('speaks English when the user does', async () => {
    await setLanguage('en');
    stubFetch(
      routes(() => ({
        data: [event(3, { deal_value: [null, 1500], owner_id: [2, null] })],
        next_cursor: null,
      })),
    );
    renderWithProviders(<HistoryList resource="opportunities" id={9} />);
    const changed = await item('Alice · Changed');
    expect(changed).toHaveTextContent('Value: (empty) → €1,500.00');
    expect(changed).toHaveTextContent('Owner: Bob Vendeur → (empty)');
  });
});
