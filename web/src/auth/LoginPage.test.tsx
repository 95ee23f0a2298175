import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import LoginPage from './LoginPage.js';

const INSTANCE = { setup_needed: false, currency: 'EUR', default_locale: 'fr' };
const SIGNED_OUT = () => reply(401, { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 });

/** The sign-in page at /login, with a stand-in for where it sends the user afterwards. */
function renderLogin(from?: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/setup', element: <p>setup page</p> },
      { path: '*', element: <p>app page</p> },
    ],
    { initialEntries: [{ pathname: '/login', state: from ? { from } : null }] },
  );
  render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
  return router;
}

const posts = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init?.body)) }));

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('sign-in form', () => {
  it('asks for the email and the password before sending anything', async () => {
    const spy = stubFetch({ 'GET /setup': () => INSTANCE, 'GET /auth/me': SIGNED_OUT });
    renderLogin();
    await userEvent.click(await screen.findByRole('button', { name: 'Se connecter' }));
    const email = screen.getByRole('textbox', { name: /^E-mail/ });
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Indiquez votre e-mail.');
    const password = screen.getByLabelText(/^Mot de passe/);
    expect(password).toHaveAccessibleDescription('Indiquez votre mot de passe.');
    expect(posts(spy)).toEqual([]);
  });

  it('sends the email (trimmed) and password, then goes where the user was headed', async () => {
    const spy = stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': SIGNED_OUT,
      'POST /auth/login': () => ({ user: ADMIN_ME }),
    });
    const router = renderLogin('/contacts/7');
    await userEvent.type(await screen.findByRole('textbox', { name: /^E-mail/ }), ' alice@example.com ');
    await userEvent.type(screen.getByLabelText(/^Mot de passe/), 'Plume-Verte-Orage-42');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('app page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/contacts/7');
    expect(posts(spy)).toEqual([
      { url: '/api/v1/auth/login', body: { email: 'alice@example.com', password: 'Plume-Verte-Orage-42' } },
    ]);
  });

  it('says a wrong email or password in one message, and too many attempts in another', async () => {
    let status = 401;
    stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': SIGNED_OUT,
      'POST /auth/login': () => reply(status, { type: '/problems/x', title: 'x', status }),
    });
    renderLogin();
    await userEvent.type(await screen.findByRole('textbox', { name: /^E-mail/ }), 'alice@example.com');
    await userEvent.type(screen.getByLabelText(/^Mot de passe/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('E-mail ou mot de passe incorrect.');
    status = 429;
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Trop de tentatives. Réessayez dans quelques minutes.',
      ),
    );
  });

  it('shows the API’s field error next to its field', async () => {
    stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': SIGNED_OUT,
      'POST /auth/login': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'email', message: 'must be at most 100 characters' }],
        }),
    });
    renderLogin();
    const email = await screen.findByRole('textbox', { name: /^E-mail/ });
    await userEvent.type(email, `${'a'.repeat(101)}@example.com`);
    await userEvent.type(screen.getByLabelText(/^Mot de passe/), 'whatever');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation): it names the limit
    expect(email).toHaveAccessibleDescription(/100/);
    expect(screen.getByLabelText(/^Mot de passe/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends a new instance to the setup page', async () => {
    stubFetch({ 'GET /setup': () => ({ ...INSTANCE, setup_needed: true }), 'GET /auth/me': SIGNED_OUT });
    renderLogin();
    expect(await screen.findByText('setup page')).toBeInTheDocument();
  });
});
