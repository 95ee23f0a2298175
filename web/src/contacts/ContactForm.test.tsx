import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import i18n from '../i18n/index.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { ContactForm } from './ContactForm.js';

const ME = {
  user_id: 1,
  email: 'admin@carnet.test',
  name: 'Alice Admin',
  role: 'admin',
  active: true,
  locale: 'fr',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

type Handler = (method: string, path: string, body: unknown) => { status: number; body?: unknown };

/** The network boundary: answers the app's requests as the API would. */
function stubApi(onWrite: Handler) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    let reply: { status: number; body?: unknown };
    if (method !== 'GET') reply = onWrite(method, path, body);
    else if (path === '/auth/me') reply = { status: 200, body: ME };
    else if (path.startsWith('/users')) reply = { status: 200, body: { data: [ME], next_cursor: null } };
    else reply = { status: 200, body: { data: [], next_cursor: null } };
    const type = reply.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': type },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const writes = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.filter(([, init]) => (init?.method ?? 'GET') !== 'GET');

beforeAll(async () => {
  await i18n.changeLanguage('fr');
});
beforeEach(() => queryClient.clear());
afterEach(() => vi.unstubAllGlobals());

describe('ContactForm', () => {
  it('asks for at least one of first name, last name and email, without calling the API', async () => {
    const fetchMock = stubApi(() => ({ status: 201, body: {} }));
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Téléphone'), '06 12 34 56 78');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const message = 'Indiquez au moins un prénom, un nom ou un e-mail.';
    for (const label of ['Prénom', 'Nom', 'E-mail']) {
      const field = screen.getByLabelText(label);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(message);
    }
    expect(writes(fetchMock)).toHaveLength(0);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows a duplicate email (409) next to the email field, with a link to the existing contact', async () => {
    const fetchMock = stubApi((method, path) =>
      method === 'POST' && path === '/contacts'
        ? {
            status: 409,
            body: {
              type: '/problems/duplicate',
              title: 'Duplicate email',
              status: 409,
              detail: 'A contact with the email helene@example.com already exists.',
              errors: [{ field: 'email', message: 'is already used by another contact' }],
              existing_id: 42,
            },
          }
        : { status: 500 },
    );
    renderWithProviders(<ContactForm onDone={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Prénom'), 'Hélène');
    await userEvent.type(screen.getByLabelText('E-mail'), 'HELENE@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const email = screen.getByLabelText('E-mail');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/Un autre contact a déjà cette adresse e-mail/);
    const errorId = email
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.includes('error'));
    const error = document.getElementById(errorId ?? '') as HTMLElement;
    expect(within(error).getByRole('link', { name: 'Voir ce contact' })).toHaveAttribute(
      'href',
      '/contacts/42',
    );
    // the other fields are fine
    expect(screen.getByLabelText('Prénom')).not.toHaveAttribute('aria-invalid', 'true');
    const [, init] = writes(fetchMock)[0];
    expect(JSON.parse(String(init?.body))).toMatchObject({
      first_name: 'Hélène',
      email: 'HELENE@example.com',
      owner_id: 1,
    });
  });

  it('puts the API’s validation errors (400) next to the fields they name', async () => {
    stubApi(() => ({
      status: 400,
      body: {
        type: '/problems/validation-error',
        title: 'Invalid request',
        status: 400,
        errors: [
          {
            field: 'last_name',
            code: 'too_long',
            message: 'must NOT have more than 50 characters',
            limit: 50,
          },
        ],
      },
    }));
    renderWithProviders(<ContactForm onDone={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Dupré-Lefèvre');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const last = screen.getByLabelText('Nom');
    await waitFor(() => expect(last).toHaveAccessibleDescription('Au plus 50 caractères.'));
    expect(screen.getByLabelText('E-mail')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('sends only the changed fields when editing', async () => {
    const fetchMock = stubApi((method, path, body) => ({
      status: 200,
      body: { ...CONTACT, ...(body as object), method, path },
    }));
    const onDone = vi.fn();
    renderWithProviders(<ContactForm contact={CONTACT} onDone={onDone} onCancel={() => {}} />);
    const phone = screen.getByLabelText('Téléphone');
    await userEvent.clear(phone);
    await userEvent.type(phone, '01 02 03 04 05');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [url, init] = writes(fetchMock)[0];
    expect(String(url)).toBe('/api/v1/contacts/7');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ phone: '01 02 03 04 05' });
  });

  it('adds a mobile and sends only the list of phones; a blank row is left out', async () => {
    const fetchMock = stubApi((method, path, body) => ({
      status: 200,
      body: { ...CONTACT, ...(body as object), method, path },
    }));
    const onDone = vi.fn();
    renderWithProviders(<ContactForm contact={CONTACT} onDone={onDone} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un téléphone' }));
    await userEvent.type(screen.getByLabelText('Autre téléphone 1'), '06 12 34 56 78');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un téléphone' }));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [, init] = writes(fetchMock)[0];
    expect(JSON.parse(String(init?.body))).toEqual({
      phones: [{ label: 'mobile', number: '06 12 34 56 78' }],
    });
  });

  it('shows an extra email another contact has (409) next to its row', async () => {
    stubApi(() => ({
      status: 409,
      body: {
        type: '/problems/duplicate',
        title: 'Duplicate email',
        status: 409,
        errors: [
          { field: 'emails.0.email', code: 'duplicate', message: 'is already used by another contact' },
        ],
        existing_id: 42,
      },
    }));
    renderWithProviders(<ContactForm contact={CONTACT} onDone={() => {}} onCancel={() => {}} />);
    // a blank first row: the API's first email is the form's second row
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un e-mail' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un e-mail' }));
    await userEvent.type(screen.getByLabelText('Autre e-mail 2'), 'taken@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const row = screen.getByLabelText('Autre e-mail 2');
    await waitFor(() => expect(row).toHaveAttribute('aria-invalid', 'true'));
    expect(row).toHaveAccessibleDescription(/Un autre contact a déjà cette adresse e-mail/);
    expect(screen.getByLabelText('E-mail')).not.toHaveAttribute('aria-invalid', 'true');
  });
});

const CONTACT = {
  ...blank('contacts'),
  contact_id: 7,
  first_name: 'Hélène',
  last_name: 'Dupré-Lefèvre',
  email: 'helene@example.com',
  phone: null,
  company_id: null,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};
