import { buildApp } from './app.js';
import { bootstrapAdmin } from './auth/auth.service.js';
import { Credentials } from './auth/credentials.js';
import { sessionSecret } from './auth/settings.js';
import { BackupSchedule } from './backup/schedule.js';
import { ConfigError, loadConfig } from './config.js';
import { CrudService } from './crud/crud.service.js';
import { connect } from './db/connect.js';
import { migrateWithoutTimeout } from './db/migrate.js';
import { setDefaultCountry } from './lib/phone.js';
import { users } from './users/users.resource.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const timeouts = config.databaseTimeouts;
  const db = connect(config.databaseUrl, { preparedStatements: config.preparedStatements, timeouts });
  // phone numbers without a country code are read in this region, from the migrations on
  setDefaultCountry(config.defaultCountry);
  await migrateWithoutTimeout(db, config.migrationUrl, config.defaultLocale, {
    timeouts,
    country: config.defaultCountry,
  });
  const admin = await bootstrapAdmin(db, new CrudService(users, db), config.adminEmail, config.adminPassword);
  const app = await buildApp({ config, db, sessionSecret: await sessionSecret(db, config.sessionSecret) });
  if (admin)
    app.log.info({ user_id: admin.dto.user_id }, 'created the first administrator from CRM_ADMIN_EMAIL');

  // expired sessions nobody presents again are swept now and then (every instance may do it)
  const credentials = new Credentials(db, {
    idleMs: config.security.sessionIdleMs,
    maxMs: config.security.sessionMaxMs,
  });
  const sweep = () =>
    credentials.sweepExpired().then(
      (n) => n > 0 && app.log.info({ sessions: n }, 'expired sessions removed'),
      (e) => app.log.warn({ err: e }, 'could not remove expired sessions'),
    );
  void sweep();
  const sweeper = setInterval(sweep, 3600_000).unref();

  // scheduled backups: every instance looks, the one that claims the period takes it
  const backups = config.backup.dir
    ? new BackupSchedule(db, {
        databaseUrl: config.databaseUrl,
        dir: config.backup.dir,
        everyMs: config.backup.everyMs,
        keep: config.backup.keep,
        log: app.log,
      })
    : undefined;

  let closing = false;
  const close = (signal: string) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    clearInterval(sweeper);
    const { drainMs, hardMs } = shutdownTimers(config.shutdownTimeoutMs);
    app.log.info({ signal, timeout_ms: hardMs }, 'shutting down');
    // a request that never ends (a stalled upload) must not hold the stop: its connection is cut
    setTimeout(() => {
      app.log.warn('requests still in flight at the shutdown deadline: their connections are closed');
      app.server.closeAllConnections();
    }, drainMs).unref();
    // nor a database that does not answer: the process ends anyway; jobs it could not record
    // failed are failed by another instance (or this one's next start) once their heartbeat is stale
    setTimeout(() => {
      app.log.error({ timeout_ms: hardMs }, 'shutdown did not finish in time: exiting anyway');
      process.exit(1);
    }, hardMs).unref();
    // app.close(): no new connections; requests in flight finish; import jobs stop after their
    // current batch and are recorded failed (server_stopped)
    app
      .close()
      .then(() => backups?.stop())
      .then(() => db.destroy())
      .then(
        () => process.exit(0),
        (e) => {
          app.log.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => close('SIGINT'));
  process.on('SIGTERM', () => close('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  backups?.start();
  if (!process.env.PUBLIC_URL?.trim() && !['127.0.0.1', 'localhost', '::1'].includes(config.host))
    app.log.warn(
      { origins: config.security.publicOrigins },
      'PUBLIC_URL is not set: browsers may write only from these origins; set PUBLIC_URL to the address people open',
    );
}

/**
 * SHUTDOWN_TIMEOUT_MS bounds the whole stop. Requests in flight get all of it but the last part
 * (up to 2 s), kept for recording the stopped imports and closing the database.
 */
function shutdownTimers(timeoutMs: number) {
  return { drainMs: timeoutMs - Math.min(2000, timeoutMs / 2), hardMs: timeoutMs };
}

main().catch((e) => {
  console.error('Carnet could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
