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
  const box = page.getByRole('searchbox').or(page.getByPlaceholder(placeholder));
  await expect(box.first()).toBeVisible();
  await box.first().fill(words);
  const hit = page
    .getByRole('button', { name: /Hélène Ébrard-Ñúñez/ })
    .or(page.getByText('Hélène Ébrard-Ñúñez'));
  await expect(hit.first()).toBeVisible();
  return hit.first();
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
