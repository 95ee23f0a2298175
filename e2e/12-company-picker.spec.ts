import { createMember, ensureAdmin, expect, expectAccessible, signIn, test } from './fixtures.js';

// Names carry a stamp so the spec can run again on the same instance, or after other specs.
const STAMP = Date.now().toString(36);
const NEW_COMPANY = `Airbus ${STAMP}`;
const TYPED_ONLY = `Dassault ${STAMP}`;

test.beforeAll(async () => {
  await ensureAdmin();
});

test('creates a company from the contact form by typing its name, and never drops a typed name', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  const opener = page.getByRole('button', { name: 'Nouveau contact' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau contact' });
  await expect(dialog.getByRole('button', { name: 'Fermer' })).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');

  // a name no company has yet, left without choosing: it stays, with a message, and is not saved away
  await dialog.getByLabel('Prénom').fill('Bruno');
  const company = dialog.getByRole('combobox', { name: 'Entreprise' });
  await company.fill(TYPED_ONLY);
  await expect(page.getByRole('option', { name: `Créer « ${TYPED_ONLY} »` })).toBeVisible();
  await dialog.getByLabel('Téléphone').click();
  await expect(company).toHaveValue(TYPED_ONLY);
  await expect(dialog.getByText(`« ${TYPED_ONLY} » n’est pas encore une entreprise`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');

  // the create option makes the company and picks it
  await company.fill(NEW_COMPANY);
  await page.getByRole('option', { name: `Créer « ${NEW_COMPANY} »` }).click();
  await expect(page.getByText(`Entreprise « ${NEW_COMPANY} » créée`)).toBeVisible();
  await expect(company).toHaveValue(NEW_COMPANY);
  await expect(dialog.getByText(/n’est pas encore une entreprise/)).toBeHidden();
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bruno' })).toBeVisible();
  await expect(page.getByRole('link', { name: NEW_COMPANY })).toBeVisible();

  // it is a real company, found by the companies list
  await page.getByRole('navigation').getByRole('link', { name: 'Entreprises' }).click();
  await expect(page.getByRole('link', { name: NEW_COMPANY })).toBeVisible();
  await expect(page.getByRole('link', { name: TYPED_ONLY })).toHaveCount(0);
});

test('focus goes back to what opened a dialog, or was focused before Ctrl-K', async ({ page }) => {
  await signIn(page);
  await page.goto('/contacts');
  const opener = page.getByRole('button', { name: 'Nouveau contact' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nouveau contact' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog');
  await expect(search).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(opener).toBeFocused();
});

test('a viewer has no Import entry, and /imports says the role cannot import', async ({ page }) => {
  const viewer = await createMember(page, 'viewer', 'Vera Viewer');
  await page.context().clearCookies();
  await signIn(page, viewer.email, viewer.password);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Contacts' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Importer' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouveau contact' })).toHaveCount(0);

  await page.goto('/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Accès non autorisé' })).toBeVisible();
  await expect(page.getByText(/ne permet|pas d’en importer/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Vérifier le fichier' })).toHaveCount(0);
  await expectAccessible(page);
});
