import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import OpportunitiesPage from './OpportunitiesPage.js';

const deal = (id: number, name: string) => ({
  ...blank('opportunities'),
  opportunity_id: id,
  opportunity_name: name,
  stage: 'Prospection',
  created_at: '2026-01-01T00:00:00.000Z',
});

function api(bodies: unknown[]) {
  return stubFetch({
    'GET /auth/me': () => ADMIN_ME,
    'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
    'GET /views': () => ({ data: [] }),
    'GET /tags': () => ({ data: [] }),
    'GET /pipeline-stages': () => ({ data: [], next_cursor: null }),
    'GET /custom-fields': () => ({ data: [] }),
    'GET /opportunities': () => ({
      data: [deal(3, 'Renouvellement Acmé'), deal(4, 'Extension Bêta'), deal(5, 'Audit Gamma')],
      next_cursor: null,
    }),
    'POST /opportunities/bulk-tags': ({ body }) => {
      bodies.push(body);
      return { updated: 2, failed: [] };
    },
  });
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('the deals table’s ticked rows', () => {
  it('take a tag in bulk, as the contacts and companies lists do', async () => {
    const bodies: unknown[] = [];
    api(bodies);
    const user = userEvent.setup();
    renderWithProviders(<OpportunitiesPage />, '/opportunities?layout=table');
    await user.click(await screen.findByRole('checkbox', { name: 'Sélectionner Renouvellement Acmé' }));
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner Audit Gamma' }));
    const bar = screen.getByRole('region', { name: '2 sélectionnés' });
    // the deals' bar has no bulk delete: a deal is deleted from its own page
    expect(within(bar).queryByRole('button', { name: /Supprimer/ })).toBeNull();
    await user.click(within(bar).getByRole('button', { name: 'Ajouter une étiquette' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajouter une étiquette à 2 fiches' });
    await user.type(within(dialog).getByLabelText('Étiquettes'), 'Salon 2026{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    await waitFor(() => expect(bodies).toEqual([{ ids: [3, 5], add: ['Salon 2026'] }]));
  });
});
