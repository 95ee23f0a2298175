import { ADMIN, ensureAdmin, expect, signIn, test } from './fixtures.js';

// Issue 13: a contact keeps a mobile beside its office number; the list finds it by either.
const STAMP = `ch${Date.now().toString(36)}`;
const LAST = `Multicanal ${STAMP}`;
const FULL = `Inès ${LAST}`;
// a mobile no other contact of the suite has: its eight last digits from the stamp
const DIGITS = String(parseInt(STAMP, 36) % 100_000_000).padStart(8, '0');
const MOBILE = `07 ${DIGITS.match(/../g)?.join(' ')}`;

const origin = () => new URL(test.info().project.use.baseURL as string).origin;

let contactId = 0;

test.beforeAll(async ({ playwright }) => {
  await ensureAdmin();
  const request = await playwright.request.newContext({ baseURL: origin() });
  try {
    await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
    await request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin: origin() } });
    const res = await request.post('/api/v1/contacts', {
      data: { first_name: 'Inès', last_name: LAST, phone: '01 40 00 00 00' },
      headers: { origin: origin() },
    });
    expect(res.status(), await res.text()).toBe(201);
    contactId = (await res.json()).contact_id;
  } finally {
    await request.dispose();
  }
});

test('adds a mobile to a contact in the form, then finds the contact by that number', async ({ page }) => {
  await signIn(page);
  await page.goto(`/contacts/${contactId}`);
  await expect(page.getByRole('heading', { level: 1, name: FULL })).toBeVisible();

  await page.getByRole('button', { name: `Modifier ${FULL}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier le contact' });
  await dialog.getByRole('button', { name: 'Ajouter un téléphone' }).click();
  // a new row is a mobile unless told otherwise
  await expect(
    dialog.getByRole('combobox', { name: 'Autres téléphones : libellé de la ligne 1' }),
  ).toHaveValue('Mobile');
  await dialog.getByLabel('Autre téléphone 1').fill(MOBILE);
  // a second row with a label of one's own
  await dialog.getByRole('button', { name: 'Ajouter un téléphone' }).click();
  await dialog.getByRole('combobox', { name: 'Autres téléphones : libellé de la ligne 2' }).click();
  await page.getByRole('option', { name: 'Personnalisé…' }).click();
  await dialog.getByLabel('Autres téléphones : libellé personnalisé de la ligne 2').fill('Standard');
  await dialog.getByLabel('Autre téléphone 2').fill('01 40 00 00 99');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();

  // the page lists them, each a tel: link after its label
  const mobile = page.getByRole('link', { name: MOBILE });
  await expect(mobile).toHaveAttribute('href', `tel:07${DIGITS}`);
  await expect(page.getByText('Standard', { exact: true })).toBeVisible();

  // the list finds the contact by the mobile, typed another way
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByLabel('Rechercher des contacts').fill(`+33 7 ${DIGITS}`);
  await expect(page.getByRole('link', { name: FULL })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2);
});
