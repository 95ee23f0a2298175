import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import i18n from '../i18n/index.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { BASE_ROUTES, fakeApi } from './fakeApi.js';
import { OpportunityForm } from './OpportunityForm.js';

afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const noRecords = { data: [], next_cursor: null };
const LABELS = {
  fr: { name: /^Nom/, value: 'Montant (€)', create: 'Créer', save: 'Enregistrer' },
  en: { name: /^Name/, value: 'Value (€)', create: 'Create', save: 'Save' },
};

const DEAL = {
  ...blank('opportunities'),
  opportunity_id: 7,
  opportunity_name: 'Refonte',
  company_id: null,
  contact_id: null,
  deal_value: 12500.5,
  stage: 'Prospection',
  expected_close_date: null,
  closed_at: null,
  lost_reason: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

function setup(language: 'fr' | 'en', opportunity?: typeof DEAL) {
  const api = fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/companies': noRecords,
    'GET /api/v1/contacts': noRecords,
    'POST /api/v1/opportunities': ({ body }) => ({ status: 201, body: { ...DEAL, ...(body as object) } }),
    'PATCH /api/v1/opportunities/7': ({ body }) => ({ body: { ...DEAL, ...(body as object) } }),
  });
  const onSaved = vi.fn();
  renderWithProviders(<OpportunityForm opportunity={opportunity} onSaved={onSaved} onCancel={() => {}} />);
  const sent = () => api.calls.filter((c) => c.method === 'POST' || c.method === 'PATCH');
  return { onSaved, sent, l: LABELS[language] };
}

/** Types (or pastes) a deal with `amount` into a new-deal form and presses Create. */
async function createWith(language: 'fr' | 'en', amount: string, how: 'type' | 'paste' = 'type') {
  await i18n.changeLanguage(language);
  const ctx = setup(language);
  await userEvent.type(await screen.findByRole('textbox', { name: ctx.l.name }), 'Refonte du site');
  const value = screen.getByRole('textbox', { name: ctx.l.value });
  // key by key, as the "12.500,50" was typed (NumberInput read it as 12,5); or pasted
  if (how === 'type') await userEvent.type(value, amount);
  else {
    await userEvent.click(value);
    await userEvent.paste(amount);
  }
  await userEvent.click(screen.getByRole('button', { name: ctx.l.create }));
  return { ...ctx, value };
}

describe('OpportunityForm amounts, typed as people type them', () => {
  it.each([
    '12.500,50',
    '12 500,50',
    '12500,50',
    '12500.50',
    '€12,500.50',
    '12\u00a0500,50',
    '12\u202f500,50\u202f€',
  ])('French: %j is sent as 12500.50 and shown as 12 500,50', async (typed) => {
    const { sent, onSaved, value } = await createWith('fr', typed);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()).toHaveLength(1);
    expect(sent()[0].body).toMatchObject({ deal_value: 12500.5 });
    expect(value).toHaveValue('12 500,50');
  });

  it.each(['12.500,50', '12\u202f500,50\u202f€'])('French: %j pasted is sent as 12500.50', async (typed) => {
    const { sent, onSaved, value } = await createWith('fr', typed, 'paste');
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()).toHaveLength(1);
    expect(sent()[0].body).toMatchObject({ deal_value: 12500.5 });
    expect(value).toHaveValue('12 500,50');
  });

  it('English: "12,500.50" is sent as 12500.50', async () => {
    const { sent, onSaved } = await createWith('en', '12,500.50');
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()[0].body).toMatchObject({ deal_value: 12500.5 });
  });

  it.each([
    ['fr', '12,500', /^Montant ambigu/],
    ['en', '12,50', /^Ambiguous amount/],
    ['fr', '1,23,4', /^Montant illisible/],
    ['fr', '12,505', /^Montant ambigu/],
    ['fr', '12,5055', /^Au plus 2 décimales/],
    ['en', '-12', /^The amount cannot be negative/],
    ['fr', '100 000 000', /^Au plus 99 999 999,99\.$/],
  ] as const)(
    '%s: %j is refused with a message next to the field, and nothing is sent',
    async (language, typed, message) => {
      const { sent, onSaved, value } = await createWith(language, typed);
      await waitFor(() => expect(value).toHaveAccessibleDescription(message));
      expect(value).toHaveAttribute('aria-invalid', 'true');
      // the text stays as typed, for the user to fix
      expect(value).toHaveValue(typed);
      expect(onSaved).not.toHaveBeenCalled();
      expect(sent()).toHaveLength(0);
    },
  );

  it('shows the message on leaving the field, and drops it once the amount is fixed', async () => {
    await i18n.changeLanguage('fr');
    const { l, sent, onSaved } = setup('fr');
    await userEvent.type(await screen.findByRole('textbox', { name: l.name }), 'Refonte du site');
    const value = screen.getByRole('textbox', { name: l.value });
    await userEvent.type(value, '12,500');
    await userEvent.tab();
    expect(value).toHaveAccessibleDescription(/^Montant ambigu/);
    await userEvent.clear(value);
    await userEvent.type(value, '12 500');
    expect(value).not.toHaveAttribute('aria-invalid');
    await userEvent.click(screen.getByRole('button', { name: l.create }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()[0].body).toMatchObject({ deal_value: 12500 });
  });

  it('shows a deal’s amount in the UI’s format and leaves it out of an edit that does not change it', async () => {
    await i18n.changeLanguage('fr');
    const { l, sent, onSaved } = setup('fr', DEAL);
    const value = await screen.findByRole('textbox', { name: l.value });
    expect(value).toHaveValue('12 500,50');
    await userEvent.type(screen.getByRole('textbox', { name: l.name }), ' 2');
    await userEvent.click(screen.getByRole('button', { name: l.save }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()[0].body).toEqual({ opportunity_name: 'Refonte 2' });
  });

  it('clears an amount: null is sent', async () => {
    await i18n.changeLanguage('en');
    const { l, sent, onSaved } = setup('en', DEAL);
    const value = await screen.findByRole('textbox', { name: l.value });
    expect(value).toHaveValue('12,500.50');
    await userEvent.clear(value);
    await userEvent.click(screen.getByRole('button', { name: l.save }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent()[0].body).toEqual({ deal_value: null });
  });
});
