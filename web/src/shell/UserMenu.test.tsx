import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { UserMenu } from './UserMenu.js';

beforeEach(() => setLanguage('en'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

function renderMenu() {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <p>the sign-in page</p> },
      { path: '*', element: <UserMenu /> },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
}

async function signOut() {
  await userEvent.click(await screen.findByRole('button', { name: 'User menu' }));
  await userEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
}

const problem = (status: number) => reply(status, { type: 'about:blank', title: `HTTP ${status}`, status });

describe('signing out', () => {
  it('goes to the sign-in page once the session is ended', async () => {
    const logout = vi.fn(() => reply(204));
    stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'POST /auth/logout': logout });
    renderMenu();
    await signOut();
    expect(await screen.findByText('the sign-in page')).toBeInTheDocument();
    expect(logout).toHaveBeenCalledTimes(1);
  });

  it('takes a 401 (the session had already ended) as signed out', async () => {
    stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'POST /auth/logout': () => problem(401) });
    renderMenu();
    await signOut();
    expect(await screen.findByText('the sign-in page')).toBeInTheDocument();
  });

  it('stays and says so when the server could not end the session', async () => {
    stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'POST /auth/logout': () => problem(500) });
    renderMenu();
    await signOut();
    // the reason, in the UI's language (not the server's English title)
    expect(await screen.findByText(/Server error/)).toBeInTheDocument();
    expect(screen.queryByText('the sign-in page')).not.toBeInTheDocument();
  });
});
