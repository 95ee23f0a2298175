import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail } from '../test/import-helpers.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

const fixture = (name: string) => fileURLToPath(new URL(`../imports/fixtures/${name}`, import.meta.url));

function io() {
  const lines = { out: [] as string[], err: [] as string[] };
  const cli: CliIo = {
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    askSecret: async () => '',
  };
  return { cli, lines };
}

describeEachDialect('crm import and crm export', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const crm = async (...args: string[]) => {
    const { cli, lines } = io();
    const code = await runCli(args, cli, { DATABASE_URL: t.url });
    return { code, ...lines };
  };

  it('imports a French Excel file; a dry run first writes nothing; a second run skips every duplicate', async () => {
    const dry = await crm('import', 'contacts', fixture('french-excel.csv'), '--dry-run');
    expect(dry.code, dry.err.join('\n')).toBe(0);
    expect(dry.out[0]).toMatch(
      /\(dry run: nothing written\): 3 created, 0 updated, 0 skipped, 0 failed of 3 rows/,
    );
    expect(dry.err.join('\n')).toMatch(/csv, windows-1252, delimiter ";"/);
    expect(dry.err.join('\n')).toMatch(/Prénom → first_name/);
    expect(await contactByEmail(t, 'elodie.berezina@exemple.fr')).toBeUndefined();
    const real = await crm('import', 'contacts', fixture('french-excel.csv'));
    expect(real.out[0]).toMatch(/3 created/);
    const e = await contactByEmail(t, 'elodie.berezina@exemple.fr');
    expect(e).toMatchObject({ first_name: 'Élodie', company_name: 'Les Crêpes de Noémie', owner_id: null });
    const again = await crm('import', 'contacts', fixture('french-excel.csv'));
    expect(again.out[0]).toMatch(/0 created, 0 updated, 3 skipped/);
  });

  it('--mapping, --on-duplicate update and --as a user who then owns the records', async () => {
    const sales = await t.member('sales');
    const email = `cli.${uniq()}@example.com`;
    const file = join(dir, 'odd.csv');
    writeFileSync(file, `Given,Family,Mail\nLéa,Seydoux,${email}\n`);
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ Given: 'first_name', Family: 'last_name', Mail: 'email' }));
    const first = await crm('import', 'contacts', file, '--mapping', mapping, '--as', sales.email);
    expect(first.code, first.err.join('\n')).toBe(0);
    expect(await contactByEmail(t, email)).toMatchObject({ first_name: 'Léa', owner_id: sales.user_id });
    writeFileSync(file, `Given,Family,Mail\nLéa-Rose,Seydoux,${email}\n`);
    const up = await crm('import', 'contacts', file, '--mapping', mapping, '--on-duplicate', 'update');
    expect(up.out[0]).toMatch(/1 updated/);
    expect(await contactByEmail(t, email)).toMatchObject({ first_name: 'Léa-Rose' });
  });

  it('--encoding names a CSV file’s character set; warnings are counted in the summary', async () => {
    const ja = fileURLToPath(new URL('../imports/fixtures/exporters/outlook-ja.csv', import.meta.url));
    const guessed = await crm('import', 'contacts', ja, '--dry-run');
    expect(guessed.code, guessed.err.join('\n')).toBe(0);
    expect(guessed.err.join('\n')).toMatch(/csv, shift_jis/);
    expect(guessed.out[0]).toMatch(/2 created, 0 updated, 0 skipped, 0 failed of 2 rows \(1 with warnings/);
    expect(guessed.err.join('\n')).toMatch(/row 3 phone: warning: "BusinessPhone" is not a phone number/);
    const ru = fileURLToPath(new URL('../imports/fixtures/exporters/outlook-ru.csv', import.meta.url));
    expect((await crm('import', 'contacts', ru, '--dry-run')).err.join('\n')).toMatch(/csv, windows-1251/);
    const named = await crm('import', 'contacts', ru, '--dry-run', '--encoding', 'Windows-1252');
    expect(named.code, named.err.join('\n')).toBe(0);
    expect(named.err.join('\n')).toMatch(/csv, windows-1252/);
    const bad = await crm('import', 'contacts', ja, '--encoding', 'ebcdic');
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toMatch(/--encoding must be one of/);
  });

  it('explains what it refuses: a viewer, a bad option, a file that is not text, a missing file', async () => {
    const viewer = await t.member('viewer');
    const v = await crm('import', 'contacts', fixture('google-contacts.csv'), '--as', viewer.email);
    expect(v.code).toBe(1);
    expect(v.err.join('\n')).toMatch(/viewer.*cannot import/);
    expect((await crm('import', 'tasks', fixture('google-contacts.csv'))).code).toBe(1);
    expect(
      (await crm('import', 'contacts', fixture('google-contacts.csv'), '--on-duplicate', 'merge')).code,
    ).toBe(1);
    const bin = join(dir, 'garbage.bin');
    writeFileSync(bin, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    const g = await crm('import', 'contacts', bin);
    expect(g.code).toBe(1);
    expect(g.err.join('\n')).toMatch(/failed: The file is not text/);
    const missing = await crm('import', 'contacts', join(dir, 'missing.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err.join()).toMatch(/no file/);
    expect((await crm('export', 'companies', '--format', 'vcf')).code).toBe(1);
    expect((await crm('export', 'companies', '--columns', 'pretty')).code).toBe(1);
    expect((await crm('export', 'companies', '--lang', 'de')).code).toBe(1);
  });

  it('exports CSV and vCard to a file, with a count at the end', async () => {
    const csv = join(dir, 'contacts.csv');
    const res = await crm('export', 'contacts', '--out', csv, '--q', 'berezina');
    expect(res.code, res.err.join('\n')).toBe(0);
    expect(res.err.at(-1)).toBe(`exported 1 contacts to ${csv}`);
    const rows = parse(readFileSync(csv, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    // readable by default, in CRM_DEFAULT_LOCALE (French here)
    expect(rows).toEqual([expect.objectContaining({ Prénom: 'Élodie', Entreprise: 'Les Crêpes de Noémie' })]);
    const en = join(dir, 'contacts-en.csv');
    expect((await crm('export', 'contacts', '--out', en, '--q', 'berezina', '--lang', 'en')).code).toBe(0);
    expect(readFileSync(en, 'utf8')).toMatch(/^\ufeffID,First name,Last name,/);
    const vcf = join(dir, 'contacts.vcf');
    expect((await crm('export', 'contacts', '--format', 'vcf', '--out', vcf)).code).toBe(0);
    expect(readFileSync(vcf, 'utf8')).toMatch(/BEGIN:VCARD\r\nVERSION:4.0\r\n/);
    const semi = join(dir, 'companies.csv');
    expect(
      (await crm('export', 'companies', '--out', semi, '--delimiter', 'semicolon', '--columns', 'technical'))
        .code,
    ).toBe(0);
    expect(readFileSync(semi, 'utf8')).toMatch(/^\ufeffcompany_id;company_name;/);
  });

  it.runIf(t.dialect === 'sqlite')('the real process writes the export to standard output', () => {
    const res = spawnSync(
      'npx',
      ['tsx', 'server/cli/main.ts', 'export', 'contacts', '--format', 'vcf', '--q', 'berezina'],
      {
        env: { ...process.env, DATABASE_URL: t.url },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^BEGIN:VCARD\r\nVERSION:4.0\r\n[\s\S]*FN:Élodie Bérézina/);
    expect(res.stderr).toMatch(/exported 1 contacts/);
  });
});
