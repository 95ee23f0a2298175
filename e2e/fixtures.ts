import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@carnet.test', password: 'Plume-Verte-Orage-42', name: 'Alice Admin' };

/** Signs in through the form (the session cookie then rides along). */
export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto('/login');
  await page.getByLabel(/^(e-mail|email)\b/i).fill(email);
  // anchored: the show-password toggle is labelled "…mot de passe" too
  await page.getByLabel(/^(mot de passe|password)\b/i).fill(password);
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
}

/** A screenshot kept as a test artifact (test-results/screenshots). */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const test = base;
export { expect };
