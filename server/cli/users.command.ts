import type { Command } from 'commander';
import { UserWrite } from '../../shared/resources.js';
import { CrudService } from '../crud/crud.service.js';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { checkBody } from '../http/validation.js';
import { users } from '../users/users.resource.js';
import type { CliIo } from './io.js';

const ROLES = ['admin', 'manager', 'sales', 'viewer'];

function explain(e: unknown): string {
  if (e instanceof AppError) {
    const fields = (e.extra.errors as { field: string; message: string }[] | undefined) ?? [];
    return fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function registerUserCommands(program: Command, openDb: () => Promise<Db>, io: CliIo) {
  const user = program.command('user').description('manage the people who sign in');

  user
    .command('create')
    .description('create a user (the password is read from --password, or asked for)')
    .requiredOption('--email <email>', 'their email, used to sign in')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'sales')
    .option('--name <name>', 'their name')
    .option('--locale <locale>', 'fr or en')
    .option('--password <password>', 'at least 10 characters, not a common one')
    .action(
      async (opts: { email: string; role: string; name?: string; locale?: string; password?: string }) => {
        if (!ROLES.includes(opts.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        const password = opts.password ?? (await io.askSecret('Password: '));
        const input = {
          email: opts.email,
          role: opts.role,
          name: opts.name ?? null,
          locale: opts.locale ?? null,
          password,
        };
        try {
          // the API's own rules: a valid email, lengths, fr or en
          checkBody(UserWrite.create, input);
        } catch (e) {
          throw new Error(`user not created: ${explain(e)}`);
        }
        const db = await openDb();
        try {
          const { dto } = await new CrudService(users, db).create(input, SYSTEM_ACTOR);
          io.out(`created user ${dto.user_id} <${dto.email}> as ${dto.role}`);
        } catch (e) {
          throw new Error(`user not created: ${explain(e)}`);
        } finally {
          await db.destroy();
        }
      },
    );

  user
    .command('reset-password')
    .description('set a new password; the user is signed out everywhere')
    .requiredOption('--email <email>', 'the account')
    .option('--password <password>', 'the new password (asked for when absent)')
    .action(async (opts: { email: string; password?: string }) => {
      const password = opts.password ?? (await io.askSecret('New password: '));
      try {
        checkBody(UserWrite.update, { password });
      } catch (e) {
        throw new Error(`password not changed: ${explain(e)}`);
      }
      const db = await openDb();
      try {
        const row = await db.kysely
          .selectFrom('users')
          .select('user_id')
          .where('email_key', '=', opts.email.trim().toLowerCase())
          .executeTakeFirst();
        if (!row) throw new Error(`no user with the email ${opts.email}`);
        await new CrudService(users, db).update(Number(row.user_id), { password }, undefined, SYSTEM_ACTOR);
        io.out(`password changed for ${opts.email}; their sessions have ended`);
      } catch (e) {
        throw new Error(`password not changed: ${explain(e)}`);
      } finally {
        await db.destroy();
      }
    });
}
