import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { Contact } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { reply, stubFetch } from '../tasks/stubFetch.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { LogInteractionForm } from './LogInteractionForm.js';

const HELENE: Contact = {
  ...blank('contacts'),
  contact_id: 21,
  first_name: 'Hélène',
  last_name: 'Dupré',
  email: 'helene@example.com',
  phone: null,
  company_id: 7,
  owner_id: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

const posts = (spy: ReturnType<typeof stubFetch>) =>
  spy.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init?.body)) }));

const created = ({ body }: { body: unknown }) => reply(201, { interaction_id: 1, ...(body as object) });

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('LogInteractionForm', () => {
  it('sends the type, the instant, trimmed notes, the contact and the opportunity; then is ready again', async () => {
    const spy = stubFetch({ 'POST /interactions': created });
    const before = Date.now();
    renderWithProviders(<LogInteractionForm contactId={21} opportunityId={12} />);
    const form = screen.getByRole('region', { name: 'Consigner un échange' });
    expect(screen.getByRole('radio', { name: 'Appel' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Rendez-vous' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Notes' }), '  Démonstration sur place ');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(posts(spy)).toHaveLength(1));
    const [{ url, body }] = posts(spy);
    expect(url).toBe('/api/v1/interactions');
    expect(body).toEqual({
      contact_id: 21,
      opportunity_id: 12,
      interaction_type: 'meeting',
      interaction_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      notes: 'Démonstration sur place',
    });
    // now, to the minute the picker shows
    const at = Date.parse(body.interaction_date);
    expect(at).toBeGreaterThan(before - 61_000);
    expect(at).toBeLessThanOrEqual(Date.now());
    // the notes are cleared, the type kept: several are often logged in a row
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Notes' })).toHaveValue(''));
    expect(screen.getByRole('radio', { name: 'Rendez-vous' })).toBeChecked();
    expect(form).toBeInTheDocument();
  });

  it('sends no notes as null, and no opportunity from a contact’s page', async () => {
    const spy = stubFetch({ 'POST /interactions': created });
    renderWithProviders(<LogInteractionForm contactId={21} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Notes' }), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(posts(spy)).toHaveLength(1));
    expect(posts(spy)[0].body).toMatchObject({
      contact_id: 21,
      opportunity_id: null,
      interaction_type: 'call',
      notes: null,
    });
  });

  it('on a company’s page, asks which of its contacts before sending, then sends that one', async () => {
    const searches: URLSearchParams[] = [];
    const spy = stubFetch({
      'GET /contacts': ({ url }) => {
        searches.push(url.searchParams);
        return { data: [HELENE], next_cursor: null };
      },
      'POST /interactions': created,
    });
    renderWithProviders(<LogInteractionForm companyId={7} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    const contact = screen.getByRole('combobox', { name: /^Contact/ });
    expect(contact).toHaveAttribute('aria-invalid', 'true');
    expect(contact).toHaveAccessibleDescription('Choisissez le contact.');
    expect(posts(spy)).toEqual([]);

    // the choices are the company's contacts
    await userEvent.click(contact);
    await waitFor(() => expect(searches.length).toBeGreaterThan(0));
    // under jsdom the dropdown never counts as visible (no layout); its options are there all the same
    await userEvent.click(await screen.findByRole('option', { name: 'Hélène Dupré', hidden: true }));
    expect(contact).toHaveValue('Hélène Dupré');
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.every((s) => s.get('company_id') === '7')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(posts(spy)).toHaveLength(1));
    expect(posts(spy)[0].body).toMatchObject({
      contact_id: 21,
      opportunity_id: null,
      interaction_type: 'call',
    });
  });

  it('puts the API’s field errors next to the fields they name', async () => {
    stubFetch({
      'POST /interactions': () =>
        reply(400, {
          type: '/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          errors: [{ field: 'notes', message: 'must be at most 65536 characters' }],
        }),
    });
    renderWithProviders(<LogInteractionForm contactId={21} />);
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    await userEvent.type(notes, 'Un compte rendu');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(notes).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation): it names the limit
    expect(notes).toHaveAccessibleDescription(/65\s?536/);
    // nothing is lost
    expect(notes).toHaveValue('Un compte rendu');
  });
});
