import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { TokensSection } from './TokensSection.js';

const SECRET = 'crm_s3cr3t-value-shown-once';

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('TokensSection', () => {
  it('shows a new token once, with a copy button and a warning, and never again', async () => {
    const tokens: { token_id: number; name: string; created_at: string; last_used_at: null }[] = [];
    stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /api-tokens': () => ({ data: tokens, next_cursor: null }),
      'POST /api-tokens': ({ body }) => {
        const row = {
          token_id: 1,
          name: (body as { name: string }).name,
          created_at: '2026-03-01T10:00:00.000Z',
          last_used_at: null,
        };
        tokens.push(row);
        return { ...row, token: SECRET };
      },
    });
    renderWithProviders(<TokensSection />);
    expect(await screen.findByText('Vous n’avez aucun jeton.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Nom du jeton/), 'Zapier');
    await userEvent.click(screen.getByRole('button', { name: 'Créer un jeton' }));

    const dialog = await screen.findByRole('dialog', { name: 'Jeton créé' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/ne sera plus jamais affiché/);
    expect(within(dialog).getByLabelText(/Votre nouveau jeton/)).toHaveValue(SECRET);
    expect(within(dialog).getByRole('button', { name: 'Copier' })).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'J’ai copié le jeton' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // listed by name, the secret nowhere on the page any more
    expect(await screen.findByRole('cell', { name: 'Zapier' })).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });
});
