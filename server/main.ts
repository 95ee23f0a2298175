import { buildApp } from './app.js';
import { bootstrapAdmin } from './auth/auth.service.js';
import { Credentials } from './auth/credentials.js';
import { sessionSecret } from './auth/settings.js';
import { ConfigError, loadConfig } from './config.js';
import { CrudService } from './crud/crud.service.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
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
  const db = connect(config.databaseUrl, { preparedStatements: config.preparedStatements });
  await migrateToLatest(db, config.defaultLocale);
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

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(sweeper);
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (!process.env.PUBLIC_URL?.trim() && !['127.0.0.1', 'localhost', '::1'].includes(config.host))
    app.log.warn(
      { origins: config.security.publicOrigins },
      'PUBLIC_URL is not set: browsers may write only from these origins; set PUBLIC_URL to the address people open',
    );
}

main().catch((e) => {
  console.error('Carnet could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
