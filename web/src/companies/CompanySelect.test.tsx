import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { ContactForm } from '../contacts/ContactForm.js';
import i18n from '../i18n/index.js';
import { BASE_ROUTES, fakeApi } from '../opportunities/fakeApi.js';
import { OpportunityForm } from '../opportunities/OpportunityForm.js';
import { renderWithProviders } from '../test/render.js';

afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const at = '2026-01-01T00:00:00.000Z';
const company = (company_id: number, company_name: string) => ({
  company_id,
  company_name,
  industry: null,
  website: null,
  owner_id: 1,
  created_at: at,
  updated_at: at,
});
const EXISTING = [company(3, 'Acmé Industries')];

/** The API with one company, searched by `q` (accents and case ignored, as the server does). */
function api(extra: Parameters<typeof fakeApi>[0] = {}) {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/contacts': { data: [], next_cursor: null },
    'GET /api/v1/companies': ({ url }) => {
      const q = fold(url.searchParams.get('q') ?? '');
      const ids = url.searchParams.get('company_id')?.split(',').map(Number);
      const data = EXISTING.filter((c) =>
        ids ? ids.includes(c.company_id) : fold(c.company_name).includes(q),
      );
      return { body: { data, next_cursor: null } };
    },
    'POST /api/v1/companies': ({ body }) => ({
      status: 201,
      body: company(99, (body as { company_name: string }).company_name),
    }),
    ...extra,
  });
}

describe('the company picker of the forms', () => {
  it('offers “Créer « Airbus »” for a new name, creates it and saves the contact in it (French)', async () => {
    await i18n.changeLanguage('fr');
    const { calls } = api({
      'POST /api/v1/contacts': ({ body }) => ({ status: 201, body: { contact_id: 5, ...(body as object) } }),
    });
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Prénom'), 'Hélène');
    await userEvent.type(screen.getByRole('combobox', { name: 'Entreprise' }), 'Airbus');
    await userEvent.click(await screen.findByRole('option', { name: 'Créer « Airbus »', hidden: true }));

    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Entreprise' })).toHaveValue('Airbus'));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      expect.objectContaining({ path: '/api/v1/companies', body: { company_name: 'Airbus' } }),
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/api/v1/contacts' && c.method === 'POST')?.body).toMatchObject({
      first_name: 'Hélène',
      company_id: 99,
    });
  });

  it('offers “Create “Airbus”” in English, and creates the company for the deal', async () => {
    await i18n.changeLanguage('en');
    const { calls } = api({
      'POST /api/v1/opportunities': ({ body }) => ({
        status: 201,
        body: { opportunity_id: 8, ...(body as object) },
      }),
    });
    const onSaved = vi.fn();
    renderWithProviders(<OpportunityForm onSaved={onSaved} onCancel={() => {}} />);
    await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), 'Fleet renewal');
    await userEvent.type(screen.getByRole('combobox', { name: 'Company' }), 'Airbus');
    await userEvent.click(await screen.findByRole('option', { name: 'Create “Airbus”', hidden: true }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Company' })).toHaveValue('Airbus'));
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/api/v1/opportunities')?.body).toMatchObject({
      opportunity_name: 'Fleet renewal',
      company_id: 99,
    });
  });

  it('does not offer to create a name that exists, accents and case aside', async () => {
    await i18n.changeLanguage('fr');
    api();
    renderWithProviders(<ContactForm onDone={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Entreprise' }), 'acme industries');
    await screen.findByRole('option', { name: 'Acmé Industries', hidden: true });
    // give the create option every chance to appear
    await new Promise((r) => setTimeout(r, 400));
    expect(screen.queryByRole('option', { name: /^Créer/, hidden: true })).toBeNull();
  });

  it('keeps a typed name that was neither chosen nor created, says so, and does not save without it', async () => {
    await i18n.changeLanguage('fr');
    const { calls } = api();
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Prénom'), 'Hélène');
    const box = screen.getByRole('combobox', { name: 'Entreprise' });
    await userEvent.type(box, 'Airbus');
    await screen.findByRole('option', { name: 'Créer « Airbus »', hidden: true });
    await userEvent.tab();

    expect(box).toHaveValue('Airbus');
    const message =
      '« Airbus » n’est pas encore une entreprise : créez-la depuis la liste, ou choisissez-en une existante.';
    expect(box).toHaveAccessibleDescription(message);
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(box).toHaveAccessibleDescription(message);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('takes the company whose exact name was typed when the field is left', async () => {
    await i18n.changeLanguage('fr');
    const { calls } = api({
      'POST /api/v1/contacts': ({ body }) => ({ status: 201, body: { contact_id: 5, ...(body as object) } }),
    });
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Prénom'), 'Hélène');
    const box = screen.getByRole('combobox', { name: 'Entreprise' });
    await userEvent.type(box, 'acme industries');
    await screen.findByRole('option', { name: 'Acmé Industries', hidden: true });
    await new Promise((r) => setTimeout(r, 400));
    await userEvent.tab();
    await waitFor(() => expect(box).toHaveValue('Acmé Industries'));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/api/v1/contacts')?.body).toMatchObject({ company_id: 3 });
  });
});
