import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, stubFetch } from '../tasks/stubFetch.js';
import { def, segmentField } from '../test/customFields.js';
import { renderWithProviders } from '../test/render.js';
import { MappingTable } from './JobViews.js';

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

function setup(me: object = ADMIN_ME, headers = ['Email', 'Segment', 'Taille']) {
  const created: unknown[] = [];
  const spy = stubFetch({
    'GET /auth/me': () => me,
    'GET /custom-fields': () => ({ data: [segmentField()] }),
    'POST /custom-fields': ({ body }) => {
      created.push(body);
      return def({ key: 'taille', type: 'text', label: { fr: 'Taille', en: 'Taille' } });
    },
  });
  const onChange = vi.fn();
  renderWithProviders(
    <MappingTable
      entity="contacts"
      mapping={{ Email: 'email', Segment: null, Taille: null }}
      headers={headers}
      disabled={false}
      onChange={onChange}
    />,
  );
  return { spy, onChange, created };
}

it('offers the custom fields as targets of a column', async () => {
  const { onChange } = setup(ADMIN_ME, ['Segment']);
  await userEvent.click(screen.getAllByLabelText('Champ pour la colonne « Segment »')[0]);
  await userEvent.click(await screen.findByRole('option', { name: 'Segment', hidden: true }));
  expect(onChange).toHaveBeenCalledWith('Segment', 'cf.segment');
});

it('lets an admin make a custom field from a column, then maps the column to it', async () => {
  const { onChange, created } = setup();
  const buttons = await screen.findAllByRole('button', { name: 'Créer un champ' });
  expect(buttons).toHaveLength(2); // the unmapped columns only
  await userEvent.click(buttons[1]);
  const label = await screen.findByRole('textbox', { name: /Libellé \(français\)|Libellé.*fr/i });
  expect(label).toHaveValue('Taille');
  const dialog = screen.getByRole('dialog');
  const buttonsInDialog = within(dialog).getAllByRole('button');
  await userEvent.click(buttonsInDialog.filter((b) => b.getAttribute('type') === 'submit')[0]);
  await waitFor(() => expect(onChange).toHaveBeenCalledWith('Taille', 'cf.taille'));
  expect(created[0]).toMatchObject({ entity: 'contacts', key: 'taille', type: 'text' });
});

it('offers no field creation to others than admins', async () => {
  setup({ ...ADMIN_ME, role: 'sales' });
  await screen.findAllByLabelText('Champ pour la colonne « Segment »');
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Créer un champ' })).toBeNull());
});
