// The OpenAPI document as the instance's custom fields make it (issue 13): each record schema's
// `custom_fields` object lists the definitions of its entity with their value's schema
// (customValueSchema). Built per request from the definitions in the database: several server
// instances share it, and a cached document would go stale on the others when one changes a field.
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  CUSTOM_FIELD_ENTITIES,
  type CustomField,
  type CustomFieldEntity,
  customValueSchema,
} from '../../shared/custom-fields.js';
import type { Db } from '../db/connect.js';
import { CustomFieldsService } from './custom-fields.service.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked freely
type Json = any;

const ENTITIES: readonly string[] = CUSTOM_FIELD_ENTITIES;

/** The entity a path's records are: its last segment naming one (`/companies/{id}/contacts` → contacts). */
export function entityOfPath(path: string): CustomFieldEntity | null {
  const named = path.split('/').filter((s) => ENTITIES.includes(s));
  return (named.at(-1) as CustomFieldEntity | undefined) ?? null;
}

/** What `custom_fields` is in a record (`output`), in a create body and in an update body. */
export function customFieldsSchemas(fields: CustomField[]) {
  const values = Object.fromEntries(fields.map((f) => [f.key, customValueSchema(f)]));
  const optional = Object.fromEntries(Object.entries(values).map(([k, s]) => [k, Type.Optional(s)]));
  // a create must carry a required field that has no default (records made before keep none)
  const needed = fields.filter((f) => f.required && f.default === null).map((f) => f.key);
  const description = 'The instance’s custom fields of this entity (GET /api/v1/custom-fields)';
  return {
    output: Type.Object(optional, { description }),
    create: Type.Object(
      Object.fromEntries(
        Object.entries(values).map(([k, s]) => [k, needed.includes(k) ? s : Type.Optional(s)]),
      ),
      { additionalProperties: false, description },
    ),
    update: Type.Object(optional, { additionalProperties: false, description }),
    needed: needed.length > 0,
  };
}

/** Puts `schema` in place of every `custom_fields` property under `node`. */
function replace(node: Json, schema: TSchema, required: boolean) {
  if (node === null || typeof node !== 'object') return;
  if (node.properties?.custom_fields) {
    node.properties.custom_fields = JSON.parse(JSON.stringify(schema));
    if (required) node.required = [...new Set([...(node.required ?? []), 'custom_fields'])];
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'custom_fields') replace(v, schema, required);
}

/** A copy of `doc` with each entity's custom fields in its records' schemas. */
export function withCustomFields(doc: Json, fields: CustomField[]): Json {
  const out = structuredClone(doc);
  const byEntity = new Map<string, ReturnType<typeof customFieldsSchemas>>();
  for (const entity of ENTITIES)
    byEntity.set(entity, customFieldsSchemas(fields.filter((f) => f.entity === entity)));
  for (const [path, item] of Object.entries(out.paths ?? {}) as [string, Json][]) {
    const entity = entityOfPath(path);
    const s = entity && byEntity.get(entity);
    if (!s) continue;
    for (const [method, op] of Object.entries(item) as [string, Json][]) {
      const body = op?.requestBody?.content?.['application/json']?.schema;
      const create = method === 'post' && !path.endsWith('}');
      if (body) replace(body, create ? s.create : s.update, create && s.needed);
      for (const res of Object.values(op?.responses ?? {}) as Json[])
        replace(res?.content?.['application/json']?.schema, s.output, false);
    }
  }
  return out;
}

/**
 * GET /api/v1/openapi.json: public like before; a signed-in caller (the reference page sends the
 * session cookie) gets the instance's custom fields in it, an anonymous one the generic document:
 * the definitions are the team's business.
 */
export function registerOpenApiDocument(app: FastifyInstance, db: Db) {
  const fields = new CustomFieldsService(db);
  app.get(
    '/api/v1/openapi.json',
    { config: { public: true }, schema: { hide: true } },
    async (req, reply) => {
      const doc = app.swagger();
      if (req.actor.userId === null) return doc;
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'authorization, cookie');
      return withCustomFields(doc, await fields.list());
    },
  );
}
