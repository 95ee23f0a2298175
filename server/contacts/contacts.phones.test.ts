// Phones are numbers (issue 12): whatever way a number was typed and whatever way it is searched,
// the contact is found; the number stays as typed; phone_key and the search words follow every write.
import { expect, it } from 'vitest';
import { defaultCountry, setDefaultCountry } from '../lib/phone.js';
import { wordsOf } from '../search/search-words.js';
import { createContact, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

/** Eight random digits whose first is not 0, and the number written in pairs. */
function randomMobile() {
  const n = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const pairs = n.match(/../g) as string[];
  return { n, pairs };
}

async function find(t: TestContext, q: string): Promise<number[]> {
  const res = await t.api('GET', `/api/v1/contacts?limit=200&q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((c: { contact_id: number }) => c.contact_id).sort((a: number, b: number) => a - b);
}

async function stored(t: TestContext, id: number) {
  const row = await t.db.kysely
    .selectFrom('contacts')
    .select(['phone', 'phone_key', 'search_text'])
    .where('contact_id', '=', id)
    .executeTakeFirstOrThrow();
  const words = (
    await t.db.kysely
      .selectFrom('search_words')
      .select('word')
      .where('resource', '=', 'contacts')
      .where('record_id', '=', id)
      .execute()
  ).map((w) => w.word);
  // the words table is exactly the words of search_text
  expect(words.sort()).toEqual(wordsOf(row.search_text).sort());
  return row;
}

describeEachDialect('contacts: phones as numbers', (t) => {
  it('finds a number stored internationally and one stored nationally by every form of the query', async () => {
    const { n, pairs } = randomMobile();
    const intl = await createContact(t, { phone: `+33 6 ${pairs.join(' ')}` });
    const national = await createContact(t, { phone: `06 ${pairs.join(' ')}` });
    const dotted = await createContact(t, { phone: `0033.6.${pairs.join('.')}` });
    // another number that starts the same
    const last = pairs[3] === '99' ? '98' : '99';
    const other = await createContact(t, { phone: `06 ${pairs.slice(0, 3).join(' ')} ${last}` });
    const both = [intl.contact_id, national.contact_id, dotted.contact_id].sort((a, b) => a - b);
    for (const c of [intl, national, dotted])
      expect((await stored(t, c.contact_id)).phone_key).toBe(`+336${n}`);
    // kept as typed
    expect(intl.phone).toBe(`+33 6 ${pairs.join(' ')}`);
    expect(national.phone).toBe(`06 ${pairs.join(' ')}`);

    for (const q of [
      `06${n}`,
      `06 ${pairs.join(' ')}`,
      `06.${pairs.join('.')}`,
      `06-${pairs.join('-')}`,
      `+33 6 ${pairs.join(' ')}`,
      `+33 (0)6 ${pairs.join(' ')}`,
      `+336${n}`,
      `0033 6 ${pairs.join(' ')}`,
      `00336${n}`,
      `6${n}`,
      `336${n}`,
      ` 06 ${pairs.join(' ')} `,
    ])
      expect(await find(t, q), q).toEqual(both);
    // beginnings of the number find them too (among whatever else starts so)
    for (const q of [`06 ${pairs[0]} ${pairs[1]}`, `+33 6 ${pairs[0]} ${pairs[1]}`, `0033 6 ${pairs[0]}`]) {
      const found = await find(t, q);
      expect(found, q).toEqual(expect.arrayContaining([...both, other.contact_id]));
    }
    expect(await find(t, `+33 6 ${pairs.slice(0, 3).join(' ')} ${last}`)).toEqual([other.contact_id]);
    expect(await find(t, `06 ${pairs.join(' ')} 9`)).toEqual([]);
  });

  it('finds Belgian, Swiss and US numbers by their national and international forms', async () => {
    const { n } = randomMobile();
    const be = await createContact(t, {
      phone: `+32 470 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)}`,
    });
    const ch = await createContact(t, { phone: `+41 79 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}` });
    const us = await createContact(t, { phone: `+1 (212) 555-${n.slice(0, 4)}` });
    const d = (s: string) => s.replace(/\D/g, '');
    expect((await stored(t, be.contact_id)).phone_key).toBe(`+32470${d(n.slice(0, 6))}`);
    expect((await stored(t, ch.contact_id)).phone_key).toBe(`+4179${d(n.slice(0, 7))}`);
    expect((await stored(t, us.contact_id)).phone_key).toBe(`+1212555${n.slice(0, 4)}`);
    const cases: [number, string[]][] = [
      [
        be.contact_id,
        [
          `0470 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)}`,
          `+32 470 ${n.slice(0, 6)}`,
          `0032 470 ${n.slice(0, 6)}`,
          `32470${n.slice(0, 6)}`,
        ],
      ],
      [
        ch.contact_id,
        [
          `079 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`,
          `+41 79 ${n.slice(0, 7)}`,
          `0041 79 ${n.slice(0, 7)}`,
          `4179${n.slice(0, 7)}`,
        ],
      ],
      [
        us.contact_id,
        [
          `(212) 555-${n.slice(0, 4)}`,
          `212.555.${n.slice(0, 4)}`,
          `+1 212 555 ${n.slice(0, 4)}`,
          `001 212 555 ${n.slice(0, 4)}`,
          `1-212-555-${n.slice(0, 4)}`,
        ],
      ],
    ];
    for (const [id, queries] of cases) for (const q of queries) expect(await find(t, q), q).toEqual([id]);
  });

  it('reads numbers without a country code in CRM_DEFAULT_COUNTRY', async () => {
    const before = defaultCountry();
    setDefaultCountry('US');
    try {
      const { n } = randomMobile();
      const us = await createContact(t, { phone: `(646) 555-${n.slice(0, 4)}` });
      expect((await stored(t, us.contact_id)).phone_key).toBe(`+1646555${n.slice(0, 4)}`);
      for (const q of [
        `(646) 555-${n.slice(0, 4)}`,
        `+1 646 555 ${n.slice(0, 4)}`,
        `011 1 646 555 ${n.slice(0, 4)}`,
      ])
        expect(await find(t, q), q).toEqual([us.contact_id]);
    } finally {
      setDefaultCountry(before);
    }
  });

  it('keeps names as words: "Jean 06" finds Jean with a number starting 06, not another Jean', async () => {
    const tag = uniq();
    const { pairs } = randomMobile();
    const mobile = await createContact(t, {
      first_name: 'Jean',
      last_name: `Phone${tag}`,
      phone: `+33 6 ${pairs.join(' ')}`,
    });
    const landline = await createContact(t, {
      first_name: 'Jean',
      last_name: `Phone${tag}`,
      phone: `01 ${pairs.join(' ')}`,
    });
    expect(await find(t, `Jean phone${tag} 06`)).toEqual([mobile.contact_id]);
    expect(await find(t, `Jean phone${tag} 01`)).toEqual([landline.contact_id]);
    expect(await find(t, `jean phone${tag} 06 ${pairs[0]}`)).toEqual([mobile.contact_id]);
    expect(await find(t, `Jean phone${tag}`)).toEqual([mobile.contact_id, landline.contact_id]);
    expect(await find(t, `Jean phone${tag} 07`)).toEqual([]);
  });

  it('keeps numbers with an extension or letters as typed; refuses control characters and overlong ones', async () => {
    const tag = uniq();
    const ext = await createContact(t, { phone: '01 23 45 67 89 x12' });
    expect(ext.phone).toBe('01 23 45 67 89 x12');
    expect((await stored(t, ext.contact_id)).phone_key).toBe('+33123456789');
    const poste = await createContact(t, { phone: '0123456789 poste 12' });
    expect((await stored(t, poste.contact_id)).phone_key).toBe('+33123456789');
    const uri = await createContact(t, { phone: '+33123456789;ext=12' });
    expect((await stored(t, uri.contact_id)).phone_key).toBe('+33123456789');
    expect(await find(t, '01 23 45 67 89')).toEqual(
      expect.arrayContaining([ext.contact_id, poste.contact_id, uri.contact_id]),
    );

    const vanity = await createContact(t, { last_name: `Fleur${tag}`, phone: '1-800-FLOWERS' });
    const word = await createContact(t, { last_name: `Fleur${tag}`, phone: 'BusinessPhone' });
    expect(vanity.phone).toBe('1-800-FLOWERS');
    expect((await stored(t, vanity.contact_id)).phone_key).toBeNull();
    expect((await stored(t, word.contact_id)).phone_key).toBeNull();
    expect(await find(t, `flowers fleur${tag}`)).toEqual([vanity.contact_id]);
    expect(await find(t, `businessphone fleur${tag}`)).toEqual([word.contact_id]);

    for (const [phone, code] of [
      ['06 12\u0000 34', 'invalid_format'],
      ['06 12\n34', 'invalid_format'],
      ['0'.repeat(41), 'too_long'],
    ]) {
      const res = await t.api('POST', '/api/v1/contacts', { last_name: `Bad${tag}`, phone });
      expect(res.status, phone).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
      expect(res.body.errors[0].code, phone).toBe(code);
    }
    expect(await find(t, `bad${tag}`)).toEqual([]);
  });

  it('keeps phone_key and the words in step when the phone changes or goes, and on erasure', async () => {
    const a = randomMobile();
    const b = randomMobile();
    const c = await createContact(t, { phone: `06 ${a.pairs.join(' ')}` });
    const patched = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, {
      phone: `+33 7 ${b.pairs.join(' ')}`,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await stored(t, c.contact_id)).phone_key).toBe(`+337${b.n}`);
    expect(await find(t, `06${a.n}`)).toEqual([]);
    expect(await find(t, `07${b.n}`)).toEqual([c.contact_id]);
    // a change of name alone keeps the number's forms
    await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { first_name: 'Renamed' });
    expect((await stored(t, c.contact_id)).phone_key).toBe(`+337${b.n}`);
    expect(await find(t, `Renamed 07${b.n}`)).toEqual([c.contact_id]);

    await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { phone: null });
    expect((await stored(t, c.contact_id)).phone_key).toBeNull();
    expect(await find(t, `07${b.n}`)).toEqual([]);

    const d = await createContact(t, { phone: `06 ${a.pairs.join(' ')}` });
    expect(await find(t, `+33 6 ${a.pairs.join(' ')}`)).toEqual([d.contact_id]);
    const erased = await t.api('POST', `/api/v1/contacts/${d.contact_id}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(await find(t, `+33 6 ${a.pairs.join(' ')}`)).toEqual([]);
    const left = await t.db.kysely
      .selectFrom('search_words')
      .select('word')
      .where('resource', '=', 'contacts')
      .where('record_id', '=', d.contact_id)
      .execute();
    expect(left).toEqual([]);
  });

  it('imports phones as typed with their key and words, and exports them as typed', async () => {
    const tag = uniq();
    const a = randomMobile();
    const b = randomMobile();
    const file = [
      'First Name,Last Name,Email,Phone',
      `Ann,Imp${tag},ann.${tag}@ex.fr,06 ${a.pairs.join(' ')}`,
      `Bob,Imp${tag},bob.${tag}@ex.fr,+32 470 ${b.n.slice(0, 6)}`,
      `Cat,Imp${tag},cat.${tag}@ex.fr,0123456789 poste 7`,
      `Dan,Imp${tag},dan.${tag}@ex.fr,1-800-FLOWERS`,
      `Eve,Imp${tag},,+33 7 ${b.pairs.join(' ')}`,
    ].join('\n');
    const job = await runImport(t, file);
    expect(job.status, JSON.stringify(job)).toBe('done');
    const rows = await t.db.kysely
      .selectFrom('contacts')
      .select(['contact_id', 'first_name', 'phone', 'phone_key'])
      .where('last_name', '=', `Imp${tag}`)
      .orderBy('contact_id')
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.first_name, r]));
    expect(by.Ann).toMatchObject({ phone: `06 ${a.pairs.join(' ')}`, phone_key: `+336${a.n}` });
    expect(by.Bob).toMatchObject({
      phone: `+32 470 ${b.n.slice(0, 6)}`,
      phone_key: `+32470${b.n.slice(0, 6)}`,
    });
    expect(by.Cat).toMatchObject({ phone: '0123456789 poste 7', phone_key: '+33123456789' });
    expect(by.Dan).toMatchObject({ phone: '1-800-FLOWERS', phone_key: null });
    expect(by.Eve).toMatchObject({ phone_key: `+337${b.n}` });
    for (const r of rows) await stored(t, Number(r.contact_id));
    expect(await find(t, `+33 6 ${a.pairs.join(' ')}`)).toEqual([Number(by.Ann.contact_id)]);
    expect(await find(t, `0470 ${b.n.slice(0, 6)}`)).toEqual([Number(by.Bob.contact_id)]);
    expect(await find(t, `07 ${b.pairs.join(' ')}`)).toEqual([Number(by.Eve.contact_id)]);

    const csv = await t.app.inject({
      url: `/api/v1/contacts/export?q=imp${tag.toLowerCase()}`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`06 ${a.pairs.join(' ')}`);
    expect(csv.body).toContain('0123456789 poste 7');
    expect(csv.body).not.toContain('phone_key');
  });
});
