import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PHONE_MAX } from '../../../shared/phone.js';
import { CompanyWrite, ContactWrite } from '../../../shared/resources.js';
import { CompanyForm } from '../companies/CompanyForm.js';
import { ContactForm } from '../contacts/ContactForm.js';
import i18n from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { fieldProblem, fromFieldText, limits, specOf, toFieldText } from './declared.js';
import { declaredColumns } from './declaredColumns.js';

beforeAll(async () => {
  await i18n.changeLanguage('fr');
});
afterEach(() => vi.unstubAllGlobals());

/** the API's own schema of a field, as the server validates and documents it */
const apiSchema = (write: { properties: Record<string, unknown> }, field: string) => {
  const s = write.properties[field] as { anyOf?: Record<string, unknown>[] } & Record<string, unknown>;
  return s.anyOf ? s.anyOf[0] : s;
};

describe('declared fields: the forms take their limits from the API schema', () => {
  it.each([
    ['contacts', 'first_name'],
    ['contacts', 'email'],
    ['contacts', 'phone'],
    ['contacts', 'job_title'],
    ['contacts', 'street'],
    ['contacts', 'postal_code'],
    ['contacts', 'linkedin_url'],
    ['companies', 'company_name'],
    ['companies', 'domain'],
  ] as const)('%s.%s: maxLength as in the API', (resource, field) => {
    const write = resource === 'contacts' ? ContactWrite.create : CompanyWrite.create;
    const expected = apiSchema(write as never, field).maxLength;
    expect(expected).toBeTypeOf('number');
    expect(limits(resource, field).maxLength).toBe(expected);
  });

  it('numbers: the employees from 0, the revenue up to 13 digits', () => {
    expect(limits('companies', 'employees')).toMatchObject({ minimum: 0, maximum: 2_147_483_647 });
    expect(limits('companies', 'annual_revenue')).toMatchObject({
      minimum: 0,
      maximum: 9_999_999_999_999.99,
    });
  });

  it('says what is wrong in the user’s language, as the API would refuse it', () => {
    expect(fieldProblem('contacts', 'job_title', 'x'.repeat(101), 'fr')).toBe('Au plus 100 caractères.');
    expect(fieldProblem('contacts', 'job_title', 'x'.repeat(100), 'fr')).toBeNull();
    expect(fieldProblem('contacts', 'email', 'not-an-email', 'fr')).toMatch(/adresse/i);
    expect(fieldProblem('contacts', 'birthday', '2023-02-29', 'fr')).toMatch(/date/i);
    expect(fieldProblem('contacts', 'birthday', '2024-02-29', 'fr')).toBeNull();
    expect(fieldProblem('contacts', 'phone', '06\u000712', 'fr')).not.toBeNull();
    expect(fieldProblem('companies', 'employees', '-3', 'fr')).toMatch(/0/);
    expect(fieldProblem('companies', 'employees', '2,5', 'fr')).not.toBeNull();
    expect(fieldProblem('companies', 'annual_revenue', '12 500,505', 'fr')).not.toBeNull();
    expect(fieldProblem('companies', 'annual_revenue', '99 999 999 999 999', 'fr')).not.toBeNull();
    expect(fieldProblem('companies', 'annual_revenue', '9 999 999 999 999,99', 'fr')).toBeNull();
    // what the form tidies before sending is checked tidied: "acme.fr/contact" is the domain acme.fr
    expect(fieldProblem('companies', 'domain', 'https://www.acme.fr/contact', 'fr')).toBeNull();
    expect(fieldProblem('companies', 'domain', 'acme', 'fr')).not.toBeNull();
    expect(fieldProblem('contacts', 'linkedin_url', 'linkedin.com/in/x', 'fr')).toBeNull();
  });

  it('sends what the API takes: numbers, exact amounts, tidied addresses, null for blanks', () => {
    expect(fromFieldText(specOf('companies', 'annual_revenue'), '1 234 567,5', 'fr')).toBe(1234567.5);
    expect(fromFieldText(specOf('companies', 'employees'), ' 250 ', 'fr')).toBe(250);
    expect(fromFieldText(specOf('companies', 'domain'), 'HTTPS://WWW.Acme.FR/a?b', 'fr')).toBe('acme.fr');
    expect(fromFieldText(specOf('contacts', 'linkedin_url'), 'linkedin.com/in/x', 'fr')).toBe(
      'https://linkedin.com/in/x',
    );
    expect(fromFieldText(specOf('contacts', 'city'), '   ', 'fr')).toBeNull();
    expect(toFieldText(specOf('companies', 'annual_revenue'), 1234567.5, 'fr')).toBe('1 234 567,50');
  });
});

function stubApi() {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const body =
      (init?.method ?? 'GET') !== 'GET'
        ? { contact_id: 1, company_id: 1 }
        : path.includes('/auth/me')
          ? { user_id: 1, email: 'a@b.fr', name: 'A', role: 'admin', active: true, locale: 'fr' }
          : { data: [], next_cursor: null };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the forms’ inputs', () => {
  it('the contact form limits each input by its declaration and checks before sending', async () => {
    const fetchMock = stubApi();
    renderWithProviders(<ContactForm onDone={() => {}} onCancel={() => {}} />);
    expect(screen.getByLabelText('Fonction')).toHaveAttribute('maxlength', '100');
    expect(screen.getByLabelText('Code postal')).toHaveAttribute('maxlength', '20');
    expect(screen.getByLabelText('Téléphone')).toHaveAttribute('maxlength', String(PHONE_MAX));
    await userEvent.type(screen.getByLabelText('Nom'), 'Dupré');
    await userEvent.type(screen.getByLabelText('Profil LinkedIn'), 'mon profil');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Le format de cette valeur n’est pas valide.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([]);
  });

  it('the company form refuses a negative headcount without calling the API', async () => {
    const fetchMock = stubApi();
    renderWithProviders(<CompanyForm onDone={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByRole('textbox', { name: /^Nom/ }), 'Acme');
    await userEvent.type(screen.getByLabelText('Effectif'), '-4');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('La valeur minimale est 0.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([]);
  });
});

describe('declaredColumns', () => {
  it('offers the standard fields as optional columns, sorting where the API sorts', () => {
    const columns = declaredColumns('companies', ['city', 'employees', 'annual_revenue', 'domain']);
    expect(columns.map((c) => [c.key, c.label, c.sort, c.optional, c.align])).toEqual([
      ['city', 'Ville', 'city', true, undefined],
      ['employees', 'Effectif', 'employees', true, 'right'],
      ['annual_revenue', "Chiffre d'affaires annuel", undefined, true, 'right'],
      ['domain', 'Domaine', undefined, true, undefined],
    ]);
  });
});
