// POST /imports (the file as the body or as multipart's `file` part) → 202 and a job; GET the job,
// the list, and the errors as CSV; DELETE a finished job.

import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { IMPORT_ENTITIES, type ImportEntity } from '../../shared/imports.js';
import { Page } from '../../shared/types.js';
import { requireRole } from '../auth/permissions.js';
import { API } from '../crud/crud.routes.js';
import { PAGE_DEFAULT, PAGE_MAX } from '../crud/list.js';
import { idParams, problems } from '../crud/schemas.js';
import { loadFields } from '../custom-fields/definitions.js';
import type { Db } from '../db/connect.js';
import { AppError, fieldError } from '../errors.js';
import { validatorCompiler } from '../http/validation.js';
import { ENCODING_CHOICES } from './charset.js';
import type { ImportService } from './import.service.js';
import { ERRORS_SHOWN, getImport, ImportDetail, ImportSummary, listImports } from './imports.read.js';
import { isTarget, type Mapping } from './mapping.js';
import { MAX_IMPORT_BYTES, saveUpload } from './upload.js';

const tags = ['imports'];

const ImportQuery = Type.Object(
  {
    entity: Type.Union(IMPORT_ENTITIES.map((e) => Type.Literal(e))),
    dry_run: Type.Optional(
      Type.Boolean({ default: false, description: 'validate and report; write nothing' }),
    ),
    on_duplicate: Type.Optional(
      Type.Union([Type.Literal('skip'), Type.Literal('update')], {
        default: 'skip',
        description:
          'a contact with the same email, a company with the same name (ignoring case and accents)',
      }),
    ),
    mapping: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description: 'JSON object: column header → field (null leaves it out)',
      }),
    ),
    file_name: Type.Optional(Type.String({ maxLength: 255, description: 'shown in the list (raw bodies)' })),
    encoding: Type.Optional(
      Type.Union(
        ENCODING_CHOICES.map((e) => Type.Literal(e)),
        {
          description:
            "a CSV file's character set, over the one detected (a byte order mark, UTF-8, else a guess: detected.encoding)",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** room for multipart's boundaries, part headers and the mapping field around the file */
const MULTIPART_ENVELOPE = 1024 * 1024;

/**
 * A multipart body the parser cannot start on (no boundary, an empty or over-long one, an end
 * before the first part) is the client's: a 400, not the parser's error as a 500.
 */
function unreadableMultipart(e: unknown): never {
  if (e instanceof AppError || typeof (e as { statusCode?: unknown }).statusCode === 'number') throw e;
  throw fieldError(
    'body',
    'invalid_format',
    'is not a readable multipart/form-data body (check its boundary)',
  );
}

/** The file is read by the handler as a stream, so there is no parsed body to validate. */
const noBodyValidation: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

export function parseMapping(
  entity: ImportEntity,
  raw: string | undefined,
  customKeys: string[] = [],
): Mapping | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw fieldError('mapping', 'invalid_json', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fieldError('mapping', 'invalid_type', 'must be a JSON object: column header → field', {
      expected: 'object',
    });
  const out: Mapping = {};
  for (const [header, field] of Object.entries(value)) {
    if (field === null || field === '') out[header] = null;
    else if (isTarget(entity, field, customKeys)) out[header] = field;
    else
      throw fieldError(
        'mapping',
        'unknown_field',
        `"${String(field).slice(0, 50)}" is not a field an import of ${entity} fills`,
      );
  }
  return out;
}

export function registerImportRoutes(app: FastifyInstance, db: Db, imports: ImportService) {
  app.register(async (scope) => {
    // in this scope only: any body is the file, streamed (JSON stays JSON, and is refused below)
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    await scope.register(multipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    });
    scope.post(
      `${API}/imports`,
      {
        // the file and multipart's envelope around it; over this, a 413 on Content-Length alone
        // (server/http/transport.ts); the file itself is counted as it arrives (saveUpload)
        bodyLimit: MAX_IMPORT_BYTES + MULTIPART_ENVELOPE,
        validatorCompiler: noBodyValidation,
        config: { responseHeaders: ['location'] },
        schema: {
          tags,
          summary: 'Import a CSV or vCard file (202: a job to follow)',
          querystring: ImportQuery,
          body: {
            content: {
              'text/csv': { schema: { type: 'string', format: 'binary' } },
              'text/vcard': { schema: { type: 'string', format: 'binary' } },
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
              },
            },
          },
          response: {
            202: Type.Object({ import_id: Type.Integer(), status: Type.Literal('queued') }),
            ...problems(400, 401, 403, 413, 415),
          },
        },
      },
      async (req, reply) => {
        requireRole(req.actor, ['admin', 'manager', 'sales'], 'import records');
        const q = req.query as {
          entity: ImportEntity;
          dry_run?: boolean;
          on_duplicate?: 'skip' | 'update';
          mapping?: string;
          file_name?: string;
          encoding?: string;
        };
        let mappingText = q.mapping;
        let stream: Readable;
        let fileName = q.file_name ?? null;
        if (req.isMultipart()) {
          const part = await req.file().catch(unreadableMultipart);
          if (part?.fieldname !== 'file')
            throw fieldError('file', 'required', 'send the file as the multipart part named "file"');
          const field = part.fields.mapping as { value?: unknown } | undefined;
          if (mappingText === undefined && typeof field?.value === 'string') mappingText = field.value;
          fileName = part.filename || fileName;
          stream = part.file;
        } else if (req.body instanceof Readable) {
          stream = req.body;
        } else {
          throw new AppError(
            415,
            'unsupported-media-type',
            'Unsupported media type',
            'Send the file itself (text/csv or text/vcard) or as the "file" part of multipart/form-data.',
          );
        }
        const custom = await loadFields(db.kysely, q.entity);
        const mapping = parseMapping(
          q.entity,
          mappingText,
          custom.map((f) => f.key),
        );
        const saved = await saveUpload(stream);
        const job = await imports.create({
          entity: q.entity,
          path: saved.path,
          fileName,
          options: {
            dry_run: q.dry_run ?? false,
            on_duplicate: q.on_duplicate ?? 'skip',
            ...(mapping ? { mapping } : {}),
            ...(q.encoding ? { encoding: q.encoding } : {}),
          },
          actor: req.actor,
        });
        return reply.code(202).header('location', `${API}/imports/${job.import_id}`).send(job);
      },
    );
  });

  app.get(
    `${API}/imports`,
    {
      schema: {
        tags,
        summary: 'Past imports, newest first (yours; every one for admins and managers)',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: PAGE_DEFAULT })),
            cursor: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(ImportSummary), ...problems(400, 401, 403) },
      },
    },
    async (req) => listImports(db, req.query as { limit?: number; cursor?: string }, req.actor),
  );

  app.get(
    `${API}/imports/:id`,
    {
      schema: {
        tags,
        summary: `An import's status, progress, counts and first ${ERRORS_SHOWN} errors`,
        params: idParams,
        response: { 200: ImportDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getImport(db, (req.params as { id: number }).id, req.actor),
  );

  app.delete(
    `${API}/imports/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a finished import job with its errors and preview (admin, or its author)',
        params: idParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await imports.remove((req.params as { id: number }).id, req.actor);
      return reply.code(204).send();
    },
  );
}
