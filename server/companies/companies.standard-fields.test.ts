// The company's standard fields (issue 13, migration 2026_12_07_0018): phone, address, employees,
// annual revenue (exact, up to 9 999 999 999 999.99) and domain.
import { describe, expect, it } from 'vitest';
import { createCompany, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

const FULL = {
  phone: '+33 1 40 00 00 00',
  street: '29 boulevard Haussmann',
  postal_code: '75009',
  city: 'Paris',
  region: 'Île-de-France',
  country: 'France',
  employees: 117_000,
  annual_revenue: 1_234_567_890_123.45,
  domain: 'societegenerale.example',
};

const codes = (res: { body: { errors?: { field: string; code: string; limit?: number }[] } }) =>
  (res.body.errors ?? []).map((e) => [e.field, e.code, e.limit]);

describeEachDialect('companies: standard fields', (t) => {
  it('creates, reads and updates every standard field, the revenue exact', async () => {
    const res = await t.api('POST', '/api/v1/companies', { company_name: `Sogé ${uniq()}`, ...FULL });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject(FULL);
    const got = await t.api('GET', `/api/v1/companies/${res.body.company_id}`);
    expect(got.body).toMatchObject(FULL);
    // the JSON text of the amount is exact: no float noise
    expect(got.raw.body).toContain('"annual_revenue":1234567890123.45');
    const patched = await t.api('PATCH', `/api/v1/companies/${res.body.company_id}`, {
      annual_revenue: '9999999999999.99',
      employees: 0,
      domain: 'Example.COM',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      annual_revenue: 9_999_999_999_999.99,
      employees: 0,
      domain: 'example.com',
    });
  });

  describe('refuses what does not fit, field by field', () => {
    it.each([
      ['employees', -1, 'too_small', 0],
      ['employees', 2_147_483_648, 'too_large', 2_147_483_647],
      ['employees', 12.5, 'invalid_type', undefined],
      ['employees', '12', 'invalid_type', undefined],
      ['annual_revenue', 1.005, 'invalid_amount', 9_999_999_999_999.99],
      ['annual_revenue', '1.005', 'invalid_format', undefined],
      ['annual_revenue', -5, 'too_small', 0],
      ['annual_revenue', 10_000_000_000_000, 'too_large', 9_999_999_999_999.99],
      ['annual_revenue', '10000000000000', 'invalid_format', undefined],
      ['domain', 'https://acme.fr', 'invalid_format', undefined],
      ['domain', 'acme', 'invalid_format', undefined],
      ['domain', 'ac me.fr', 'invalid_format', undefined],
      ['domain', `${'a'.repeat(100)}.fr`, 'too_long', 100],
      ['phone', '01\u000702', 'invalid_format', undefined],
      ['phone', '0'.repeat(41), 'too_long', 40],
      ['postal_code', '1'.repeat(21), 'too_long', 20],
      ['street', 'x'.repeat(201), 'too_long', 200],
    ])('%s = %j: %s', async (field, value, code, limit) => {
      const res = await t.api('POST', '/api/v1/companies', { company_name: 'Refused', [field]: value });
      expect(res.status).toBe(400);
      expect(codes(res)).toContainEqual([field, code, limit]);
    });
  });

  it('filters by domain and city, sorts by employees; no filter on revenue or employees', async () => {
    const tag = uniq();
    const big = await createCompany(t, {
      company_name: `Big ${tag}`,
      domain: `big${tag}.example`,
      employees: 900,
    });
    const small = await createCompany(t, { company_name: `Small ${tag}`, city: `Town${tag}`, employees: 9 });
    const byDomain = await t.api('GET', `/api/v1/companies?domain=big${tag}.example`);
    expect(byDomain.body.data.map((c: { company_id: number }) => c.company_id)).toEqual([big.company_id]);
    const byCity = await t.api('GET', `/api/v1/companies?city=Town${tag}`);
    expect(byCity.body.data.map((c: { company_id: number }) => c.company_id)).toEqual([small.company_id]);
    const sorted = await t.api('GET', `/api/v1/companies?q=${tag}&sort=-employees`);
    expect(sorted.status).toBe(200);
    expect(sorted.body.data.map((c: { company_id: number }) => c.company_id)).toEqual([
      big.company_id,
      small.company_id,
    ]);
    for (const field of ['annual_revenue', 'employees', 'street', 'phone'])
      expect((await t.api('GET', `/api/v1/companies?${field}=1`)).status).toBe(400);
  });

  it('q finds a company by its city and its domain', async () => {
    const tag = uniq();
    const c = await createCompany(t, { city: `Qcity${tag}`, domain: `qdom${tag}.example` });
    for (const q of [`qcity${tag}`, `qdom${tag}`]) {
      const res = await t.api('GET', `/api/v1/companies?q=${q}`);
      expect(res.body.data.map((x: { company_id: number }) => x.company_id)).toEqual([c.company_id]);
    }
  });

  it('keeps the changes in the audit log', async () => {
    const c = await createCompany(t, { employees: 10 });
    await t.api('PATCH', `/api/v1/companies/${c.company_id}`, { employees: 12, annual_revenue: 1500.5 });
    const res = await t.api('GET', `/api/v1/audit-events?resource=companies&record_id=${c.company_id}`);
    const update = res.body.data.find((e: { action: string }) => e.action === 'update');
    expect(update.changes).toMatchObject({ employees: [10, 12], annual_revenue: [null, 1500.5] });
  });

  it('exports the revenue exactly and imports HubSpot-like columns back', async () => {
    const tag = `Exp${uniq()}`;
    await createCompany(t, { company_name: tag, ...FULL });
    const res = await t.app.inject({
      url: `/api/v1/companies/export?company_name=${tag}&lang=en`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Annual revenue');
    expect(res.body).toContain('1234567890123.45');
    const job = await runImport(t, res.body.replaceAll(tag, `${tag}b`), { entity: 'companies' });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ created: 1, failed: 0 });
    const back = await t.api('GET', `/api/v1/companies?company_name=${tag}b`);
    expect(back.body.data[0]).toMatchObject(FULL);

    const hub = [
      'Company name,Company Domain Name,Number of Employees,Annual Revenue,City,Phone Number',
      `Hub ${tag},https://www.Hub${tag}.example/about,"1,250","€ 2 500 000,50",Nantes,02 40 00 00 00`,
      `Bad ${tag},,51-200,,,`,
    ].join('\r\n');
    const hubJob = await runImport(t, hub, { entity: 'companies' });
    expect(hubJob.mapping).toMatchObject({
      'Company Domain Name': 'domain',
      'Number of Employees': 'employees',
      'Annual Revenue': 'annual_revenue',
      City: 'city',
      'Phone Number': 'phone',
    });
    expect(hubJob).toMatchObject({ created: 1, failed: 1 });
    expect(hubJob.errors[0]).toMatchObject({ field: 'employees', code: 'invalid_format' });
    const hubCo = await t.api('GET', `/api/v1/companies?company_name=Hub ${tag}`);
    expect(hubCo.body.data[0]).toMatchObject({
      domain: `hub${tag.toLowerCase()}.example`,
      employees: 1250,
      annual_revenue: 2_500_000.5,
      city: 'Nantes',
      phone: '02 40 00 00 00',
    });
  });
});
