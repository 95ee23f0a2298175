import { TextInput } from '@mantine/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider, useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import type { SearchHit } from '../api/types.js';
import i18n from '../i18n/index.js';
import { BASE_ROUTES, fakeApi, type Handler } from '../opportunities/fakeApi.js';
import { SearchSpotlight } from './SearchSpotlight.js';
import { isSearchShortcut, shortcutLabel } from './search/shortcut.js';

// the dialog is a lazy chunk, slower to arrive than findBy's default second on a busy machine
const LOAD = { timeout: 5000 };

const hit = (type: SearchHit['type'], id: number, title: string, subtitle: string | null = null) =>
  ({ type, id, title, subtitle, match: 'name' }) as SearchHit;

/** Ranked as the server ranks: people named Lefèvre first, then their company, then its staff. */
const LEFEVRE = [
  hit('contact', 3, 'Jean Lefèvre', 'jean@lefevre.fr'),
  hit('contact', 9, 'Anne Lefèvre'),
  hit('company', 4, 'Boulangerie Lefèvre & Fils'),
  hit('opportunity', 2, 'Fournil Lefèvre', 'Boulangerie Lefèvre & Fils'),
  hit('contact', 12, 'Paul Martin', 'paul@boulangerie-lefevre.fr'),
];

function Page() {
  const { id } = useParams();
  return <h1>Fiche {id}</h1>;
}

/** The search in a shell like the app's: a header, a main region, pages with their heading. */
function openApp(search: Handler | Record<string, unknown>) {
  const api = fakeApi({ ...BASE_ROUTES, 'GET /api/v1/search': search });
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <header>
              <SearchSpotlight />
            </header>
            <main id="main">
              <Outlet />
            </main>
          </>
        ),
        children: [
          { path: '/', element: <TextInput label="Note" /> },
          { path: '/contacts/:id', element: <Page /> },
          { path: '/companies/:id', element: <Page /> },
          { path: '/opportunities/:id', element: <Page /> },
        ],
      },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...api, router };
}

const searchCalls = (calls: { path: string; url: URL }[]) =>
  calls.filter((c) => c.path !== '/api/v1/auth/me');

// jsdom lays <mark> out as a block, so accessible names get spaces a browser does not put: by text
const option = (text: RegExp) => {
  const found = screen.getAllByRole('option').find((o) => text.test(o.textContent ?? ''));
  if (!found) throw new Error(`no option ${text}`);
  return found;
};
const marks = (el: HTMLElement) => [...el.querySelectorAll('mark')].map((m) => m.textContent);

