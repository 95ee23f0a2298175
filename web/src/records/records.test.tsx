import { TextInput } from '@mantine/core';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { CardList, RecordCard } from './CardList.js';
import { FilterPanel } from './FilterPanel.js';
import { SortSelect } from './SortSelect.js';
import { PHONE_QUERY } from './usePhone.js';

/** A screen `width` px wide, as far as media queries tell. */
function screenWidth(width: number) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({
        matches: query === PHONE_QUERY && width < 600,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  );
}

beforeEach(() => setLanguage('fr'));
afterEach(() => vi.restoreAllMocks());

/** A list's filters as a page wires them: one text filter, counted when set. */
function Filters() {
  const [city, setCity] = useState('');
  const [sort, setSort] = useState('name');
  return (
    <>
      <FilterPanel
        label="Filtres de la liste"
        search={<TextInput label="Rechercher" />}
        sort={<SortSelect sort={sort} onSort={setSort} fields={[{ field: 'name', label: 'Nom' }]} />}
        active={city ? 1 : 0}
        onClear={city ? () => setCity('') : undefined}
      >
        <TextInput label="Ville" value={city} onChange={(e) => setCity(e.currentTarget.value)} />
      </FilterPanel>
      <output aria-label="état">{`${city}|${sort}`}</output>
    </>
  );
}

describe('FilterPanel', () => {
  it('on a wide screen shows every filter in a row, and no sort (the column headers sort)', () => {
    screenWidth(1280);
    renderWithProviders(<Filters />);
    const search = screen.getByRole('search', { name: 'Filtres de la liste' });
    expect(within(search).getByRole('textbox', { name: 'Ville' })).toBeVisible();
    expect(within(search).getByRole('textbox', { name: 'Rechercher' })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Filtres/ })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Trier par' })).toBeNull();
  });

  it('on a phone folds the filters into a drawer whose button counts the active ones', async () => {
    screenWidth(390);
    const user = userEvent.setup();
    renderWithProviders(<Filters />);
    // the search stays in view, the other filters do not
    expect(screen.getByRole('textbox', { name: 'Rechercher' })).toBeVisible();
    expect(screen.queryByRole('textbox', { name: 'Ville' })).toBeNull();
    const button = screen.getByRole('button', { name: 'Filtres' });

    await user.click(button);
    const drawer = await screen.findByRole('dialog', { name: 'Filtres' });
    await user.type(within(drawer).getByRole('textbox', { name: 'Ville' }), 'Lyon');
    expect(screen.getByRole('status', { name: 'état' })).toHaveTextContent('Lyon|name');
    await user.click(within(drawer).getByRole('button', { name: 'Voir les résultats' }));
    expect(await screen.findByRole('button', { name: 'Filtres, 1 actif' })).toBeVisible();

    // the order is picked beside it, ascending or descending
    await user.selectOptions(screen.getByRole('combobox', { name: 'Trier par' }), 'Nom (décroissant)');
    expect(screen.getByRole('status', { name: 'état' })).toHaveTextContent('Lyon|-name');

    // clearing from the drawer
    await user.click(screen.getByRole('button', { name: 'Filtres, 1 actif' }));
    await user.click(await screen.findByRole('button', { name: 'Effacer les filtres' }));
    expect(screen.getByRole('status', { name: 'état' })).toHaveTextContent(/^\|-name$/);
  });

  it('speaks English too', async () => {
    screenWidth(390);
    await setLanguage('en');
    renderWithProviders(<Filters />);
    expect(screen.getByRole('button', { name: 'Filters' })).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Nom (ascending)');
  });
});

describe('SortSelect', () => {
  it('keeps an order no choice names (from a shared link) instead of replacing it', () => {
    renderWithProviders(
      <SortSelect
        sort="-updated_at"
        onSort={() => {}}
        fields={[{ field: 'last_name,first_name', label: 'Nom' }]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Trier par' });
    expect(select).toHaveDisplayValue('Ordre actuel');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['-updated_at', 'last_name,first_name', '-last_name,-first_name']);
  });
});

describe('RecordCard', () => {
  it('is a list item linking to the record, with its labelled fields, empty ones left out', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(
      <CardList label="Contacts">
        <RecordCard
          title="Hélène Dupré"
          to="/contacts/7"
          fields={[
            { label: 'Entreprise', value: 'Acmé' },
            { label: 'E-mail', value: null },
            { label: 'Téléphone', value: '' },
            { label: 'Montant', value: '98 765 432,10 €', nowrap: true },
          ]}
          selection={{ selected: false, onChange, label: 'Sélectionner Hélène Dupré' }}
        />
      </CardList>,
    );
    const list = screen.getByRole('list', { name: 'Contacts' });
    const item = within(list).getByRole('listitem');
    expect(within(item).getByRole('link', { name: 'Hélène Dupré' })).toHaveAttribute('href', '/contacts/7');
    expect(
      within(item)
        .getAllByRole('term')
        .map((t) => t.textContent),
    ).toEqual(['Entreprise', 'Montant']);
    expect(
      within(item)
        .getAllByRole('definition')
        .map((t) => t.textContent),
    ).toEqual(['Acmé', '98 765 432,10 €']);
    expect(within(item).getByText('98 765 432,10 €')).toHaveStyle({ whiteSpace: 'nowrap' });
    await user.click(within(item).getByRole('checkbox', { name: 'Sélectionner Hélène Dupré' }));
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
