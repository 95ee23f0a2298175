import type { Locator, Page } from '@playwright/test';
import {
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
const COMPANY = `Énergies Boréales ${STAMP}`;
const DEAL = `Refonte du site ${STAMP}`;

/** A write through the API with the page's session (a cookie write must name its origin). */
async function apiPost(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/**
 * Signs in from a signed-out browser. On a new instance ensureAdmin's setup call leaves a session
 * cookie in the context, and the sign-in page then sends straight on; so start without it.
 */
async function start(page: Page) {
  await ensureAdmin();
  await page.context().clearCookies();
  await signIn(page);
  // the language follows the user: make sure an earlier, interrupted run did not leave it in English
  const origin = new URL(page.url()).origin;
  await page.context().request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin } });
  await page.evaluate(() => localStorage.setItem('carnet.language', 'fr'));
  await page.reload();
  await expect(page.getByRole('navigation')).toBeVisible();
}

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });
const card = (page: Page, stage: string) => column(page, stage).getByRole('link', { name: DEAL });
const totals = (page: Page, stage: string) => column(page, stage).getByTestId('column-totals');

/** The amount part of a column's totals, e.g. "1 234,50 €" (Intl's narrow spaces made plain). */
async function total(locator: Locator) {
  return ((await locator.textContent()) ?? '').replace(/\s/g, ' ');
}

async function switchLanguage(page: Page, language: 'English' | 'Français') {
  await page.getByRole('button', { name: /Menu utilisateur|User menu/ }).click();
  await page.getByRole('menuitem', { name: language }).click();
  await expect(page.getByRole('menu')).toBeHidden();
}

