import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  BulkTags,
  BulkTagsResult,
  TAGGED_RESOURCES,
  Tag,
  TagCreate,
  type TaggedResource,
  TagMerge,
  TagsQuery,
  TagUpdate,
} from '../../shared/tags.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { bulkTags } from './bulk-tags.js';
import { TagsService } from './tags.service.js';

/** /tags (the team's tags) and /{contacts|companies|opportunities}/bulk-tags. */
export function registerTagRoutes(
  app: FastifyInstance,
  db: Db,
  services: Record<TaggedResource, CrudService>,
) {
  const tags = new TagsService(db);
  const schemaTags = ['tags'];
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;
  app.get(
    `${API}/tags`,
    {
      schema: {
        tags: schemaTags,
        summary: 'Every tag, by name, with how many contacts, companies and opportunities carry it',
        querystring: TagsQuery,
        response: { 200: Type.Object({ data: Type.Array(Tag) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      data: await tags.list(req.actor, (req.query as { resource?: TaggedResource }).resource),
    }),
  );
  app.get(
    `${API}/tags/:id`,
    {
      schema: {
        tags: schemaTags,
        summary: 'One tag',
        params: idParams,
        response: { 200: Tag, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => tags.get(req.actor, id(req)),
  );
  app.post(
    `${API}/tags`,
    {
      schema: {
        tags: schemaTags,
        summary: 'Create a tag (naming an unknown tag on a record creates it too, in gray)',
        body: TagCreate,
        response: { 201: Tag, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await tags.create(req.actor, req.body as TagCreate)),
  );
  app.patch(
    `${API}/tags/:id`,
    {
      schema: {
        tags: schemaTags,
        summary: 'Rename or recolour a tag (managers and admins); a rename rewrites its records',
        params: idParams,
        body: TagUpdate,
        response: { 200: Tag, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => tags.update(req.actor, id(req), req.body as TagUpdate),
  );
  app.delete(
    `${API}/tags/:id`,
    {
      schema: {
        tags: schemaTags,
        summary: 'Delete a tag, taking it off every record (managers and admins)',
        params: idParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await tags.remove(req.actor, id(req));
      return reply.code(204).send();
    },
  );
  app.post(
    `${API}/tags/:id/merge`,
    {
      schema: {
        tags: schemaTags,
        summary:
          'Merge a tag into another: its records get the other, and it disappears (managers and admins)',
        params: idParams,
        body: TagMerge,
        response: { 200: Tag, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => tags.merge(req.actor, id(req), (req.body as { into: number }).into),
  );

  for (const resource of TAGGED_RESOURCES) {
    app.post(
      `${API}/${resource}/bulk-tags`,
      {
        schema: {
          tags: [resource],
          summary: `Add and remove tags on up to 500 ${resource}, each by the rules of its own update`,
          body: BulkTags,
          response: { 200: BulkTagsResult, ...problems(400, 401, 403) },
        },
      },
      async (req) => bulkTags(services[resource], req.actor, req.body as BulkTags),
    );
  }
}
