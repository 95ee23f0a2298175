import type { Page } from '@playwright/test';
import { createMember, ensureAdmin, expect, expectAccessible, snap, test } from './fixtures.js';

const origin = () => new URL(test.info().project.use.baseURL as string).origin;
// far from UTC: "today" is the browser's day, not the server's
const ZONE = 'Pacific/Auckland';
test.use({ timezoneId: ZONE });

async function apiPost(page: Page, path: string, data: unknown) {
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin: origin() } });
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/** Today in the browser's zone, as French users type it (12/03/2027) and as the API writes it. */
function today() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return {
    typed: `${parts.day}/${parts.month}/${parts.year}`,
    iso: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** The bell's count, from its accessible name ("Rappels : 3 tâches pour aujourd’hui ou en retard"). */
async function bellCount(page: Page) {
  const name = (await page.getByTestId('reminder-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+)/.exec(name)?.[1]);
}

test.beforeAll(async () => {
  await ensureAdmin();
});

test.setTimeout(180_000);

test('tasks: from a contact with a typed due date, in "mine", in the team view by assignee, and the bell', async ({
  page,
}) => {
  const sam = await createMember(page, 'sales', 'Sam Terrain');
  // createMember left the admin signed in, in this page's context
  await page.goto('/');
  const stamp = Date.now();
  const contact = await apiPost(page, '/contacts', { first_name: 'Hélène', last_name: `Tâche ${stamp}` });

  await page.goto(`/contacts/${contact.contact_id}`);
  // the count once loaded (the bell says only "Rappels" until it knows)
  await expect(page.getByTestId('reminder-bell')).toHaveAttribute('aria-label', /Rappels : \d+/);
  const before = await bellCount(page);

  // a task from the contact's page, due today typed by hand (all day)
  const title = `Rappeler Hélène ${stamp}`;
  await page.getByRole('button', { name: 'Nouvelle tâche' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle tâche' });
  await dialog.getByLabel('Intitulé').fill(title);
  await dialog.getByRole('textbox', { name: 'Échéance' }).fill(today().typed);
  await expect(dialog.getByText(/toute la journée/)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Ajouter la tâche' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('checkbox', { name: title })).toBeVisible();
  // the bell counts it without a reload
  await expect.poll(() => bellCount(page)).toBe(before + 1);

  // in "mine", due today
  await page.goto('/tasks');
  await expect(
    page.getByRole('region', { name: 'Aujourd’hui' }).getByRole('checkbox', { name: title }),
  ).toBeVisible();
  const created = (
    await (await page.context().request.get(`/api/v1/tasks?contact_id=${contact.contact_id}`)).json()
  ).data[0];
  expect(created).toMatchObject({
    title,
    due_date: today().iso,
    due_at: null,
    contact_id: contact.contact_id,
  });

  // a task for Sam, and one overdue for me, made elsewhere (another tab, a colleague)
  const samTask = `Pour Sam ${stamp}`;
  await apiPost(page, '/tasks', { title: samTask, assignee_id: sam.user_id, due_date: today().iso });
  await apiPost(page, '/tasks', { title: `En retard ${stamp}`, due_date: '2020-01-15' });
  // coming back to the window refetches the bell (it also polls every minute)
  await page.evaluate(() => {
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => bellCount(page), { timeout: 70_000 }).toBe(before + 2);

  // the bell's list: a link to each, and done from there
  await page.getByTestId('reminder-bell').click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: `Marquer « En retard ${stamp} » comme faite` }).click();
  await expect.poll(() => bellCount(page)).toBe(before + 1);
  await page.keyboard.press('Escape');

  // the team's view, filtered by assignee; the URL keeps it
  // the view is in the URL (the segmented control writes it)
  await page.goto('/tasks?view=team');
  await expect(page.getByRole('heading', { name: 'Équipe', level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: samTask })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: title })).toBeVisible();
  await page.getByRole('combobox', { name: 'Assignée à' }).click();
  await page.getByRole('option', { name: 'Sam Terrain' }).first().click();
  await expect(page).toHaveURL(new RegExp(`assignee=${sam.user_id}`));
  await expect(page.getByRole('checkbox', { name: samTask })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: title })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: samTask })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: title })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, 'tasks-team-fr');
});
