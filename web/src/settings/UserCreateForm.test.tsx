import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { UserCreateForm } from './UserCreateForm.js';

const posts = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([url, init]) => ({
      url: String(url),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

const problem = (status: number, errors: { field: string; message: string }[], extra = {}) =>
  reply(status, { type: '/problems/validation-error', title: 'Invalid request', status, errors, ...extra });

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('UserCreateForm', () => {
  it('asks for the email and the initial password before sending anything', async () => {
    const spy = stubFetch({});
    const onDone = vi.fn();
    renderWithProviders(<UserCreateForm onDone={onDone} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Nom' }), 'Bruno');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    const email = screen.getByRole('textbox', { name: /^E-mail/ });
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Ce champ est obligatoire.');
    const password = screen.getByLabelText(/^Mot de passe initial/);
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/Ce champ est obligatoire\./);
    expect(screen.getByRole('textbox', { name: 'Nom' })).not.toHaveAttribute('aria-invalid', 'true');
    expect(posts(spy)).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends the person with a role (sales by default), the password and the admin’s language', async () => {
    const spy = stubFetch({
      'POST /users': ({ body }) => reply(201, { ...ADMIN_ME, ...(body as object), user_id: 5 }),
    });
    const onDone = vi.fn();
    renderWithProviders(<UserCreateForm onDone={onDone} />);
    const role = screen.getByRole('combobox', { name: /^Rôle/ });
    expect(role).toHaveValue('Commercial');
    await userEvent.type(screen.getByRole('textbox', { name: /^E-mail/ }), ' bruno@example.com ');
    await userEvent.click(role);
    await userEvent.click(await screen.findByRole('option', { name: 'Manager', hidden: true }));
    await userEvent.type(screen.getByLabelText(/^Mot de passe initial/), 'Plume-Verte-Orage-42');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(posts(spy)).toEqual([
      {
        url: '/api/v1/users',
        body: {
          email: 'bruno@example.com',
          name: null,
          role: 'manager',
          password: 'Plume-Verte-Orage-42',
          locale: 'fr',
        },
      },
    ]);
  });

  it('shows the password rules and a taken email next to their fields', async () => {
    let answer = problem(400, [{ field: 'password', message: 'must have at least 10 characters' }]);
    stubFetch({ 'POST /users': () => answer });
    const onDone = vi.fn();
    renderWithProviders(<UserCreateForm onDone={onDone} />);
    const email = screen.getByRole('textbox', { name: /^E-mail/ });
    const password = screen.getByLabelText(/^Mot de passe initial/);
    await userEvent.type(email, 'bruno@example.com');
    await userEvent.type(password, 'court');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation) names the rule
    expect(password).toHaveAccessibleDescription(/10/);
    expect(email).not.toHaveAttribute('aria-invalid', 'true');

    answer = problem(409, [{ field: 'email', message: 'is already used by user 3' }], {
      type: '/problems/duplicate',
      existing_id: 3,
    });
    await userEvent.clear(password);
    await userEvent.type(password, 'Plume-Verte-Orage-42');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/\S/);
    expect(password).not.toHaveAttribute('aria-invalid', 'true');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('invites instead: no password sent, then the invitation; the link comes back to be shown when not mailed', async () => {
    const spy = stubFetch({
      'POST /users': ({ body }) => reply(201, { ...ADMIN_ME, ...(body as object), user_id: 6 }),
      'POST /users/6/invitation': () =>
        reply(201, {
          sent: false,
          link: 'http://crm.test/invitation?token=t0k',
          expires_at: '2026-12-13T00:00:00Z',
        }),
    });
    const onDone = vi.fn();
    renderWithProviders(<UserCreateForm onDone={onDone} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^E-mail/ }), 'chloe@example.com');
    await userEvent.click(screen.getByRole('radio', { name: 'Envoyer une invitation' }));
    expect(screen.queryByLabelText(/^Mot de passe initial/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith({
        purpose: 'invite',
        email: 'chloe@example.com',
        link: 'http://crm.test/invitation?token=t0k',
      }),
    );
    expect(posts(spy).map((p) => p.url)).toEqual(['/api/v1/users', '/api/v1/users/6/invitation']);
    expect(posts(spy)[0].body).not.toHaveProperty('password');
  });
});
