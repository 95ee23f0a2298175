import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { ContactForm } from '../contacts/ContactForm.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { def, segmentField } from '../test/customFields.js';
import { blank } from '../test/records.js';
import { renderWithProviders } from '../test/render.js';
import { cfBody, cfProblem, fromFormValue, toFormValue } from './customFields.js';

const SEGMENT = segmentField();
const BUDGET = def({ key: 'budget', type: 'money', label: { fr: 'Budget', en: 'Budget' } });
const SEATS = def({ key: 'seats', type: 'number', label: { fr: 'Postes', en: 'Seats' } });
const RENEWAL = def({ key: 'renewal', type: 'date', label: { fr: 'Renouvellement', en: 'Renewal' } });

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('custom values in a form', () => {
  it('reads money in the language’s notation, and refuses what it cannot read', () => {
    expect(fromFormValue(BUDGET, '12 500,50', 'fr')).toBe(12500.5);
    expect(fromFormValue(BUDGET, '12,500.50', 'en')).toBe(12500.5);
    expect(toFormValue(BUDGET, 12500.5, 'fr')).toMatch(/^12\s500,50$/);
    expect(toFormValue(BUDGET, 12500.5, 'en')).toBe('12,500.50');
    expect(cfProblem(BUDGET, '12,5,0', 'fr')).toMatch(/Montant illisible/);
    expect(cfProblem(BUDGET, '1.5.5', 'en')).not.toBeNull();
    expect(cfProblem(BUDGET, '12,555', 'fr')).toMatch(/ambigu/i);
    expect(cfProblem(BUDGET, '99 999 999 999 999', 'fr')).toMatch(/^Au plus/);
  });

  it('reads numbers in the language’s notation and checks them with the contract', () => {
    expect(fromFormValue(SEATS, '1 234,5', 'fr')).toBe(1234.5);
    expect(fromFormValue(SEATS, '1,234.5', 'en')).toBe(1234.5);
    expect(toFormValue(SEATS, 3.5, 'fr')).toBe('3,5');
    expect(cfProblem(SEATS, 'douze', 'fr')).not.toBeNull();
    expect(cfProblem(SEATS, '0,1234567', 'fr')).not.toBeNull();
    expect(cfProblem(SEATS, '', 'fr')).toBeNull();
    expect(cfProblem({ ...SEATS, required: true }, '', 'fr')).toBe('Ce champ est obligatoire.');
  });

  it('checks each type: dates, e-mails, addresses, phones, choices', () => {
    expect(cfProblem(RENEWAL, '2026-02-30', 'fr')).not.toBeNull();
    expect(cfProblem(RENEWAL, '2026-02-28', 'fr')).toBeNull();
    expect(cfProblem(def({ key: 'm', type: 'email' }), 'pas une adresse', 'fr')).not.toBeNull();
    expect(cfProblem(def({ key: 'u', type: 'url' }), 'javascript:alert(1)', 'fr')).not.toBeNull();
    expect(cfProblem(def({ key: 'u', type: 'url' }), 'https://carnet.example', 'fr')).toBeNull();
    expect(cfProblem(def({ key: 'p', type: 'phone' }), '06 12 34 56 78', 'fr')).toBeNull();
    expect(cfProblem(def({ key: 't', type: 'text' }), 'x'.repeat(256), 'fr')).not.toBeNull();
    expect(cfProblem(SEGMENT, 'Inconnu', 'fr')).not.toBeNull();
    expect(cfProblem(SEGMENT, 'pme', 'fr')).toBeNull();
    const tags = def({ key: 'tags', type: 'multi_select', options: SEGMENT.options });
    expect(fromFormValue(tags, [], 'fr')).toBeNull();
    expect(cfProblem(tags, ['PME', 'Autre'], 'fr')).not.toBeNull();
    const vip = def({ key: 'vip', type: 'boolean' });
    expect(fromFormValue(vip, null, 'fr')).toBeNull();
    expect(fromFormValue(vip, false, 'fr')).toBe(false);
    expect(fromFormValue(def({ key: 'who', type: 'user' }), '7', 'fr')).toBe(7);
  });

  it('a date-time is shown in local time and sent in UTC; unchanged, it is not sent again', () => {
    const at = def({ key: 'at', type: 'datetime' });
    const shown = toFormValue(at, '2026-03-01T09:30:00.000Z', 'fr') as string;
    expect(shown).toMatch(/^2026-03-0\dT\d\d:30$/);
    expect(fromFormValue(at, shown, 'fr')).toBe('2026-03-01T09:30:00.000Z');
    expect(cfBody([at], { at: shown }, { at: '2026-03-01T09:30:00Z' }, 'fr')).toBeUndefined();
  });

  it('an edit sends only the changed keys (null clears one); a new record its values', () => {
    const before = { segment: 'PME', budget: 100, seats: null };
    const values = { segment: 'PME', budget: '', seats: '3' };
    expect(cfBody([SEGMENT, BUDGET, SEATS], values, before, 'fr')).toEqual({ budget: null, seats: 3 });
    expect(cfBody([SEGMENT, BUDGET, SEATS], values, undefined, 'fr')).toEqual({ segment: 'PME', seats: 3 });
    expect(cfBody([SEGMENT], { segment: 'PME' }, before, 'fr')).toBeUndefined();
  });
});