test('a deal goes through the pipeline: created, dragged, kept after reload, won; table and detail', async ({
  page,
}) => {
  await start(page);
  const company = await apiPost(page, '/companies', { company_name: COMPANY });
  await apiPost(page, '/contacts', {
    first_name: 'Maëlle',
    last_name: `Quéré ${STAMP}`,
    company_id: company.company_id,
  });
  // a few other deals, so that the board looks like a real one
  const others: [string, number, string][] = [
    ['Audit sécurité', 4800, 'Prospection'],
    ['Licences annuelles', 12000.1, 'Qualification'],
    ['Formation équipe', 2350.2, 'Proposition'],
    ['Maintenance', 990, 'En négociation'],
  ];
  for (const [name, value, stage] of others)
    await apiPost(page, '/opportunities', {
      opportunity_name: `${name} ${STAMP}`,
      deal_value: value,
      stage,
      company_id: company.company_id,
      expected_close_date: '2026-09-30',
    });

  await page.getByRole('navigation').getByRole('link', { name: 'Opportunités' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunités' })).toBeVisible();
  await expect(column(page, 'Prospection')).toBeVisible();
  // filtered on the spec's company, so that deals made by other specs do not change the sums
  await page.getByRole('search').getByLabel('Entreprise').fill('energies boreales');
  await page.getByRole('option', { name: COMPANY }).click();
  await expect(page).toHaveURL(new RegExp(`company_id=${company.company_id}`));
  await expect(totals(page, 'Qualification')).toContainText(/12\s000,10\s€/);
  const qualificationBefore = await total(totals(page, 'Qualification'));

  // created through the form, the company found by the API's accent-blind search
  await page.getByRole('button', { name: 'Nouvelle opportunité' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle opportunité' });
  await dialog.getByLabel('Nom').fill(DEAL);
  await dialog.getByLabel('Entreprise').fill('energies boreales');
  await page.getByRole('option', { name: COMPANY }).click();
  await dialog.getByLabel('Contact').fill(`quere ${STAMP}`);
  await page.getByRole('option', { name: `Maëlle Quéré ${STAMP}` }).click();
  await dialog.getByLabel(/^Montant/).fill('1234,50');
  await dialog.getByLabel('Clôture prévue').fill('30/06/2026');
  await dialog.getByRole('button', { name: 'Créer' }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, 'Prospection')).toBeVisible();
  await expect(
    column(page, 'Prospection')
      .getByText(/1\s234,50\s€/)
      .first(),
  ).toBeVisible();

  // keyboard drag: the handle, Space, → , Space; the move is announced
  const handle = page.getByRole('button', { name: `Déplacer « ${DEAL} »` });
  await handle.focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(150);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(150);
  await page.keyboard.press('Space');
  await expect(card(page, 'Qualification')).toBeVisible();
  await expect(card(page, 'Prospection')).toHaveCount(0);
  await expect(page.getByText(`Carte « ${DEAL} » déposée dans la colonne « Qualification ».`)).toBeAttached();
  // focus follows the card into its new column
  await expect(page.getByRole('button', { name: `Déplacer « ${DEAL} »` })).toBeFocused();

  // the server has it: after a reload the card is still there and the totals include it
  await page.reload();
  await expect(card(page, 'Qualification')).toBeVisible();
  await expect.poll(() => total(totals(page, 'Qualification'))).not.toBe(qualificationBefore);
  await expect(totals(page, 'Qualification')).toContainText(/13\s234,60\s€/);
  await expectAccessible(page);
  await snap(page, 'pipeline-fr');

  // pointer drag, in small steps, to the next column
  const from = await page.getByRole('button', { name: `Déplacer « ${DEAL} »` }).boundingBox();
  const to = await column(page, 'Proposition').boundingBox();
  if (!from || !to) throw new Error('the board is not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
  await page.mouse.up();
  await expect(card(page, 'Proposition')).toBeVisible();

  // the non-drag way: the card's stage picker, to "won"
  await column(page, 'Proposition')
    .getByRole('combobox', { name: `Étape de « ${DEAL} »` })
    .selectOption('Fermée gagnée');
  // a deal is won only once confirmed
  await page
    .getByRole('dialog', { name: `Marquer « ${DEAL} » comme gagnée ?` })
    .getByRole('button', { name: 'Confirmer' })
    .click();
  await expect(card(page, 'Fermée gagnée')).toBeVisible();
  await page.reload();
  await expect(card(page, 'Fermée gagnée')).toBeVisible();
  await expect(totals(page, 'Fermée gagnée')).toContainText(/1\s234,50\s€/);

  // the table view, sorted by value (largest first), with its filters
  await page.getByText('Tableau', { exact: true }).click();
  await expect(page).toHaveURL(/layout=table/);
  const row = page.getByRole('row', { name: new RegExp(DEAL) });
  await expect(row).toContainText('Fermée gagnée');
  await expect(row).toContainText(/1\s234,50\s€/);
  await page.getByRole('button', { name: 'Montant' }).click();
  await expect(page.getByRole('columnheader', { name: 'Montant' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill(`refonte ${STAMP}`);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expectAccessible(page);
  await snap(page, 'opportunities-table-fr');

  // the detail page: fields, stage, tasks, interactions, history
  await row.getByRole('link', { name: DEAL }).click();
  await expect(page.getByRole('heading', { level: 1, name: DEAL })).toBeVisible();
  await expect(page.getByRole('link', { name: COMPANY })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Étape' })).toHaveValue('Fermée gagnée');
  await expect(page.getByRole('heading', { name: 'Tâches' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Échanges' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  // the history names the field and the stage it moved to, and who moved it
  await expect(page.getByText(/^Étape : .+ → Fermée gagnée$/).first()).toBeVisible();
  await expect(page.getByText(/ · Modification$/).first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'opportunity-fr');
  const detailUrl = page.url();

  // the same three pages in English
  await switchLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByText(/€1,234\.50/).first()).toBeVisible();
  await expect(page.getByText(/^Stage: .+ → Fermée gagnée$/).first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'opportunity-en');
  await page.goto(`/opportunities?company_id=${company.company_id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunities' })).toBeVisible();
  await expect(card(page, 'Fermée gagnée')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'pipeline-en');
  await page.getByText('Table', { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Value' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'opportunities-table-en');
  await switchLanguage(page, 'Français');
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunités' })).toBeVisible();

  // a phone: the board scrolls sideways inside its box, the page does not; its controls stay usable
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/opportunities?company_id=${company.company_id}`);
  await expect(card(page, 'Fermée gagnée')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Nouvelle opportunité' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page);
  await snap(page, 'pipeline-375');
  await page.getByText('Tableau', { exact: true }).click();
  // the list view is cards on a phone
  await expect(page.getByRole('listitem').filter({ hasText: DEAL })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await snap(page, 'opportunities-table-375');
  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: DEAL })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Étape' })).toHaveValue('Fermée gagnée');
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page);
  await snap(page, 'opportunity-375');
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('deleting asks first, and explains why a deal with tasks is kept', async ({ page }) => {
  await start(page);
  const kept = await apiPost(page, '/opportunities', { opportunity_name: `Gardée ${STAMP}`, deal_value: 10 });
  await apiPost(page, '/tasks', { title: `Relancer ${STAMP}`, opportunity_id: kept.opportunity_id });
  const gone = await apiPost(page, '/opportunities', { opportunity_name: `Abandonnée ${STAMP}` });

  await page.goto(`/opportunities/${kept.opportunity_id}`);
  await expect(page.getByText(`Relancer ${STAMP}`)).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Supprimer', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Supprimer ?' });
  await confirm.getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText(/elle a encore 1 tâche\./)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Gardée ${STAMP}` })).toBeVisible();

  await page.goto(`/opportunities/${gone.opportunity_id}`);
  await page.getByRole('main').getByRole('button', { name: 'Supprimer', exact: true }).click();
  // cancelling keeps it
  await page.getByRole('dialog', { name: 'Supprimer ?' }).getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `Abandonnée ${STAMP}` })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Supprimer', exact: true }).click();
  await page.getByRole('dialog', { name: 'Supprimer ?' }).getByRole('button', { name: 'Supprimer' }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await expect(page.getByText('Opportunité supprimée')).toBeVisible();
  const res = await page.context().request.get(`/api/v1/opportunities/${gone.opportunity_id}`);
  expect(res.status()).toBe(404);
});