async function openAndType(words: string) {
  await userEvent.keyboard('{Control>}k{/Control}');
  const box = await screen.findByRole('combobox', { name: /Rechercher/ }, LOAD);
  await waitFor(() => expect(box).toHaveFocus());
  if (words) await userEvent.type(box, words);
  return box;
}

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the Ctrl-K search', () => {
  it('shows the hits in the order the server ranked them, from one request', async () => {
    // a type this app cannot open yet (the API may add some) is left out, not a broken link
    const { calls } = openApp({
      data: [...LEFEVRE.slice(0, 4), hit('task', 8, 'Livrer Lefèvre'), LEFEVRE[4]],
    });
    await openAndType('lefevre');
    const list = await screen.findByRole('listbox', { name: 'Résultats' }, LOAD);
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Contact, Jean Lefèvre, jean@lefevre.fr',
      'Contact, Anne Lefèvre',
      'Entreprise, Boulangerie Lefèvre & Fils',
      'Opportunité, Fournil Lefèvre, Boulangerie Lefèvre & Fils',
      'Contact, Paul Martin, paul@boulangerie-lefevre.fr',
    ]);
    // the type is said in words, not only drawn
    expect(option(/^Entreprise, Boulangerie/)).toBeInTheDocument();
    // one search, for what was typed once typing paused: not one list per type
    const sent = searchCalls(calls);
    expect(sent.map((c) => c.path)).toEqual(['/api/v1/search']);
    expect(sent[0].url.searchParams.get('q')).toBe('lefevre');
    expect(sent[0].url.searchParams.get('limit')).toBe('10');
    expect(await screen.findByRole('status', { name: '' })).toHaveTextContent('5 résultats');
  });

  it('marks the matched word starts, ignoring accents and case', async () => {
    openApp({ data: LEFEVRE });
    await openAndType('LEFEVRE je');
    await screen.findAllByRole('option', {}, LOAD);
    // the hits of "LEFEVRE" may show while those of "LEFEVRE je" are on their way
    await waitFor(() => expect(screen.getByRole('listbox')).toHaveAttribute('aria-busy', 'false'));
    expect(marks(option(/Jean Lefèvre/))).toEqual(['Je', 'Lefèvre', 'je', 'lefevre']);
    // "boulangerie-lefevre" is two words: the second starts with the query
    expect(marks(option(/Paul Martin/))).toEqual(['lefevre']);
    expect(marks(option(/^Entreprise/))).toEqual(['Lefèvre']);
  });

  it('marks nothing inside a word: the search finds word starts only', async () => {
    openApp({ data: [hit('contact', 3, 'Jean Lefèvre')] });
    await openAndType('fevre');
    await screen.findAllByRole('option', {}, LOAD);
    expect(marks(option(/Jean Lefèvre/))).toEqual([]);
  });

  it('moves with the arrows, opens the hit with Enter, and puts focus on the new page', async () => {
    const { router } = openApp({ data: LEFEVRE });
    const box = await openAndType('lefevre');
    await screen.findAllByRole('option', {}, LOAD);
    expect(box).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0].id);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const company = option(/^Entreprise, Boulangerie/);
    expect(company).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', company.id);
    // up from the first wraps to the last
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(option(/Paul Martin/)).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/companies/4'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Fiche 4' })).toHaveFocus());
  });

  it('opens what is clicked', async () => {
    const { router } = openApp({ data: LEFEVRE });
    await openAndType('lefevre');
    await screen.findAllByRole('option', {}, LOAD);
    await userEvent.click(option(/Fournil/));
    await waitFor(() => expect(router.state.location.pathname).toBe('/opportunities/2'));
  });

  it('Enter pressed before the hits arrive opens the first one when they do', async () => {
    let answer!: () => void;
    const slow: Handler = () =>
      new Promise((resolve) => (answer = () => resolve({ body: { data: LEFEVRE } })));
    const { router } = openApp(slow);
    await openAndType('lefevre{Enter}');
    await waitFor(() => expect(answer).toBeTypeOf('function'));
    expect(router.state.location.pathname).toBe('/');
    act(() => answer());
    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts/3'));
  });

  it('says what to type, when nothing matched, and when the search failed (with a retry)', async () => {
    let fail = true;
    openApp(() =>
      fail
        ? { status: 500, body: { type: 'about:blank', title: 'Internal Server Error', status: 500 } }
        : { body: { data: [] } },
    );
    const box = await openAndType('');
    expect(await screen.findByText(/Tapez un nom/)).toBeVisible();
    await userEvent.type(box, 'zzz');
    const alert = await screen.findByRole('alert', {}, LOAD);
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByText('Aucun résultat pour « zzz »', {}, LOAD)).toBeVisible();
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens from inside a text field, and gives it focus back on Escape', async () => {
    openApp({ data: LEFEVRE });
    const field = screen.getByRole('textbox', { name: 'Note' });
    await userEvent.type(field, 'abc');
    await openAndType('');
    // the shortcut typed nothing into the field
    expect(field).toHaveValue('abc');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(field).toHaveFocus());
  });

  it('opens from the header button, which shows the shortcut, and empties on reopening', async () => {
    openApp({ data: LEFEVRE });
    const button = screen.getByRole('button', { name: /Rechercher/ });
    expect(button).toHaveTextContent('Ctrl K');
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Control+K');
    await userEvent.click(button);
    const box = await screen.findByRole('combobox', {}, LOAD);
    await userEvent.type(box, 'lef');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(button).toHaveFocus());
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(await screen.findByRole('combobox')).toHaveValue('');
    // the shortcut again closes it
    await userEvent.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    openApp({ data: LEFEVRE });
    await userEvent.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('combobox', { name: /Search contacts/ }, LOAD);
    expect(screen.getByRole('dialog', { name: 'Search' })).toBeInTheDocument();
    await userEvent.type(box, 'lefevre');
    await screen.findAllByRole('option', {}, LOAD);
    expect(option(/^Company, Boulangerie/)).toBeInTheDocument();
  });
});

describe('the shortcut by platform', () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ...init });

  it('is ⌘K on a Mac (Ctrl-K there deletes to the end of the line), Ctrl K elsewhere', () => {
    expect(shortcutLabel(true)).toBe('⌘K');
    expect(shortcutLabel(false)).toBe('Ctrl K');
    expect(isSearchShortcut(key({ metaKey: true }), true)).toBe(true);
    expect(isSearchShortcut(key({ ctrlKey: true }), true)).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true }), false)).toBe(true);
    expect(isSearchShortcut(key({ metaKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'K' }), false)).toBe(true); // caps lock
    expect(isSearchShortcut(key({ ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isSearchShortcut(key({}), false)).toBe(false);
    // the K the user sees (Dvorak's K is the physical T key), or the physical K without Latin letters
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'k', code: 'KeyT' }), false)).toBe(true);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 't', code: 'KeyK' }), false)).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'л', code: 'KeyK' }), false)).toBe(true);
  });

  it('on a Mac the button shows ⌘K and ⌘K opens the search', async () => {
    vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    openApp({ data: LEFEVRE });
    const button = screen.getByRole('button', { name: /Rechercher/ });
    expect(button).toHaveTextContent('⌘K');
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Meta+K');
    await userEvent.keyboard('{Control>}k{/Control}');
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByRole('dialog')).toBeNull();
    await userEvent.keyboard('{Meta>}k{/Meta}');
    expect(await screen.findByRole('dialog', {}, LOAD)).toBeInTheDocument();
  });
});
