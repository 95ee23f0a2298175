// Custom fields through import and export (issue 13, ADR 013): CSV columns in both layouts and
// vCard X-CARNET-* lines that re-import to the same values; columns recognised by key or label;
// cells in other tools' notations; a mapping naming an unknown custom field refused.
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { define } from '../test/custom-fields.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport, sendImport } from '../test/import-helpers.js';

const get = (t: TestContext, url: string) =>
  t.app.inject({ url, headers: { authorization: `Bearer ${t.admin.token}` } });

const VALUES = {
  segment: 'Grand compte',
  renewal: '2027-03-01',
  score: -12.5,
  budget: 12500.5,
  vip: true,
  interests: ['CRM', 'Paie'],
  nickname: 'Lulu, dite « la Reine »',
};

describeEachDialect('custom fields: import and export', (t) => {
  beforeAll(async () => {
    await define(t, 'contacts', 'segment', 'select', { options: ['PME', 'ETI', 'Grand compte'] });
    await define(t, 'contacts', 'renewal', 'date');
    await define(t, 'contacts', 'score', 'number');
    await define(t, 'contacts', 'budget', 'money');
    await define(t, 'contacts', 'vip', 'boolean');
    await define(t, 'contacts', 'interests', 'multi_select', { options: ['CRM', 'ERP', 'Paie'] });
    await define(t, 'contacts', 'nickname', 'text');
  });

  const custom = async (email: string) => {
    const res = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(email)}`);
    return res.body.data[0]?.custom_fields;
  };

  for (const [format, layout] of [
    ['csv', 'technical'],
    ['csv', 'readable'],
    ['vcf', ''],
  ] as const) {
    it(`round trip through ${format} ${layout}: the values come back as they were`, async () => {
      const tag = uniq().toLowerCase();
      const email = `rt.${tag}@exemple.fr`;
      const made = await t.api('POST', '/api/v1/contacts', {
        last_name: `Aller${tag}`,
        email,
        custom_fields: VALUES,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const file = await get(
        t,
        `/api/v1/contacts/export?format=${format}&email=${email}${layout ? `&columns=${layout}` : ''}`,
      );
      expect(file.statusCode, file.body).toBe(200);
      if (format === 'vcf') expect(file.body).toContain('X-CARNET-SEGMENT:Grand compte');
      if (layout === 'technical') {
        const [row] = parse(file.body.slice(1), { columns: true }) as Record<string, string>[];
        expect(row['cf.interests']).toBe('CRM; Paie');
        expect(row['cf.budget']).toBe('12500.50');
      }
      expect((await t.api('DELETE', `/api/v1/contacts/${made.body.contact_id}`)).status).toBe(204);
      const job = await runImport(t, file.body, {
        contentType: format === 'csv' ? 'text/csv' : 'text/vcard',
      });
      expect(job.status, JSON.stringify(job)).toBe('done');
      expect(await custom(email)).toEqual(VALUES);
    });
  }

  it('reads a file whose columns are named by the labels, in other notations', async () => {
    const tag = uniq().toLowerCase();
    const csv = [
      'Prénom;Nom;E-mail;Segment;Renewal;Score;VIP;Interests',
      `Ana;Vidal;ana.${tag}@exemple.fr;pme;14/03/2027;1.234,5;oui;crm, erp`,
      `Bo;Lin;bo.${tag}@exemple.fr;Startup;2027-02-30;douze;peut-être;SAP`,
    ].join('\r\n');
    const job = await runImport(t, csv);
    expect(job.created).toBe(1);
    expect(job.failed).toBe(1);
    expect(await custom(`ana.${tag}@exemple.fr`)).toEqual({
      segment: 'PME',
      renewal: '2027-03-14',
      score: 1234.5,
      vip: true,
      interests: ['CRM', 'ERP'],
    });
    // the cells that are no value of their type; the others are checked once these are right
    const errors = JSON.stringify((await t.api('GET', `/api/v1/imports/${job.import_id}/errors`)).body);
    for (const key of ['renewal', 'score', 'vip']) expect(errors).toContain(`custom_fields.${key}`);
  });

  it('takes a mapping onto a custom field, and refuses one naming a field that does not exist', async () => {
    const tag = uniq().toLowerCase();
    const csv = `email,Colonne mystère\r\nmap.${tag}@exemple.fr,ETI\r\n`;
    const mapped = await runImport(t, csv, {
      query: { mapping: JSON.stringify({ email: 'email', 'Colonne mystère': 'cf.segment' }) },
    });
    expect(mapped.status, JSON.stringify(mapped)).toBe('done');
    expect(await custom(`map.${tag}@exemple.fr`)).toEqual({ segment: 'ETI' });
    const refused = await sendImport(t, csv, {
      query: { mapping: JSON.stringify({ 'Colonne mystère': 'cf.nope' }) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'mapping', code: 'unknown_field' });
  });
});
