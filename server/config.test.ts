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
