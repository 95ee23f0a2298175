import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import ForgotPasswordPage from './ForgotPasswordPage.js';
import LoginPage from './LoginPage.js';
import { RequireAuth } from './RequireAuth.js';
import SetPasswordPage from './SetPasswordPage.js';

const INSTANCE = { setup_needed: false, currency: 'EUR', default_locale: 'fr' };
const SIGNED_OUT = () => reply(401, { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 });
const TOKEN = 'abcDEF_123-xyz';

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <SetPasswordPage /> },
      { path: '/invitation', element: <SetPasswordPage /> },
      { element: <RequireAuth />, children: [{ path: '*', element: <p>app page</p> }] },
    ],
    { initialEntries: [path] },
  );
  render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
  return router;
}

const sent = (spy: ReturnType<typeof stubFetch>, method: string) =>
  spy.mock.calls
    .filter(([, init]) => init?.method === method)
    .map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init?.body ?? 'null')) }));

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('forgotten password', () => {
  it('is linked from the sign-in page, and says what happens without telling whether the account exists', async () => {
    const spy = stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': SIGNED_OUT,
      'POST /auth/password-reset': () => reply(202, { delivery: 'email', detail: '…' }),
    });
    const router = renderAt('/login');
    await userEvent.click(await screen.findByRole('link', { name: 'Mot de passe oublié ?' }));
    expect(router.state.location.pathname).toBe('/forgot-password');
    await userEvent.type(await screen.findByRole('textbox', { name: /^E-mail/ }), ' bruno@example.com ');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer le lien' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Si cette adresse correspond à un compte actif, un lien valable 1 heure vient d’y être envoyé.',
    );
    expect(sent(spy, 'POST')).toEqual([
      { url: '/api/v1/auth/password-reset', body: { email: 'bruno@example.com' } },
    ]);
  });

  it('tells the person to ask an administrator when the server sends no mail (in English too)', async () => {
    await setLanguage('en');
    stubFetch({ 'POST /auth/password-reset': () => reply(202, { delivery: 'administrator', detail: '…' }) });
    renderAt('/forgot-password');
    await userEvent.type(await screen.findByRole('textbox', { name: /^Email/ }), 'bruno@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/ask an administrator/);
  });
});

describe('the page a link opens', () => {
  it('shows whose password is set, checks both fields match, then sends the token and signs in', async () => {
    let me: unknown = null;
    const spy = stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': () => me ?? SIGNED_OUT(),
      'GET /auth/password-reset/check': ({ url }) => {
        expect(url.searchParams.get('token')).toBe(TOKEN);
        return { purpose: 'invite', email: 'bruno@example.com', expires_at: '2026-12-13T10:00:00.000Z' };
      },
      'POST /auth/password-reset/confirm': () => {
        me = { ...ADMIN_ME, email: 'bruno@example.com' };
        return { user: me };
      },
    });
    const router = renderAt(`/invitation?token=${TOKEN}`);
    expect(
      await screen.findByText('Choisissez le mot de passe du compte bruno@example.com.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Bienvenue dans Carnet' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), 'Lanterne-Bleue-Rivage-7');
    await userEvent.type(screen.getByLabelText(/^Confirmer le mot de passe/), 'Lanterne-Bleue-Rivage-8');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer et se connecter' }));
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeInTheDocument();
    expect(sent(spy, 'POST')).toEqual([]);
    await userEvent.clear(screen.getByLabelText(/^Confirmer le mot de passe/));
    await userEvent.type(screen.getByLabelText(/^Confirmer le mot de passe/), 'Lanterne-Bleue-Rivage-7');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer et se connecter' }));
    expect(await screen.findByText('app page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(sent(spy, 'POST')).toEqual([
      {
        url: '/api/v1/auth/password-reset/confirm',
        body: { token: TOKEN, password: 'Lanterne-Bleue-Rivage-7' },
      },
    ]);
  });

  it('says a used or expired link is no longer valid', async () => {
    stubFetch({
      'GET /auth/password-reset/check': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid',
          status: 400,
          errors: [{ field: 'token', code: 'invalid_link', message: 'is unknown' }],
        }),
    });
    renderAt(`/reset-password?token=${TOKEN}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(/Ce lien n’est plus valable/);
    expect(screen.queryByLabelText(/^Nouveau mot de passe/)).not.toBeInTheDocument();
  });
});

describe('a password an administrator typed', () => {
  it('shows only the change-password screen until the user has chosen their own', async () => {
    let me = { ...ADMIN_ME, must_change_password: true };
    const spy = stubFetch({
      'GET /setup': () => INSTANCE,
      'GET /auth/me': () => me,
      'PATCH /auth/me': ({ body }) => {
        me = { ...me, must_change_password: false };
        expect(body).toEqual({
          current_password: 'Plume-Verte-Orage-42',
          password: 'Lanterne-Bleue-Rivage-7',
        });
        return me;
      },
    });
    renderAt('/contacts');
    expect(await screen.findByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeInTheDocument();
    expect(screen.queryByText('app page')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Mot de passe actuel/), 'Plume-Verte-Orage-42');
    await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), 'Lanterne-Bleue-Rivage-7');
    await userEvent.type(
      screen.getByLabelText(/^Confirmer le nouveau mot de passe/),
      'Lanterne-Bleue-Rivage-7',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Changer le mot de passe' }));
    expect(await screen.findByText('app page')).toBeInTheDocument();
    await waitFor(() => expect(sent(spy, 'PATCH')).toHaveLength(1));
  });
});
