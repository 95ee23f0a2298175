import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Opportunity } from '../api/types.js';
import i18n from '../i18n/index.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { BASE_ROUTES, fakeApi } from './fakeApi.js';
import { OpportunityDetails } from './OpportunityDetails.js';

// The deal page's stage picker closes a deal the way the board does: won and lost are confirmed,
// a lost deal says why.
beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const STAGES = [
  { stage_id: 1, name: 'Prospection', position: 1, probability: 10, kind: 'open' },
  { stage_id: 3, name: 'Fermée gagnée', position: 3, probability: 100, kind: 'won' },
  { stage_id: 4, name: 'Fermée perdue', position: 4, probability: 0, kind: 'lost' },
];
const deal: Opportunity = {
  ...blank('opportunities'),
  opportunity_id: 7,
  opportunity_name: 'Affaire 7',
  contact_id: null,
  company_id: null,
  deal_value: 100,
  stage: 'Prospection',
  expected_close_date: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  closed_at: null,
  lost_reason: null,
};

function server() {
  const api = fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/pipeline-stages': { data: STAGES, next_cursor: null },
    'GET /api/v1/lost-reasons': {
      data: [{ lost_reason_id: 1, label: 'Pas de budget', position: 1 }],
      next_cursor: null,
    },
    'PATCH /api/v1/opportunities/7': ({ body }) => ({ body: { ...deal, ...(body as object) } }),
  });
  return { ...api, patches: () => api.calls.filter((c) => c.method === 'PATCH').map((c) => c.body) };
}

async function choose(stage: string) {
  // a Mantine Select: under jsdom its dropdown never counts as visible
  await userEvent.click(await screen.findByRole('combobox', { name: 'Étape' }));
  await userEvent.click(await screen.findByRole('option', { name: stage, hidden: true }));
}

describe('OpportunityDetails: closing from the deal page', () => {
  it('asks before a deal is lost, and sends its reason', async () => {
    const api = server();
    renderWithProviders(<OpportunityDetails opportunity={deal} editable />);
    await choose('Fermée perdue');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 7 » comme perdue ?' });
    expect(api.patches()).toEqual([]);
    await userEvent.click(await within(dialog).findByRole('radio', { name: 'Pas de budget' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() =>
      expect(api.patches()).toEqual([{ stage: 'Fermée perdue', lost_reason: 'Pas de budget' }]),
    );
  });

  it('sends nothing when a win is declined', async () => {
    const api = server();
    renderWithProviders(<OpportunityDetails opportunity={deal} editable />);
    await choose('Fermée gagnée');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 7 » comme gagnée ?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.patches()).toEqual([]);
  });

  it('shows when a closed deal was closed, and why it was lost', async () => {
    server();
    renderWithProviders(
      <OpportunityDetails
        opportunity={{
          ...deal,
          stage: 'Fermée perdue',
          closed_at: '2026-03-02T10:00:00.000Z',
          lost_reason: 'Trop cher',
        }}
        editable={false}
      />,
    );
    expect(await screen.findByText('Clôturée le')).toBeVisible();
    expect(screen.getByText('Trop cher')).toBeVisible();
  });
});
