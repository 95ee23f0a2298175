import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  ADMIN,
  ensureAdmin,
  expect,
  expectAccessible,
  expectNoHorizontalOverflow,
  signIn,
  snap,
  test,
} from './fixtures.js';

// Names carry a stamp so the spec can run again on the same instance, or after other specs.
const STAMP = Date.now().toString(36);
const FIRST = 'Émilie';
const LAST = `Bérubé${STAMP}`;
const EMAIL = `emilie.berube.${STAMP}@example.com`;

// when this spec runs alone, the instance is set up from a separate request context first
test.beforeAll(async () => {
  await ensureAdmin();
});

// The language is saved on the user: whatever happens in the English part, put French back.
test.afterAll(async ({ playwright }) => {
  const origin = new URL(test.info().project.use.baseURL as string).origin;
  const request = await playwright.request.newContext({ baseURL: origin });
  await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  await request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin } });
  await request.dispose();
});

async function switchLanguage(page: Page, to: 'English' | 'Français') {
  await page.getByRole('button', { name: /Menu utilisateur|User menu/ }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await expect(page.getByRole('menu')).toBeHidden();
}

/** What French Excel writes: Windows-1252, semicolons, CRLF; one row with a bad email. */
function frenchCsv(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-import-'));
  const path = join(dir, 'contacts.csv');
  const lines = [
    'Prénom;Nom;E-mail;Société;Infos',
    `${FIRST};${LAST};${EMAIL};Société Générale ${STAMP};rencontrée au salon`,
    // no name: its bad email leaves nothing naming the person, so the row is refused (ADR 015)
    `;;pas-un-email;;`,
  ];
  writeFileSync(path, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  return path;
}

test('imports a French Excel CSV through the wizard, then finds and exports the contact', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer' })).toBeVisible();

  // the file, dropped on the zone…
  const path = frenchCsv();
  const zone = page.getByRole('group', { name: 'Déposez ici un fichier CSV ou vCard' });
  const dropped = await page.evaluateHandle(
    ({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    },
    { bytes: [...readFileSync(path)], name: 'contacts.csv' },
  );
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByText(/^Fichier choisi : contacts\.csv \(\d+\so\)$/)).toBeVisible();
  await page.getByRole('button', { name: 'Retirer le fichier' }).click();
  await expect(page.getByText(/^Fichier choisi/)).toHaveCount(0);
  // …or picked from the keyboard, with the button that opens the file picker
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier…' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(path);
  await expect(page.getByText(/^Fichier choisi : contacts\.csv/)).toBeVisible();
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();

  // the dry run: detected shape, the mapping (French headers recognised), the preview
  await expect(page.getByRole('heading', { name: 'Fichier reconnu' })).toBeVisible();
  // (the encoding chooser above lists it too: the detected one is the bold value)
  await expect(page.locator('b').filter({ hasText: /^windows-1252$/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Prénom »' })).toHaveValue(
    'Prénom',
  );
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « E-mail »' })).toHaveValue(
    'E-mail',
  );
  await expect(page.getByRole('cell', { name: LAST })).toBeVisible();
  const forecast = page.getByRole('region', { name: 'Si vous importez ce fichier' });
  await expect(forecast.locator('[data-count="created"]')).toHaveText('1');
  await expect(forecast.locator('[data-count="failed"]')).toHaveText('1');
  // the bad row's error in French, from its code (the field named as in the wizard)
  await expect(page.getByText('pas-un-email').first()).toHaveAccessibleDescription(
    'Cette adresse e-mail n’est pas valide.',
  );
  await expect(page.getByText(/must match format/)).toHaveCount(0);

  // an unknown column mapped by hand, checked again with that mapping
  await page.getByRole('combobox', { name: 'Champ pour la colonne « Infos »' }).click();
  await page.getByRole('option', { name: 'Notes' }).click();
  const recheck = page.waitForResponse(
    (r) => r.request().method() === 'POST' && decodeURIComponent(r.url()).includes('"Infos":"notes"'),
  );
  await page.getByRole('button', { name: 'Vérifier à nouveau avec ces correspondances' }).click();
  expect((await recheck).status()).toBe(202);
  await expect(page.getByRole('cell', { name: LAST })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Infos »' })).toHaveValue('Notes');
  await expectAccessible(page);
  await snap(page, 'imports-fr');

  // on a phone the mapping and the preview scroll inside their boxes
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalOverflow(page);
  await snap(page, 'imports-375-fr');
  await page.setViewportSize({ width: 1280, height: 720 });

  // the same check, in English (the wizard keeps its state)
  await switchLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'File recognised' })).toBeVisible();
  await expect(page.getByRole('cell', { name: LAST })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'imports-en');
  await switchLanguage(page, 'Français');
  await expect(page.getByRole('heading', { name: 'Fichier reconnu' })).toBeVisible();

  // the real import, its progress and result
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  const result = page.getByRole('region', { name: 'Résultat de l’import' });
  await expect(result.locator('[data-count="created"]')).toHaveText('1');
  await expect(result.locator('[data-count="failed"]')).toHaveText('1');
  await expect(page.getByRole('progressbar', { name: 'Progression de l’import' })).toBeVisible();
  // the run's own (the check above has one too)
  const errorsLink = page.getByRole('link', { name: 'Télécharger les erreurs (CSV)' }).last();
  await expect(errorsLink).toHaveAttribute('href', /\/api\/v1\/imports\/\d+\/errors\.csv\?lang=fr$/);

  // the past imports list it under the checks that came before; a check deleted is gone
  const history = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Fichier' }) });
  const jobRows = history.getByRole('row').filter({ hasText: 'contacts.csv' });
  await expect(jobRows).toHaveCount(3); // two checks, then the import
  await expect(jobRows.first()).toContainText('1 créées, 0 mises à jour, 0 ignorées, 1 en erreur');
  await expect(jobRows.first()).not.toContainText('vérification');
  await jobRows.nth(1).getByRole('button', { name: 'Supprimer l’import contacts.csv' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(jobRows).toHaveCount(2);

  // the contact is there, accents intact
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher des contacts' }).fill(STAMP);
  await expect(page).toHaveURL(new RegExp(`q=${STAMP}`));
  await expect(page.getByRole('link', { name: `${FIRST} ${LAST}` })).toBeVisible();

  // the export links carry the search, and the CSV holds the contact
  await page.getByRole('button', { name: 'Exporter' }).click();
  const csv = page.getByRole('menuitem', { name: 'CSV', exact: true });
  await expect(csv).toHaveAttribute('href', new RegExp(`^/api/v1/contacts/export\\?.*q=${STAMP}`));
  const href = (await csv.getAttribute('href')) as string;
  const res = await page.context().request.get(href);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toContain(EMAIL);
  expect(text).toContain(LAST);
  await expect(page.getByRole('menuitem', { name: 'vCard' })).toHaveAttribute(
    'href',
    /^\/api\/v1\/contacts\/export\?.*format=vcf/,
  );
  await page.keyboard.press('Escape');

  // the import is undone from its row: the dialog says what goes, and the contact goes
  await page.getByRole('navigation').getByRole('link', { name: 'Importer' }).click();
  const rows = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Fichier' }) })
    .getByRole('row')
    .filter({ hasText: 'contacts.csv' });
  await rows.first().getByRole('button', { name: 'Annuler cet import' }).click();
  const undo = page.getByRole('dialog', { name: 'Annuler l’import contacts.csv' });
  await expect(undo).toContainText('1 contact');
  await expectAccessible(page, '[role="dialog"]');
  await undo.getByRole('button', { name: 'Annuler l’import', exact: true }).click();
  // the dialog sums up what it did; closed, the list marks the job undone
  await expect(undo).toContainText('Import « contacts.csv » annulé');
  await undo.getByRole('button', { name: 'Fermer' }).last().click();
  await expect(rows.first()).toContainText('annulé');
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher des contacts' }).fill(STAMP);
  await expect(page.getByText('Aucun contact ne correspond à ces critères.')).toBeVisible();
});

/** A file of 61 refused rows (60 bad emails, a name too long, nothing else), two duplicates and one good row. */
function fileWithErrors(existing: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-import-'));
  const path = join(dir, 'erreurs.csv');
  const lines = ['Prénom;Nom;E-mail;Société'];
  lines.push(`Bon;Contact${STAMP};bon.${STAMP}@example.com;`);
  for (const e of existing) lines.push(`Déjà;Là${STAMP};${e};`);
  // rows with nothing else naming a person: refused (with a name, a bad value would be a warning)
  for (let i = 0; i < 60; i++) lines.push(`;;mauvais-${i}-${STAMP};`);
  lines.push(`${'X'.repeat(60)};;;`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

test('import errors a person can act on: the refused value in its cell, every error a page away, duplicates with their record, errors.csv to fix', async ({
  page,
}) => {
  // two checks of 64 rows and axe over tables of 50 rows, on a shared machine
  test.setTimeout(120_000);
  await signIn(page);
  const origin = new URL(page.url()).origin;
  const existing = [`deja.a.${STAMP}@example.com`, `deja.b.${STAMP}@example.com`];
  const ids: number[] = [];
  for (const [i, email] of existing.entries()) {
    const res = await page.context().request.post('/api/v1/contacts', {
      data: { first_name: `Existant${i}`, last_name: `Doublon${STAMP}`, email },
      headers: { origin },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).contact_id);
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Importer' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier…' }).click();
  await (await chooser).setFiles(fileWithErrors(existing));
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();

  // the preview: the refused value in its cell, marked, the reason in French under it
  const refused = page.getByText(`mauvais-0-${STAMP}`, { exact: true }).first();
  await expect(refused).toHaveAccessibleDescription('Cette adresse e-mail n’est pas valide.');
  await expect(
    page.locator('td[data-invalid="true"]').filter({ hasText: `mauvais-0-${STAMP}` }),
  ).toContainText('Cette adresse e-mail n’est pas valide.');

  // every error, a page at a time, to the last one
  const issues = page.getByRole('region', { name: 'Lignes refusées, avertissements et doublons' });
  await expect(issues.getByRole('tab', { name: 'Lignes refusées (61)' })).toBeVisible();
  await expect(issues.getByText('1–50 sur 61')).toBeVisible();
  await issues.getByRole('button', { name: 'Page suivante' }).click();
  await expect(issues.getByText('51–61 sur 61')).toBeVisible();
  const errorsTable = issues.getByRole('table', { name: 'Erreurs' });
  const last = errorsTable.getByRole('row').last();
  await expect(last).toContainText('65');
  await expect(last).toContainText('Au plus 50 caractères.');
  await expect(issues.getByRole('button', { name: 'Page suivante' })).toBeDisabled();
  await expect(page.getByText(/et \d+ autres/)).toHaveCount(0);

  // the skipped duplicates, each with the record it matched
  await issues.getByRole('tab', { name: 'Doublons ignorés (2)' }).click();
  const dupes = issues.getByRole('table', { name: 'Doublons ignorés' });
  const link = dupes.getByRole('link', { name: `Existant0 Doublon${STAMP}` });
  await expect(link).toHaveAttribute('href', `/contacts/${ids[0]}`);
  await expect(dupes.getByRole('row').filter({ hasText: `Existant1 Doublon${STAMP}` })).toContainText(
    String(ids[1]),
  );
  // the preview and the issues (the rest of the page is checked by the spec above)
  await expectAccessible(page, 'section[aria-labelledby^="issues-"]');

  // imported, its errors.csv holds the refused rows as in the file with a French reason
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  const result = page.getByRole('region', { name: 'Résultat de l’import' });
  await expect(result.locator('[data-count="failed"]')).toHaveText('61');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger les erreurs (CSV)' }).last().click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(lines[0]).toBe('Prénom;Nom;E-mail;Société;Ligne d’origine;Motif du refus');
  expect(lines[1]).toBe(`;;mauvais-0-${STAMP};;5;E-mail : Cette adresse e-mail n’est pas valide.`);
  expect(lines[61]).toBe(`${'X'.repeat(60)};;;;65;Prénom : Au plus 50 caractères.`);
});
