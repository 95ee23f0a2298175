import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { PipelineRow } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { PipelineChart } from './PipelineChart.js';

const ROWS: PipelineRow[] = [
  { stage: 'Prospection', kind: 'open', count: 2, total_value: 1500, weighted_value: 150 },
  { stage: 'Proposition', kind: 'open', count: 1, total_value: 12000, weighted_value: 7200 },
  { stage: 'Fermée gagnée', kind: 'won', count: 1, total_value: 8000, weighted_value: 8000 },
];

beforeEach(() => {
  setLanguage('fr');
  stubFetch({ 'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }) });
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('PipelineChart', () => {
  it('gives the figures at once, and the chart (its own chunk) when it has loaded', async () => {
    renderWithProviders(<PipelineChart rows={ROWS} />);
    // the figures do not wait for the chart library
    const table = await screen.findByRole('table', { name: 'Valeur du pipeline par étape' });
    const row = within(table).getByRole('row', { name: /Proposition/ });
    expect(row).toHaveTextContent(/12\s000,00\s€/);
    expect(row).toHaveTextContent(/7\s200,00\s€/);
    expect(screen.getByTestId('chart-loading')).toBeInTheDocument();
    // then the chart takes the placeholder's place
    await waitFor(() => expect(screen.queryByTestId('chart-loading')).not.toBeInTheDocument(), {
      timeout: 15_000,
    });
    expect(screen.getByRole('table', { name: 'Valeur du pipeline par étape' })).toBeInTheDocument();
  });
});
