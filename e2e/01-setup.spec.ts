import { ADMIN, expect, expectAccessible, signIn, snap, test } from './fixtures.js';

test('a new instance asks for its first administrator, who is then signed in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Créer le premier administrateur' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'setup-fr');
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

test('signs out and back in; a wrong password says so', async ({ page }) => {
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
  await signIn(page);
});
