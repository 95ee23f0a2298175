import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  SavedView,
  SavedViewCreate,
  SavedViewsQuery,
  SavedViewUpdate,
  type ViewResource,
} from '../../shared/views.js';
import { API } from '../crud/crud.routes.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { ViewsService } from './views.service.js';

/** /views: saved views of the lists, the caller's own and the team's (views.service.ts). */
export function registerViewRoutes(app: FastifyInstance, db: Db) {
  const views = new ViewsService(db);
  const tags = ['views'];
  app.get(
    `${API}/views`,
    {
      schema: {
        tags,
        summary: 'My saved views and the team’s shared ones, of one list or all',
        querystring: SavedViewsQuery,
        response: { 200: Type.Object({ data: Type.Array(SavedView) }), ...problems(400, 401) },
      },
    },
    async (req) => ({
      data: await views.list(req.actor, (req.query as { resource?: ViewResource }).resource),
    }),
  );
  app.post(
    `${API}/views`,
    {
      schema: {
        tags,
        summary: 'Save a view (shared: managers and admins)',
        body: SavedViewCreate,
        response: { 201: SavedView, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await views.create(req.actor, req.body as SavedViewCreate)),
  );
  app.get(
    `${API}/views/:id`,
    {
      schema: {
        tags,
        summary: 'One saved view',
        params: idParams,
        response: { 200: SavedView, ...problems(400, 401, 404) },
      },
    },
    async (req) => views.get(req.actor, (req.params as { id: number }).id),
  );
  app.patch(
    `${API}/views/:id`,
    {
      schema: {
        tags,
        summary: 'Rename a view, change what it shows, share or unshare it',
        params: idParams,
        body: SavedViewUpdate,
        response: { 200: SavedView, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => views.update(req.actor, (req.params as { id: number }).id, req.body as SavedViewUpdate),
  );
  app.delete(
    `${API}/views/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a view (a shared one: managers and admins)',
        params: idParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await views.remove(req.actor, (req.params as { id: number }).id);
      return reply.code(204).send();
    },
  );
}
