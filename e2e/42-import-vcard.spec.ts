// The wizard's vCard path (issue 14, class 7): a vCard has no columns to map, so its check goes
// straight on to the preview, the counts and the import, through the same screens as a CSV. The
// file has a card whose TEL is words and whose EMAIL has no dot: the card is imported with a warning.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAdmin, expect, expectAccessible, signIn, snap, test } from './fixtures.js';

const STAMP = Date.now().toString(36);

test.beforeAll(async () => {
  await ensureAdmin();
});

function vcardFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-vcard-'));
  const path = join(dir, 'contacts.vcf');
  const cards = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:Lemaire${STAMP};Inès;;;`,
    `FN:Inès Lemaire${STAMP}`,
    `EMAIL;TYPE=INTERNET:ines.${STAMP}@example.fr`,
    'TEL;TYPE=CELL:+33 6 12 34 56 78',
    'END:VCARD',
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:Sato${STAMP};Hanako;;;`,
    `FN:Hanako Sato${STAMP}`,
    'EMAIL;TYPE=INTERNET:contact1@invalid',
    'TEL;TYPE=WORK:BusinessPhone',
    'NOTE:Rencontrée à Tokyo',
    'END:VCARD',
  ];
  writeFileSync(path, `${cards.join('\r\n')}\r\n`);
  return path;
}

test('imports a vCard through the wizard: check, preview with a warning, import, result with created and warnings', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Importer' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier…' }).click();
  await (await chooser).setFiles(vcardFile());
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();

  // recognised as a vCard: no mapping table, the preview and the forecast straight away
  await expect(page.getByRole('heading', { name: 'Fichier reconnu' })).toBeVisible();
  await expect(page.getByText('vcard', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Correspondance des colonnes' })).toHaveCount(0);
  const forecast = page.getByRole('region', { name: 'Si vous importez ce fichier' });
  await expect(forecast.locator('[data-count="created"]')).toHaveText('2');
  await expect(forecast.locator('[data-count="failed"]')).toHaveText('0');
  await expect(forecast.locator('[data-count="warnings"]')).toHaveText('1');
  // the value set aside, in its cell, saying where it went
  await expect(page.getByText('BusinessPhone').first()).toHaveAccessibleDescription(
    'Valeur inutilisable, gardée dans les notes : Ce n’est pas un numéro de téléphone.',
  );
  await expectAccessible(page);
  await snap(page, 'imports-vcard-check-fr');

  // the import itself, and its result
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  const result = page.getByRole('region', { name: 'Résultat de l’import' });
  await expect(result.locator('[data-count="created"]')).toHaveText('2');
  await expect(result.locator('[data-count="warnings"]')).toHaveText('1');
  await expect(result.locator('[data-count="failed"]')).toHaveText('0');
  const issues = page.getByRole('region', { name: 'Lignes refusées, avertissements et doublons' }).last();
  await expect(issues.getByRole('tab', { name: 'Avertissements (1)' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(issues.getByRole('table', { name: 'Avec avertissement' })).toContainText('BusinessPhone');
  await expect(page.getByRole('button', { name: 'Nouvel import' })).toBeVisible();

  // the contact is there, its unusable values in its notes
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher des contacts' }).fill(`Sato${STAMP}`);
  await page.getByRole('link', { name: `Hanako Sato${STAMP}` }).click();
  await expect(page.getByText(/BusinessPhone/).first()).toBeVisible();
  await expect(page.getByText(/contact1@invalid/).first()).toBeVisible();
});