describe('the contact form’s custom fields', () => {
  function api(onWrite: (body: Record<string, unknown>) => unknown) {
    return stubFetch({
      'GET /auth/me': () => ADMIN_ME,
      'GET /users': () => ({ data: [ADMIN_ME], next_cursor: null }),
      'GET /custom-fields': ({ url }) => {
        expect(url.searchParams.get('entity')).toBe('contacts');
        return { data: [SEGMENT, BUDGET, RENEWAL] };
      },
      'POST /contacts': ({ body }) => onWrite(body as Record<string, unknown>),
      'PATCH /contacts/5': ({ body }) => onWrite(body as Record<string, unknown>),
    });
  }

  it('fills them, with the defaults of a new record, and sends them in custom_fields', async () => {
    SEGMENT.default = 'Grand compte';
    const sent = vi.fn((body: Record<string, unknown>) => ({ ...blank('contacts'), contact_id: 5, ...body }));
    api(sent);
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} onCancel={() => {}} />);
    const group = await screen.findByRole('group', { name: 'Champs personnalisés' });
    expect(within(group).getByLabelText('Segment')).toHaveValue('Grand compte');
    await userEvent.type(screen.getByRole('textbox', { name: 'Nom' }), 'Dupré');
    await userEvent.type(within(group).getByRole('textbox', { name: 'Budget' }), '12 500,5');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent.mock.calls[0]?.[0].custom_fields).toEqual({ segment: 'Grand compte', budget: 12500.5 });
    SEGMENT.default = null;
  });

  it('shows its own check and the API’s errors next to the field, and sends only what changed', async () => {
    const sent = vi.fn((_body: Record<string, unknown>) =>
      reply(400, {
        type: '/problems/validation-error',
        title: 'Invalid',
        status: 400,
        errors: [{ field: 'custom_fields.renewal', code: 'invalid_date', message: 'must be a real date' }],
      }),
    );
    api(sent);
    const contact = {
      ...blank('contacts'),
      contact_id: 5,
      last_name: 'Dupré',
      owner_id: 1,
      custom_fields: { segment: 'PME', budget: 100, renewal: '2027-03-01' },
    };
    renderWithProviders(<ContactForm contact={contact} onDone={() => {}} onCancel={() => {}} />);
    const group = await screen.findByRole('group', { name: 'Champs personnalisés' });
    const budget = within(group).getByRole('textbox', { name: 'Budget' });
    expect(budget).toHaveValue('100');
    await userEvent.clear(budget);
    await userEvent.type(budget, '12,5,0');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await within(group).findByText(/Montant illisible/)).toBeVisible();
    expect(sent).not.toHaveBeenCalled();

    await userEvent.clear(budget);
    await userEvent.type(budget, '250');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(sent.mock.calls[0]?.[0]).toEqual({ custom_fields: { budget: 250 } });
    expect(await within(group).findByText('Indiquez une date qui existe.')).toBeVisible();
  });
});
