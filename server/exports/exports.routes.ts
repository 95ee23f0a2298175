// GET /contacts/export, /companies/export, /opportunities/export: the list's filters and `q`,
// every matching row, streamed as CSV (or, for contacts, as vCard 4.0).
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../config.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import { type ListQuery, parseSort } from '../crud/list.js';
import { listQuerySchema, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { requestLocale } from '../http/language.js';
import { COLUMN_LAYOUTS, type ColumnLayout } from './columns.js';
import { csvExport } from './csv.js';
import { vcardExport } from './vcard.js';

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;

export function registerExportRoutes(
  app: FastifyInstance,
  db: Db,
  services: CrudService[],
  defaultLocale: Locale,
) {
  for (const { def } of services) {
    const formats = def.path === 'contacts' ? ['csv', 'vcf'] : ['csv'];
    const { limit: _l, cursor: _c, ...filters } = listQuerySchema(def).properties;
    const querystring = Type.Object(
      {
        ...filters,
        format: Type.Optional(
          Type.Union(
            formats.map((f) => Type.Literal(f)),
            { default: 'csv' },
          ),
        ),
        delimiter: Type.Optional(
          Type.Union(
            Object.keys(DELIMITERS).map((d) => Type.Literal(d)),
            {
              default: 'comma',
              description: 'CSV only; semicolon suits a spreadsheet set to French',
            },
          ),
        ),
        columns: Type.Optional(
          Type.Union(
            COLUMN_LAYOUTS.map((c) => Type.Literal(c)),
            {
              default: 'readable',
              description:
                'CSV only. readable: headers in the language asked for, owner and company names (what a spreadsheet user reads); technical: the API field names and IDs (contact_id, owner_id…). The importer reads both.',
            },
          ),
        ),
        lang: Type.Optional(
          Type.Union([Type.Literal('fr'), Type.Literal('en')], {
            description:
              "CSV only: the readable headers' language. Default: the user's profile language, else Accept-Language, else CRM_DEFAULT_LOCALE.",
          }),
        ),
      },
      { additionalProperties: false },
    );
    app.get(
      `${API}/${def.path}/export`,
      {
        config: { responseHeaders: ['content-disposition'] },
        schema: {
          tags: [def.path],
          summary: `Every ${def.label} the filters and q match, as ${formats.join(' or ')} (streamed)`,
          querystring,
          response: {
            200: {
              description: formats.join(' or '),
              content: Object.fromEntries(
                (def.path === 'contacts' ? ['text/csv', 'text/vcard'] : ['text/csv']).map((t) => [
                  t,
                  { schema: { type: 'string' } },
                ]),
              ),
            },
            ...problems(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const {
          format = 'csv',
          delimiter = 'comma',
          columns = 'readable',
          lang,
          ...query
        } = req.query as ListQuery & {
          format?: string;
          delimiter?: keyof typeof DELIMITERS;
          columns?: ColumnLayout;
          lang?: Locale;
        };
        // a bad sort or filter is a 400 now, before the first byte of a 200 goes out
        parseSort(def, query.sort, query.q);
        const day = new Date().toISOString().slice(0, 10);
        const source =
          format === 'vcf'
            ? vcardExport(db, def, query, req.actor)
            : csvExport(db, def, query, req.actor, {
                delimiter: DELIMITERS[delimiter],
                layout: columns,
                language: lang ?? (await requestLocale(db, req, defaultLocale, reply)),
              });
        // everything the stream depends on is read before the first byte of a 200: the header
        // and the first page of rows (a filter the database refuses fails here, as a 400)
        const head: string[] = [];
        let ended = false;
        while (head.length < 2 && !ended) {
          const next = await source.next();
          if (next.done) ended = true;
          else head.push(next.value);
        }
        async function* rest() {
          yield* head;
          if (!ended) yield* source;
        }
        return reply
          .type(format === 'vcf' ? 'text/vcard; charset=utf-8' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${def.path}-${day}.${format}"`)
          .send(Readable.from(rest()));
      },
    );
  }
}
