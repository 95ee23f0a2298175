import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { User } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { type Column, columnsStorageKey, useColumns } from './columns.js';
import { SavedViews } from './SavedViews.js';
import type { SavedView } from './savedViews.js';

type Row = { id: number };
const COLUMNS: Column<Row>[] = [
  { key: 'name', field: 'last_name', label: 'Nom', fixed: true, cell: () => '' },
  { key: 'email', label: 'E-mail', cell: () => '' },
  { key: 'owner', field: 'owner_id', label: 'Responsable', cell: () => '' },
  { key: 'created_at', label: 'Créé le', cell: () => '' },
];
const KEYS = ['q', 'sort', 'owner_id'] as const;

const SALES_ME = { ...ADMIN_ME, user_id: 2, email: 'sam@example.com', name: 'Sam', role: 'sales' as const };
const MANAGER_ME = { ...SALES_ME, user_id: 3, role: 'manager' as const };

const view = (v: Partial<SavedView> & Pick<SavedView, 'view_id' | 'name'>): SavedView => ({
  resource: 'contacts',
  shared: false,
  owner_id: 2,
  query: {},
  columns: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  ...v,
});
const MINE = view({ view_id: 4, name: 'Mes clients', query: { owner_id: 'me', sort: '-created_at' } });
const TEAM = view({
  view_id: 9,
  name: 'Paris',
  shared: true,
  owner_id: 3,
  query: { q: 'paris' },
  columns: ['last_name', 'owner_id'],
});

/** The menu beside what a list shows: its URL and its table's columns. */
function Harness() {
  const location = useLocation();
  const cols = useColumns('contacts', COLUMNS);
  return (
    <>
      <SavedViews resource="contacts" keys={KEYS} columns={COLUMNS} />
      <output aria-label="url">{location.search}</output>
      <output aria-label="colonnes">{cols.shown.map((c) => c.key).join(',')}</output>
    </>
  );
}

const url = () => screen.getByRole('status', { name: 'url' }).textContent;
const shown = () => screen.getByRole('status', { name: 'colonnes' }).textContent;

function api(me: User, views: SavedView[] = [MINE, TEAM]) {
  return stubFetch({
    'GET /auth/me': () => me,
    'GET /views': ({ url }) => {
      expect(url.searchParams.get('resource')).toBe('contacts');
      return { data: views };
    },
    'POST /views': ({ body }) => view({ view_id: 12, ...(body as Partial<SavedView>), name: 'x' }),
  });
}

/**
 * Opens the menu once the views have loaded (`first`: one of the views, or the "save" item).
 * jsdom lays nothing out, so Mantine keeps a dropdown `display: none`: queries say `hidden: true`.
 */
