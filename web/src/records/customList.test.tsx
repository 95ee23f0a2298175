import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import ContactsPage from '../contacts/ContactsPage.js';
import { setLanguage } from '../i18n/index.js';
import { date } from '../lib/format.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { def, segmentField } from '../test/customFields.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';

const FIELDS = [
  segmentField(),
  def({ key: 'renewal', type: 'date', label: { fr: 'Renouvellement', en: 'Renewal' } }),
  def({ key: 'notes', type: 'long_text', label: { fr: 'Notes', en: 'Notes' } }),
];
const ROW = {
  ...blank('contacts'),
  contact_id: 5,
  last_name: 'Dupré',
  created_at: '2026-01-01T00:00:00.000Z',
  custom_fields: { segment: 'PME', renewal: '2027-03-01', notes: null },
};

function api() {
  return stubFetch({
    'GET /auth/me': () => ADMIN_ME,
    'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
    'GET /views': () => ({ data: [] }),
    'GET /custom-fields': () => ({ data: FIELDS }),
    'GET /contacts': () => ({ data: [ROW], next_cursor: null }),
  });
}

/** the query of the last list request */
const lastList = (spy: ReturnType<typeof api>) => {
  const urls = spy.mock.calls
    .map(([u]) => new URL(String(u), 'http://x'))
    .filter((u) => u.pathname.endsWith('/contacts'));
  return urls.at(-1)?.searchParams;
};

function Page() {
  const location = useLocation();
  return (
    <>
      <ContactsPage />
      <output aria-label="url">{decodeURIComponent(location.search)}</output>
    </>
  );
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('a list’s custom fields', () => {
  it('filters by a choice (cf.<key>=label), kept in the URL a saved view keeps', async () => {
    const spy = api();
    const user = userEvent.setup();
    renderWithProviders(<Page />, '/contacts');
    const filters = await screen.findByRole('search', { name: /Filtres/ });
    const segment = await within(filters).findByRole('combobox', { name: 'Segment' });
    // a long text is prose: no filter
    expect(within(filters).queryByLabelText('Notes')).toBeNull();
    await user.click(segment);
    await user.click(await screen.findByRole('option', { name: 'PME', hidden: true }));
    await waitFor(() => expect(lastList(spy)?.get('cf.segment')).toBe('PME'));
    expect(screen.getByRole('status', { name: 'url' })).toHaveTextContent('cf.segment=PME');
    await user.click(within(filters).getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() => expect(lastList(spy)?.has('cf.segment')).toBe(false));
  });

  it('reads a date range from the URL and sends both ends', async () => {
    const spy = api();
    renderWithProviders(<Page />, '/contacts?cf.renewal[gte]=2027-01-01&cf.renewal[lte]=2027-12-31');
    await waitFor(() => expect(lastList(spy)?.get('cf.renewal[gte]')).toBe('2027-01-01'));
    expect(lastList(spy)?.get('cf.renewal[lte]')).toBe('2027-12-31');
    expect(await screen.findByRole('textbox', { name: 'Renouvellement : du' })).toHaveValue('01/01/2027');
  });

  it('offers each field as a column, sorted by the API (sort=cf.<key>) for the types it sorts', async () => {
    const spy = api();
    const user = userEvent.setup();
    renderWithProviders(<Page />, '/contacts');
    await screen.findByRole('link', { name: 'Dupré' });
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    const chooser = await screen.findByRole('group', { name: 'Colonnes affichées', hidden: true });
    await user.click(within(chooser).getByRole('checkbox', { name: 'Segment', hidden: true }));
    await user.click(within(chooser).getByRole('checkbox', { name: 'Renouvellement', hidden: true }));
    await user.click(within(chooser).getByRole('checkbox', { name: 'Notes', hidden: true }));
    const table = screen.getByRole('table');
    // a select's value as a chip; a date as a date
    expect(within(table).getByText('PME')).toBeVisible();
    expect(within(table).getByText(date('2027-03-01'))).toBeVisible();
    // a long text has no sort; a date sorts latest first
    const notes = within(table).getByRole('columnheader', { name: 'Notes' });
    expect(within(notes).queryByRole('button')).toBeNull();
    await user.click(
      within(within(table).getByRole('columnheader', { name: /Renouvellement/ })).getByRole('button'),
    );
    await waitFor(() => expect(lastList(spy)?.get('sort')).toBe('-cf.renewal'));
    expect(JSON.parse(localStorage.getItem('carnet.columns.contacts') ?? '{}').order).toContain('cf.renewal');
  });
});
