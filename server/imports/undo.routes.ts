// GET /imports/{id}/undo: what undoing a finished import would do; POST: undo it, with the choices
// of the delete API for what was attached since to the records it created (docs/api.md, "Imports").
import { type TProperties, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { API } from '../crud/crud.routes.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { COUNT_KEYS, type DeleteOptions, type Services } from '../deletes/cascade.js';
import { ImportUndo } from './import-undo.js';
import { UNDONE_KINDS } from './undo-plan.js';

const tags = ['imports'];
const Int = Type.Integer({ minimum: 0 });
const Kinds = Type.Object(Object.fromEntries(UNDONE_KINDS.map((k) => [k, Int])) as TProperties);
const Attached = {
  opportunities: Int,
  interactions: Int,
  tasks: Int,
};
const Conflict = Type.Object({
  resource: Type.String(),
  id: Type.Integer(),
  reason: Type.Union([Type.Literal('changed'), Type.Literal('deleted')]),
});
const Choice = Type.Union([Type.Literal('unlink'), Type.Literal('delete')]);

export const UndoPreview = Type.Object({
  created: { ...Kinds, description: 'records it created that still exist: deleted by the undo' },
  attached: Type.Object(
    {
      contacts: Type.Object(Attached),
      companies: Type.Object({ contacts: Int, ...Attached }),
    },
    { description: 'records attached since to the contacts and companies it created' },
  ),
  restore: { ...Kinds, description: 'records it updated: given their values before it back' },
  conflicts: Type.Array(Conflict, {
    description: 'records it updated that something else changed or deleted since: left alone',
  }),
});

const UndoResult = Type.Object({
  deleted: Kinds,
  restored: Kinds,
  conflicts: Type.Array(Conflict),
  undone_at: Type.String({ format: 'date-time' }),
  ...Object.fromEntries(COUNT_KEYS.map((k) => [k, Int])),
});

export function registerUndoRoutes(app: FastifyInstance, db: Db, svc: Services) {
  const undo = new ImportUndo(db, svc);
  app.get(
    `${API}/imports/:id/undo`,
    {
      schema: {
        tags,
        summary: 'What undoing a finished import would delete, restore and leave (its author, or an admin)',
        params: idParams,
        response: { 200: UndoPreview, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => undo.preview((req.params as { id: number }).id, req.actor),
  );

  app.post(
    `${API}/imports/:id/undo`,
    {
      schema: {
        tags,
        summary:
          'Undo a finished import in one transaction: delete what it created, restore what it updated (409 if attached records need a choice)',
        params: idParams,
        body: Type.Optional(
          Type.Object(
            {
              contacts: Type.Optional({ ...Choice, description: 'of the companies it created' }),
              opportunities: Type.Optional(Choice),
              interactions: Type.Optional(Type.Literal('delete')),
              tasks: Type.Optional(Type.Literal('delete')),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: UndoResult, ...problems(400, 401, 403, 404, 409, 415) },
      },
    },
    async (req) => undo.undo((req.params as { id: number }).id, (req.body ?? {}) as DeleteOptions, req.actor),
  );
}
