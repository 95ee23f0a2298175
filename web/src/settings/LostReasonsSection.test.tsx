import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { LostReason } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { LostReasonsSection } from './LostReasonsSection.js';
import SettingsPage from './SettingsPage.js';

let reasons: LostReason[];
let spy: ReturnType<typeof stubFetch>;
const writes = () =>
  spy.mock.calls
    .filter(([, init]) => init?.method && init.method !== 'GET')
    .map(([u, init]) => [
      init?.method,
      new URL(String(u), 'http://localhost').pathname,
      JSON.parse(String(init?.body ?? 'null')),
    ]);

beforeEach(() => {
  setLanguage('fr');
  reasons = [
    { lost_reason_id: 1, label: 'Prix trop élevé', position: 1 },
    { lost_reason_id: 2, label: 'Concurrent choisi', position: 2 },
    { lost_reason_id: 3, label: 'Pas de budget', position: 3 },
  ];
  const patch =
    (id: number) =>
    ({ body }: { body: unknown }) => {
      const r = reasons.find((x) => x.lost_reason_id === id) as LostReason;
      Object.assign(r, body);
      return r;
    };
  spy = stubFetch({
    'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }),
    'GET /auth/me': () => ADMIN_ME,
    'GET /lost-reasons': () => ({
      data: [...reasons].sort((a, b) => a.position - b.position || a.lost_reason_id - b.lost_reason_id),
      next_cursor: null,
    }),
    'PATCH /lost-reasons/1': patch(1),
    'PATCH /lost-reasons/2': patch(2),
    'PATCH /lost-reasons/3': patch(3),
    'POST /lost-reasons': ({ body }) => {
      const { label } = body as { label: string };
      if (reasons.some((r) => r.label.toLowerCase() === label.toLowerCase()))
        return reply(409, {
          type: '/problems/duplicate',
          title: 'Duplicate',
          status: 409,
          errors: [{ field: 'label', code: 'duplicate', message: 'taken' }],
        });
      const r = { lost_reason_id: 9, label, position: 4 };
      reasons.push(r);
      return reply(201, r);
    },
  });
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const items = async () =>
  (await screen.findAllByRole('form', { name: /^Motif \d/ })).map((f) => f.getAttribute('aria-label'));

describe('LostReasonsSection', () => {
  it('lists the reasons in order, adds one, and refuses a duplicate next to the field', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LostReasonsSection />);
    expect(await items()).toEqual([
      'Motif 1 : Prix trop élevé',
      'Motif 2 : Concurrent choisi',
      'Motif 3 : Pas de budget',
    ]);
    const add = screen.getByRole('form', { name: 'Ajouter un motif' });
    const input = within(add).getByRole('textbox', { name: /^Nouveau motif/ });
    await user.type(input, ' Délai trop long ');
    await user.click(within(add).getByRole('button', { name: 'Ajouter un motif' }));
    await waitFor(() =>
      expect(writes()).toContainEqual(['POST', '/api/v1/lost-reasons', { label: 'Délai trop long' }]),
    );
    await waitFor(async () => expect(await items()).toContain('Motif 4 : Délai trop long'));

    await user.type(input, 'pas de budget');
    await user.click(within(add).getByRole('button', { name: 'Ajouter un motif' }));
    expect(await within(add).findByText('Ce motif existe déjà.')).toBeInTheDocument();
  });

  it('moves a reason down by renumbering, and renames one in place', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LostReasonsSection />);
    await items();
    await user.click(screen.getByRole('button', { name: 'Descendre « Prix trop élevé »' }));
    await waitFor(async () =>
      expect(await items()).toEqual([
        'Motif 1 : Concurrent choisi',
        'Motif 2 : Prix trop élevé',
        'Motif 3 : Pas de budget',
      ]),
    );
    expect(writes()).toEqual([
      ['PATCH', '/api/v1/lost-reasons/2', { position: 1 }],
      ['PATCH', '/api/v1/lost-reasons/1', { position: 2 }],
    ]);

    const row = screen.getByRole('form', { name: 'Motif 3 : Pas de budget' });
    const label = within(row).getByRole('textbox', { name: /^Motif/ });
    await user.clear(label);
    await user.type(label, 'Budget gelé');
    await user.click(within(row).getByRole('button', { name: 'Enregistrer « Pas de budget »' }));
    await waitFor(() =>
      expect(writes().at(-1)).toEqual(['PATCH', '/api/v1/lost-reasons/3', { label: 'Budget gelé' }]),
    );
  });
});

describe('Settings → Motifs de perte', () => {
  const at = (role: string) => {
    spy = stubFetch({
      'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }),
      'GET /auth/me': () => ({ ...ADMIN_ME, role }),
      'GET /lost-reasons': () => ({ data: reasons, next_cursor: null }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/settings/*" element={<SettingsPage />} />
        <Route path="*" element={null} />
      </Routes>,
      '/settings/lost-reasons',
    );
  };

  it('is offered to managers', async () => {
    at('manager');
    expect(await screen.findByRole('tab', { name: 'Motifs de perte', selected: true })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Étapes du pipeline' })).not.toBeInTheDocument();
    expect(await items()).toHaveLength(3);
  });

  it('is not offered to sales', async () => {
    at('sales');
    expect(await screen.findByRole('tab', { name: 'Mon profil' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Motifs de perte' })).not.toBeInTheDocument();
  });
});
