import { expect, expectAccessible, signIn, snap, test } from './fixtures.js';

test('Ctrl-K finds an accented name typed without accents, and opens it', async ({ page }) => {
  await signIn(page);
  // a contact of its own, so the spec also runs alone
  const origin = new URL(test.info().project.use.baseURL as string).origin;
  const created = await page.context().request.post('/api/v1/contacts', {
    data: {
      first_name: 'Hélène',
      last_name: 'Ébrard-Ñúñez',
      email: `helene.ebrard.${Date.now()}@carnet.test`,
    },
    headers: { origin },
  });
  expect(created.status()).toBe(201);
  const { contact_id } = await created.json();

  await page.goto('/');
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox').or(page.getByPlaceholder(/Rechercher un contact/));
  await expect(search.first()).toBeVisible();
  await search.first().fill('helene ebrard nun');
  const hit = page
    .getByRole('button', { name: /Hélène Ébrard-Ñúñez/ })
    .or(page.getByText('Hélène Ébrard-Ñúñez'));
  await expect(hit.first()).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'search-fr');
  await hit.first().click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${contact_id}$`));
});
