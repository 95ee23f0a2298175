import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Page } from '../../shared/types.js';
import type { CrudService } from './crud.service.js';
import type { Hop, ListQuery } from './list.js';
import type { Values } from './resource.js';
import { idParams, listQuerySchema, problems } from './schemas.js';

export const API = '/api/v1';

export interface ResourceSchemas {
  item: TSchema;
  create?: TSchema;
  update?: TSchema;
  /**
   * false when the resource registers its own DELETE (users are deactivated, not deleted; contacts
   * and companies take options for what is attached to them)
   */
  remove?: boolean;
}

/** The contract's five endpoints for one resource (reads only when no write schemas are given). */
export function registerResource(app: FastifyInstance, service: CrudService, schemas: ResourceSchemas) {
  const { def } = service;
  const base = `${API}/${def.path}`;
  const tags = [def.path];

  app.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${def.path}`,
        querystring: listQuerySchema(def),
        response: { 200: Page(schemas.item), ...problems(400, 401, 403) },
      },
    },
    async (req) => service.list(req.query as ListQuery, req.actor),
  );

  app.get(
    `${base}/:id`,
    {
      config: { responseHeaders: ['etag'] },
      schema: {
        tags,
        summary: `Get one ${def.label}`,
        params: idParams,
        response: { 200: schemas.item, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { dto, etag } = await service.get((req.params as { id: number }).id);
      reply.header('etag', etag);
      return dto;
    },
  );

  if (schemas.create) {
    app.post(
      base,
      {
        config: { responseHeaders: ['etag', 'location'] },
        schema: {
          tags,
          summary: `Create a ${def.label}`,
          body: schemas.create,
          response: { 201: schemas.item, ...problems(400, 401, 403, 409, 413, 415) },
        },
      },
      async (req, reply) => {
        const { dto, etag } = await service.create(req.body as Values, req.actor);
        reply.code(201).header('location', `${base}/${dto[def.idColumn]}`).header('etag', etag);
        return dto;
      },
    );
  }

  if (schemas.update) {
    app.patch(
      `${base}/:id`,
      {
        config: { ifMatch: true, responseHeaders: ['etag'] },
        schema: {
          tags,
          summary: `Update a ${def.label} (partial; If-Match for safe concurrent edits)`,
          params: idParams,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 1000 })) }),
          body: schemas.update,
          response: { 200: schemas.item, ...problems(400, 401, 403, 404, 409, 412, 413, 415) },
        },
      },
      async (req, reply) => {
        const id = (req.params as { id: number }).id;
        const { dto, etag } = await service.update(
          id,
          req.body as Values,
          req.headers['if-match'],
          req.actor,
        );
        reply.header('etag', etag);
        return dto;
      },
    );
  }

  if (schemas.update && schemas.remove !== false) {
    app.delete(
      `${base}/:id`,
      {
        config: { ifMatch: true },
        schema: {
          tags,
          summary: `Delete a ${def.label} (409 while other records reference it)`,
          params: idParams,
          response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await service.remove((req.params as { id: number }).id, req.actor, req.headers['if-match']);
        return reply.code(204).send();
      },
    );
  }
}

/**
 * GET /parent/{id}/children: the children's list, with the parent fixed (404 if it is missing).
 * Children point at the parent by `foreignKey`, or reach it `through` records they point at (a
 * company's interactions: those of its contacts and of its opportunities).
 */
export function registerRelatedList(
  app: FastifyInstance,
  parent: CrudService,
  child: CrudService,
  opts: ({ foreignKey: string } | { through: Hop[] }) & { item: TSchema; defaultSort?: string },
) {
  const childDef = opts.defaultSort ? { ...child.def, defaultSort: opts.defaultSort } : child.def;
  const fixedField = 'foreignKey' in opts ? [opts.foreignKey] : [];
  const how =
    'through' in opts
      ? ` (${opts.through.map((h) => (h.table === parent.def.table ? 'its own' : `through its ${h.table}`)).join(' or ')})`
      : '';
  app.get(
    `${API}/${parent.def.path}/:id/${child.def.path}`,
    {
      schema: {
        tags: [parent.def.path],
        summary: `The ${child.def.path} of a ${parent.def.label}${how}`,
        params: idParams,
        querystring: listQuerySchema(childDef, fixedField),
        response: { 200: Page(opts.item), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const id = (req.params as { id: number }).id;
      await parent.assertExists(id);
      const scope =
        'foreignKey' in opts
          ? { fixed: { [opts.foreignKey]: id } }
          : { through: { hops: opts.through, parentId: id } };
      return child.list(req.query as ListQuery, req.actor, scope, childDef);
    },
  );
}
