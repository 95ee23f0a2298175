import type { Page } from '@playwright/test';
import { ADMIN, expect, expectAccessible, signIn, snap, test } from './fixtures.js';

const origin = () => new URL(test.info().project.use.baseURL as string).origin;

// The language is saved on the user: whatever happens in the English part, put French back so that
// the specs after this one find the app as they expect.
test.afterAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  await request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin: origin() } });
  await request.dispose();
});

async function switchLanguage(page: Page, to: 'English' | 'Français') {
  await page.getByRole('button', { name: /Menu utilisateur|User menu/ }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await expect(page.getByRole('menu')).toBeHidden();
}

/** Ctrl-K, the words typed, and the hit that must come up. */
async function search(page: Page, words: string, placeholder: RegExp) {
  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: placeholder });
  await expect(box).toBeFocused();
  await box.fill(words);
  const hit = page.getByRole('option', { name: /Hélène Ébrard-Ñúñez/ });
  await expect(hit).toBeVisible();
  return hit;
}

test('Ctrl-K finds an accented name typed without accents, and opens it', async ({ page }) => {
  await signIn(page);
  // a contact of its own, so the spec also runs alone
  const created = await page.context().request.post('/api/v1/contacts', {
    data: {
      first_name: 'Hélène',
      last_name: 'Ébrard-Ñúñez',
      email: `helene.ebrard.${Date.now()}@carnet.test`,
    },
    headers: { origin: origin() },
  });
  expect(created.status()).toBe(201);
  const { contact_id } = await created.json();

  await page.goto('/');
  await expect(page.getByRole('navigation')).toBeVisible();
  await search(page, 'helene ebrard nun', /Rechercher un contact/);
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'search-fr');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // the same search in English
  await switchLanguage(page, 'English');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Companies' })).toBeVisible();
  await search(page, 'helene ebrard nun', /Search contacts/);
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'search-en');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await switchLanguage(page, 'Français');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Entreprises' })).toBeVisible();

  const hit = await search(page, 'helene ebrard nun', /Rechercher un contact/);
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${contact_id}$`));
});

/** Creates a record through the API (as the signed-in admin) and returns its ID. */
async function create(page: Page, resource: 'contacts' | 'companies', data: Record<string, unknown>) {
  const res = await page.context().request.post(`/api/v1/${resource}`, {
    data,
    headers: { origin: origin() },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  return (body.contact_id ?? body.company_id) as number;
}

/** The texts of the options on screen, once the list has settled on the hits of what is typed. */
async function optionTexts(page: Page) {
  const list = page.getByRole('listbox');
  await expect(list).toHaveAttribute('aria-busy', 'false');
  return list.getByRole('option').allTextContents();
}

const LEFEVRES = ['Jean', 'Marie', 'Luc', 'Claire', 'Hugo', 'Inès', 'Noé'];
const BAKERS = ['Paul Martin', 'Sophie Bernard', 'Louis Petit', 'Emma Durand', 'Jules Moreau'];

test('Ctrl-K ranks the people named Lefèvre before the staff of "Boulangerie Lefèvre & Fils", and a company before its employees', async ({
  page,
}) => {
  const stamp = Date.now();
  await signIn(page);
  // the bakery and its staff first, then the Lefèvre family: a search ranks each record by its own
  // name, so the staff (found only by their company's name) come after every Lefèvre
  const bakery = await create(page, 'companies', { company_name: 'Boulangerie Lefèvre & Fils' });
  for (const name of BAKERS) {
    const [first_name, last_name] = name.split(' ');
    await create(page, 'contacts', {
      first_name,
      last_name,
      email: `${first_name.toLowerCase()}.${stamp}@fournil.test`,
      company_id: bakery,
    });
  }
  for (const first_name of LEFEVRES) {
    await create(page, 'contacts', {
      first_name,
      last_name: 'Lefèvre',
      email: `${stamp}.${LEFEVRES.indexOf(first_name)}@famille.test`,
    });
  }
  const bank = await create(page, 'companies', { company_name: 'Société Générale' });
  for (const [first_name, last_name] of [
    ['Agnès', 'Roux'],
    ['Bruno', 'Faure'],
  ]) {
    await create(page, 'contacts', {
      first_name,
      last_name,
      email: `${last_name.toLowerCase()}.${stamp}@socgen.test`,
      company_id: bank,
    });
  }

  await page.goto('/contacts');
  const button = page.getByRole('banner').getByRole('button', { name: /Rechercher un contact/ });
  // this browser runs on Linux: Ctrl, not ⌘
  await expect(button).toContainText('Ctrl K');
  await expect(button).toHaveAttribute('aria-keyshortcuts', 'Control+K');

  // the shortcut works from inside a text field, and types nothing into it
  const field = page.getByRole('searchbox', { name: 'Rechercher des contacts' });
  await field.fill('abc');
  await field.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Rechercher' });
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await expect(field).toHaveValue('abc');
  await box.fill('lefevre');
  const texts = await optionTexts(page);
  // the seven Lefèvre first, most recently changed first, each said to be a contact
  expect(texts.slice(0, 7)).toEqual(
    [...LEFEVRES].reverse().map((f) => `Contact, ${f} Lefèvre, ${stamp}.${LEFEVRES.indexOf(f)}@famille.test`),
  );
  // the matched word is marked, accents and case aside
  await expect(dialog.getByRole('option').first().locator('mark')).toHaveText(['Lefèvre']);
  const bakersAt = texts.findIndex((t) => BAKERS.some((b) => t.includes(b)));
  if (bakersAt >= 0) expect(bakersAt).toBeGreaterThan(6);
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'search-ranked-fr');
  // Escape: focus back in the field it was opened from
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(field).toBeFocused();

  // the company before its employees; arrows and Enter open it, focus lands on its page
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill('societe generale');
  const bankHits = await optionTexts(page);
  expect(bankHits[0]).toBe('Entreprise, Société Générale');
  expect(bankHits.slice(1)).toEqual(
    expect.arrayContaining([expect.stringContaining('Agnès Roux'), expect.stringContaining('Bruno Faure')]),
  );
  await expect(dialog.getByRole('option').first().locator('mark')).toHaveText(['Société', 'Générale']);
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/companies/${bank}$`));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: /Société Générale/ })).toBeFocused();

  // nothing found, said so
  await page.keyboard.press('Control+k');
  await box.fill(`zzqx${stamp}`);
  await expect(dialog.getByText(`Aucun résultat pour « zzqx${stamp} »`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
