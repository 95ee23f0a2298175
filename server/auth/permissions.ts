import type { Actor, ResourceDef, Role, Row, Values } from '../crud/resource.js';
import { AppError, type ProblemCode } from '../errors.js';

export const forbidden = (code: ProblemCode, detail: string) =>
  new AppError(403, 'forbidden', 'Not allowed', detail, { code });
export const unauthorized = (
  code: ProblemCode = 'not_signed_in',
  detail = 'Sign in, or send an API token as "Authorization: Bearer <token>".',
) => new AppError(401, 'unauthorized', 'Not signed in', detail, { code });

const DEFAULT_WRITERS: Role[] = ['admin', 'manager', 'sales'];

export function requireRole(actor: Actor, roles: Role[], what: string) {
  if (actor.role === null) throw unauthorized();
  if (!roles.includes(actor.role))
    throw forbidden('role_not_allowed', `Your role (${actor.role}) cannot ${what}.`);
}

const ownerOf = (row: Row, field: string) =>
  row[field] === null || row[field] === undefined ? null : Number(row[field]);

/**
 * The contract's roles: admin and manager change any record; sales read everything but change only
 * records they own or nobody owns, and hand over only their own; viewers only read. Tasks are
 * assignable: sales may also create one for a colleague and hand an unassigned one to anyone.
 */
export function authorizeWrite(actor: Actor, def: ResourceDef, existing: Row | null, values: Values | null) {
  requireRole(
    actor,
    def.writeRoles ?? DEFAULT_WRITERS,
    existing ? `change ${def.path}` : `create ${def.path}`,
  );
  if (actor.role !== 'sales' || !def.ownerField) return;
  const field = def.ownerField;
  const self = actor.userId;
  const wanted = values && field in values ? ownerOf(values, field) : undefined;
  if (existing === null) {
    if (def.assignable) return;
    if (wanted !== undefined && wanted !== null && wanted !== self) {
      throw forbidden(
        'own_records_only',
        `As sales you can create ${def.path} only for yourself (${field}).`,
      );
    }
    return;
  }
  const current = ownerOf(existing, field);
  if (current !== null && current !== self) {
    throw forbidden(
      'not_owner',
      `This ${def.label} belongs to another user; as sales you can change only your own or unowned ones.`,
    );
  }
  if (def.assignable) return;
  if (wanted !== undefined && wanted !== current && current === null && wanted !== self) {
    throw forbidden(
      'own_records_only',
      `As sales you can take an unowned ${def.label} for yourself, not give it to someone else.`,
    );
  }
}
