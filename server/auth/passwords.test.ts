import { describe, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';
import { hashPassword, normalizePassword, passwordProblem, verifyPassword } from './passwords.js';

const code = (password: string) => passwordProblem(password)?.code ?? null;

describe('password rules apply to the normalised (NFKC) password that is hashed', () => {
  it('refuses a full-width common password: it is the same password once normalised', () => {
    expect(normalizePassword('ｐａｓｓｗｏｒｄ１２３')).toBe('password123');
    expect(code('ｐａｓｓｗｏｒｄ１２３')).toBe('common_password');
    expect(code('ＰＡＳＳＷＯＲＤ１２３')).toBe('common_password');
  });

  it('refuses zero-width and control characters, anywhere', () => {
    for (const bad of [
      '\u200B',
      '\u200C',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u0000',
      '\u0007',
      '\t',
      '\n',
      '\u007F',
      '\u0085',
    ])
      expect(code(`Plume-Verte${bad}Orage-42`), JSON.stringify(bad)).toBe('invalid_character');
    expect(code(`\u200BPlume-Verte-Orage-42`)).toBe('invalid_character');
    expect(code(`Plume-Verte-Orage-42\u0000`)).toBe('invalid_character');
  });

  it('counts the length in code points after normalisation', () => {
    // 10 UTF-16 units but 9 characters once "e" + combining acute becomes "é"
    expect('Ame\u0301lie-Ro'.length).toBe(10);
    expect(code('Ame\u0301lie-Ro')).toBe('too_short');
    expect(code('Ame\u0301lie-Ros')).toBe(null);
    // a combining mark that composes with nothing stays a code point of its own
    expect(code('q\u0307uatre-mo')).toBe(null);
    // five emoji are ten UTF-16 units but five characters
    expect(code('🦊🐙🦉🐢🐝')).toBe('too_short');
    expect(code('🦊🐙🦉🐢🐝🦊🐙🦉🐢🐝')).toBe(null);
    expect(passwordProblem('🦊'.repeat(100) + 'x'.repeat(101))).toMatchObject({
      code: 'too_long',
      limit: 200,
    });
  });

  it('hashes and verifies the normalised password, so hashes made before stay valid', async () => {
    const hash = await hashPassword('Ｐｌｕｍｅ-Verte-Orage-42');
    expect(await verifyPassword('Plume-Verte-Orage-42', hash)).toBe(true);
    expect(await verifyPassword('Ｐｌｕｍｅ-Verte-Orage-42', hash)).toBe(true);
    expect(await verifyPassword('Plume-Verte-Orage-43', hash)).toBe(false);
    // made by the code before this change (it already hashed the NFKC form): still verifies
    const before = 'scrypt$32768$8$1$LCom22d7N5u__RnlFpE7WA$v8I_vmpY850_es_NIuKt7yyIJRgIA30K5gd8mKrTkkI';
    expect(await verifyPassword('Legacy-Mot-de-Passe-9', before)).toBe(true);
    expect(await verifyPassword('Ｌｅｇａｃｙ-Mot-de-Passe-9', before)).toBe(true);
  });
});

describeEachDialect('password rules over HTTP', (t) => {
  const create = (password: string) =>
    t.api('POST', '/api/v1/users', { email: `pw.${uniq()}@example.com`, role: 'sales', password });

  it('refuses a full-width common password, zero-width and control characters with a 400 field error', async () => {
    const common = await create('ｐａｓｓｗｏｒｄ１２３');
    expect(common.status).toBe(400);
    expect(common.body.errors).toEqual([
      expect.objectContaining({ field: 'password', code: 'common_password' }),
    ]);
    for (const bad of [
      'Plume\u200BVerte-Orage-42',
      'Plume\u0000Verte-Orage-42',
      'Plume\u0007Verte-Orage-42',
    ]) {
      const res = await create(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'password', code: 'invalid_character' }),
      ]);
    }
    const short = await create('Ame\u0301lie-Ro');
    expect(short.body.errors).toEqual([
      expect.objectContaining({ field: 'password', code: 'too_short', limit: 10 }),
    ]);
  });

  it('applies the same rules to my own new password, and signs in with either form of it', async () => {
    const m = await t.member('sales');
    const change = (password: string) =>
      m.api('PATCH', '/api/v1/auth/me', { password, current_password: TEST_PASSWORD });
    expect((await change('ｐａｓｓｗｏｒｄ１２３')).body.errors[0].code).toBe('common_password');
    expect((await change('Nouveau\u2060Secret-Solide-7')).body.errors[0].code).toBe('invalid_character');
    expect((await change('Ｎｏｕｖｅａｕ-Secret-Solide-7')).status).toBe(200);
    const login = (password: string) => t.anon('POST', '/api/v1/auth/login', { email: m.email, password });
    expect((await login('Nouveau-Secret-Solide-7')).status).toBe(200);
    expect((await login('Ｎｏｕｖｅａｕ-Secret-Solide-7')).status).toBe(200);
  });
});
