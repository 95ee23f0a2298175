import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers, queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import SetupPage from './SetupPage.js';

const NEW_INSTANCE = { setup_needed: true, currency: 'EUR', default_locale: 'fr' };

function renderSetup() {
  const router = createMemoryRouter(
    [
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <p>sign-in page</p> },
      { path: '/', element: <p>dashboard</p> },
    ],
    { initialEntries: ['/setup'] },
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

describe('first-run setup form', () => {
  it('asks for the email and the password (the name is optional) before sending anything', async () => {
    const spy = stubFetch({ 'GET /setup': () => NEW_INSTANCE });
    renderSetup();
    await userEvent.click(await screen.findByRole('button', { name: 'Créer le compte administrateur' }));
    expect(screen.getByRole('textbox', { name: /^E-mail/ })).toHaveAccessibleDescription(
      'Indiquez votre e-mail.',
    );
    const password = screen.getByLabelText(/^Mot de passe/);
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/Indiquez votre mot de passe\./);
    expect(screen.getByRole('textbox', { name: 'Nom' })).not.toHaveAttribute('aria-invalid', 'true');
    expect(posts(spy)).toEqual([]);
  });

  it('shows the password rules the API enforces next to the password field', async () => {
    stubFetch({
      'GET /setup': () => NEW_INSTANCE,
      'POST /setup': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'password', message: 'must have at least 10 characters' }],
        }),
    });
    renderSetup();
    await userEvent.type(await screen.findByRole('textbox', { name: /^E-mail/ }), 'alice@example.com');
    const password = screen.getByLabelText(/^Mot de passe/);
    await userEvent.type(password, 'court');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le compte administrateur' }));
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation) names the rule
    expect(password).toHaveAccessibleDescription(/10/);
    expect(screen.getByRole('textbox', { name: /^E-mail/ })).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('sends name, email, password and the page’s language, then opens the app signed in', async () => {
    let setupNeeded = true;
    const spy = stubFetch({
      'GET /setup': () => ({ ...NEW_INSTANCE, setup_needed: setupNeeded }),
      'POST /setup': () => {
        setupNeeded = false;
        return reply(201, { user: { ...ADMIN_ME, name: 'Alice Admin' } });
      },
    });
    const router = renderSetup();
    await userEvent.type(await screen.findByRole('textbox', { name: 'Nom' }), '  Alice Admin ');
    await userEvent.type(screen.getByRole('textbox', { name: /^E-mail/ }), 'alice@example.com ');
    await userEvent.type(screen.getByLabelText(/^Mot de passe/), 'Plume-Verte-Orage-42');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le compte administrateur' }));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(posts(spy)).toEqual([
      {
        url: '/api/v1/setup',
        body: {
          name: 'Alice Admin',
          email: 'alice@example.com',
          password: 'Plume-Verte-Orage-42',
          locale: 'fr',
        },
      },
    ]);
    expect(queryClient.getQueryData(['me'])).toMatchObject({ user_id: 1 });
  });

  it('is closed once an administrator exists: it sends to sign-in', async () => {
    stubFetch({ 'GET /setup': () => ({ ...NEW_INSTANCE, setup_needed: false }) });
    renderSetup();
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
  });
});
