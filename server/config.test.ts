import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultOrigins, loadConfig } from './config.js';

const origins = (env: Record<string, string>) => loadConfig(env, false).security.publicOrigins;

describe('public origins (what a cookie write must come from)', () => {
  it('are PUBLIC_URL and CRM_ALLOWED_ORIGINS when set, normalised to origins', () => {
    expect(
      origins({
        PUBLIC_URL: 'https://CRM.example.com/app/',
        CRM_ALLOWED_ORIGINS: 'http://localhost:5173/, ',
      }),
    ).toEqual(['https://crm.example.com', 'http://localhost:5173']);
  });

  it('without PUBLIC_URL, are the names a loopback listener is reached under', () => {
    expect(origins({ PORT: '4000' })).toEqual([
      'http://127.0.0.1:4000',
      'http://localhost:4000',
      'http://[::1]:4000',
    ]);
    expect(origins({ HOST: '10.1.2.3', PORT: '80' })).toEqual(['http://10.1.2.3']);
  });

  it('on a wildcard address, include each interface address', () => {
    const some = Object.values(networkInterfaces()).flat()[0];
    const all = defaultOrigins('0.0.0.0', 3000);
    expect(all).toContain('http://localhost:3000');
    if (some && some.family === 'IPv4') expect(all).toContain(`http://${some.address}:3000`);
  });

  it('refuse what is not an http(s) URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'crm.example.com' }, false)).toThrow(ConfigError);
    expect(() => loadConfig({ CRM_ALLOWED_ORIGINS: 'ftp://x' }, false)).toThrow(/CRM_ALLOWED_ORIGINS/);
  });
});

describe('configuration of timeouts', () => {
  it('has bounded defaults', () => {
    const c = loadConfig({}, false);
    expect(c.databaseTimeouts).toEqual({ connectMs: 5000, statementMs: 15000 });
    expect(c.shutdownTimeoutMs).toBe(10_000);
    expect(c.importStaleMs).toBe(10_000);
  });

  it('reads the variables, 0 turning a database limit off', () => {
    const c = loadConfig(
      {
        DATABASE_CONNECT_TIMEOUT_MS: '0',
        DATABASE_STATEMENT_TIMEOUT_MS: '60000',
        SHUTDOWN_TIMEOUT_MS: '25000',
        IMPORT_STALE_MS: '30000',
      },
      false,
    );
    expect(c.databaseTimeouts).toEqual({ connectMs: 0, statementMs: 60000 });
    expect(c.shutdownTimeoutMs).toBe(25_000);
    expect(c.importStaleMs).toBe(30_000);
  });

  it('names every invalid one', () => {
    const load = () =>
      loadConfig(
        {
          DATABASE_CONNECT_TIMEOUT_MS: '-1',
          DATABASE_STATEMENT_TIMEOUT_MS: 'soon',
          SHUTDOWN_TIMEOUT_MS: '0',
          IMPORT_STALE_MS: '500',
        },
        false,
      );
    expect(load).toThrow(ConfigError);
    const message = (() => {
      try {
        load();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of [
      'DATABASE_CONNECT_TIMEOUT_MS',
      'DATABASE_STATEMENT_TIMEOUT_MS',
      'SHUTDOWN_TIMEOUT_MS',
      'IMPORT_STALE_MS',
    ])
      expect(message).toContain(name);
  });
});

describe('mail (invitations and password resets)', () => {
  it('is off without SMTP_URL, and takes smtp:// or smtps:// with MAIL_FROM', () => {
    expect(loadConfig({}, false).mail).toEqual({ smtpUrl: undefined, from: 'Carnet <carnet@localhost>' });
    expect(loadConfig({ SMTP_URL: ' ' }, false).mail.smtpUrl).toBeUndefined();
    const mail = loadConfig(
      { SMTP_URL: 'smtps://crm:s3cret@mail.example.com:465', MAIL_FROM: 'CRM <crm@example.com>' },
      false,
    ).mail;
    expect(mail).toEqual({
      smtpUrl: 'smtps://crm:s3cret@mail.example.com:465',
      from: 'CRM <crm@example.com>',
    });
  });

  it('refuses another URL without repeating it (it may hold a password)', () => {
    let message = '';
    try {
      loadConfig({ SMTP_URL: 'http://crm:s3cret@mail.example.com' }, false);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('SMTP_URL must be an smtp:// or smtps:// URL');
    expect(message).not.toContain('s3cret');
  });
});

describe('CRM_DEFAULT_COUNTRY (the region of phone numbers written without a country code)', () => {
  it('is FR by default, and any ISO 3166 alpha-2 code with a numbering plan, in either case', () => {
    expect(loadConfig({}, false).defaultCountry).toBe('FR');
    expect(loadConfig({ CRM_DEFAULT_COUNTRY: '' }, false).defaultCountry).toBe('FR');
    expect(loadConfig({ CRM_DEFAULT_COUNTRY: 'BE' }, false).defaultCountry).toBe('BE');
    expect(loadConfig({ CRM_DEFAULT_COUNTRY: ' ch ' }, false).defaultCountry).toBe('CH');
    expect(loadConfig({ CRM_DEFAULT_COUNTRY: 'us' }, false).defaultCountry).toBe('US');
  });

  it('refuses anything else at start, naming the variable and the value', () => {
    for (const bad of ['XX', 'FRA', 'France', '33', 'F', 'fr-FR']) {
      expect(() => loadConfig({ CRM_DEFAULT_COUNTRY: bad }, false)).toThrow(ConfigError);
      try {
        loadConfig({ CRM_DEFAULT_COUNTRY: bad, PORT: 'x' }, false);
      } catch (e) {
        // listed with the other problems
        expect((e as ConfigError).problems).toEqual([
          expect.stringMatching(/^PORT/),
          `CRM_DEFAULT_COUNTRY must be an ISO 3166 alpha-2 country code such as FR, BE, CH or US, got "${bad}"`,
        ]);
      }
    }
  });
});

describe('metrics token and migration URL', () => {
  it('has no /metrics token by default and takes a long printable one', () => {
    expect(loadConfig({}, false).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '  ' }, false).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'abcdefghijklmnop-1234' }, false).metricsToken).toBe(
      'abcdefghijklmnop-1234',
    );
  });

  it('refuses a short token or one with spaces, without repeating it', () => {
    for (const bad of ['short', 'sixteen chars ok', 'é'.repeat(20)]) {
      const e = (() => {
        try {
          loadConfig({ METRICS_TOKEN: bad }, false);
        } catch (err) {
          return err as Error;
        }
      })();
      expect(e?.message).toMatch(/METRICS_TOKEN must be 16–200 printable characters/);
      expect(e?.message).not.toContain(bad);
    }
  });

  it('migrates through DATABASE_URL unless DATABASE_MIGRATION_URL names the same kind of database', () => {
    const pg = 'postgres://carnet@127.0.0.1:6432/carnet';
    expect(loadConfig({ DATABASE_URL: pg }, false).migrationUrl).toBe(pg);
    const direct = 'postgres://carnet@127.0.0.1:5432/carnet';
    expect(loadConfig({ DATABASE_URL: pg, DATABASE_MIGRATION_URL: direct }, false).migrationUrl).toBe(direct);
    expect(() =>
      loadConfig({ DATABASE_URL: pg, DATABASE_MIGRATION_URL: 'mysql://root@h/db' }, false),
    ).toThrow(/DATABASE_MIGRATION_URL must name the same kind of database/);
  });
});
