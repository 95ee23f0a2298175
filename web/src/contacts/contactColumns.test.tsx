import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useCompanyList } from '../companies/companyColumns.js';
import { setLanguage } from '../i18n/index.js';
import type { Column } from '../records/columns.js';
import { defaultChoice, shownColumns } from '../records/columns.js';
import { renderWithProviders } from '../test/render.js';
import { useContactList } from './contactColumns.js';

/** The columns a list hook declares, as its table gets them. */
function Columns({ hook }: { hook: () => { columns: Column<never>[] } }) {
  const { columns } = hook();
  const shown = shownColumns(columns, defaultChoice(columns)).map((c) => c.key);
  return (
    <ul>
      {columns.map((c) => (
        <li key={c.key} data-testid={c.key}>
          {[c.label, c.sort ?? '-', shown.includes(c.key) ? 'shown' : 'hidden'].join('|')}
        </li>
      ))}
    </ul>
  );
}

describe('the lists’ columns', () => {
  beforeEach(() => setLanguage('fr'));

  it('offer the contacts’ other declared fields, hidden until picked, sorted where the API sorts', async () => {
    renderWithProviders(<Columns hook={useContactList as never} />);
    expect((await screen.findByTestId('city')).textContent).toBe('Ville|city|hidden');
    expect(screen.getByTestId('job_title').textContent).toBe('Fonction|-|hidden');
    expect(screen.getByTestId('email').textContent).toMatch(/\|shown$/);
    // what the list shows in its own way is not offered twice
    expect(screen.queryByTestId('first_name')).toBeNull();
    expect(screen.queryAllByTestId('phone')).toHaveLength(1);
  });

  it('offer the companies’ too', async () => {
    renderWithProviders(<Columns hook={useCompanyList as never} />);
    expect((await screen.findByTestId('employees')).textContent).toBe('Effectif|employees|hidden');
    expect(screen.queryAllByTestId('website')).toHaveLength(1);
  });
});
