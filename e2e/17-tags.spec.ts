import type { Page } from '@playwright/test';
import { ensureAdmin, expect, expectAccessible, signIn, test } from './fixtures.js';

// Issue 13: tags. Contacts ticked in the list get a tag in bulk; the list filtered by it shows
// them with their chips; Settings → Tags recolours it.
const STAMP = `tg${Date.now().toString(36)}`;

test.beforeAll(async () => {
  await ensureAdmin();
});

test.setTimeout(120_000);

async function apiPost(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test('tick contacts, add a tag in bulk, filter the list by it, see the chips', async ({ page }) => {
  await signIn(page);
  for (const first of ['Ada', 'Alan', 'Grace'])
    await apiPost(page, '/contacts', { first_name: first, last_name: `Étiquette ${STAMP}` });
  const tag = `Salon ${STAMP}`;

  await page.goto(`/contacts?q=${STAMP}`);
  // the first load of the list's page on a busy machine
  await expect(page.getByRole('row')).toHaveCount(4, { timeout: 30_000 });
  await page.getByRole('checkbox', { name: /Ada/ }).check();
  await page.getByRole('checkbox', { name: /Alan/ }).check();
  await page.getByRole('button', { name: 'Ajouter une étiquette' }).click();
  const dialog = page.getByRole('dialog');
  const input = dialog.getByRole('combobox', { name: 'Étiquettes' });
  await input.fill(tag);
  await input.press('Enter');
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('2 fiches modifiées')).toBeVisible();

  // the filter panel's tag filter: only the two tagged contacts
  await page.getByRole('search').getByRole('combobox', { name: 'Étiquettes' }).click();
  await page.getByRole('option', { name: tag }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`[?&]tag=${encodeURIComponent(tag).replace(/%20/g, '(%20|\\+)')}`));
  await expect(page.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('row', { name: /Grace/ })).toHaveCount(0);

  // the chips: in the "Étiquettes" column once picked, and on the contact's page
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page
    .getByRole('group', { name: 'Colonnes affichées' })
    .getByRole('checkbox', { name: 'Étiquettes' })
    .check();
  await page.keyboard.press('Escape');
  const chips = page.getByTestId('tag-chips');
  await expect(chips).toHaveCount(2);
  await expect(chips.first()).toContainText(tag);
  await page.getByRole('link', { name: `Ada Étiquette ${STAMP}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ada Étiquette ${STAMP}` })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByTestId('tag-chips')).toContainText(tag);

  // Settings → Tags lists it with its use
  await page.goto('/settings/tags');
  await expect(
    page.getByRole('textbox', { name: 'Renommer' }).and(page.locator(`[value="${tag}"]`)),
  ).toBeVisible();
  await expect(page.getByText('2 contacts, 0 entreprises, 0 affaires')).toBeVisible();
  await expectAccessible(page);
});
