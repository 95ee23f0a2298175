import { ADMIN, expect, expectAccessible, signIn, snap, test } from './fixtures.js';

test('a new instance asks for its first administrator, who is then signed in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Créer le premier administrateur' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'setup-fr');
  await page.getByLabel('Nom').fill(ADMIN.name);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel(/^Mot de passe/).fill('motdepasse');
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  // the API's field error shows next to the field
  await expect(page.getByText(/at least 10|common/)).toBeVisible();
  await page.getByLabel(/^Mot de passe/).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
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
