import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Opportunity } from '../api/types.js';
import i18n from '../i18n/index.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { Board } from './Board.js';
import { BASE_ROUTES, fakeApi } from './fakeApi.js';

// Closing a deal asks first (and why, when lost); every move can be undone from its notification.
beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const STAGES = [
  { stage_id: 1, name: 'Prospection', position: 1, probability: 10, kind: 'open' },
  { stage_id: 2, name: 'Qualification', position: 2, probability: 25, kind: 'open' },
  { stage_id: 3, name: 'Fermée gagnée', position: 3, probability: 100, kind: 'won' },
  { stage_id: 4, name: 'Fermée perdue', position: 4, probability: 0, kind: 'lost' },
];
const REASONS = ['Prix trop élevé', 'Concurrent choisi', 'Pas de budget'].map((label, i) => ({
  lost_reason_id: i + 1,
  label,
  position: i + 1,
}));

type Deal = Opportunity & { lost_reason?: string | null };
const deal = (id: number, stage: string, lost_reason: string | null = null): Deal => ({
  ...blank('opportunities'),
  opportunity_id: id,
  opportunity_name: `Affaire ${id}`,
  contact_id: null,
  company_id: null,
  deal_value: 100,
  stage,
  expected_close_date: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  closed_at: null,
  lost_reason,
});

/** A server holding one deal; `reasons` null answers 404 (a server without the list). */
function server(start: Deal, reasons: typeof REASONS | null = REASONS) {
  let current = start;
  const api = fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/pipeline-stages': { data: STAGES, next_cursor: null },
    ...(reasons && { 'GET /api/v1/lost-reasons': { data: reasons, next_cursor: null } }),
    'GET /api/v1/opportunities': ({ url }) => ({
      body: { data: current.stage === url.searchParams.get('stage') ? [current] : [], next_cursor: null },
    }),
    'GET /api/v1/pipeline': () => ({
      body: {
        data: STAGES.map((s) => ({
          stage: s.name,
          kind: s.kind,
          count: current.stage === s.name ? 1 : 0,
          total_value: current.stage === s.name ? 100 : 0,
          weighted_value: current.stage === s.name ? s.probability : 0,
        })),
      },
    }),
    [`PATCH /api/v1/opportunities/${start.opportunity_id}`]: ({ body }) => {
      const { stage, lost_reason } = body as { stage: string; lost_reason?: string };
      const lost = STAGES.find((s) => s.name === stage)?.kind === 'lost';
      current = { ...current, stage, lost_reason: lost ? (lost_reason ?? current.lost_reason) : null };
      return { body: current };
    },
  });
  return { ...api, patches: () => api.calls.filter((c) => c.method === 'PATCH').map((c) => c.body) };
}

const column = (name: string) => screen.getByRole('region', { name });
const pick = async (stage: string) =>
  userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Étape de « Affaire 1 »' }), stage);

async function showBoard(start: string) {
  renderWithProviders(<Board filters={{}} />);
  await within(await screen.findByRole('region', { name: start })).findByText('Affaire 1');
}

describe('Board: closing a deal', () => {
  it('asks before a deal is won: declined, nothing is sent; confirmed, it moves', async () => {
    const api = server(deal(1, 'Qualification'));
    await showBoard('Qualification');

    await pick('Fermée gagnée');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 1 » comme gagnée ?' });
    expect(within(dialog).getByText('L’opportunité passera à l’étape « Fermée gagnée ».')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.patches()).toEqual([]);
    expect(within(column('Qualification')).getByText('Affaire 1')).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Étape de « Affaire 1 »' })).toHaveValue('Qualification');

    await pick('Fermée gagnée');
    await userEvent.click(await screen.findByRole('button', { name: 'Confirmer' }));
    await within(column('Fermée gagnée')).findByText('Affaire 1');
    expect(api.patches()).toEqual([{ stage: 'Fermée gagnée' }]);
  });

  it('asks why a deal is lost, from the list or in free text', async () => {
    const api = server(deal(1, 'Qualification'));
    await showBoard('Qualification');

    await pick('Fermée perdue');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 1 » comme perdue ?' });
    await within(dialog).findByRole('radio', { name: 'Concurrent choisi' });
    // no reason: refused in the dialog, nothing sent
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    expect(await within(dialog).findByText('Indiquez pourquoi l’affaire est perdue.')).toBeVisible();
    expect(api.patches()).toEqual([]);

    // "Autre…" needs its text
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Autre…' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    expect(await within(dialog).findByText('Décrivez la raison en quelques mots.')).toBeVisible();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Autre raison' }), '  Fusion annulée ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await within(column('Fermée perdue')).findByText('Affaire 1');
    expect(api.patches()).toEqual([{ stage: 'Fermée perdue', lost_reason: 'Fusion annulée' }]);
  });

  it('sends the reason picked from the list', async () => {
    const api = server(deal(1, 'Prospection'));
    await showBoard('Prospection');
    await pick('Fermée perdue');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 1 » comme perdue ?' });
    await userEvent.click(await within(dialog).findByRole('radio', { name: 'Pas de budget' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() =>
      expect(api.patches()).toEqual([{ stage: 'Fermée perdue', lost_reason: 'Pas de budget' }]),
    );
  });

  it('offers free text when the server has no list of reasons', async () => {
    const api = server(deal(1, 'Prospection'), null);
    await showBoard('Prospection');
    await pick('Fermée perdue');
    const dialog = await screen.findByRole('dialog', { name: 'Marquer « Affaire 1 » comme perdue ?' });
    await userEvent.type(
      await within(dialog).findByRole('textbox', { name: 'Raison de la perte' }),
      'Trop tard',
    );
    expect(within(dialog).queryByRole('radio')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() =>
      expect(api.patches()).toEqual([{ stage: 'Fermée perdue', lost_reason: 'Trop tard' }]),
    );
  });
});

describe('Board: undo', () => {
  it('puts a moved deal back from the notification', async () => {
    const api = server(deal(1, 'Prospection'));
    await showBoard('Prospection');
    await pick('Qualification');
    const notice = await screen.findByText('« Affaire 1 » déplacée vers « Qualification ».');
    await userEvent.click(
      within(notice.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: 'Annuler' }),
    );
    await within(column('Prospection')).findByText('Affaire 1');
    expect(api.patches()).toEqual([{ stage: 'Qualification' }, { stage: 'Prospection' }]);
    // the undo offers no undo of its own
    await waitFor(() => expect(screen.queryByText(/déplacée vers « Prospection »/)).toBeNull());
  });

  it('puts a lost deal back in its lost stage with the reason it had', async () => {
    const api = server(deal(1, 'Fermée perdue', 'Pas de budget'));
    await showBoard('Fermée perdue');
    await pick('Qualification');
    const notice = await screen.findByText('« Affaire 1 » déplacée vers « Qualification ».');
    await userEvent.click(
      within(notice.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: 'Annuler' }),
    );
    await within(column('Fermée perdue')).findByText('Affaire 1');
    expect(api.patches()).toEqual([
      { stage: 'Qualification' },
      { stage: 'Fermée perdue', lost_reason: 'Pas de budget' },
    ]);
  });
});
