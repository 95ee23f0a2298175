import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Opportunity } from '../api/types.js';
import i18n from '../i18n/index.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { Board } from './Board.js';
import { fromCents, toCents, weightedCents } from './boardMove.js';
import { BASE_ROUTES, fakeApi, STAGES } from './fakeApi.js';

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const deal = (id: number, stage: string, value: number): Opportunity => ({
  ...blank('opportunities'),
  opportunity_id: id,
  opportunity_name: `Affaire ${id}`,
  contact_id: null,
  company_id: null,
  deal_value: value,
  stage,
  expected_close_date: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  closed_at: null,
  lost_reason: null,
});

/** A tiny server: its deals, the list by stage and the per-stage sums; PATCH answers `patch`. */
function server(patch: (o: Opportunity, stage: string) => Promise<{ status: number; body?: unknown }>) {
  const deals = [deal(1, 'Prospection', 0.1), deal(2, 'Qualification', 0.2)];
  return fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/opportunities': ({ url }) => ({
      body: { data: deals.filter((o) => o.stage === url.searchParams.get('stage')), next_cursor: null },
    }),
    'GET /api/v1/pipeline': () => ({
      body: {
        data: STAGES.map((s) => {
          const cents = deals
            .filter((o) => o.stage === s.name)
            .reduce((t, o) => t + toCents(o.deal_value), 0n);
          return {
            stage: s.name,
            kind: s.kind,
            count: deals.filter((o) => o.stage === s.name).length,
            total_value: fromCents(cents),
            weighted_value: fromCents(weightedCents(cents, s.probability)),
          };
        }),
      },
    }),
    'PATCH /api/v1/opportunities/1': async ({ body }) => {
      const stage = (body as { stage: string }).stage;
      const answer = await patch(deals[0], stage);
      if (answer.status === 200) deals[0] = { ...deals[0], stage };
      return answer.status === 200 ? { body: deals[0] } : answer;
    },
  });
}

const column = (name: string) => screen.getByRole('region', { name });
const totals = (name: string) => within(column(name)).getByTestId('column-totals');

describe('Board', () => {
  it('moves a card at once, then puts it back with the API’s message when refused', async () => {
    let refuse: (v: { status: number; body?: unknown }) => void = () => {};
    server(() => new Promise((resolve) => (refuse = resolve)));
    renderWithProviders(<Board filters={{}} />);
    await screen.findByRole('region', { name: 'Prospection' });
    await within(column('Prospection')).findByText('Affaire 1');
    await waitFor(() => expect(totals('Qualification')).toHaveTextContent(/Total 0,20 €\s*Pondéré 0,05 €/));

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Étape de « Affaire 1 »' }),
      'Qualification',
    );

    // before the server answers: the card and the totals have moved (0,10 + 0,20 = 0,30 exactly)
    await within(column('Qualification')).findByText('Affaire 1');
    expect(within(column('Prospection')).queryByText('Affaire 1')).toBeNull();
    expect(totals('Qualification')).toHaveTextContent(/Total 0,30 €\s*Pondéré 0,08 €/);
    expect(totals('Prospection')).toHaveTextContent(/Total 0,00 €\s*Pondéré 0,00 €/);
    expect(within(column('Qualification')).getByText('2 opportunités')).toBeInTheDocument();
    expect(within(column('Prospection')).getByText('Aucune opportunité à cette étape.')).toBeVisible();

    refuse({
      status: 403,
      body: {
        type: '/problems/forbidden',
        title: 'Not allowed',
        status: 403,
        code: 'not_owner',
        detail:
          'This opportunity belongs to another user; as sales you can change only your own or unowned ones.',
      },
    });
    // the server's reason, by its code, in the UI's language (not its English detail)
    expect(
      await screen.findByText(
        'Cette fiche appartient à un autre utilisateur : vous ne pouvez modifier que les vôtres et celles sans responsable.',
      ),
    ).toBeVisible();
    expect(screen.queryByText(/belongs to another user/)).toBeNull();
    expect(screen.getByText('Impossible de déplacer « Affaire 1 »')).toBeVisible();
    await within(column('Prospection')).findByText('Affaire 1');
    expect(within(column('Qualification')).queryByText('Affaire 1')).toBeNull();
    expect(totals('Qualification')).toHaveTextContent(/Total 0,20 €\s*Pondéré 0,05 €/);
    expect(totals('Prospection')).toHaveTextContent(/Total 0,10 €\s*Pondéré 0,01 €/);
  });

  it('keeps the card in its new column when the server agrees', async () => {
    const { calls } = server(async () => ({ status: 200 }));
    renderWithProviders(<Board filters={{}} />);
    await screen.findByRole('region', { name: 'Prospection' });
    await within(column('Prospection')).findByText('Affaire 1');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Étape de « Affaire 1 »' }),
      'Fermée gagnée',
    );
    // a deal is won once confirmed (Board.close.test.tsx)
    await userEvent.click(await screen.findByRole('button', { name: 'Confirmer' }));
    await within(column('Fermée gagnée')).findByText('Affaire 1');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ stage: 'Fermée gagnée' });
    // after the refetch the server's figures are shown, and they agree
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/pipeline')).toHaveLength(2));
    expect(totals('Fermée gagnée')).toHaveTextContent(/Total 0,10 €\s*Pondéré 0,10 €/);
    expect(within(column('Prospection')).queryByText('Affaire 1')).toBeNull();
  });
});
