import type { Page } from '@playwright/test';
import {
  ADMIN,
  expect,
  expectAccessible,
  expectNoHorizontalOverflow,
  signIn,
  snap,
  test,
} from './fixtures.js';

async function switchLanguage(page: Page, to: 'English' | 'Français') {
  await page.getByRole('button', { name: /Menu utilisateur|User menu/ }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await expect(page.getByRole('menu')).toBeHidden();
}

test('a new instance asks for its first administrator, who is then signed in', async ({ page, browser }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Créer le premier administrateur' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'setup-fr');
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page);
  await snap(page, 'setup-375-fr');
  await page.setViewportSize({ width: 1280, height: 720 });

  // before sign-in the page speaks the browser's language: the same page in English, and on a phone
  const english = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'en-US' });
  const en = await english.newPage();
  await en.goto('/setup');
  await expect(en.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  await expect(en.getByRole('button', { name: 'Create the administrator account' })).toBeVisible();
  await expect(en.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(en);
  await snap(en, 'setup-en');
  await en.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(en);
  await snap(en, 'setup-375-en');
  await english.close();

  await page.getByLabel('Nom').fill(ADMIN.name);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  const password = page.getByLabel(/^Mot de passe/);
  const create = page.getByRole('button', { name: 'Créer le compte administrateur' });
  // the API's field errors show next to the field, in the page's language (translated from their codes)
  await password.fill('court');
  await create.click();
  await expect(password).toHaveAccessibleDescription(/Au moins 10 caractères\./);
  await password.fill('motdepasse');
  await create.click();
  await expect(
    page.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.'),
  ).toBeVisible();
  await expect(page.getByText(/at least|common/)).toHaveCount(0);
  await password.fill(ADMIN.password);
  await create.click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  // setup is now closed: it sends to sign-in
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
});

test('signs out and back in; a wrong password says so; in French, in English, on a phone', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Menu utilisateur' }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);
  await snap(page, 'login-fr');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel(/^Mot de passe/).fill('not-the-password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page);
  await snap(page, 'login-375-fr');
  await page.setViewportSize({ width: 1280, height: 720 });

  // English, chosen in the user menu, stays on this browser after signing out
  await signIn(page);
  await switchLanguage(page, 'English');
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Carnet' })).toBeVisible();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expectAccessible(page);
  await snap(page, 'login-en');

  // back to French for the specs that follow (the choice is saved on the user too)
  await signIn(page);
  await switchLanguage(page, 'Français');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Entreprises' })).toBeVisible();
});
