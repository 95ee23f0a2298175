import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Company } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { stubFetch } from '../tasks/stubFetch.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { CompanyLink } from './CompanyName.js';

const company = (id: number): Company => ({
  ...blank('companies'),
  company_id: id,
  company_name: `Société ${id}`,
  industry: null,
  website: null,
  owner_id: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('CompanyLink', () => {
  it('fetches the companies of a whole table in one request, and shows the ID of one that is gone', async () => {
    const fetch = stubFetch({
      'GET /companies': ({ url }) => {
        const ids = String(url.searchParams.get('company_id')).split(',').map(Number);
        // company 404 was deleted: the list simply does not have it
        return { data: ids.filter((id) => id !== 404).map(company), next_cursor: null };
      },
    });
    renderWithProviders(
      <div>
        {[3, 8, 21, 8, 404].map((id, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, one link a slot
          <CompanyLink key={i} id={id} />
        ))}
      </div>,
    );
    expect(await screen.findByRole('link', { name: 'Société 21' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Société 8' })).toHaveLength(2);
    expect(await screen.findByRole('link', { name: '#404' })).toBeInTheDocument();
    const urls = fetch.mock.calls.map(([u]) => new URL(String(u), 'http://x'));
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/companies']);
    expect(
      urls[0].searchParams
        .get('company_id')
        ?.split(',')
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([3, 8, 21, 404]);
  });
});
