import type { User } from '../api/types.js';

// The server's rules (server/auth/permissions.ts), mirrored so the UI offers only what will work.
// The server still decides: a refused change comes back as 403 and is shown as an error.

export type OwnedResource = 'companies' | 'contacts' | 'opportunities' | 'interactions' | 'tasks';
const OWNER_FIELD: Record<OwnedResource, string> = {
  companies: 'owner_id',
  contacts: 'owner_id',
  opportunities: 'owner_id',
  interactions: 'user_id',
  tasks: 'assignee_id',
};

export function canCreate(me: User | null | undefined): boolean {
  return !!me && me.role !== 'viewer';
}

/** May `me` change or delete this record? Sales: only their own or unowned ones. */
export function canEdit(
  me: User | null | undefined,
  resource: OwnedResource,
  record: Record<string, unknown>,
): boolean {
  if (!me || me.role === 'viewer') return false;
  if (me.role === 'admin' || me.role === 'manager') return true;
  const owner = record[OWNER_FIELD[resource]];
  return owner === null || owner === undefined || owner === me.user_id;
}

/**
 * May `me` hand this record to someone else (not just take an unowned one)? Tasks are assigned,
 * not owned: whoever may change a task may give it to anyone active.
 */
export function canReassign(
  me: User | null | undefined,
  resource: OwnedResource,
  record: Record<string, unknown>,
): boolean {
  if (!me || me.role === 'viewer') return false;
  if (me.role !== 'sales') return true;
  if (resource === 'tasks') return canEdit(me, resource, record);
  return record[OWNER_FIELD[resource]] === me.user_id;
}

/** Managers and admins see the team's tasks on /tasks (anyone may list them through the API). */
export const canSeeTeamTasks = (me: User | null | undefined) =>
  me?.role === 'admin' || me?.role === 'manager';

/** Importing creates records: viewers cannot (docs/security.md's role matrix). */
export const canImport = canCreate;

export const isAdmin = (me: User | null | undefined) => me?.role === 'admin';
export const canUseGdpr = (me: User | null | undefined) => me?.role === 'admin' || me?.role === 'manager';
/** Lost reasons are a team's settings: admins and managers shape them (server: lost-reasons.resource.ts). */
export const canEditLostReasons = (me: User | null | undefined) =>
  me?.role === 'admin' || me?.role === 'manager';
