import { hashPassword, passwordError, passwordProblem } from '../auth/passwords.js';
import { duplicateEmail } from '../crud/duplicates.js';
import type { LooseDb, ResourceDef, Row, Values } from '../crud/resource.js';
import { AppError } from '../errors.js';
import { nameKey, searchText } from '../lib/text.js';

const isActive = (v: unknown) => v === true || v === 1 || v === '1';

async function otherActiveAdmins(db: LooseDb, userId: number): Promise<number> {
  const rows = (await db
    .selectFrom('users')
    .select(['user_id', 'active'])
    .where('role', '=', 'admin')
    .where('user_id', '!=', userId)
    .execute()) as Row[];
  return rows.filter((r) => isActive(r.active)).length;
}

/** Sales reps and the rest of the team. Only admins change users; the password is write-only. */
export const users: ResourceDef = {
  path: 'users',
  table: 'users',
  idColumn: 'user_id',
  label: 'user',
  fields: {
    user_id: 'id',
    email: 'text',
    name: 'text',
    role: 'text',
    active: 'bool',
    locale: 'text',
    must_change_password: 'bool',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  required: ['email', 'role'],
  filterKeys: { email: { column: 'email_key', key: (v) => v.toLowerCase() } },
  sortable: ['name', 'email', 'role', 'created_at'],
  sortKeys: { name: 'name_key' },
  defaultSort: 'name',
  search: { joins: [], names: ['name_key'] },
  writeRoles: ['admin'],
  secretInputs: ['password'],
  relations: [],
  references: [
    { resource: 'companies', table: 'companies', column: 'owner_id' },
    { resource: 'contacts', table: 'contacts', column: 'owner_id' },
    { resource: 'opportunities', table: 'opportunities', column: 'owner_id' },
    { resource: 'interactions', table: 'interactions', column: 'user_id' },
    { resource: 'tasks', table: 'tasks', column: 'assignee_id' },
  ],
  async prepare(values, existing, { trx, dialect, actor }, input) {
    const out: Values = { ...values };
    const merged: Row = { ...(existing ?? {}), ...values };
    if (existing === null && out.active === undefined) out.active = dialect === 'sqlite' ? 1 : true;
    if (typeof input.password === 'string') {
      const problem = passwordProblem(input.password, {
        email: merged.email as string,
        name: merged.name as string,
      });
      if (problem) throw passwordError(problem);
      out.password_hash = await hashPassword(input.password);
      // A password someone else typed (an administrator) is known to them: its owner must choose
      // their own at first sign-in. The system (setup, CRM_ADMIN_PASSWORD) types nobody else's.
      const typedByOther = actor.userId !== null && actor.userId !== Number(existing?.user_id);
      out.must_change_password = dialect === 'sqlite' ? Number(typedByOther) : typedByOther;
    }
    if ('email' in values) out.email_key = (values.email as string).toLowerCase();
    if ('name' in values) out.name_key = nameKey(values.name as string | null);
    if (existing === null || 'email' in values || 'name' in values) {
      out.search_text = searchText([merged.name as string | null, merged.email as string]);
    }
    // never leave the instance without an active administrator
    const demoted = 'role' in values && values.role !== 'admin';
    const deactivated = 'active' in values && !isActive(values.active);
    if (existing && existing.role === 'admin' && isActive(existing.active) && (demoted || deactivated)) {
      if ((await otherActiveAdmins(trx, Number(existing.user_id))) === 0) {
        throw new AppError(
          409,
          'conflict',
          'Last administrator',
          'This is the last active administrator; make someone else admin first.',
          { code: 'last_admin' },
        );
      }
    }
    return out;
  },
  async afterUpdate(before, changes, { trx }) {
    const userId = Number(before.user_id);
    const deactivated = 'active' in changes && !isActive(changes.active);
    // a deactivated user, or one whose password changed, is signed out everywhere at once
    if (deactivated || 'password_hash' in changes) {
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      // and the invitation or reset links not used yet stop working
      await trx
        .deleteFrom('account_links')
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    }
    // and a deactivated user's tokens are revoked: reactivating must not revive forgotten ones
    if (deactivated) await trx.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  },
  onDuplicate: (values, db) =>
    duplicateEmail(db, { table: 'users', idColumn: 'user_id', label: 'user' }, values.email),
};
