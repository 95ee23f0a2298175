import { type TProperties, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Id } from '../../shared/types.js';
import { requireRole } from '../auth/permissions.js';
import { API } from '../crud/crud.routes.js';
import { ID_LIST_MAX, idListSchema, idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import {
  COUNT_KEYS,
  type DeleteCounts,
  type DeleteOptions,
  deleteWithDependents,
  type Parent,
  type Services,
  zeroCounts,
} from './cascade.js';
import { countDependents, countExisting } from './dependents.js';

const Choice = Type.Union([Type.Literal('unlink'), Type.Literal('delete')]);

function optionProps(parent: Parent): TProperties {
  return {
    ...(parent === 'companies'
      ? { contacts: Type.Optional({ ...Choice, description: 'unlink: they lose the company' }) }
      : {}),
    opportunities: Type.Optional({ ...Choice, description: 'unlink: they lose the deleted record' }),
    interactions: Type.Optional(Type.Literal('delete')),
    tasks: Type.Optional(Type.Literal('delete')),
  };
}

const Int = Type.Integer({ minimum: 0 });
const countProps = (parent: Parent): TProperties => ({
  ...(parent === 'companies' ? { contacts: Int } : {}),
  opportunities: Int,
  interactions: Int,
  tasks: Int,
});

const Refusal = Type.Object({
  id: Type.Integer(),
  status: Type.Integer(),
  type: Type.String({ description: 'the problem type of a single delete of this record' }),
  code: Type.Optional(Type.String()),
  detail: Type.String(),
  references: Type.Optional(Type.Array(Type.Object({ resource: Type.String(), count: Type.Integer() }))),
  options: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  record: Type.Optional(Type.Object({ resource: Type.String(), id: Type.Integer() })),
});

const summaryKeys = (parent: Parent) =>
  COUNT_KEYS.filter((k) => parent === 'companies' || !k.startsWith('contacts_'));

/**
 * Deleting a contact or company with its history: the counts a confirmation shows, the delete
 * with its choices, and the bulk delete with one summary (docs/api.md, "Deleting";
 * docs/decisions/009-deleting-with-history.md).
 */
export function registerDeleteRoutes(app: FastifyInstance, db: Db, svc: Services) {
  for (const parent of ['contacts', 'companies'] as const) {
    const service = svc[parent];
    const { label } = service.def;
    const base = `${API}/${parent}`;
    const tags = [parent];
    const run = (
      id: number,
      opts: DeleteOptions,
      actor: Parameters<typeof service.transaction>[0],
      ifMatch?: string,
    ) => service.transaction(actor, (ctx) => deleteWithDependents(svc, ctx, parent, id, opts, ifMatch));

    app.get(
      `${base}/:id/dependents`,
      {
        schema: {
          tags,
          summary: `What is attached to a ${label}: what deleting it would ask a choice for`,
          params: idParams,
          response: { 200: Type.Object(countProps(parent)), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const id = (req.params as { id: number }).id;
        await service.assertExists(id);
        return countDependents(db.kysely, parent, [id]);
      },
    );

    app.get(
      `${base}/dependents`,
      {
        schema: {
          tags,
          summary: `What is attached to several ${parent}, summed (for a bulk delete's confirmation)`,
          querystring: Type.Object({ ids: idListSchema }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              records: Type.Integer({ description: 'how many of the IDs exist' }),
              ...countProps(parent),
            }),
            ...problems(400, 401, 403),
          },
        },
      },
      async (req) => {
        const ids = [...new Set((req.query as { ids: string }).ids.split(',').map(Number))];
        return {
          records: await countExisting(db.kysely, parent, ids),
          ...(await countDependents(db.kysely, parent, ids)),
        };
      },
    );

    app.delete(
      `${base}/:id`,
      {
        config: { ifMatch: true },
        schema: {
          tags,
          summary: `Delete a ${label}; with what is attached to it as the parameters say (409 otherwise)`,
          params: idParams,
          querystring: Type.Object(optionProps(parent), { additionalProperties: false }),
          response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await run(
          (req.params as { id: number }).id,
          req.query as DeleteOptions,
          req.actor,
          req.headers['if-match'],
        );
        return reply.code(204).send();
      },
    );

    app.post(
      `${base}/bulk-delete`,
      {
        schema: {
          tags,
          summary: `Delete several ${parent}, each with its attached records or not at all; one summary`,
          body: Type.Object(
            {
              ids: Type.Array(Id, { minItems: 1, maxItems: ID_LIST_MAX }),
              ...optionProps(parent),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              deleted: Type.Integer(),
              ...Object.fromEntries(summaryKeys(parent).map((k) => [k, Type.Integer()])),
              refused: Type.Array(Refusal),
            }),
            ...problems(400, 401, 403, 413, 415),
          },
        },
      },
      async (req) => {
        const { ids, ...opts } = req.body as { ids: number[] } & DeleteOptions;
        requireRole(req.actor, service.def.writeRoles ?? ['admin', 'manager', 'sales'], `delete ${parent}`);
        const totals = zeroCounts();
        const refused: Record<string, unknown>[] = [];
        let deleted = 0;
        // one transaction per record: a refusal keeps that record and what is attached to it
        // whole, and does not undo the others
        for (const id of new Set(ids)) {
          let counts: DeleteCounts;
          try {
            counts = await run(id, opts, req.actor);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            const { code, references, options, record } = e.extra as Record<string, unknown>;
            refused.push({
              id,
              status: e.status,
              type: e.slug,
              code,
              detail: e.message,
              references,
              options,
              record,
            });
            continue;
          }
          deleted++;
          for (const k of COUNT_KEYS) totals[k] += counts[k];
        }
        const summary = Object.fromEntries(summaryKeys(parent).map((k) => [k, totals[k]]));
        return { deleted, ...summary, refused };
      },
    );
  }
}
