import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AuditEvent } from '../../shared/resources.js';
import { Id, Page } from '../../shared/types.js';
import { requireRole } from '../auth/permissions.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import { PAGE_DEFAULT, PAGE_MAX } from '../crud/list.js';
import type { LooseDb } from '../crud/resource.js';
import { problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { timestampParam } from '../db/dialect.js';
import { fieldError, notFound } from '../errors.js';
import { isoFromDb, parseInstant } from '../lib/time.js';

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: PAGE_DEFAULT })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
    resource: Type.Optional(Type.String({ maxLength: 50 })),
    record_id: Type.Optional(Id),
    user_id: Type.Optional(Id),
    action: Type.Optional(Type.String({ maxLength: 20 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
type AuditQuery = Static<typeof AuditQuery>;

interface AuditRow {
  audit_id: number;
  occurred_at: Date | string;
  user_id: number | null;
  action: string;
  resource: string;
  record_id: number;
  changes: string | null;
}

/** The one reading of a client's instant (shared/dates.ts); a 400 naming the parameter otherwise. */
function instant(field: string, text: string): string {
  const iso = parseInstant(text);
  if (iso === null)
    throw fieldError(
      field,
      'invalid_datetime',
      'is not an ISO 8601 date-time between the years 1000 and 9999',
    );
  return iso;
}

/** Newest first, keyset-paged on the ID. */
export async function listAudit(db: LooseDb, dialect: Db['dialect'], q: AuditQuery) {
  const limit = q.limit ?? PAGE_DEFAULT;
  let qb = db.selectFrom('audit_events').selectAll();
  if (q.resource !== undefined) qb = qb.where('resource', '=', q.resource);
  if (q.record_id !== undefined) qb = qb.where('record_id', '=', q.record_id);
  if (q.user_id !== undefined) qb = qb.where('user_id', '=', q.user_id);
  if (q.action !== undefined) qb = qb.where('action', '=', q.action);
  // the schema's date-time is read by parseInstant too (server/http/validation.ts): never null here
  if (q.from !== undefined)
    qb = qb.where('occurred_at', '>=', timestampParam(dialect, instant('from', q.from)));
  if (q.to !== undefined) qb = qb.where('occurred_at', '<', timestampParam(dialect, instant('to', q.to)));
  if (q.cursor !== undefined) {
    const before = /^[0-9]{1,10}$/.test(q.cursor) ? Number(q.cursor) : Number.NaN;
    if (!(before > 0)) throw fieldError('cursor', 'invalid_cursor', 'is not a cursor from this list');
    qb = qb.where('audit_id', '<', before);
  }
  const rows = (await qb
    .orderBy('audit_id', 'desc')
    .limit(limit + 1)
    .execute()) as AuditRow[];
  const page = rows.slice(0, limit);
  return {
    data: page.map((r) => ({
      audit_id: Number(r.audit_id),
      occurred_at: isoFromDb(r.occurred_at) as string,
      user_id: r.user_id === null ? null : Number(r.user_id),
      action: r.action,
      resource: r.resource,
      record_id: Number(r.record_id),
      changes: r.changes === null ? null : JSON.parse(r.changes),
    })),
    next_cursor: rows.length > limit ? String(page[page.length - 1].audit_id) : null,
  };
}

export function registerAuditRoutes(app: FastifyInstance, db: Db, services: CrudService[]) {
  app.get(
    `${API}/audit-events`,
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log (admin): who changed what, when, before → after',
        querystring: AuditQuery,
        response: { 200: Page(AuditEvent), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      requireRole(req.actor, ['admin'], 'read the audit log');
      return listAudit(db.kysely, db.dialect, req.query as AuditQuery);
    },
  );

  const HistoryQuery = Type.Pick(AuditQuery, ['limit', 'cursor'], { additionalProperties: false });
  for (const service of services) {
    const { def } = service;
    app.get(
      `${API}/${def.path}/:id/history`,
      {
        schema: {
          tags: [def.path],
          summary: `The change history of a ${def.label}`,
          params: Type.Object({ id: Id }),
          querystring: HistoryQuery,
          response: { 200: Page(AuditEvent), ...problems(400, 401, 404) },
        },
      },
      async (req) => {
        const id = (req.params as { id: number }).id;
        const page = await listAudit(db.kysely, db.dialect, {
          ...(req.query as AuditQuery),
          resource: def.path,
          record_id: id,
        });
        // a deleted record keeps its history; a record that never existed has none
        if (page.data.length === 0 && !(req.query as AuditQuery).cursor)
          await service.get(id).catch(() => {
            throw notFound(`${def.label} ${id}`);
          });
        return page;
      },
    );
  }
}
