import { expect, it } from 'vitest';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';

// Signing out needs the session it ends (the contract's "401 without credentials"); the rest of
// sign-in and sessions: auth.routes.test.ts.
const ORIGIN = 'http://localhost:80';

/** The session cookie's "name=value" from a response, for the next request. */
function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [raw];
  const c = all.find((x) => typeof x === 'string' && x.startsWith('carnet_session=')) as string | undefined;
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0];
}

describeEachDialect('signing out', (t) => {
  const login = (email: string) => t.anon('POST', '/api/v1/auth/login', { email, password: TEST_PASSWORD });

  it('signs out only a signed-in caller: 401 without credentials, the cookie cleared either way', async () => {
    const cleared = (res: { headers: Record<string, unknown> }) => {
      const raw = res.headers['set-cookie'];
      return (Array.isArray(raw) ? raw : [raw]).some(
        (c) => typeof c === 'string' && /^carnet_session=;/.test(c) && /Expires=Thu, 01 Jan 1970/.test(c),
      );
    };
    const nobody = await t.anon('POST', '/api/v1/auth/logout', undefined, { origin: ORIGIN });
    expect(nobody.status).toBe(401);
    expect(nobody.headers['content-type']).toMatch(/problem\+json/);
    const m = await t.member('sales');
    const cookie = sessionCookie(await login(m.email));
    // from another site a signed-in browser is not signed out (logout CSRF), and stays signed in
    const evil = await t.anon('POST', '/api/v1/auth/logout', undefined, {
      cookie,
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie })).status).toBe(200);
    const out = await t.anon('POST', '/api/v1/auth/logout', undefined, { cookie, origin: ORIGIN });
    expect(out.status).toBe(204);
    expect(cleared(out)).toBe(true);
    // the same cookie again: its session is gone, so 401, and the browser is told to drop it
    const again = await t.anon('POST', '/api/v1/auth/logout', undefined, { cookie, origin: ORIGIN });
    expect(again.status).toBe(401);
    expect(cleared(again)).toBe(true);
    // a token has no session to end; signing out with one is harmless and leaves it working
    expect((await m.api('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await m.api('GET', '/api/v1/auth/me')).status).toBe(200);
  });
});
