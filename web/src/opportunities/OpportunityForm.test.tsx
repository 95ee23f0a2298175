import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import i18n from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { BASE_ROUTES, fakeApi } from './fakeApi.js';
import { OpportunityForm } from './OpportunityForm.js';

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const noRecords = { data: [], next_cursor: null };

describe('OpportunityForm', () => {
  it('asks for a name before sending anything', async () => {
    const { calls } = fakeApi({ ...BASE_ROUTES, 'GET /api/v1/companies': noRecords });
    renderWithProviders(<OpportunityForm onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Créer' }));
    expect(await screen.findByText('Donnez un nom à l’opportunité.')).toBeVisible();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the API’s field errors next to their fields, in French', async () => {
    const onSaved = vi.fn();
    const { calls } = fakeApi({
      ...BASE_ROUTES,
      'GET /api/v1/companies': noRecords,
      'GET /api/v1/contacts': noRecords,
      'POST /api/v1/opportunities': () => ({
        status: 400,
        body: {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          detail: 'deal_value: must be between 0 and 99999999.99 with at most 2 decimals',
          errors: [
            {
              field: 'deal_value',
              code: 'invalid_amount',
              message: 'must be between 0 and 99999999.99 with at most 2 decimals',
              limit: 99999999.99,
            },
            {
              field: 'opportunity_name',
              code: 'too_long',
              message: 'must NOT have more than 100 characters',
              limit: 100,
            },
          ],
        },
      }),
    });
    const post = calls;
    renderWithProviders(<OpportunityForm onSaved={onSaved} onCancel={() => {}} />);
    await userEvent.type(await screen.findByRole('textbox', { name: /^Nom/ }), 'Refonte du site');
    await userEvent.type(screen.getByRole('textbox', { name: 'Montant (€)' }), '1234,5');
    await userEvent.click(screen.getByRole('button', { name: 'Créer' }));

    const value = screen.getByRole('textbox', { name: 'Montant (€)' });
    // translated from the codes, with the limit formatted the French way (99 999 999,99)
    await waitFor(() =>
      expect(value).toHaveAccessibleDescription(
        /^Un montant de 0 à 99\s999\s999,99, avec au plus 2 décimales\.$/,
      ),
    );
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: /^Nom/ })).toHaveAccessibleDescription(
      'Au plus 100 caractères.',
    );
    expect(onSaved).not.toHaveBeenCalled();
    // what was sent: the amount as a number, the first open stage and me as owner
    const sent = post.find((c) => c.method === 'POST')?.body;
    expect(sent).toMatchObject({
      opportunity_name: 'Refonte du site',
      deal_value: 1234.5,
      stage: 'Prospection',
      owner_id: 1,
    });
  });
});
