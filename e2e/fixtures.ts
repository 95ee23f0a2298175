import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, request as playwrightRequest } from '@playwright/test';

/** the password members choose at their first sign-in */
export const MEMBER_PASSWORD = 'Lanterne-Bleue-Rivage-7';

export const ADMIN = { email: 'admin@carnet.test', password: 'Plume-Verte-Orage-42', name: 'Alice Admin' };

/**
 * Creates the first administrator through the API when the instance is new (so any spec can run
 * alone). It uses its own request context: setup signs its caller in, and the page must stay signed out.
 */
export async function ensureAdmin() {
  const request = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const state = await (await request.get('/api/v1/setup')).json();
    if (state.setup_needed) {
      const res = await request.post('/api/v1/setup', { data: ADMIN });
      expect(res.status()).toBe(201);
    }
  } finally {
    await request.dispose();
  }
}

/** Signs in through the form (the session cookie then rides along). */
export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await ensureAdmin();
  await page.goto('/login');
  await page.getByLabel(/^(e-mail|email)\b/i).fill(email);
  // anchored: the show-password toggle is labelled "…mot de passe" too
  await page.getByLabel(/^(mot de passe|password)\b/i).fill(password);
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/**
 * No serious or critical accessibility violation on the page as it is now. With a dialog open, pass
 * its selector: what lies behind the modal overlay is inert, and axe would measure it through the veil.
 */
export async function expectAccessible(page: Page, scope?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (scope ? builder.include(scope) : builder).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
}

/** Whether the page fits its width and no button label is cut off, as measured now. */
const layoutFits = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.scrollWidth <= window.innerWidth &&
      Array.from(document.querySelectorAll('.mantine-Button-label')).every(
        (el) => el.scrollWidth <= el.clientWidth + 1,
      ),
  );

/**
 * Usable on a phone: the page itself never scrolls sideways (a wide table or the board scrolls
 * inside its own box), and no button's label is cut off. On failure the message names the
 * elements that stick out.
 */
export async function expectNoHorizontalOverflow(page: Page, what = new URL(page.url()).pathname) {
  // right after a resize the layout may still be settling (groups, the navbar): measured again
  // for up to 2 s before a cut-off or an overflow counts
  for (let i = 0; i < 10 && !(await layoutFits(page)); i++) await page.waitForTimeout(200);
  const { overflow, culprits, cut } = await page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth - width;
    // a button whose label is cut off does not overflow the page, but is just as unusable
    const cut = Array.from(document.querySelectorAll('.mantine-Button-label'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `"${el.textContent}" (${el.scrollWidth}px in ${el.clientWidth}px)`);
    if (overflow <= 0) return { overflow, culprits: [] as string[], cut };
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const culprits = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .slice(0, 5)
      .map((el) => {
        const classes = typeof el.className === 'string' ? el.className.split(' ').slice(0, 2) : [];
        const name = `${el.tagName.toLowerCase()}${classes.map((c: string) => `.${c}`).join('')}`;
        return `${name} (right ${Math.round(el.getBoundingClientRect().right)})`;
      });
    return { overflow, culprits, cut };
  });
  expect(
    overflow,
    `${what} is ${overflow}px wider than the screen: ${culprits.join(', ')}`,
  ).toBeLessThanOrEqual(0);
  expect(cut, `${what} has buttons whose label is cut off`).toEqual([]);
}

/**
 * No text cut off: every piece of text inside `scope` lies within the screen and within each
 * ancestor that clips (overflow other than visible: a scroll box, an ellipsis), so an amount or a
 * name is read in full. Text inside `except` (the board, which scrolls sideways on purpose) is
 * not measured.
 */
export async function expectNoClippedText(page: Page, scope = 'body', except?: string) {
  const clipped = await page.evaluate(
    ({ scope, except }) => {
      const width = window.innerWidth;
      const bad: string[] = [];
      const root = document.querySelector(scope);
      if (!root) return [`nothing matches ${scope}`];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const parent = node.parentElement;
        if (!text || !parent || (except && parent.closest(except))) continue;
        // visually hidden text (a label for screen readers) is clipped on purpose
        if (parent.closest('.mantine-VisuallyHidden-root, [aria-hidden="true"], .skip-link')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        // not shown: empty, invisible, or wholly off to the left (the phone's folded navbar)
        if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
        if (getComputedStyle(parent).visibility === 'hidden') continue;
        let cut = r.right > width + 1 || r.left < -1;
        for (
          let p: Element | null = parent;
          p && !cut && p !== document.documentElement;
          p = p.parentElement
        ) {
          const style = getComputedStyle(p);
          if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
          const box = p.getBoundingClientRect();
          cut = r.right > box.right + 1 || r.left < box.left - 1;
        }
        if (cut) bad.push(`"${text.slice(0, 40)}" in ${parent.tagName.toLowerCase()}`);
      }
      return bad.slice(0, 10);
    },
    { scope, except },
  );
  expect(clipped, `text cut off on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** A full-page screenshot attached to the test's report (and kept on disk like `snap`). */
export async function attachScreenshot(page: Page, name: string) {
  const body = await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await test.info().attach(name, { body, contentType: 'image/png' });
}

/** A screenshot kept as a test artifact (test-results/screenshots). */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const test = base;
export { expect };

/**
 * A user with that role, created by the admin through the API, for tests that sign in as them.
 * The admin's own session is used and left signed in.
 */
export async function createMember(page: Page, role: 'manager' | 'sales' | 'viewer', name: string) {
  const request = page.context().request;
  await ensureAdmin();
  const login = await request.post('/api/v1/auth/login', {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(login.status()).toBe(200);
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${Date.now()}@carnet.test`;
  // a cookie-authenticated write must say where it comes from (CSRF check)
  const origin = new URL(test.info().project.use.baseURL as string).origin;
  const res = await request.post('/api/v1/users', {
    data: { email, name, role, password: ADMIN.password },
    headers: { origin },
  });
  expect(res.status(), await res.text()).toBe(201);
  // A password the admin typed must be changed at first sign-in (docs/security.md): the member
  // does it once here, in a context of their own, so specs sign in straight into the app.
  const own = await playwrightRequest.newContext({ baseURL: origin });
  try {
    const signedIn = await own.post('/api/v1/auth/login', { data: { email, password: ADMIN.password } });
    expect(signedIn.status()).toBe(200);
    const changed = await own.patch('/api/v1/auth/me', {
      data: { current_password: ADMIN.password, password: MEMBER_PASSWORD },
      headers: { origin },
    });
    expect(changed.status(), await changed.text()).toBe(200);
  } finally {
    await own.dispose();
  }
  return { ...(await res.json()), password: MEMBER_PASSWORD } as {
    user_id: number;
    email: string;
    password: string;
  };
}
