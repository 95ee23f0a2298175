import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test } from './fixtures.js';

// Issue 13: an administrator adds fields of the team's own to contacts (Settings → Fields), fills
// them in the contact form, filters and sorts the contacts list by them, and saves that as a view.
const STAMP = `cf${Date.now().toString(36)}`;

const origin = () => new URL(test.info().project.use.baseURL as string).origin;

async function apiPost(page: Page, path: string, data: unknown) {
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin: origin() } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test.setTimeout(120_000);

test('an admin defines a select and a date field, fills them in a contact’s form, filters, sorts and saves the view', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/settings/fields');
  await expect(page.getByRole('tab', { name: 'Champs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('radio', { name: 'Contacts' })).toBeChecked();

  // a select field "Segment", with three options
  await page.getByRole('button', { name: 'Ajouter un champ' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nouveau champ' });
  await dialog.getByLabel('Libellé (français)').fill('Segment');
  await dialog.getByLabel('Libellé (anglais)').fill('Segment');
  await expect(dialog.getByLabel('Clé')).toHaveValue('segment');
  await dialog.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Liste de choix' }).click();
  await dialog.getByLabel('Libellé du choix 1').fill('PME');
  await dialog.getByLabel('Libellé du choix 2').fill('ETI');
  await dialog.getByRole('button', { name: 'Ajouter un choix' }).click();
  await dialog.getByLabel('Libellé du choix 3').fill('Grand compte');
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem', { name: 'Segment' })).toBeVisible();

  // a date field
  await page.getByRole('button', { name: 'Ajouter un champ' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouveau champ' });
  await dialog.getByLabel('Libellé (français)').fill('Renouvellement');
  await dialog.getByLabel('Libellé (anglais)').fill('Renewal');
  await dialog.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Date', exact: true }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem', { name: 'Renouvellement' })).toBeVisible();
  await expectAccessible(page);

  // dragged into place with the keyboard: Space takes the handle, an arrow moves it, Space drops
  const fields = page.getByRole('list', { name: /Champs personnalisés/ }).getByRole('listitem');
  await expect(fields).toHaveText([/Segment/, /Renouvellement/]);
  await page.getByRole('button', { name: 'Déplacer « Renouvellement »' }).focus();
  // dnd-kit listens for the moving keys a moment after the drag starts, as a person's keys come
  for (const key of ['Space', 'ArrowUp', 'Space']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(300);
  }
  await expect(fields).toHaveText([/Renouvellement/, /Segment/]);
  // the order is the server's now
  await page.reload();
  await expect(fields).toHaveText([/Renouvellement/, /Segment/]);

  // two contacts through the API, one with no value
  await apiPost(page, '/contacts', {
    first_name: 'Eti',
    last_name: `Champs ${STAMP}`,
    custom_fields: { segment: 'ETI', renouvellement: '2026-06-01' },
  });
  await apiPost(page, '/contacts', { first_name: 'Vide', last_name: `Champs ${STAMP}` });

  // one through the form: the custom fields' group, the date typed as a French user does
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'Nouveau contact' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouveau contact' });
  await dialog.getByLabel('Prénom').fill('Pme');
  await dialog.getByLabel('Nom', { exact: true }).fill(`Champs ${STAMP}`);
  const group = dialog.getByRole('group', { name: 'Champs personnalisés' });
  await group.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'PME' }).click();
  await group.getByRole('textbox', { name: 'Renouvellement' }).fill('01/03/2027');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pme Champs ${STAMP}` })).toBeVisible();
  const values = page.getByRole('region', { name: 'Champs personnalisés' });
  await expect(values.getByText('PME')).toBeVisible();
  await expect(values.getByText(/2027/)).toBeVisible();

  // the list filtered by Segment
  await page.goto(`/contacts?q=${STAMP}`);
  await expect(page.getByRole('row')).toHaveCount(4);
  const filters = page.getByRole('search');
  await filters.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'PME' }).click();
  await expect(page).toHaveURL(/cf\.segment=PME/);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: /Pme/ })).toBeVisible();
  // "clear filters" clears the search too (every contact then): this spec's three come back by their search
  await filters.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(page).not.toHaveURL(/cf\.segment|[?&]q=/);
  await page.goto(`/contacts?q=${STAMP}`);
  await expect(page.getByRole('row')).toHaveCount(4);

  // the date as a column, sorted latest first; the contact without a value comes last
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page
    .getByRole('group', { name: 'Colonnes affichées' })
    .getByRole('checkbox', { name: 'Renouvellement' })
    .check();
  await page.keyboard.press('Escape');
  await page.getByRole('columnheader', { name: 'Renouvellement' }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=-cf\.renouvellement/);
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('Pme');
  await expect(rows.nth(2)).toContainText('Eti');
  await expect(rows.nth(3)).toContainText('Vide');

  // saved as a view, reopened by its link with its sort and column
  await page.getByRole('button', { name: 'Vues' }).click();
  await page.getByRole('menuitem', { name: 'Enregistrer la vue…' }).click();
  const save = page.getByRole('dialog', { name: 'Enregistrer la liste comme vue' });
  await save.getByRole('textbox', { name: 'Nom de la vue' }).fill(`Renouvellements ${STAMP}`);
  await save.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(save).toBeHidden();
  await expect(page).toHaveURL(/[?&]view=\d+/);
  const id = new URL(page.url()).searchParams.get('view');
  await page.getByRole('button', { name: 'Colonnes' }).click();
  await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
  await page.goto(`/contacts?view=${id}`);
  await expect(page).toHaveURL(/sort=-cf\.renouvellement/);
  await expect(page.getByRole('columnheader', { name: 'Renouvellement' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toContainText('Pme');
});
