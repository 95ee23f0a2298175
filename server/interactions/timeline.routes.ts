import type { FastifyInstance } from 'fastify';
import { TimelineInteraction } from '../../shared/resources.js';
import { Page } from '../../shared/types.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Hop, ListQuery } from '../crud/list.js';
import { idParams, listQuerySchema, problems } from '../crud/schemas.js';

/**
 * A deal's interactions reach it two ways: linked to it (opportunity_id), or with its contact
 * (interactions.contact_id = opportunities.contact_id). Both hops start from the deal's own row,
 * and the list engine joins their UNION, so an interaction that is both is listed once.
 */
const viaDeal: Hop[] = [
  {
    column: 'opportunity_id',
    table: 'opportunities',
    idColumn: 'opportunity_id',
    parentColumn: 'opportunity_id',
  },
  { column: 'contact_id', table: 'opportunities', idColumn: 'contact_id', parentColumn: 'opportunity_id' },
];

/**
 * GET /opportunities/{id}/timeline: the deal's interactions and its contact's, newest first, each
 * saying why it is there. An interaction linked to the deal is `via: "opportunity"` even when it is
 * with the contact too; one with the contact about no deal or another deal is `via: "contact"`.
 */
export function registerDealTimeline(app: FastifyInstance, deals: CrudService, interactions: CrudService) {
  const def = { ...interactions.def, defaultSort: '-interaction_date' };
  app.get(
    `${API}/opportunities/:id/timeline`,
    {
      schema: {
        tags: ['opportunities'],
        summary:
          "A deal's timeline: its interactions and those of its contact, newest first, each with `via`",
        params: idParams,
        querystring: listQuerySchema(def),
        response: { 200: Page(TimelineInteraction), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const id = (req.params as { id: number }).id;
      await deals.assertExists(id);
      const page = await interactions.list(
        req.query as ListQuery,
        req.actor,
        { through: { hops: viaDeal, parentId: id } },
        def,
      );
      return {
        ...page,
        data: page.data.map((i) => ({ ...i, via: i.opportunity_id === id ? 'opportunity' : 'contact' })),
      };
    },
  );
}