async function openMenu(
  name: RegExp | string = 'Vues',
  first: RegExp | string = /Enregistrer la vue|Save view/,
) {
  await userEvent.click(await screen.findByRole('button', { name }));
  const item = await screen.findByRole('menuitem', { name: first, hidden: true });
  return item.closest('[role="menu"]') as HTMLElement;
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('SavedViews', () => {
  it('lists my views and the team’s, the shared ones marked', async () => {
    api(SALES_ME);
    renderWithProviders(<Harness />, '/contacts');
    const menu = await openMenu('Vues', 'Mes clients');
    expect(within(menu).getByRole('menuitem', { name: 'Mes clients', hidden: true })).toBeInTheDocument();
    expect(
      within(menu).getByRole('menuitem', { name: 'Paris (partagée avec l’équipe)', hidden: true }),
    ).toBeInTheDocument();
    // nothing chosen: nothing to save over, rename or delete
    expect(within(menu).queryByRole('menuitem', { name: /Renommer/, hidden: true })).toBeNull();
  });

  it('applies a chosen view: its query replaces the list’s, its columns the table’s, ?view= names it', async () => {
    api(SALES_ME);
    renderWithProviders(<Harness />, '/contacts?owner_id=7&cursor=abc');
    await userEvent.click(
      within(await openMenu('Vues', /^Paris/)).getByRole('menuitem', { name: /^Paris/, hidden: true }),
    );
    await waitFor(() => expect(new URLSearchParams(url() ?? '').get('view')).toBe('9'));
    const params = new URLSearchParams(url() ?? '');
    expect(Object.fromEntries(params)).toEqual({ view: '9', q: 'paris' });
    expect(shown()).toBe('name,owner');
    expect(screen.getByRole('button', { name: 'Vue : Paris' })).toBeVisible();

    // a view without columns brings back the defaults
    await userEvent.click(
      within(await openMenu('Vue : Paris')).getByRole('menuitem', { name: 'Mes clients', hidden: true }),
    );
    await waitFor(() => expect(shown()).toBe('name,email,owner,created_at'));
    expect(Object.fromEntries(new URLSearchParams(url() ?? ''))).toEqual({
      view: '4',
      owner_id: 'me',
      sort: '-created_at',
    });
  });

  it('applies the view of a link to ?view=<id>, and forgets an id it does not know', async () => {
    api(SALES_ME);
    const first = renderWithProviders(<Harness />, '/contacts?view=9');
    await waitFor(() =>
      expect(Object.fromEntries(new URLSearchParams(url() ?? ''))).toEqual({ view: '9', q: 'paris' }),
    );
    expect(shown()).toBe('name,owner');
    first.unmount();
    localStorage.clear();

    renderWithProviders(<Harness />, '/contacts?view=77&q=lyon');
    await waitFor(() => expect(url()).toBe('?q=lyon'));
    expect(shown()).toBe('name,email,owner,created_at');
  });

  it('saves the list as it is (never its cursor) as a sales user: personal, no share switch', async () => {
    const fetch = api(SALES_ME);
    localStorage.setItem(
      columnsStorageKey('contacts'),
      JSON.stringify({ order: ['name', 'created_at', 'email', 'owner'], hidden: ['owner'] }),
    );
    renderWithProviders(<Harness />, '/contacts?q=dupont&owner_id=me&cursor=abc&limit=10');
    await userEvent.click(
      within(await openMenu()).getByRole('menuitem', { name: 'Enregistrer la vue…', hidden: true }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Enregistrer la liste comme vue' });
    expect(within(dialog).queryByRole('switch')).toBeNull();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Nom de la vue/ }), 'Dupont');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      resource: 'contacts',
      name: 'Dupont',
      shared: false,
      query: { q: 'dupont', owner_id: 'me' },
      columns: ['last_name', 'created_at', 'email'],
    });
    // the new view is the one shown
    await waitFor(() => expect(new URLSearchParams(url() ?? '').get('view')).toBe('12'));
  });

  it('lets a manager share the view with the team; default columns are saved as null', async () => {
    const fetch = api(MANAGER_ME);
    renderWithProviders(<Harness />, '/contacts?sort=email');
    await userEvent.click(
      within(await openMenu()).getByRole('menuitem', { name: 'Enregistrer la vue…', hidden: true }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Nom de la vue/ }), 'Par e-mail');
    await userEvent.click(within(dialog).getByRole('switch', { name: /Partager avec l’équipe/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toMatchObject({
      name: 'Par e-mail',
      shared: true,
      query: { sort: 'email' },
      columns: null,
    });
  });

  it('shows a name already taken on the name field, in the user’s language', async () => {
    stubFetch({
      'GET /auth/me': () => SALES_ME,
      'GET /views': () => ({ data: [MINE] }),
      'POST /views': () =>
        reply(409, {
          type: '/problems/duplicate',
          title: 'Duplicate',
          status: 409,
          errors: [{ field: 'name', code: 'duplicate', message: 'is already the name of another view' }],
        }),
    });
    setLanguage('en');
    renderWithProviders(<Harness />, '/contacts');
    await userEvent.click(
      within(await openMenu('Views')).getByRole('menuitem', { name: 'Save view…', hidden: true }),
    );
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: /View name/ });
    await userEvent.type(name, 'Mes clients');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('You already have a view of this list with this name.'),
    ).toBeVisible();
    expect(name).toHaveAttribute('aria-invalid', 'true');
  });

  it('saves the list over the view shown, once it differs from it', async () => {
    const fetch = stubFetch({
      'GET /auth/me': () => SALES_ME,
      'GET /views': () => ({ data: [MINE, TEAM] }),
      'PATCH /views/4': ({ body }) => ({ ...MINE, ...(body as object) }),
    });
    const same = renderWithProviders(<Harness />, '/contacts?view=4&owner_id=me&sort=-created_at');
    const menu = await openMenu('Vue : Mes clients');
    expect(
      within(menu).getByRole('menuitem', {
        name: 'Enregistrer les changements de «\u00a0Mes clients\u00a0»',
        hidden: true,
      }),
    ).toBeDisabled();
    same.unmount();

    // the columns changed since: the view can take them
    localStorage.setItem(columnsStorageKey('contacts'), JSON.stringify({ order: [], hidden: ['email'] }));
    renderWithProviders(<Harness />, '/contacts?view=4&owner_id=me&sort=-created_at');
    await userEvent.click(
      within(await openMenu('Vue : Mes clients')).getByRole('menuitem', {
        name: /Enregistrer les changements/,
        hidden: true,
      }),
    );
    await waitFor(() => expect(fetch.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true));
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({
      query: { owner_id: 'me', sort: '-created_at' },
      columns: ['last_name', 'owner_id', 'created_at'],
    });
  });

  it('offers a sales user no way to change the team’s view', async () => {
    api(SALES_ME);
    renderWithProviders(<Harness />, '/contacts?view=9');
    const menu = await openMenu('Vue : Paris');
    expect(
      within(menu).getByRole('menuitem', { name: 'Enregistrer la vue…', hidden: true }),
    ).toBeInTheDocument();
    expect(
      within(menu).queryByRole('menuitem', {
        name: /Enregistrer les changements|Renommer|Supprimer/,
        hidden: true,
      }),
    ).toBeNull();
  });

  it('deletes the view shown after a confirmation, and shows the list without it', async () => {
    stubFetch({
      'GET /auth/me': () => SALES_ME,
      'GET /views': () => ({ data: [MINE] }),
      'DELETE /views/4': () => reply(204),
    });
    renderWithProviders(<Harness />, '/contacts?view=4');
    await userEvent.click(
      within(await openMenu('Vue : Mes clients')).getByRole('menuitem', {
        name: 'Supprimer la vue…',
        hidden: true,
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Supprimer la vue' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Supprimer la vue' }));
    await waitFor(() => expect(url()).toBe(''));
  });
});
