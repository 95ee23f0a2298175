// GET /api/v1/search: the best matches of a query across contacts, companies and deals (the web
// app's Ctrl-K). Pure TypeBox: imported by the server and the web app.
import { type Static, Type } from '@sinclair/typebox';
import { Enum, Id, Nullable, Text } from './types.js';

export const SEARCH_TYPES = ['contacts', 'companies', 'opportunities'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_Q_MAX = 200;

/** How the best-matched query word met the record, best first (see server/search/relevance.ts). */
export const SEARCH_MATCHES = ['name', 'name_prefix', 'email', 'related'] as const;

const oneType = SEARCH_TYPES.join('|');

export const SearchQuery = Type.Object(
  {
    q: Text(SEARCH_Q_MAX, { minLength: 1 }),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: SEARCH_LIMIT_MAX, default: SEARCH_LIMIT_DEFAULT }),
    ),
    types: Type.Optional(
      Type.String({
        pattern: `^(${oneType})(,(${oneType})){0,${SEARCH_TYPES.length - 1}}$`,
        description: `comma-separated, among ${SEARCH_TYPES.join(', ')} (default: all)`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const SearchHit = Type.Object({
  type: Enum(['contact', 'company', 'opportunity'] as const),
  id: Id,
  title: Type.String({
    description: 'contact: "first last" (or the email); company: its name; deal: its name',
  }),
  subtitle: Nullable(
    Type.String({ description: "contact: email, else its company's name; company: industry; deal: stage" }),
  ),
  match: Enum(SEARCH_MATCHES),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResult = Type.Object({ data: Type.Array(SearchHit) });
