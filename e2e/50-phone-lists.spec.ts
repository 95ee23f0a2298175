import type { Page } from '@playwright/test';
import {
  ADMIN,
  attachScreenshot,
  ensureAdmin,
  expect,
  expectAccessible,
  expectNoClippedText,
  expectNoHorizontalOverflow,
  signIn,
  test,
} from './fixtures.js';

// Issue 12: below 600 px the lists are cards, their filters fold into a drawer, nothing is cut off.
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const STAMP = Date.now().toString(36);
const COMPANY = `Compagnie Générale des Établissements Industriels ${STAMP}`;
const OTHER = `Autre Société ${STAMP}`;
const INDUSTRY = `Aéronautique ${STAMP}`;
const WEBSITE = `https://www.une-adresse-de-site-vraiment-tres-longue-${STAMP}.example.com/accueil`;
const PERSON = { first_name: 'Marie-Françoise', last_name: `Delacroix-Beaumarchais ${STAMP}` };
const EMAIL = `marie-francoise.delacroix-beaumarchais.${STAMP}@une-entreprise-au-nom-long.example.com`;
const DEAL = `Renouvellement du parc informatique de tous les sites ${STAMP}`;
const AMOUNT = 98_765_432.1;
const TASK = `Rappeler Marie-Françoise au sujet du devis ${STAMP}`;

// a busy machine: five pages measured, checked by axe and photographed in one test
test.describe.configure({ timeout: 180_000 });

const origin = () => new URL(test.info().project.use.baseURL as string).origin;

let companyId = 0;
let contactId = 0;

