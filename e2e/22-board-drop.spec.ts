import type { Locator, Page } from '@playwright/test';
import { ensureAdmin, expect, expectAccessible, signIn, test } from './fixtures.js';

// The pipeline board with a real mouse: the drop lands where the pointer is released, even when the
// pointer is held still near the board's edge (issue 11: the board used to auto-scroll under a
// still pointer and save a deal dropped on "Fermée gagnée" as "Fermée perdue").
const STAMP = Date.now().toString(36);
const COMPANY = `Crédit Agricole ${STAMP}`;

async function start(page: Page) {
  await ensureAdmin();
  await page.context().clearCookies();
  await signIn(page);
  const origin = new URL(page.url()).origin;
  await page.context().request.patch('/api/v1/auth/me', { data: { locale: 'fr' }, headers: { origin } });
  await page.evaluate(() => localStorage.setItem('carnet.language', 'fr'));
}

async function apiPost(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.context().request.post(`/api/v1${path}`, { data, headers: { origin } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

async function stageOf(page: Page, id: number) {
  const res = await page.context().request.get(`/api/v1/opportunities/${id}`);
  return (await res.json()).stage as string;
}

const board = (page: Page) => page.getByTestId('pipeline-board');
const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });

/** Scrolls the board so that the column's right edge is `gap` px inside the board's right edge. */
async function alignRight(page: Page, stage: string, gap: number) {
  await board(page).evaluate(
    (el, [name, px]) => {
      const col = el.querySelector(`[data-stage="${name}"]`);
      if (!col) throw new Error(`no column ${name}`);
      el.scrollLeft += col.getBoundingClientRect().right - (el.getBoundingClientRect().right - Number(px));
    },
    [stage, gap] as const,
  );
}

/** The element's box once it stops moving (a scroll into view may still be under way). */
async function settledBox(el: Locator) {
  let last = await el.boundingBox();
  for (let i = 0; i < 20; i++) {
    await el.page().waitForTimeout(100);
    const now = await el.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y) return now;
    last = now;
  }
  return last;
}

/** Presses on `from`, moves in small steps to (x, y), holds still for `hold` ms, releases. */
async function drag(page: Page, from: Locator, x: number, y: number, hold = 1500) {
  const box = await settledBox(from);
  if (!box) throw new Error('nothing to drag');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 25 });
  await page.waitForTimeout(hold);
  await page.mouse.up();
}

async function openBoard(page: Page, companyId: number) {
  // narrow enough that the six default stages do not fit: the board scrolls sideways
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`/opportunities?company_id=${companyId}`);
  await expect(column(page, 'Fermée perdue')).toBeAttached();
  const overflow = await board(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, 'the board must scroll sideways for this test').toBeGreaterThan(100);
}

test('a deal held still over "Fermée gagnée" near the edge is won there, after a confirmation', async ({
  page,
}) => {
  await start(page);
  const company = await apiPost(page, '/companies', { company_name: COMPANY });
  const deal = await apiPost(page, '/opportunities', {
    opportunity_name: `Licences ${STAMP}`,
    deal_value: 48000,
    stage: 'En négociation',
    company_id: company.company_id,
  });
  await openBoard(page, company.company_id);
  const card = page.getByTestId(`opportunity-card-${deal.opportunity_id}`);
  await expect(card).toBeVisible();

  // "Fermée gagnée" fully visible, its right edge 10 px from the board's: the pointer is held
  // 20 px from the board's edge, where the board used to scroll on its own
  await alignRight(page, 'Fermée gagnée', 10);
  const target = await column(page, 'Fermée gagnée').boundingBox();
  const edge = await board(page).boundingBox();
  if (!target || !edge) throw new Error('the board is not laid out');
  // grabbed by its amount, not its grip: the whole card is draggable
  await drag(page, card.getByText(/48\s000,00\s€/), edge.x + edge.width - 20, target.y + 60);

  const confirm = page.getByRole('dialog', { name: `Marquer « Licences ${STAMP} » comme gagnée ?` });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await confirm.getByRole('button', { name: 'Confirmer' }).click();
  await expect(confirm).toBeHidden();
  await expect.poll(() => stageOf(page, deal.opportunity_id)).toBe('Fermée gagnée');
  await expect(
    column(page, 'Fermée gagnée').getByTestId(`opportunity-card-${deal.opportunity_id}`),
  ).toBeVisible();
});

