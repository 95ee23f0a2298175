// The contact's standard fields (issue 13, migration 2026_12_07_0018): the API checks each one by
// its declaration (shared/record-fields.ts), keeps it, filters, searches, exports and imports it,
// and the audit log and GDPR export and erase take it along.
import { describe, expect, it } from 'vitest';
import { createContact, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

const FULL = {
  job_title: 'Directrice des achats',
  street: '12 rue de la Paix\nBâtiment B',
  postal_code: '75002',
  city: 'Paris',
  region: 'Île-de-France',
  country: 'France',
  birthday: '1985-03-14',
  linkedin_url: 'https://www.linkedin.com/in/helene-dupre',
  source: 'Salon Vivatech',
};

const codes = (res: { body: { errors?: { field: string; code: string; limit?: number }[] } }) =>
  (res.body.errors ?? []).map((e) => [e.field, e.code, e.limit]);

describeEachDialect('contacts: standard fields', (t) => {
  it('creates, reads and updates every standard field; null clears one', async () => {
    const res = await t.api('POST', '/api/v1/contacts', { last_name: `Dupré ${uniq()}`, ...FULL });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject(FULL);
    const got = await t.api('GET', `/api/v1/contacts/${res.body.contact_id}`);
    expect(got.body).toMatchObject(FULL);
    const patched = await t.api('PATCH', `/api/v1/contacts/${res.body.contact_id}`, {
      city: '  Lyon ',
      birthday: null,
      source: '',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ city: 'Lyon', birthday: null, source: null, country: 'France' });
  });

  describe('refuses what does not fit, field by field, with its code and limit', () => {
    it.each([
      ['job_title', 'x'.repeat(101), 'too_long', 100],
      ['street', 'x'.repeat(201), 'too_long', 200],
      ['postal_code', '1'.repeat(21), 'too_long', 20],
      ['city', 'x'.repeat(101), 'too_long', 100],
      ['region', 'x'.repeat(101), 'too_long', 100],
      ['country', 'x'.repeat(101), 'too_long', 100],
      ['source', 'x'.repeat(101), 'too_long', 100],
      ['linkedin_url', `https://linkedin.com/in/${'x'.repeat(200)}`, 'too_long', 200],
      ['linkedin_url', 'linkedin.com/in/someone', 'invalid_format', undefined],
      ['linkedin_url', 'javascript:alert(1)', 'invalid_format', undefined],
      ['birthday', '1985-02-30', 'invalid_date', undefined],
      ['birthday', '14/03/1985', 'invalid_date', undefined],
      ['city', 'Pa\u0000ris', 'invalid_format', undefined],
      ['job_title', 42, 'invalid_type', undefined],
      ['birthday', 19850314, 'invalid_type', undefined],
    ])('%s = %j: %s', async (field, value, code, limit) => {
      const res = await t.api('POST', '/api/v1/contacts', { last_name: 'Refused', [field]: value });
      expect(res.status).toBe(400);
      expect(codes(res)).toContainEqual([field, code, limit]);
    });
  });

  it('filters exactly on city, country, job title and source; not on street, birthday nor the profile', async () => {
    const city = `Ville${uniq()}`;
    const a = await createContact(t, { city, source: 'Web' });
    await createContact(t, { city: `${city}x` });
    const res = await t.api('GET', `/api/v1/contacts?city=${city}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { contact_id: number }) => c.contact_id)).toEqual([a.contact_id]);
    expect((await t.api('GET', `/api/v1/contacts?city=${city}&source=Web`)).body.data).toHaveLength(1);
    for (const field of ['street', 'birthday', 'linkedin_url']) {
      const refused = await t.api('GET', `/api/v1/contacts?${field}=x`);
      expect(refused.status).toBe(400);
      expect(codes(refused)).toContainEqual([field, 'unknown_field', undefined]);
    }
  });

  it('sorts by city', async () => {
    const tag = `Sort${uniq()}`;
    await createContact(t, { last_name: tag, city: 'Rennes' });
    await createContact(t, { last_name: tag, city: 'Brest' });
    await createContact(t, { last_name: tag, city: null });
    const res = await t.api('GET', `/api/v1/contacts?last_name=${tag}&sort=city`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { city: string | null }) => c.city)).toEqual([null, 'Brest', 'Rennes']);
  });

  it('q finds a contact by job title and city', async () => {
    const word = `Zx${uniq()}`;
    const c = await createContact(t, { job_title: `Responsable ${word}` });
    const byTitle = await t.api('GET', `/api/v1/contacts?q=${word.toLowerCase()}`);
    expect(byTitle.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([c.contact_id]);
    const town = `Qy${uniq()}`;
    await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { city: town });
    const byCity = await t.api('GET', `/api/v1/contacts?q=${town}`);
    expect(byCity.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([c.contact_id]);
  });

  it('keeps each change in the audit log, field by field', async () => {
    const c = await createContact(t, { job_title: 'Stagiaire' });
    await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, {
      job_title: 'Directrice',
      birthday: '1990-01-31',
    });
    const res = await t.api('GET', `/api/v1/audit-events?resource=contacts&record_id=${c.contact_id}`);
    expect(res.status).toBe(200);
    const update = res.body.data.find((e: { action: string }) => e.action === 'update');
    expect(update.changes).toMatchObject({
      job_title: ['Stagiaire', 'Directrice'],
      birthday: [null, '1990-01-31'],
    });
    expect(Object.keys(update.changes).sort()).toEqual(['birthday', 'job_title', 'updated_at']);
  });

  it('GDPR: the personal-data export holds the standard fields, and erasing removes them', async () => {
    const c = await createContact(t, FULL);
    const data = await t.api('GET', `/api/v1/contacts/${c.contact_id}/personal-data`);
    expect(data.status).toBe(200);
    expect(data.body.contact).toMatchObject(FULL);
    const erased = await t.api('POST', `/api/v1/contacts/${c.contact_id}/erase`);
    expect(erased.status).toBe(200);
    const left = await t.db.kysely
      .selectFrom('contacts')
      .select('contact_id')
      .where('linkedin_url', '=', FULL.linkedin_url)
      .where('contact_id', '=', c.contact_id)
      .execute();
    expect(left).toEqual([]);
    const audit = await t.api('GET', `/api/v1/audit-events?resource=contacts&record_id=${c.contact_id}`);
    expect(JSON.stringify(audit.body)).not.toContain('helene-dupre');
  });

  it('CSV export has the standard fields, and the file imports back with them (readable, French)', async () => {
    const tag = `Csv${uniq()}`;
    const c = await createContact(t, { last_name: tag, email: `${tag}@example.fr`, ...FULL });
    const res = await t.app.inject({
      url: `/api/v1/contacts/export?last_name=${tag}&lang=fr`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Fonction');
    expect(res.body).toContain('Directrice des achats');
    // the same file as another person: the email changed, the rest imported as it is
    const again = res.body.replaceAll(tag, `${tag}b`);
    const job = await runImport(t, again);
    expect(job, JSON.stringify(job.errors)).toMatchObject({ created: 1, failed: 0 });
    const back = await t.api('GET', `/api/v1/contacts?last_name=${tag}b`);
    expect(back.body.data[0]).toMatchObject({ ...FULL, last_name: `${tag}b` });
    expect(back.body.data[0].contact_id).not.toBe(c.contact_id);
  });

  it('vCard export writes TITLE, ADR, BDAY and URL, and reads them back (the source has no property)', async () => {
    const tag = `Vcf${uniq()}`;
    await createContact(t, { last_name: tag, email: `${tag}@example.fr`, ...FULL });
    const res = await t.app.inject({
      url: `/api/v1/contacts/export?last_name=${tag}&format=vcf`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    const card = res.body.replaceAll('\r\n ', ''); // long lines are folded
    expect(card).toContain('TITLE:Directrice des achats');
    expect(card).toContain('ADR;TYPE=work:;;12 rue de la Paix\\nBâtiment B;Paris;Île-de-France;75002;France');
    expect(card).toContain('BDAY;VALUE=date:19850314');
    expect(card).toContain('URL:https://www.linkedin.com/in/helene-dupre');
    const job = await runImport(t, res.body.replaceAll(tag, `${tag}b`), { contentType: 'text/vcard' });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ created: 1, failed: 0 });
    const back = await t.api('GET', `/api/v1/contacts?last_name=${tag}b`);
    // vCard has no property for where a contact came from
    expect(back.body.data[0]).toMatchObject({ ...FULL, source: null });
  });

  it('imports the usual tools\' headers: Outlook\'s "Job Title", "Business City"…; a bad date is set aside with a warning', async () => {
    const tag = `Out${uniq()}`;
    const file = [
      'First Name,Last Name,E-mail Address,Job Title,Business Street,Business City,Business Postal Code,Business Country/Region,Birthday,Lead Source',
      `Ann,${tag},ann.${tag}@example.com,Buyer,1 Main St,Boston,02110,United States,03/15/1980,Referral`,
      `Bob,${tag},bob.${tag}@example.com,,,,,,31/02/1980,`,
    ].join('\r\n');
    const job = await runImport(t, file);
    expect(job.mapping).toMatchObject({
      'Job Title': 'job_title',
      'Business Street': 'street',
      'Business City': 'city',
      'Business Postal Code': 'postal_code',
      'Business Country/Region': 'country',
      Birthday: 'birthday',
      'Lead Source': 'source',
    });
    // Bob's 31/02 is no date: set aside into his notes, the rest of him imported (ADR 015)
    expect(job).toMatchObject({ created: 2, failed: 0, warnings: 1 });
    const ann = await t.api('GET', `/api/v1/contacts?email=ann.${tag}@example.com`);
    expect(ann.body.data[0]).toMatchObject({
      job_title: 'Buyer',
      street: '1 Main St',
      city: 'Boston',
      postal_code: '02110',
      country: 'United States',
      birthday: '1980-03-15',
      source: 'Referral',
    });
  });
});