// The records every test looks at, made once through the API (as the admin, in French).
test.beforeAll(async ({ playwright }) => {
  await ensureAdmin();
  const request = await playwright.request.newContext({ baseURL: origin() });
  const headers = { origin: origin() };
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/v1${path}`, { data, headers });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  try {
    await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
    await request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers });
    companyId = (await post('/companies', { company_name: COMPANY, industry: INDUSTRY, website: WEBSITE }))
      .company_id;
    await post('/companies', { company_name: OTHER, industry: 'Boulangerie' });
    contactId = (
      await post('/contacts', { ...PERSON, email: EMAIL, phone: '+33 6 12 34 56 78', company_id: companyId })
    ).contact_id;
    await post('/contacts', { first_name: 'Sans', last_name: `Entreprise ${STAMP}` });
    await post('/opportunities', {
      opportunity_name: DEAL,
      deal_value: AMOUNT,
      company_id: companyId,
      expected_close_date: '2027-03-31',
    });
    await post('/api-tokens', { name: `Synchronisation de l’agenda partagé de l’équipe ${STAMP}` });
    await post('/tasks', {
      title: TASK,
      contact_id: contactId,
      due_at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    // a past import with a refused row and a long file name: its line must fit a phone too
    const upload = await request.post('/api/v1/imports?entity=contacts', {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'Prénom;Nom;E-mail\nImportée;Au téléphone;importee.telephone@example.fr\nRefusée;Sans adresse;pas-une-adresse\n',
    });
    expect(upload.status(), await upload.text()).toBe(202);
  } finally {
    await request.dispose();
  }
});

async function start(page: Page) {
  await page.setViewportSize(PHONE);
  await signIn(page);
}

/** What every list page must be at 390 px: fits, nothing cut, accessible, screenshot attached. */
async function checkPhone(page: Page, name: string, except?: string) {
  await page.waitForLoadState('networkidle');
  await expectNoHorizontalOverflow(page);
  await expectNoClippedText(page, 'body', except);
  await expectAccessible(page);
  await attachScreenshot(page, name);
}

const cards = (page: Page, name: string) => page.getByRole('list', { name, exact: true });
const filtersButton = (page: Page) => page.getByRole('button', { name: /^Filtres/ });

test('contacts at 390 px: cards with tap-to-mail and tap-to-call, filters in a drawer, sort, selection', async ({
  page,
}) => {
  await start(page);
  await page.goto(`/contacts?q=${STAMP}`);
  const list = cards(page, 'Contacts');
  const card = list.getByRole('listitem').filter({ hasText: PERSON.last_name });
  await expect(card).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(card.getByRole('link', { name: `${PERSON.first_name} ${PERSON.last_name}` })).toHaveAttribute(
    'href',
    `/contacts/${contactId}`,
  );
  await expect(card.getByRole('link', { name: EMAIL })).toHaveAttribute('href', `mailto:${EMAIL}`);
  await expect(card.getByRole('link', { name: '+33 6 12 34 56 78' })).toHaveAttribute(
    'href',
    'tel:+33612345678',
  );
  await expect(card.getByRole('link', { name: COMPANY })).toHaveAttribute('href', `/companies/${companyId}`);
  await checkPhone(page, 'contacts-390');

  // the company filter, in the drawer; the button then counts it
  await expect(filtersButton(page)).toHaveAccessibleName('Filtres');
  await filtersButton(page).click();
  const drawer = page.getByRole('dialog', { name: 'Filtres' });
  await expect(drawer).toBeVisible();
  await drawer.getByRole('combobox', { name: 'Entreprise' }).fill(COMPANY.slice(0, 30));
  await page.getByRole('option', { name: COMPANY }).click();
  await expectAccessible(page, '[role="dialog"]');
  await attachScreenshot(page, 'contacts-390-filters');
  await drawer.getByRole('button', { name: 'Voir les résultats' }).click();
  await expect(drawer).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`company_id=${companyId}`));
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(filtersButton(page)).toHaveAccessibleName('Filtres, 1 actif');

  // the order, without column headers
  await page.getByRole('combobox', { name: 'Trier par' }).selectOption({ label: 'Nom (décroissant)' });
  await expect(page).toHaveURL(/sort=-last_name%2C-first_name/);

  // selection and the bulk bar still work on cards
  await card.getByRole('checkbox', { name: `Sélectionner ${PERSON.first_name} ${PERSON.last_name}` }).check();
  await expect(page.getByRole('region', { name: '1 sélectionné' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Tout sélectionner' }).uncheck();
  await expect(page.getByRole('region', { name: /sélectionné/ })).toBeHidden();

  // clearing, from the drawer
  await filtersButton(page).click();
  await page
    .getByRole('dialog', { name: 'Filtres' })
    .getByRole('button', { name: 'Effacer les filtres' })
    .click();
  await expect(page).not.toHaveURL(/company_id=/);
});

test('companies at 390 px: cards with industry and website, the industry filter in the drawer', async ({
  page,
}) => {
  await start(page);
  await page.goto(`/companies?q=${STAMP}`);
  const list = cards(page, 'Entreprises');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const card = list.getByRole('listitem').filter({ hasText: COMPANY });
  await expect(card.getByText(INDUSTRY)).toBeVisible();
  await expect(card.getByRole('link', { name: WEBSITE })).toHaveAttribute('href', WEBSITE);
  await expect(card.getByRole('link', { name: COMPANY })).toHaveAttribute('href', `/companies/${companyId}`);
  await checkPhone(page, 'companies-390');

  await filtersButton(page).click();
  const drawer = page.getByRole('dialog', { name: 'Filtres' });
  await drawer.getByRole('combobox', { name: 'Secteur (exact)' }).fill(INDUSTRY);
  await page.getByRole('option', { name: INDUSTRY }).click();
  await drawer.getByRole('button', { name: 'Voir les résultats' }).click();
  await expect(page).toHaveURL(/industry=/);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(filtersButton(page)).toHaveAccessibleName('Filtres, 1 actif');
  await checkPhone(page, 'companies-390-filtered');
});

test('deals at 390 px: the list view as cards with the amount in full, the stage filter; the board fits', async ({
  page,
}) => {
  await start(page);
  await page.goto(`/opportunities?layout=table&q=${STAMP}`);
  const list = cards(page, 'Opportunités');
  const card = list.getByRole('listitem').filter({ hasText: DEAL });
  await expect(card).toBeVisible();
  // French grouping uses narrow no-break spaces: compared with plain spaces
  await expect(card.getByText(/€/)).toHaveText(/^98\s765\s432,10\s€$/);
  await expect(card.getByText('Clôture prévue')).toBeVisible();
  await expect(card.getByText('31 mars 2027')).toBeVisible();
  await expect(card.getByText('Responsable')).toBeVisible();
  await checkPhone(page, 'deals-list-390');

  await filtersButton(page).click();
  const drawer = page.getByRole('dialog', { name: 'Filtres' });
  await drawer.getByRole('combobox', { name: 'Étape' }).click();
  await page.getByRole('option', { name: 'Fermée gagnée' }).click();
  await drawer.getByRole('button', { name: 'Voir les résultats' }).click();
  await expect(page).toHaveURL(/stage=/);
  await expect(page.getByText('Aucune opportunité ne correspond.')).toBeVisible();
  await expect(filtersButton(page)).toHaveAccessibleName('Filtres, 1 actif');
  await page.getByRole('combobox', { name: 'Trier par' }).selectOption({ label: 'Montant (décroissant)' });
  await expect(page).toHaveURL(/sort=-deal_value/);

  // the board scrolls sideways inside its own box; its page chrome fits
  await page.goto(`/opportunities?q=${STAMP}`);
  await expect(page.getByTestId('pipeline-board')).toBeVisible();
  await checkPhone(page, 'deals-board-390', '[data-testid="pipeline-board"]');
});

test('tasks at 390 px: each task a card with its due date and linked record', async ({ page }) => {
  await start(page);
  await page.goto('/tasks');
  const upcoming = page.getByRole('region', { name: 'À venir' });
  const card = upcoming.getByRole('listitem').filter({ hasText: TASK });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^Pour le /)).toBeVisible();
  await expect(card.getByRole('link', { name: new RegExp(PERSON.last_name) })).toHaveAttribute(
    'href',
    `/contacts/${contactId}`,
  );
  await checkPhone(page, 'tasks-390');
});

test('imports and settings lists fit 390 px; users and API tokens are cards there', async ({ page }) => {
  test.setTimeout(300_000);
  await start(page);
  await page.goto('/imports');
  const past = cards(page, 'Imports précédents').getByRole('listitem').first();
  await expect(past.getByRole('link', { name: /^Erreurs (et avertissements )?de/ })).toBeVisible({
    timeout: 30_000,
  });
  for (const [path, name] of [
    ['/imports', 'imports-390'],
    ['/settings/stages', 'settings-stages-390'],
    ['/settings/lost-reasons', 'settings-lost-reasons-390'],
    ['/settings/users', 'settings-users-390'],
    ['/settings/tokens', 'settings-tokens-390'],
  ]) {
    await page.goto(path);
    // a page's chunk can take a while on a loaded machine
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
    await checkPhone(page, name);
  }
  await page.goto('/settings/users');
  const admin = cards(page, 'Utilisateurs').getByRole('listitem').filter({ hasText: ADMIN.email });
  await expect(admin.getByRole('combobox', { name: `Rôle de ${ADMIN.name}` })).toBeVisible();
  await page.goto('/settings/tokens');
  const token = cards(page, 'Mes jetons d’API').getByRole('listitem').filter({ hasText: STAMP });
  await expect(token.getByRole('button', { name: /^Révoquer/ })).toBeVisible();
});

test('the same lists are tables at 1280 px, their filters in a row', async ({ page }) => {
  await start(page);
  await page.setViewportSize(WIDE);
  // an old link's `?view=table` still opens the deals' table (`layout` since saved views)
  for (const path of ['/contacts', '/companies', '/opportunities?view=table']) {
    await page.goto(`${path}${path.includes('?') ? '&' : '?'}q=${STAMP}`);
    await expect(page.getByRole('table')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('columnheader').first()).toBeVisible();
    await expect(filtersButton(page)).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Trier par' })).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
  }
  await expect(page.getByRole('row', { name: new RegExp(DEAL) })).toContainText(/98\s765\s432,10\s€/);
  for (const path of ['/settings/users', '/settings/tokens']) {
    await page.goto(path);
    await expect(page.getByRole('table')).toBeVisible({ timeout: 30_000 });
  }
  await page.goto('/tasks');
  await expect(
    page.getByRole('region', { name: 'À venir' }).getByRole('listitem').filter({ hasText: TASK }),
  ).toBeVisible();
});
