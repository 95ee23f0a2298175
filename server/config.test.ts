import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
