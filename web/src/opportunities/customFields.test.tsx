import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { def, segmentField } from '../test/customFields.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import OpportunitiesPage from './OpportunitiesPage.js';

const FIELDS = [
  { ...segmentField(), entity: 'opportunities' as const },
  def({ entity: 'opportunities', key: 'seats', type: 'number', label: { fr: 'Postes', en: 'Seats' } }),
];
const DEAL = {
  ...blank('opportunities'),
  opportunity_id: 3,
  opportunity_name: 'Renouvellement Acmé',
  stage: 'Prospection',
  created_at: '2026-01-01T00:00:00.000Z',
  custom_fields: { segment: 'PME', seats: 12 },
};

function api() {
  return stubFetch({
    'GET /auth/me': () => ADMIN_ME,
    'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
    'GET /views': () => ({ data: [] }),
    'GET /pipeline-stages': () => ({ data: [], next_cursor: null }),
    'GET /custom-fields': ({ url }) => {
      expect(url.searchParams.get('entity')).toBe('opportunities');
      return { data: FIELDS };
    },
    'GET /opportunities': () => ({ data: [DEAL], next_cursor: null }),
    'GET /pipeline': () => ({ data: [] }),
  });
}

const lastList = (spy: ReturnType<typeof api>) =>
  spy.mock.calls
    .map(([u]) => new URL(String(u), 'http://x'))
    .filter((u) => u.pathname.endsWith('/opportunities'))
    .at(-1)?.searchParams;

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('the deals table’s custom fields', () => {
  it('filters by a choice and a number range, and offers their columns', async () => {
    const spy = api();
    const user = userEvent.setup();
    renderWithProviders(<OpportunitiesPage />, '/opportunities?layout=table&cf.seats[gte]=10');
    await waitFor(() => expect(lastList(spy)?.get('cf.seats[gte]')).toBe('10'));
    const filters = await screen.findByRole('search');
    await user.click(await within(filters).findByRole('combobox', { name: 'Segment' }));
    await user.click(await screen.findByRole('option', { name: 'PME', hidden: true }));
    await waitFor(() => expect(lastList(spy)?.get('cf.segment')).toBe('PME'));
    expect(lastList(spy)?.get('cf.seats[gte]')).toBe('10');
    const upTo = within(filters).getByRole('textbox', { name: 'au' });
    await user.type(upTo, '1 000,5{Enter}');
    await waitFor(() => expect(lastList(spy)?.get('cf.seats[lte]')).toBe('1000.5'));

    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    const chooser = await screen.findByRole('group', { name: 'Colonnes affichées', hidden: true });
    await user.click(within(chooser).getByRole('checkbox', { name: 'Postes', hidden: true }));
    expect(within(screen.getByRole('table')).getByRole('cell', { name: '12' })).toBeVisible();
  });

  it('filter the board and its totals too', async () => {
    const spy = api();
    renderWithProviders(<OpportunitiesPage />, '/opportunities?cf.segment=PME');
    await waitFor(() =>
      expect(
        spy.mock.calls
          .map(([u]) => new URL(String(u), 'http://x'))
          .filter((u) => u.pathname.endsWith('/pipeline'))
          .at(-1)
          ?.searchParams.get('cf.segment'),
      ).toBe('PME'),
    );
    expect(await screen.findByRole('combobox', { name: 'Segment' })).toHaveValue('PME');
  });
});
