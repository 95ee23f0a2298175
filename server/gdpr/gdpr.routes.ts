import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PersonalData } from '../../shared/resources.js';
import { API } from '../crud/crud.routes.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { GdprService } from './gdpr.service.js';

export function registerGdprRoutes(app: FastifyInstance, db: Db) {
  const gdpr = new GdprService(db);
  app.get(
    `${API}/contacts/:id/personal-data`,
    {
      config: { responseHeaders: ['content-disposition'] },
      schema: {
        tags: ['contacts', 'gdpr'],
        summary: 'Everything held about a person, as JSON (GDPR access; admin or manager)',
        params: idParams,
        response: { 200: PersonalData, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const data = await gdpr.personalData(id, req.actor);
      // only on the download itself: a 404 or 403 is no file to save
      reply.header('content-disposition', `attachment; filename="contact-${id}-personal-data.json"`);
      return data;
    },
  );
  app.post(
    `${API}/contacts/:id/erase`,
    {
      schema: {
        tags: ['contacts', 'gdpr'],
        summary: 'Erase a person and their interactions (GDPR erasure; admin or manager)',
        params: idParams,
        response: {
          200: Type.Object({
            contact_id: Type.Integer(),
            interactions_deleted: Type.Integer(),
            tasks_deleted: Type.Integer(),
            opportunities_detached: Type.Integer(),
            import_errors_scrubbed: Type.Integer({
              description: "import row errors that quoted the person's email, now without it",
            }),
            imports_scrubbed: Type.Integer({
              description: "import jobs whose stored preview, mapping or name held the person's email",
            }),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => gdpr.erase((req.params as { id: number }).id, req.actor),
  );
}
