import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { CompanySelect } from '../companies/CompanySelect.js';
import { ContactSelect } from '../contacts/ContactSelect.js';
import { setLanguage } from '../i18n/index.js';
import { DealSelect } from '../interactions/DealSelect.js';
import { BASE_ROUTES, fakeApi } from '../opportunities/fakeApi.js';
import { renderWithProviders } from '../test/render.js';
import { sameName } from './RecordSelect.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const HELENE = { contact_id: 21, first_name: 'Hélène', last_name: 'Dupré', company_id: 3 };
const BRUNO = { contact_id: 22, first_name: 'Bruno', last_name: 'Martin', company_id: 4 };

/** Contacts searched by `q` and filtered by company_id, as the server does; one fetched by ID. */
function api() {
  return fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/contacts': ({ url }) => {
      const q = fold(url.searchParams.get('q') ?? '');
      const company = url.searchParams.get('company_id');
      const data = [HELENE, BRUNO].filter(
        (c) =>
          fold(`${c.first_name} ${c.last_name}`).includes(q) &&
          (!company || String(c.company_id) === company),
      );
      return { body: { data, next_cursor: null } };
    },
    'GET /api/v1/contacts/22': { ...BRUNO },
    'GET /api/v1/companies': { data: [], next_cursor: null },
  });
}

function Picker({ initial = null, where }: { initial?: string | null; where?: Record<string, number> }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <ContactSelect label="Contact" value={value} onChange={setValue} where={where} />
      <output aria-label="choisi">{value ?? ''}</output>
    </>
  );
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('the record picker', () => {
  it('searches the API as one types and keeps its matches ("helene" finds "Hélène")', async () => {
    const { calls } = api();
    renderWithProviders(<Picker />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Contact' }), 'helene');
    const searched = () => calls.filter((c) => c.path === '/api/v1/contacts').map((c) => c.url.searchParams);
    await waitFor(() =>
      expect(searched().some((p) => p.get('q') === 'helene' && p.get('limit') === '20')).toBe(true),
    );
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: 'Bruno Martin', hidden: true })).toBeNull(),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Hélène Dupré', hidden: true }));
    expect(screen.getByRole('status', { name: 'choisi' })).toHaveTextContent('21');
    expect(screen.getByRole('combobox', { name: 'Contact' })).toHaveValue('Hélène Dupré');
    // choosing is not a new search for the chosen name
    await new Promise((r) => setTimeout(r, 300));
    expect(searched().some((p) => p.get('q') === 'Hélène Dupré')).toBe(false);
  });

  it('shows the chosen record by its name, fetched by ID', async () => {
    api();
    renderWithProviders(<Picker initial="22" />);
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Contact' })).toHaveValue('Bruno Martin'),
    );
  });

  it('offers only the records passing its exact filters', async () => {
    const { calls } = api();
    renderWithProviders(<Picker where={{ company_id: 4 }} />);
    await userEvent.click(screen.getByRole('combobox', { name: 'Contact' }));
    expect(await screen.findByRole('option', { name: 'Bruno Martin', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Hélène Dupré', hidden: true })).toBeNull();
    expect(
      calls.every((c) => c.path !== '/api/v1/contacts' || c.url.searchParams.get('company_id') === '4'),
    ).toBe(true);
  });

  it('sends nothing while there is nothing to offer (a deal picker without its contact)', async () => {
    const { calls } = api();
    renderWithProviders(<DealSelect contactId={null} value={null} onChange={() => {}} />);
    expect(screen.getByRole('combobox', { name: 'Opportunité liée' })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.some((c) => c.path === '/api/v1/opportunities')).toBe(false);
  });

  it('as a list filter, never offers to create what is typed', async () => {
    api();
    renderWithProviders(<CompanySelect label="Entreprise" value={null} onChange={() => {}} />);
    await userEvent.type(screen.getByRole('combobox', { name: 'Entreprise' }), 'Airbus');
    expect(await screen.findByText('Aucune entreprise trouvée')).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /^Créer/, hidden: true })).toBeNull();
  });
});

describe('sameName', () => {
  it('compares names accents, case and spacing aside', () => {
    expect(sameName('Acmé  Industries', ' acme industries')).toBe(true);
    expect(sameName('Acmé', 'Acme SA')).toBe(false);
    expect(sameName(null, '')).toBe(false);
  });
});
