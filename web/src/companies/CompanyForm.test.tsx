import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Company } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { CompanyForm } from './CompanyForm.js';

const SALES_ME = { ...ADMIN_ME, user_id: 2, name: 'Sam Sales', role: 'sales' as const };
const USERS = { data: [ADMIN_ME, SALES_ME], next_cursor: null };
const COMPANY: Company = {
  ...blank('companies'),
  company_id: 5,
  company_name: 'Acmé Industries',
  industry: 'Logiciel',
  website: 'acme.example',
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

const writes = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') !== 'GET')
    .map(([url, init]) => ({ method: init?.method, url: String(url), body: JSON.parse(String(init?.body)) }));

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('CompanyForm', () => {
  it('asks for a name before sending anything', async () => {
    const spy = stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'GET /users': () => USERS });
    const onDone = vi.fn();
    renderWithProviders(<CompanyForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Secteur' }), 'Logiciel');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const name = screen.getByRole('textbox', { name: /^Nom/ });
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Le nom est obligatoire.');
    expect(writes(spy)).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends the trimmed fields, blanks as null and me as owner, then hands back the company', async () => {
    const spy = stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => USERS,
      'POST /companies': ({ body }) => reply(201, { ...COMPANY, ...(body as object), company_id: 9 }),
    });
    // signed in: the app has the user before any form opens
    queryClient.setQueryData(['me'], ADMIN_ME);
    const onDone = vi.fn();
    renderWithProviders(<CompanyForm onDone={onDone} onCancel={() => {}} />);
    // the owner starts as the signed-in user
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Responsable' })).toHaveValue('Alice'));
    await userEvent.type(screen.getByRole('textbox', { name: /^Nom/ }), '  Société Générale ');
    await userEvent.type(screen.getByRole('textbox', { name: 'Site web' }), 'societegenerale.example');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ company_id: 9 })));
    expect(writes(spy)).toEqual([
      {
        method: 'POST',
        url: '/api/v1/companies',
        body: {
          company_name: 'Société Générale',
          industry: null,
          website: 'societegenerale.example',
          owner_id: 1,
          // the standard fields left blank
          ...Object.fromEntries(
            [
              'phone',
              'street',
              'postal_code',
              'city',
              'region',
              'country',
              'employees',
              'annual_revenue',
              'domain',
            ].map((f) => [f, null]),
          ),
          tags: [],
        },
      },
    ]);
  });

  it('puts the API’s field errors next to the fields they name', async () => {
    stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => USERS,
      'POST /companies': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'website', message: 'must be at most 100 characters' }],
        }),
    });
    const onDone = vi.fn();
    renderWithProviders(<CompanyForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Nom/ }), 'Acmé');
    await userEvent.type(screen.getByRole('textbox', { name: 'Site web' }), 'acme.example');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const website = screen.getByRole('textbox', { name: 'Site web' });
    await waitFor(() => expect(website).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation): it names the limit
    expect(website).toHaveAccessibleDescription(/100/);
    expect(screen.getByRole('textbox', { name: /^Nom/ })).not.toHaveAttribute('aria-invalid', 'true');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends only what was changed when editing, as a PATCH of that company', async () => {
    const spy = stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => USERS,
      'PATCH /companies/5': ({ body }) => ({ ...COMPANY, ...(body as object) }),
    });
    const onDone = vi.fn();
    renderWithProviders(<CompanyForm company={COMPANY} onDone={onDone} onCancel={() => {}} />);
    const industry = screen.getByRole('textbox', { name: 'Secteur' });
    await userEvent.clear(industry);
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(writes(spy)).toEqual([{ method: 'PATCH', url: '/api/v1/companies/5', body: { industry: null } }]);
  });

  it('lets a sales rep create only for themselves: the owner cannot be changed', async () => {
    stubFetch({ 'GET /auth/me': () => SALES_ME, 'GET /users': () => USERS });
    queryClient.setQueryData(['me'], SALES_ME);
    renderWithProviders(<CompanyForm onDone={() => {}} onCancel={() => {}} />);
    const owner = screen.getByRole('combobox', { name: 'Responsable' });
    expect(owner).toBeDisabled();
    await waitFor(() => expect(owner).toHaveValue('Sam Sales'));
  });
});
