// GET /imports/{id}/errors (paged, by code), /imports/{id}/duplicates (paged) and
// /imports/{id}/errors.csv (the failed rows to fix and import again, reasons in the reader's language).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FIELD_ERROR_CODES } from '../../shared/errors.js';
import { FieldError, Id, Nullable } from '../../shared/types.js';
import type { Locale } from '../config.js';
import { API } from '../crud/crud.routes.js';
import { PAGE_DEFAULT, PAGE_MAX } from '../crud/list.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { requestLocale } from '../http/language.js';
import { duplicatesPage, type ErrorsQuery, errorsCsv, errorsPage } from './import-errors.read.js';

const tags = ['imports'];
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: PAGE_DEFAULT }));
const Cursor = Type.Optional(Type.String({ maxLength: 100, description: "the previous page's next_cursor" }));

const ErrorItem = Type.Composite([
  Type.Object({ row: Type.Integer({ description: 'the row a spreadsheet shows it on' }) }),
  FieldError,
  Type.Object({
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], {
      description: 'error: the row failed; warning: the row was written, this value set aside into its notes',
    }),
    column: Nullable(
      Type.String({ description: "the file's column the field came from; null for the whole row" }),
    ),
    value: Nullable(Type.String({ description: 'what that cell held (first 500 characters)' })),
    cells: Nullable(
      Type.Array(Type.String(), {
        description:
          "the row's cells in `columns` order (each cut at 500 characters); null before this was kept",
      }),
    ),
  }),
]);

const ErrorsPage = Type.Object({
  columns: Type.Array(Type.String(), { description: "the file's headers (a vCard: the fields read)" }),
  codes: Type.Array(
    Type.Object({
      code: Type.String(),
      severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
      count: Type.Integer(),
    }),
    { description: 'how many errors (and warnings) of each code the job has, whatever the filter' },
  ),
  data: Type.Array(ErrorItem),
  next_cursor: Nullable(Type.String()),
});

const DuplicatesPage = Type.Object({
  data: Type.Array(
    Type.Object({
      row: Type.Integer(),
      resource: Type.String({ description: 'contacts, companies or opportunities' }),
      record_id: Id,
      name: Nullable(Type.String({ description: "the record's name now; null once it was deleted" })),
    }),
  ),
  next_cursor: Nullable(Type.String()),
});

export function registerImportErrorRoutes(app: FastifyInstance, db: Db, defaultLocale: Locale) {
  /** the language asked for (`lang`, the web app's own), else the requester's (server/http/language.ts) */
  const localeOf = async (
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Locale | undefined,
  ): Promise<Locale> => lang ?? (await requestLocale(db, req, defaultLocale, reply));

  app.get(
    `${API}/imports/:id/errors`,
    {
      schema: {
        tags,
        summary: "An import's row errors in file order, a page at a time (all of them, filterable by code)",
        params: idParams,
        querystring: Type.Object(
          {
            limit: Limit,
            cursor: Cursor,
            code: Type.Optional(Type.Union(FIELD_ERROR_CODES.map((c) => Type.Literal(c)))),
            severity: Type.Optional(
              Type.Union([Type.Literal('error'), Type.Literal('warning')], {
                description: 'only the failures, or only the warnings',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ErrorsPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => errorsPage(db, (req.params as { id: number }).id, req.actor, req.query as ErrorsQuery),
  );

  app.get(
    `${API}/imports/:id/duplicates`,
    {
      schema: {
        tags,
        summary: 'The rows an import skipped as duplicates, each with the existing record it matched',
        params: idParams,
        querystring: Type.Object({ limit: Limit, cursor: Cursor }, { additionalProperties: false }),
        response: { 200: DuplicatesPage, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) =>
      duplicatesPage(db, (req.params as { id: number }).id, req.actor, req.query as { limit?: number }),
  );

  app.get(
    `${API}/imports/:id/errors.csv`,
    {
      config: { responseHeaders: ['content-disposition'] },
      schema: {
        tags,
        summary:
          "An import's failed rows (and rows imported with warnings) as CSV: the file's columns as they were, the row's line and the reasons (to fix and import again)",
        params: idParams,
        querystring: Type.Object(
          {
            lang: Type.Optional(
              Type.Union([Type.Literal('fr'), Type.Literal('en')], {
                description: "the reasons' language; else the user's setting, then Accept-Language",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const locale = await localeOf(req, reply, (req.query as { lang?: Locale }).lang);
      const body = await errorsCsv(db, id, req.actor, locale);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${id}-errors.csv"`)
        .header('content-language', locale)
        .send(body);
    },
  );
}
