import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Interaction } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { Timeline } from './Timeline.js';

const item = (id: number, date: string, contact: number, notes: string): Interaction => ({
  interaction_id: id,
  contact_id: contact,
  interaction_type: 'call',
  interaction_date: date,
  notes,
  opportunity_id: null,
  user_id: 1,
  created_at: date,
});

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('Timeline of a company', () => {
  it('reads the company’s related list newest first, a page at a time, naming each contact', async () => {
    const asked: URLSearchParams[] = [];
    stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
      'GET /contacts/21': () => ({ contact_id: 21, first_name: 'Hélène', last_name: 'Dupré' }),
      'GET /contacts/22': () => ({ contact_id: 22, first_name: 'Marc', last_name: 'Petit' }),
      'GET /companies/7/interactions': ({ url }) => {
        asked.push(url.searchParams);
        return url.searchParams.get('cursor') === 'page2'
          ? { data: [item(1, '2026-01-10T09:00:00.000Z', 22, 'Premier contact')], next_cursor: null }
          : {
              data: [
                item(3, '2026-03-10T09:00:00.000Z', 21, 'Relance'),
                item(2, '2026-02-10T09:00:00.000Z', 22, 'Devis envoyé'),
              ],
              next_cursor: 'page2',
            };
      },
    });
    renderWithProviders(<Timeline companyId={7} />);
    const list = await screen.findByRole('list', { name: 'Historique des échanges' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(asked[0].get('sort')).toBe('-interaction_date');
    const [newest, next] = within(list).getAllByRole('listitem');
    expect(newest).toHaveTextContent('Relance');
    expect(await within(newest).findByRole('link', { name: 'Hélène Dupré' })).toHaveAttribute(
      'href',
      '/contacts/21',
    );
    expect(next).toHaveTextContent('Devis envoyé');

    await userEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(within(list).getAllByRole('listitem')[2]).toHaveTextContent('Premier contact');
    expect(asked.at(-1)?.get('cursor')).toBe('page2');
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).not.toBeInTheDocument();
  });
});
