import type { Page } from '@playwright/test';
import { ensureAdmin, expect, expectAccessible, signIn, test } from './fixtures.js';

// Issue 13: the user picks which columns a list shows and their order; the browser remembers it.
const STAMP = Date.now().toString(36);

test.beforeAll(async () => {
  await ensureAdmin();
});

/** The table's column headers, left to right (the select-all box's has no text). */
const headers = async (page: Page) =>
  (await page.getByRole('columnheader').allInnerTexts()).map((s) => s.trim()).filter(Boolean);

test('a hidden column stays hidden after a reload, in the order chosen, for that list only', async ({
  page,
}) => {
  await signIn(page);
  const origin = new URL(page.url()).origin;
  for (const [path, data] of [
    ['/contacts', { first_name: 'Colonne', last_name: STAMP, phone: '01 23 45 67 89' }],
    ['/companies', { company_name: `Colonnes ${STAMP}` }],
  ] as const) {
    const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin } });
    expect(res.status(), await res.text()).toBe(201);
  }

  await page.goto(`/contacts?q=${STAMP}`);
  await expect(page.getByRole('row')).toHaveCount(2);
  expect(await headers(page)).toEqual(['Nom', 'E-mail', 'Téléphone', 'Entreprise', 'Responsable', 'Créé le']);

  await page.getByRole('button', { name: 'Colonnes' }).click();
  const chooser = page.getByRole('group', { name: 'Colonnes affichées' });
  await expect(chooser.getByRole('checkbox', { name: 'Nom (toujours affichée)' })).toBeDisabled();
  await chooser.getByRole('checkbox', { name: 'Téléphone', exact: true }).uncheck();
  await chooser.getByRole('button', { name: 'Monter Responsable' }).click();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  const chosen = ['Nom', 'E-mail', 'Responsable', 'Entreprise', 'Créé le'];
  await expect.poll(() => headers(page)).toEqual(chosen);
  await expect(page.getByRole('cell', { name: '01 23 45 67 89' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('row')).toHaveCount(2);
  expect(await headers(page)).toEqual(chosen);

  // another list keeps its own columns
  await page.goto(`/companies?q=${STAMP}`);
  await expect(page.getByRole('columnheader', { name: 'Site web' })).toBeVisible();

  // and the default comes back on demand
  await page.goto(`/contacts?q=${STAMP}`);
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
  await expect.poll(() => headers(page)).toContain('Téléphone');
});
