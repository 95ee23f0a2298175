import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import {
  type Column,
  columnsStorageKey,
  defaultChoice,
  moveColumn,
  normalizeChoice,
  shownColumns,
  toggleColumn,
} from './columns.js';
import { RecordView } from './RecordList.js';

interface Row {
  id: number;
  name: string;
  city: string;
  zip: string;
  notes: string;
}

const COLUMNS: Column<Row>[] = [
  { key: 'name', label: 'Nom', fixed: true, sort: 'name', cell: (r) => r.name },
  { key: 'city', label: 'Ville', sort: 'city', cell: (r) => r.city },
  { key: 'zip', label: 'Code postal', cell: (r) => r.zip },
  { key: 'notes', label: 'Notes', optional: true, cell: (r) => r.notes },
];
const keys = (cols: Column<Row>[]) => cols.map((c) => c.key);

describe('a column choice', () => {
  it('by default shows the declared columns in order, the optional ones hidden', () => {
    const choice = defaultChoice(COLUMNS);
    expect(keys(shownColumns(COLUMNS, choice))).toEqual(['name', 'city', 'zip']);
  });

  it('hides, shows and moves columns; the fixed one stays first and cannot be hidden or passed', () => {
    let choice = defaultChoice(COLUMNS);
    choice = toggleColumn(choice, 'city', false);
    choice = toggleColumn(choice, 'notes', true);
    choice = moveColumn(COLUMNS, choice, 'notes', -1);
    expect(keys(shownColumns(COLUMNS, choice))).toEqual(['name', 'notes', 'zip']);
    // the first movable column cannot pass the fixed one
    choice = moveColumn(COLUMNS, choice, 'city', -1);
    expect(choice.order[0]).toBe('name');
    expect(moveColumn(COLUMNS, choice, 'name', 1)).toBe(choice);
    // a hand-edited choice hiding the fixed column is not obeyed
    expect(keys(shownColumns(COLUMNS, normalizeChoice(COLUMNS, { ...choice, hidden: ['name'] })))).toContain(
      'name',
    );
  });

  it('reads a saved choice against the columns declared now', () => {
    // a column gone from the code is dropped; one declared since takes its declared place
    const saved = { order: ['name', 'zip', 'gone', 'city', 'zip'], hidden: ['city', 'gone'] };
    const choice = normalizeChoice(COLUMNS, saved);
    expect(choice.order).toEqual(['name', 'zip', 'notes', 'city']);
    expect(choice.hidden).toEqual(['city', 'notes']);
    expect(keys(shownColumns(COLUMNS, choice))).toEqual(['name', 'zip']);
  });

  it('falls back to the default for anything unreadable', () => {
    for (const bad of [null, 'name', 42, { order: 'name' }, { order: [], hidden: 3 }])
      expect(normalizeChoice(COLUMNS, bad)).toEqual(defaultChoice(COLUMNS));
  });
});

const ROWS: Row[] = [{ id: 1, name: 'Hélène', city: 'Lyon', zip: '69001', notes: 'VIP' }];

function List() {
  return (
    <RecordView
      name="test-people"
      label="Personnes"
      rows={ROWS}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      sort="name"
      onSort={() => {}}
      card={(r) => ({ title: r.name, fields: [] })}
    />
  );
}

const headers = () => screen.getAllByRole('columnheader').map((th) => th.textContent);

describe('the column chooser', () => {
  beforeEach(async () => {
    await setLanguage('fr');
    localStorage.clear();
  });
  afterEach(() => localStorage.clear());

  it('hides and orders the table’s columns, and the choice outlives the page (per list)', async () => {
    const user = userEvent.setup();
    const view = renderWithProviders(<List />);
    expect(headers()).toEqual(['Nom', 'Ville', 'Code postal']);

    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    const chooser = await screen.findByRole('group', { name: 'Colonnes affichées', hidden: true });
    expect(
      within(chooser).getByRole('checkbox', { name: 'Nom (toujours affichée)', hidden: true }),
    ).toBeDisabled();
    await user.click(within(chooser).getByRole('checkbox', { name: 'Ville', hidden: true }));
    await user.click(within(chooser).getByRole('checkbox', { name: 'Notes', hidden: true }));
    expect(headers()).toEqual(['Nom', 'Code postal', 'Notes']);
    await user.click(within(chooser).getByRole('button', { name: 'Monter Notes', hidden: true }));
    expect(headers()).toEqual(['Nom', 'Notes', 'Code postal']);
    // the chooser lists the hidden columns in their places too
    expect(within(chooser).getAllByRole('checkbox', { hidden: true })).toHaveLength(4);
    expect(screen.getByRole('cell', { name: 'VIP' })).toBeVisible();
    expect(JSON.parse(localStorage.getItem(columnsStorageKey('test-people')) ?? 'null')).toMatchObject({
      hidden: ['city'],
    });

    // as after a reload: read on the first render
    view.unmount();
    renderWithProviders(<List />);
    expect(headers()).toEqual(['Nom', 'Notes', 'Code postal']);

    // and back to the default
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    await user.click(await screen.findByRole('button', { name: 'Colonnes par défaut', hidden: true }));
    expect(headers()).toEqual(['Nom', 'Ville', 'Code postal']);
    expect(localStorage.getItem(columnsStorageKey('test-people'))).toBeNull();
  });

  it('speaks English too', async () => {
    await setLanguage('en');
    const user = userEvent.setup();
    renderWithProviders(<List />);
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const chooser = await screen.findByRole('group', { name: 'Shown columns', hidden: true });
    expect(
      within(chooser).getByRole('button', { name: 'Move Code postal down', hidden: true }),
    ).toBeEnabled();
  });
});
