// Several phones and emails per contact (issue 13, ADR 014): the arrays' validation against hostile
// input, an address belonging to one contact only (primary or extra, parallel requests included),
// search by an extra email or an extra phone's digits, ETag and audit on change, GDPR erasure.
import { expect, it } from 'vitest';
import { createContact, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';

async function find(t: TestContext, q: string): Promise<number[]> {
  const res = await t.api('GET', `/api/v1/contacts?limit=200&q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((c: { contact_id: number }) => c.contact_id);
}

async function keys(t: TestContext, id: number) {
  const emails = await t.db.kysely
    .selectFrom('contact_emails')
    .select('email_key')
    .where('contact_id', '=', id)
    .orderBy('email_key')
    .execute();
  const phones = await t.db.kysely
    .selectFrom('contact_phones')
    .select('phone_key')
    .where('contact_id', '=', id)
    .orderBy('phone_key')
    .execute();
  return { emails: emails.map((r) => r.email_key), phones: phones.map((r) => r.phone_key) };
}

const fields = (res: { body: { errors?: { field: string; code: string }[] } }) =>
  (res.body.errors ?? []).map((e) => `${e.field}:${e.code}`);

describeEachDialect('contacts: several phones and emails', (t) => {
  it('stores labelled extras, shows [] when there are none, and keeps every key in the index tables', async () => {
    const tag = uniq();
    const plain = await createContact(t, { last_name: `Plain${tag}` });
    expect(plain.phones).toEqual([]);
    expect(plain.emails).toEqual([]);

    const res = await t.api('POST', '/api/v1/contacts', {
      last_name: `Multi${tag}`,
      email: `Main.${tag}@Example.com`,
      phone: '01 23 45 67 89',
      phones: [
        { label: 'mobile', number: ' 06 12 34 56 78 ' },
        { label: 'Standard', number: '+33 4 72 00 00 00' },
      ],
      emails: [{ label: 'HOME', email: `perso.${tag}@example.org` }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.phones).toEqual([
      { label: 'mobile', number: '06 12 34 56 78' },
      { label: 'Standard', number: '+33 4 72 00 00 00' },
    ]);
    expect(res.body.emails).toEqual([{ label: 'home', email: `perso.${tag}@example.org` }]);
    expect(await keys(t, res.body.contact_id)).toEqual({
      emails: [`main.${tag}@example.com`, `perso.${tag}@example.org`].sort(),
      phones: ['+33123456789', '+33472000000', '+33612345678'].sort(),
    });

    // emptied: [] and null both clear, and the keys of the extras go
    const cleared = await t.api('PATCH', `/api/v1/contacts/${res.body.contact_id}`, {
      phones: [],
      emails: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.phones).toEqual([]);
    expect(cleared.body.emails).toEqual([]);
    expect(await keys(t, res.body.contact_id)).toEqual({
      emails: [`main.${tag}@example.com`],
      phones: ['+33123456789'],
    });

    // deleted: no key is left behind
    expect((await t.api('DELETE', `/api/v1/contacts/${res.body.contact_id}`)).status).toBe(204);
    expect(await keys(t, res.body.contact_id)).toEqual({ emails: [], phones: [] });
  });

  it('refuses hostile and oversized lists with a field error, writing nothing', async () => {
    const tag = uniq();
    const eleven = Array.from({ length: 11 }, (_, i) => ({ label: 'work', number: `01 23 45 67 ${10 + i}` }));
    const cases: [unknown, string][] = [
      [{ phones: eleven }, 'phones'],
      [
        {
          emails: Array.from({ length: 11 }, (_, i) => ({
            label: 'work',
            email: `x${i}.${tag}@example.com`,
          })),
        },
        'emails',
      ],
      [{ phones: [{ label: 'x'.repeat(31), number: '0612345678' }] }, 'phones.0.label'],
      [{ phones: [{ label: '', number: '0612345678' }] }, 'phones.0.label'],
      [{ phones: [{ label: 'bad\nlabel', number: '0612345678' }] }, 'phones.0.label'],
      [{ phones: [{ label: 'work', number: '0'.repeat(41) }] }, 'phones.0.number'],
      [{ phones: [{ label: 'work', number: '06\u000012' }] }, 'phones.0.number'],
      [{ phones: [{ label: 'work' }] }, 'phones.0'],
      [{ phones: [{ label: 'work', number: '0612345678', extra: 1 }] }, 'phones.0'],
      [{ phones: ['0612345678'] }, 'phones.0'],
      [{ phones: { label: 'work', number: '0612345678' } }, 'phones'],
      [{ emails: [{ label: 'work', email: 'not-an-email' }] }, 'emails.0.email'],
      [{ emails: [{ label: 'work', email: `${'a'.repeat(95)}@example.com` }] }, 'emails.0.email'],
      [{ emails: [{ label: 'work', email: 'a@b.fr', number: '06' }] }, 'emails.0'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/v1/contacts', {
        last_name: `Hostile${tag}`,
        ...(body as object),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        fields(res).some((f) => f.startsWith(field)),
        `${JSON.stringify(body)} → ${fields(res)}`,
      ).toBe(true);
    }
    expect(await find(t, `Hostile${tag}`)).toEqual([]);

    // the same address or number twice on one contact
    const twice = await t.api('POST', '/api/v1/contacts', {
      last_name: `Twice${tag}`,
      email: `twice.${tag}@example.com`,
      emails: [{ label: 'work', email: `TWICE.${tag}@example.com` }],
      phone: '06 12 34 56 78',
      phones: [{ label: 'mobile', number: '+33 6 12 34 56 78' }],
    });
    expect(twice.status).toBe(400);
    expect(fields(twice).sort()).toEqual(['emails.0.email:duplicate', 'phones.0.number:duplicate']);
  });

  it('an address belongs to one contact: primary or extra, on create and update, with existing_id', async () => {
    const tag = uniq();
    const a = await createContact(t, {
      last_name: `Owner${tag}`,
      email: `a.${tag}@example.com`,
      emails: [{ label: 'home', email: `a.home.${tag}@example.com` }],
    });
    // another contact's extra as a primary, another's primary as an extra, case ignored
    for (const body of [
      { email: `A.HOME.${tag}@example.com` },
      { emails: [{ label: 'work', email: `A.${tag}@EXAMPLE.com` }] },
      { emails: [{ label: 'work', email: `a.home.${tag}@example.com` }] },
    ]) {
      const res = await t.api('POST', '/api/v1/contacts', { last_name: `Other${tag}`, ...body });
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.code ?? res.body.type).toBeDefined();
      expect(res.body.existing_id).toBe(a.contact_id);
      expect(res.body.errors[0]).toMatchObject({ code: 'duplicate' });
    }
    const b = await createContact(t, { last_name: `Other${tag}`, email: `b.${tag}@example.com` });
    const upd = await t.api('PATCH', `/api/v1/contacts/${b.contact_id}`, {
      emails: [{ label: 'work', email: `a.home.${tag}@example.com` }],
    });
    expect(upd.status).toBe(409);
    expect(upd.body.existing_id).toBe(a.contact_id);
    expect(upd.body.errors[0].field).toBe('emails.0.email');

    // a contact may move its own address from extra to primary and back
    const swap = await t.api('PATCH', `/api/v1/contacts/${a.contact_id}`, {
      email: `a.home.${tag}@example.com`,
      emails: [{ label: 'work', email: `a.${tag}@example.com` }],
    });
    expect(swap.status, JSON.stringify(swap.body)).toBe(200);
    // once A lets an address go, another contact may take it
    await t.api('PATCH', `/api/v1/contacts/${a.contact_id}`, { emails: [] });
    const taken = await t.api('PATCH', `/api/v1/contacts/${b.contact_id}`, {
      emails: [{ label: 'work', email: `a.${tag}@example.com` }],
    });
    expect(taken.status).toBe(200);
  });

  it('parallel creates naming one address (one as primary, one as extra): one wins, the other is a 409', async () => {
    for (let round = 0; round < 3; round++) {
      const tag = uniq();
      const shared = `race.${tag}@example.com`;
      const results = await Promise.all([
        t.api('POST', '/api/v1/contacts', { last_name: `RaceA${tag}`, email: shared }),
        t.api('POST', '/api/v1/contacts', {
          last_name: `RaceB${tag}`,
          emails: [{ label: 'work', email: shared }],
        }),
        t.api('POST', '/api/v1/contacts', {
          last_name: `RaceC${tag}`,
          emails: [{ label: 'home', email: shared.toUpperCase() }],
        }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([201, 409, 409]);
      const winner = results.find((r) => r.status === 201)?.body.contact_id;
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.existing_id).toBe(winner);
      const holders = await t.db.kysely
        .selectFrom('contact_emails')
        .select('contact_id')
        .where('email_key', '=', shared)
        .execute();
      expect(holders.map((h) => Number(h.contact_id))).toEqual([winner]);
    }
  });

  it('q finds a contact by an extra email and by an extra phone in any form', async () => {
    const tag = uniq();
    const n = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const pairs = n.match(/../g) as string[];
    const c = await createContact(t, {
      last_name: `Searched${tag}`,
      phone: '01 40 00 00 00',
      phones: [{ label: 'mobile', number: `06 ${pairs.join(' ')}` }],
      emails: [{ label: 'home', email: `hidden${tag}@perso.example` }],
    });
    expect(await find(t, `hidden${tag}@perso.example`)).toEqual([c.contact_id]);
    expect(await find(t, `hidden${tag}`)).toEqual([c.contact_id]);
    for (const q of [`06${n}`, `+33 6 ${pairs.join(' ')}`, `06 ${pairs.join('.')}`, `6${n}`])
      expect(await find(t, q), q).toContain(c.contact_id);
    // the tenth extra of each kind is found too: the search words have room for them all
    const many = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, {
      phones: Array.from({ length: 10 }, (_, i) => ({
        label: 'work',
        number: `+33 6 ${pairs.slice(0, 3).join(' ')} ${String(i).padStart(2, '0')}`,
      })),
      emails: Array.from({ length: 10 }, (_, i) => ({
        label: 'other',
        email: `${'long'.repeat(15)}.${i}.${tag}@example.com`,
      })),
    });
    expect(many.status, JSON.stringify(many.body)).toBe(200);
    expect(await find(t, `+33 6 ${pairs.slice(0, 3).join(' ')} 09`)).toEqual([c.contact_id]);
    expect(await find(t, `${'long'.repeat(15)}.9.${tag}@example.com`)).toEqual([c.contact_id]);
    // what is no longer there is no longer found
    expect(await find(t, `hidden${tag}`)).toEqual([]);
  });

  it('a change of the extras changes the ETag and is one audit entry; the same lists again change nothing', async () => {
    const tag = uniq();
    const c = await createContact(t, { last_name: `Etag${tag}` });
    const got = await t.api('GET', `/api/v1/contacts/${c.contact_id}`);
    const first = got.headers.etag as string;
    const phones = [{ label: 'mobile', number: '06 11 22 33 44' }];
    const upd = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { phones }, { 'if-match': first });
    expect(upd.status).toBe(200);
    expect(upd.headers.etag).not.toBe(first);
    // a stale ETag is refused
    const stale = await t.api(
      'PATCH',
      `/api/v1/contacts/${c.contact_id}`,
      { phones: [] },
      { 'if-match': first },
    );
    expect(stale.status).toBe(412);
    const same = await t.api(
      'PATCH',
      `/api/v1/contacts/${c.contact_id}`,
      { phones },
      { 'if-match': upd.headers.etag as string },
    );
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe(upd.headers.etag);
    const audit = await t.api('GET', `/api/v1/audit-events?resource=contacts&record_id=${c.contact_id}`);
    const updates = audit.body.data.filter((e: { action: string }) => e.action === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0].changes.phones).toEqual([[], phones]);
  });

  it('GDPR: the export has the extras; erasure removes them, their keys, and the audit values', async () => {
    const tag = uniq();
    const c = await createContact(t, {
      last_name: `Gdpr${tag}`,
      emails: [{ label: 'home', email: `gdpr.${tag}@example.com` }],
      phones: [{ label: 'mobile', number: '06 98 76 54 32' }],
    });
    const data = await t.api('GET', `/api/v1/contacts/${c.contact_id}/personal-data`);
    expect(data.body.contact.emails).toEqual([{ label: 'home', email: `gdpr.${tag}@example.com` }]);
    const erased = await t.api('POST', `/api/v1/contacts/${c.contact_id}/erase`);
    expect(erased.status).toBe(200);
    expect(await keys(t, c.contact_id)).toEqual({ emails: [], phones: [] });
    const audit = await t.api('GET', `/api/v1/audit-events?resource=contacts&record_id=${c.contact_id}`);
    expect(JSON.stringify(audit.body)).not.toContain(`gdpr.${tag}`);
    // the address is free again
    const again = await createContact(t, { email: `gdpr.${tag}@example.com` });
    expect(again.contact_id).toBeGreaterThan(c.contact_id);
  });
});