test('a move to a closed stage can be declined, and a move can be undone from its notification', async ({
  page,
}) => {
  await start(page);
  const company = await apiPost(page, '/companies', { company_name: `${COMPANY} bis` });
  const deal = await apiPost(page, '/opportunities', {
    opportunity_name: `Refonte ${STAMP}`,
    deal_value: 12500.5,
    stage: 'En négociation',
    company_id: company.company_id,
  });
  await openBoard(page, company.company_id);
  const card = page.getByTestId(`opportunity-card-${deal.opportunity_id}`);

  // declined: the deal stays where it was
  await alignRight(page, 'Fermée gagnée', 10);
  let target = await column(page, 'Fermée gagnée').boundingBox();
  if (!target) throw new Error('the board is not laid out');
  await drag(page, card.getByText(/12\s500,50\s€/), target.x + target.width / 2, target.y + 60, 300);
  const confirm = page.getByRole('dialog', { name: /comme gagnée \?$/ });
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toBeHidden();
  await expect(
    column(page, 'En négociation').getByTestId(`opportunity-card-${deal.opportunity_id}`),
  ).toBeVisible();
  expect(await stageOf(page, deal.opportunity_id)).toBe('En négociation');

  // an open stage: no question asked, and the notification offers to undo
  await column(page, 'Proposition').scrollIntoViewIfNeeded();
  target = await settledBox(column(page, 'Proposition'));
  if (!target) throw new Error('the board is not laid out');
  await drag(page, card.getByText(/12\s500,50\s€/), target.x + target.width / 2, target.y + 60, 300);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => stageOf(page, deal.opportunity_id)).toBe('Proposition');
  const notice = page.getByRole('alert').filter({ hasText: `Refonte ${STAMP}` });
  await expect(notice).toContainText('Proposition');
  await notice.getByRole('button', { name: 'Annuler' }).click();
  await expect.poll(() => stageOf(page, deal.opportunity_id)).toBe('En négociation');
  await expect(
    column(page, 'En négociation').getByTestId(`opportunity-card-${deal.opportunity_id}`),
  ).toBeVisible();
  // the keyboard still drags by the grip, and a closed stage asks first there too
  await card.getByRole('button', { name: `Déplacer « Refonte ${STAMP} »` }).focus();
  // each key waits for what a screen reader hears (dnd-kit's live region), not for a fixed time
  const heard = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press('Space');
  // "picked up in …", at once followed by "over …" the same column
  await expect(heard).toContainText(
    new RegExp(`« Refonte ${STAMP} » (saisie, dans|au-dessus de) la colonne « En négociation »`),
  );
  await page.keyboard.press('ArrowRight');
  await expect(heard).toContainText(`« Refonte ${STAMP} » au-dessus de la colonne « Fermée gagnée »`);
  await page.keyboard.press('Space');
  const asked = page.getByRole('dialog', { name: `Marquer « Refonte ${STAMP} » comme gagnée ?` });
  await expect(asked).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(asked).toBeHidden();
  expect(await stageOf(page, deal.opportunity_id)).toBe('En négociation');
  // a click on the card's name still opens it
  await card.getByRole('link', { name: `Refonte ${STAMP}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Refonte ${STAMP}` })).toBeVisible();
});

test('a deal dropped on "Fermée perdue" asks why it was lost', async ({ page }) => {
  await start(page);
  const company = await apiPost(page, '/companies', { company_name: `${COMPANY} ter` });
  const deal = await apiPost(page, '/opportunities', {
    opportunity_name: `Perdue ${STAMP}`,
    deal_value: 990,
    stage: 'En négociation',
    company_id: company.company_id,
  });
  await openBoard(page, company.company_id);
  const card = page.getByTestId(`opportunity-card-${deal.opportunity_id}`);
  // "Fermée perdue" cut off by the board's edge, 120 px of it hidden: held over its visible part near
  // the edge, the board scrolls it into view, and the drop lands in it
  await alignRight(page, 'Fermée perdue', -120);
  const before = await board(page).evaluate((el) => el.scrollLeft);
  const edge = await board(page).boundingBox();
  if (!edge) throw new Error('the board is not laid out');
  const box = await card.getByText(/990,00\s€/).boundingBox();
  if (!box) throw new Error('nothing to drag');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width - 30, edge.y + 80, { steps: 25 });
  await page.waitForTimeout(1500);
  const scrolled = await board(page).evaluate((el, start) => el.scrollLeft - start, before);
  expect(scrolled).toBeGreaterThan(100);
  const target = await column(page, 'Fermée perdue').boundingBox();
  expect(target && target.x + target.width).toBeLessThanOrEqual(edge.x + edge.width);
  await page.mouse.up();

  const dialog = page.getByRole('dialog', { name: `Marquer « Perdue ${STAMP} » comme perdue ?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  // a reason is required
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await expect(dialog.getByText('Indiquez pourquoi l’affaire est perdue.')).toBeVisible();
  expect(await stageOf(page, deal.opportunity_id)).toBe('En négociation');

  const reasons = await page.context().request.get('/api/v1/lost-reasons');
  if (reasons.status() === 404) {
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(await stageOf(page, deal.opportunity_id)).toBe('En négociation');
    test.skip(true, 'this server has no /api/v1/lost-reasons yet (the closing branch adds it)');
    return;
  }
  await dialog.getByRole('radio', { name: 'Concurrent choisi' }).check();
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => stageOf(page, deal.opportunity_id)).toBe('Fermée perdue');
  const saved = await (
    await page.context().request.get(`/api/v1/opportunities/${deal.opportunity_id}`)
  ).json();
  expect(saved.lost_reason).toBe('Concurrent choisi');

  // undone: back in its open stage, and the server forgets the reason
  const notice = page.getByRole('alert').filter({ hasText: `Perdue ${STAMP}` });
  await notice.getByRole('button', { name: 'Annuler' }).click();
  await expect.poll(() => stageOf(page, deal.opportunity_id)).toBe('En négociation');
});
