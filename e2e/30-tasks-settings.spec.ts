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

/** The app's own origin: cookie-authenticated writes through `page.request` must name it (CSRF check). */
const origin = () => new URL(test.info().project.use.baseURL as string).origin;

async function apiPost(page: Page, path: string, data: unknown) {
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin: origin() } });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

// On a new instance (this spec run alone), create the admin from a context of its own: setup signs
// in whoever calls it, and a page that is already signed in never shows the sign-in form.
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  await ensureAdmin();
  await request.dispose();
});

// The language is saved on the user: whatever happens in the test that switches it, put French back
// so that the specs after this one find the app as they expect.
test.afterAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  await request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin: origin() } });
  await request.dispose();
});

test('tasks: create one due today (a preset), complete it with one click, find it under "done"', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { name: 'Mes tâches' })).toBeVisible();
  await expectAccessible(page);

  const title = `Rappeler le client ${Date.now()}`;
  await page.getByRole('button', { name: 'Nouvelle tâche' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle tâche' });
  await dialog.getByLabel('Intitulé').fill(title);
  await dialog.getByRole('button', { name: 'Ouvrir le calendrier' }).click();
  await expectAccessible(page);
  // a preset picks the day and closes the calendar: due all day today
  await page.getByRole('button', { name: 'Aujourd’hui', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Lundi prochain' })).toBeHidden();
  await expect(dialog.getByRole('textbox', { name: 'Échéance' })).toHaveValue(/^\d\d\/\d\d\/\d{4}$/);
  await expect(dialog.getByText(/toute la journée/)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Ajouter la tâche' }).click();
  await expect(dialog).toBeHidden();

  const today = page.getByRole('region', { name: 'Aujourd’hui' });
  const done = page.getByRole('region', { name: 'Faites' });
  await expect(today.getByRole('checkbox', { name: title })).not.toBeChecked();
  await today.getByRole('checkbox', { name: title }).click();
  await expect(done.getByRole('checkbox', { name: title })).toBeChecked();
  await expect(today.getByRole('checkbox', { name: title })).toHaveCount(0);
  // after the refetch it is still there
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Faites' }).getByRole('checkbox', { name: title }),
  ).toBeChecked();
  await expectAccessible(page);
  await snap(page, 'tasks-fr');
});

test('dashboard: pipeline chart, forecast, tasks due and recent activity', async ({ page }) => {
  await signIn(page);
  await apiPost(page, '/tasks', { title: 'Envoyer la proposition', due_at: new Date().toISOString() });
  const contact = await apiPost(page, '/contacts', { first_name: 'Hélène', last_name: 'Dupré' });
  await apiPost(page, '/opportunities', {
    opportunity_name: 'Site web Dupré',
    deal_value: 12000,
    stage: 'Proposition',
  });
  await apiPost(page, '/opportunities', {
    opportunity_name: 'Maintenance',
    deal_value: 3000,
    stage: 'Qualification',
  });
  await apiPost(page, '/opportunities', {
    opportunity_name: 'Refonte',
    deal_value: 8000,
    stage: 'Fermée gagnée',
  });
  await apiPost(page, '/interactions', {
    contact_id: contact.contact_id,
    interaction_type: 'call',
    interaction_date: new Date().toISOString(),
    notes: 'Intéressée par une refonte du site.',
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pipeline en cours par étape' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  // the same figures for screen readers
  await expect(page.getByRole('table', { name: 'Valeur du pipeline par étape' })).toBeAttached();
  await expect(page.getByRole('region', { name: 'Gagnées' })).toContainText(/opportunité/);
  await expect(page.getByRole('region', { name: 'Activité récente' })).toContainText('Hélène Dupré');
  await expect(page.getByRole('region', { name: 'Mes tâches à faire' })).toContainText(
    'Envoyer la proposition',
  );
  await expectAccessible(page);
  await snap(page, 'dashboard-fr');
});

test('settings: rename and reorder a stage', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/stages');
  await expect(page.getByRole('tab', { name: 'Étapes du pipeline' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const first = page.getByRole('form', { name: /^Étape 1 : / });
  const name = (await first.getByRole('textbox', { name: 'Nom', exact: true }).inputValue()).trim();
  await expectAccessible(page);
  await snap(page, 'settings-stages-fr');

  // rename, then put the name back (later specs use the default stages)
  await first.getByRole('textbox', { name: 'Nom', exact: true }).fill(`${name} renommée`);
  await first.getByRole('button', { name: `Enregistrer « ${name} »` }).click();
  await expect(page.getByRole('form', { name: `Étape 1 : ${name} renommée` })).toBeVisible();
  const renamed = page.getByRole('form', { name: `Étape 1 : ${name} renommée` });
  await renamed.getByRole('textbox', { name: 'Nom', exact: true }).fill(name);
  await renamed.getByRole('button', { name: /^Enregistrer/ }).click();
  await expect(page.getByRole('form', { name: `Étape 1 : ${name}` })).toBeVisible();

  // move it down one place, then back up
  await page.getByRole('button', { name: `Descendre « ${name} »` }).click();
  await expect(page.getByRole('form', { name: `Étape 2 : ${name}` })).toBeVisible();
  await page.getByRole('button', { name: `Monter « ${name} »` }).click();
  await expect(page.getByRole('form', { name: `Étape 1 : ${name}` })).toBeVisible();

  // a stage with opportunities in it cannot be deleted: the refusal is explained
  const proposition = page.getByRole('form', { name: /: Proposition$/ });
  await proposition.getByRole('button', { name: 'Supprimer « Proposition »' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText(/Des opportunités sont encore dans l’étape « Proposition »/)).toBeVisible();
});

test('settings: create a sales user; create an API token, shown once', async ({ page, playwright }) => {
  await signIn(page);
  await page.goto('/settings/users');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  const email = `bruno.${Date.now()}@carnet.test`;
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Bruno Commercial');
  await dialog.getByLabel('E-mail').fill(email);
  await expect(dialog.getByRole('combobox', { name: 'Rôle', exact: true })).toHaveValue('Commercial');
  await dialog.getByLabel(/^Mot de passe initial/).fill('Plume-Verte-Orage-42');
  await dialog.getByRole('button', { name: 'Créer l’utilisateur' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row.getByRole('combobox', { name: 'Rôle de Bruno Commercial' })).toHaveValue('Commercial');
  await snap(page, 'settings-users-fr');

  await page.getByRole('tab', { name: 'Mes jetons d’API' }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expectAccessible(page);
  await page.getByLabel(/^Nom du jeton/).fill('Zapier e2e');
  await page.getByRole('button', { name: 'Créer un jeton' }).click();
  const created = page.getByRole('dialog', { name: 'Jeton créé' });
  const secret = await created.getByLabel(/Votre nouveau jeton/).inputValue();
  expect(secret).toMatch(/^crm_/);
  await expect(created.getByRole('alert')).toContainText('ne sera plus jamais affiché');
  await expect(created.getByRole('button', { name: 'Copier' })).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'settings-token-created-fr');
  await created.getByRole('button', { name: 'J’ai copié le jeton' }).click();
  await expect(created).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Zapier e2e', exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  // the token works, then is revoked after a confirmation
  const integration = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  expect((await integration.get('/api/v1/auth/me')).status()).toBe(200);
  await page.getByRole('button', { name: 'Révoquer le jeton « Zapier e2e »' }).click();
  await page
    .getByRole('dialog', { name: 'Révoquer ce jeton ?' })
    .getByRole('button', { name: 'Révoquer' })
    .click();
  await expect(page.getByRole('cell', { name: 'Zapier e2e', exact: true })).toHaveCount(0);
  expect((await integration.get('/api/v1/auth/me')).status()).toBe(401);
  await integration.dispose();
  await snap(page, 'settings-tokens-fr');
});

test('profile: English and back to French; screenshots in both languages and at 375 px', async ({ page }) => {
  // ten pages, each checked with axe and photographed: over a minute on a loaded machine
  test.setTimeout(150_000);
  await signIn(page);
  await page.goto('/settings/profile');
  await expectAccessible(page);
  await snap(page, 'settings-profile-fr');

  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await snap(page, 'settings-profile-en');
  for (const section of ['tokens', 'stages', 'lost-reasons', 'users']) {
    await page.goto(`/settings/${section}`);
    await expect(page.getByRole('tab', { selected: true })).toBeVisible();
    await expectAccessible(page);
    await snap(page, `settings-${section}-en`);
  }
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Open pipeline by stage' })).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'dashboard-en');
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'tasks-en');

  await page.goto('/settings/profile');
  await page.getByRole('radio', { name: 'Français' }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  // a phone: nothing may overflow sideways
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [path, name] of [
    ['/', 'dashboard-375'],
    ['/tasks', 'tasks-375'],
    ['/settings/stages', 'settings-stages-375'],
    ['/settings/lost-reasons', 'settings-lost-reasons-375'],
    ['/settings/users', 'settings-users-375'],
    ['/settings/tokens', 'settings-tokens-375'],
    ['/settings/profile', 'settings-profile-375'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoHorizontalOverflow(page, path);
    await expectAccessible(page);
    await snap(page, name);
  }
});
