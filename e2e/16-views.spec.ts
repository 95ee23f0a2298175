import type { Page } from '@playwright/test';
import { createMember, expect, expectAccessible, MEMBER_PASSWORD, signIn, test } from './fixtures.js';

// Issue 13: a list's filters, sort and columns saved under a name, personal or shared by a
// manager with the team; `?view=<id>` in the URL opens it.
const STAMP = Date.now().toString(36);

/** The table's column headers, left to right (the select-all box's has no text). */
const headers = async (page: Page) =>
  (await page.getByRole('columnheader').allInnerTexts()).map((s) => s.trim()).filter(Boolean);

const origin = () => new URL(test.info().project.use.baseURL as string).origin;

async function apiPost(page: Page, path: string, data: unknown) {
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin: origin() } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test.setTimeout(120_000);

test('a manager saves a shared view with a filter and a hidden column; ?view= reopens it; a sales user sees it', async ({
  page,
}) => {
  const sam = await createMember(page, 'sales', 'Sam Vues');
  const marie = await createMember(page, 'manager', 'Marie Vues');
  // the admin is signed in here (createMember): the records the views will show
  const company = await apiPost(page, '/companies', { company_name: `Vues ${STAMP}` });
  await apiPost(page, '/contacts', {
    first_name: 'Dans',
    last_name: `Vue ${STAMP}`,
    phone: '01 23 45 67 89',
    company_id: company.company_id,
  });
  await apiPost(page, '/contacts', { first_name: 'Hors', last_name: `Vue ${STAMP}` });

  await page.context().clearCookies();
  await signIn(page, marie.email, MEMBER_PASSWORD);
  await page.goto(`/contacts?q=${STAMP}&company_id=${company.company_id}`);
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page
    .getByRole('group', { name: 'Colonnes affichées' })
    .getByRole('checkbox', { name: 'Téléphone', exact: true })
    .uncheck();
  await page.keyboard.press('Escape');
  const chosen = ['Nom', 'E-mail', 'Entreprise', 'Responsable', 'Créé le'];
  await expect.poll(() => headers(page)).toEqual(chosen);

  // saved, shared with the team
  const name = `Équipe ${STAMP}`;
  await page.getByRole('button', { name: 'Vues' }).click();
  await page.getByRole('menuitem', { name: 'Enregistrer la vue…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer la liste comme vue' });
  await dialog.getByRole('textbox', { name: 'Nom de la vue' }).fill(name);
  await dialog.getByRole('switch', { name: /Partager avec l’équipe/ }).check();
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/[?&]view=\d+/);
  const id = new URL(page.url()).searchParams.get('view');

  // the default list, then the view's link: its filter and its columns come back
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
  await page.goto('/contacts');
  await expect.poll(() => headers(page)).toContain('Téléphone');
  await page.goto(`/contacts?view=${id}`);
  await expect(page.getByRole('button', { name: `Vue : ${name}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`company_id=${company.company_id}`));
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: /Dans/ })).toBeVisible();
  await expect.poll(() => headers(page)).toEqual(chosen);

  // a sales user finds it among their views, marked shared, and may not change it
  await page.evaluate(() => localStorage.clear());
  await page.context().clearCookies();
  await signIn(page, sam.email, MEMBER_PASSWORD);
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'Vues' }).click();
  await expect(page.getByRole('menuitem', { name: /Renommer|Supprimer/ })).toHaveCount(0);
  await page.getByRole('menuitem', { name: `${name} (partagée avec l’équipe)` }).click();
  await expect(page).toHaveURL(new RegExp(`view=${id}`));
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect.poll(() => headers(page)).toEqual(chosen);
  await page.getByRole('button', { name: `Vue : ${name}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Enregistrer la vue…' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Renommer|Supprimer/ })).toHaveCount(0);
});
