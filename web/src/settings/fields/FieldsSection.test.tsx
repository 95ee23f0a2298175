import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../../App.js';
import { setLanguage } from '../../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../../tasks/stubFetch.js';
import { def } from '../../test/customFields.js';
import { renderWithProviders } from '../../test/render.js';
import FieldsSection from './FieldsSection.js';
import { keyFromLabel } from './fieldsApi.js';

const A = def({ key: 'segment', type: 'select', label: { fr: 'Segment', en: 'Segment' } });
const B = def({ key: 'renewal', type: 'date', label: { fr: 'Renouvellement', en: 'Renewal' } });
const C = def({ key: 'budget', type: 'money', label: { fr: 'Budget', en: 'Budget' } });

function api(extra: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    'GET /auth/me': () => ADMIN_ME,
    'GET /custom-fields': ({ url }) => ({
      data: url.searchParams.get('entity') === 'contacts' ? [A, B, C] : [],
    }),
    ...extra,
  });
}

const calls = (spy: ReturnType<typeof stubFetch>, method: string) =>
  spy.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') === method)
    .map(([url, init]) => ({
      url: String(url),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }));

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('keyFromLabel', () => {
  it('makes a snake_case key of a label, accents dropped, a letter first', () => {
    expect(keyFromLabel('Date de renouvellement')).toBe('date_de_renouvellement');
    expect(keyFromLabel('  Équipe « Île-de-France » ')).toBe('equipe_ile_de_france');
    expect(keyFromLabel('2e contact')).toBe('f_2e_contact');
    expect(keyFromLabel('x'.repeat(60))).toHaveLength(40);
  });
});

describe('Settings → Fields', () => {
  it('creates a select field: the key follows the label, options are added with their colours', async () => {
    const spy = api({ 'POST /custom-fields': ({ body }) => ({ ...A, ...(body as object), field_id: 99 }) });
    const user = userEvent.setup();
    renderWithProviders(<FieldsSection />);
    expect(await screen.findByRole('listitem', { name: 'Renouvellement' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Ajouter un champ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nouveau champ' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /Libellé \(français\)/ }),
      'Secteur d’activité',
    );
    await user.type(within(dialog).getByRole('textbox', { name: /Libellé \(anglais\)/ }), 'Industry');
    expect(within(dialog).getByRole('textbox', { name: /^Clé/ })).toHaveValue('secteur_d_activite');
    await user.click(within(dialog).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Liste de choix', hidden: true }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Libellé du choix 1' }), 'Industrie');
    // a choice left empty is refused before anything is sent
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByText('Ce champ est obligatoire.')).toBeVisible();
    await user.type(within(dialog).getByRole('textbox', { name: 'Libellé du choix 2' }), 'Services');
    await user.click(within(dialog).getByRole('button', { name: 'Retirer « Services »' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter un choix' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Libellé du choix 2' }), 'Commerce');
    await user.click(within(dialog).getByRole('button', { name: 'Monter « Commerce »' }));
    await user.click(within(dialog).getByRole('button', { name: /^Couleur de « Industrie »/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'vert', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls(spy, 'POST')).toHaveLength(1));
    const body = calls(spy, 'POST')[0]?.body;
    expect(body).toMatchObject({
      entity: 'contacts',
      key: 'secteur_d_activite',
      label: { fr: 'Secteur d’activité', en: 'Industry' },
      type: 'select',
      required: false,
      default: null,
    });
    expect(body.options.map((o: { label: string }) => o.label)).toEqual(['Commerce', 'Industrie']);
    expect(body.options[1].color).toBe('green');
    expect(body.options[0]).not.toHaveProperty('id');
  });

  it('shows the API’s refusal of a taken key next to the key', async () => {
    api({
      'POST /custom-fields': () =>
        reply(409, { type: '/problems/duplicate', title: 'Duplicate', status: 409 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<FieldsSection />);
    await user.click(await screen.findByRole('button', { name: 'Ajouter un champ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nouveau champ' });
    await user.type(within(dialog).getByRole('textbox', { name: /Libellé \(français\)/ }), 'Segment');
    await user.type(within(dialog).getByRole('textbox', { name: /Libellé \(anglais\)/ }), 'Segment');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByText('Un champ de ces fiches a déjà cette clé.')).toBeVisible();
  });

  it('reorders the fields and sends the whole order', async () => {
    const spy = api({ 'POST /custom-fields/reorder': () => reply(204) });
    const user = userEvent.setup();
    renderWithProviders(<FieldsSection />);
    const list = await screen.findByRole('list', { name: /Champs personnalisés/ });
    expect(within(list).getByRole('button', { name: 'Monter « Segment »' })).toBeDisabled();
    await user.click(within(list).getByRole('button', { name: 'Descendre « Segment »' }));
    await waitFor(() => expect(calls(spy, 'POST')).toHaveLength(1));
    expect(calls(spy, 'POST')[0]?.body).toEqual({
      entity: 'contacts',
      ids: [B.field_id, A.field_id, C.field_id],
    });
    // the handle drags with the mouse or the keyboard (Space, arrows, Space)
    expect(within(list).getByRole('button', { name: 'Déplacer « Budget »' })).toHaveAttribute(
      'aria-roledescription',
      'sortable',
    );
  });

  it('deletes a field once its key is typed, after saying how many records hold a value', async () => {
    const spy = api({
      [`DELETE /custom-fields/${B.field_id}`]: ({ url }) =>
        url.searchParams.get('confirm') === 'renewal'
          ? reply(204)
          : reply(409, {
              type: '/problems/conflict',
              title: 'Confirmation required',
              status: 409,
              code: 'confirmation_required',
              count: 3,
            }),
    });
    const user = userEvent.setup();
    renderWithProviders(<FieldsSection />);
    await user.click(await screen.findByRole('button', { name: 'Supprimer « Renouvellement »' }));
    const dialog = await screen.findByRole('dialog', { name: 'Supprimer le champ « Renouvellement »' });
    expect(await within(dialog).findByText(/3 fiches ont une valeur/)).toBeVisible();
    const confirm = within(dialog).getByRole('button', { name: 'Supprimer' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Clé du champ' }), 'renewa');
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Clé du champ' }), 'l');
    await user.click(confirm);
    await waitFor(() => expect(calls(spy, 'DELETE')).toHaveLength(2));
    expect(calls(spy, 'DELETE')[1]?.url).toBe(`/api/v1/custom-fields/${B.field_id}?confirm=renewal`);
  });
});
