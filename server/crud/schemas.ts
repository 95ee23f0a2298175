import { type TObject, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { amountPattern, isStructured } from '../../shared/fields.js';
import { Id, Problem, Text } from '../../shared/types.js';
import { PAGE_DEFAULT, PAGE_MAX } from './list.js';
import type { FieldKind, ResourceDef } from './resource.js';

function filterSchema(kind: FieldKind): TSchema {
  switch (kind) {
    case 'id':
      return Id;
    case 'user':
      return Type.String({
        pattern: '^(me|none|[0-9]{1,10})$',
        description: 'a user ID, "me", or "none" (nobody)',
      });
    case 'int':
      return Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 });
    case 'timestamp':
      return Type.String({ format: 'date-time' });
    case 'date':
      return Type.String({ format: 'date' });
    case 'money':
      return Type.String({ pattern: amountPattern(8) });
    case 'bool':
      return Type.Boolean();
    default:
      return Text(200);
  }
}

/**
 * The list's own ID filter also takes several IDs, comma-separated (`?company_id=3,8,21`): a page
 * of contacts fetches the companies it names in one request instead of one a row.
 */
export const ID_LIST_MAX = 200;
export const idListSchema = Type.String({
  pattern: `^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,${ID_LIST_MAX - 1}}$`,
  description: `an ID, or up to ${ID_LIST_MAX} IDs separated by commas`,
});

/** limit, cursor, sort, q and one exact filter per field; unknown parameters are refused. */
export function listQuerySchema(def: ResourceDef, exclude: string[] = []): TObject {
  const props: TProperties = {
    limit: Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: PAGE_DEFAULT }),
    cursor: Type.String({ maxLength: 2000, description: 'next_cursor of the previous page' }),
    sort: Type.String({
      maxLength: 200,
      description: `comma-separated; "-" for descending. Sortable: ${def.sortable.join(', ')}`,
    }),
  };
  if (def.search) {
    props.q = Type.String({
      maxLength: 200,
      description: 'words matching the start of words, ignoring case and accents',
    });
  }
  for (const [field, kind] of Object.entries(def.fields)) {
    if (exclude.includes(field) || (def.filterable && !def.filterable.includes(field))) continue;
    // lists and maps (tags, custom fields) are filtered by the resource's own filters
    if (isStructured(kind)) continue;
    props[field] = field === def.idColumn ? idListSchema : filterSchema(kind);
  }
  const patterns: TProperties = {};
  for (const f of def.extraFilters ?? []) {
    if (typeof f.param === 'string') props[f.param] = f.schema;
    else patterns[f.param.source] = f.schema;
  }
  const optional = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, Type.Optional(s)]));
  return Type.Object(optional, {
    additionalProperties: false,
    ...(Object.keys(patterns).length > 0 ? { patternProperties: patterns } : {}),
  });
}

export const idParams = Type.Object({ id: Id });

/** Error responses, documented (and serialized) under the media type they are sent with. */
export const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      {
        description: 'problem details (RFC 9457)',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
