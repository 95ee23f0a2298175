import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import i18n from '../i18n/index.js';
import { ADMIN_USER, BASE_ROUTES, fakeApi } from '../opportunities/fakeApi.js';
import { routes } from '../routes.js';

const VIEWER = { ...ADMIN_USER, user_id: 4, email: 'vera@carnet.test', name: 'Vera Viewer', role: 'viewer' };
// the pages are lazy chunks, slower to arrive than findBy's default second on a busy machine
const LOAD = { timeout: 5000 };
const empty = { data: [], next_cursor: null };

/** The whole app (routes, shell, page) at `path`, signed in as `me`. */
function openApp(path: string, me: typeof ADMIN_USER) {
  const { calls } = fakeApi({
    ...BASE_ROUTES,
    'GET /api/v1/auth/me': me,
    'GET /api/v1/contacts': empty,
    'GET /api/v1/companies': empty,
    'GET /api/v1/imports': empty,
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
  return calls;
}

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('what a viewer sees', () => {
  it('has no Import entry in the menu, and no button to create a contact', async () => {
    openApp('/contacts', VIEWER);
    const nav = await screen.findByRole('navigation', { name: 'Menu' }, LOAD);
    expect(await within(nav).findByRole('link', { name: 'Contacts' }, LOAD)).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Importer' })).toBeNull();
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' }, LOAD)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Nouveau contact' })).toBeNull();
  });

  it('gets a page saying import is not for their role at /imports, not the wizard', async () => {
    const calls = openApp('/imports', VIEWER);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Accès non autorisé' }, LOAD),
    ).toBeInTheDocument();
    expect(screen.getByText(/Votre rôle \(lecture seule\) permet de consulter et d’exporter/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Retour au tableau de bord' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Vérifier le fichier' })).toBeNull();
    expect(screen.queryByText(/Importez un fichier CSV ou vCard/)).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/api/v1/imports'))).toBe(false);
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    openApp('/imports', { ...VIEWER, locale: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' }, LOAD)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(nav).queryByRole('link', { name: 'Import' })).toBeNull();
  });
});

describe('what an administrator sees', () => {
  it('has the Import entry and the import page', async () => {
    openApp('/imports', ADMIN_USER);
    const nav = await screen.findByRole('navigation', { name: 'Menu' }, LOAD);
    expect(within(nav).getByRole('link', { name: 'Importer' })).toHaveAttribute('href', '/imports');
    expect(await screen.findByText(/Importez un fichier CSV ou vCard/, {}, LOAD)).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Accès non autorisé' })).toBeNull();
  });
});
