import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELDS_MAX,
  CustomField,
  CustomFieldCreate,
  type CustomFieldEntity,
  CustomFieldUpdate,
} from '../../shared/custom-fields.js';
import { Enum, Id } from '../../shared/types.js';
import { API } from '../crud/crud.routes.js';
import { idParams, problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { CustomFieldsService } from './custom-fields.service.js';

const tags = ['custom-fields'];
const base = `${API}/custom-fields`;
const List = Type.Object({ data: Type.Array(CustomField) });
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 1000 })) });

/** /custom-fields: the definitions of the fields administrators add to records (custom-fields.service.ts). */
export function registerCustomFieldRoutes(app: FastifyInstance, db: Db) {
  const fields = new CustomFieldsService(db);
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The custom fields of every entity, or of one, in their order',
        querystring: Type.Object(
          { entity: Type.Optional(Enum(CUSTOM_FIELD_ENTITIES)) },
          { additionalProperties: false },
        ),
        response: { 200: List, ...problems(400, 401) },
      },
    },
    async (req) => ({ data: await fields.list((req.query as { entity?: CustomFieldEntity }).entity) }),
  );
  app.post(
    base,
    {
      config: { responseHeaders: ['etag', 'location'] },
      schema: {
        tags,
        summary: 'Define a custom field (admins)',
        body: CustomFieldCreate,
        response: { 201: CustomField, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const field = await fields.create(req.actor, req.body as CustomFieldCreate);
      const { etag } = await fields.get(field.field_id);
      return reply.code(201).header('location', `${base}/${field.field_id}`).header('etag', etag).send(field);
    },
  );
  app.post(
    `${base}/reorder`,
    {
      schema: {
        tags,
        summary: 'Set the order of an entity’s custom fields (admins): `ids` names each once',
        body: Type.Object(
          {
            entity: Enum(CUSTOM_FIELD_ENTITIES),
            ids: Type.Array(Id, { maxItems: CUSTOM_FIELDS_MAX }),
          },
          { additionalProperties: false },
        ),
        response: { 200: List, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const body = req.body as { entity: CustomFieldEntity; ids: number[] };
      return { data: await fields.reorder(req.actor, body.entity, body.ids) };
    },
  );
  app.get(
    `${base}/:id`,
    {
      config: { responseHeaders: ['etag'] },
      schema: {
        tags,
        summary: 'One custom field (with its ETag)',
        params: idParams,
        response: { 200: CustomField, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const { field, etag } = await fields.get(id(req));
      reply.header('etag', etag);
      return field;
    },
  );
  app.patch(
    `${base}/:id`,
    {
      config: { ifMatch: true, responseHeaders: ['etag'] },
      schema: {
        tags,
        summary:
          'Change a custom field (admins). Renamed options and a new type rewrite the records’ values; a used option cannot be removed, and a type only changes when every value converts',
        params: idParams,
        headers: IfMatch,
        body: CustomFieldUpdate,
        response: { 200: CustomField, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (req, reply) => {
      const { field, etag } = await fields.update(
        req.actor,
        id(req),
        req.body as CustomFieldUpdate,
        req.headers['if-match'],
      );
      reply.header('etag', etag);
      return field;
    },
  );
  app.delete(
    `${base}/:id`,
    {
      config: { ifMatch: true },
      schema: {
        tags,
        summary:
          'Delete a custom field and every record’s value of it (admins): `confirm` must be the field’s key, else 409 with the count of records holding a value',
        params: idParams,
        querystring: Type.Object(
          { confirm: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await fields.remove(
        req.actor,
        id(req),
        (req.query as { confirm?: string }).confirm,
        req.headers['if-match'],
      );
      return reply.code(204).send();
    },
  );
}
