import type { FastifyInstance } from 'fastify';
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_TYPES,
  SearchQuery,
  SearchResult,
  type SearchType,
} from '../../shared/search.js';
import { API } from '../crud/crud.routes.js';
import { problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { searchAll } from './search.js';

/** GET /search: the best matches across contacts, companies and deals (the web app's Ctrl-K). */
export function registerSearchRoutes(app: FastifyInstance, db: Db) {
  app.get(
    `${API}/search`,
    {
      schema: {
        tags: ['search'],
        summary:
          'Best matches of q across contacts, companies and opportunities: whole word of the name, ' +
          'start of the name, email, related record; then most recently updated',
        querystring: SearchQuery,
        response: { 200: SearchResult, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const query = req.query as { q: string; limit?: number; types?: string };
      const types = query.types
        ? SEARCH_TYPES.filter((t) => query.types?.split(',').includes(t))
        : [...SEARCH_TYPES];
      const data = await searchAll(
        db,
        req.actor,
        query.q,
        query.limit ?? SEARCH_LIMIT_DEFAULT,
        types as SearchType[],
      );
      return { data };
    },
  );
}
