import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import { idParams, problems } from '../crud/schemas.js';

/** DELETE deactivates: a user's name stays on the records and history they made. */
export function registerUserRoutes(app: FastifyInstance, users: CrudService) {
  app.delete(
    `${API}/users/:id`,
    {
      config: { ifMatch: true },
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user (admin): their sessions and tokens stop working at once',
        params: idParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await users.update(
        (req.params as { id: number }).id,
        { active: false },
        req.headers['if-match'],
        req.actor,
      );
      return reply.code(204).send();
    },
  );
}
