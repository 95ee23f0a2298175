// Saved views (issue 13): a list's `q`, filters and sort (its query string, as the list takes it)
// and its chosen columns, under a name; personal, or shared with the team by a manager or admin.
// Declared once here: the server's routes, the OpenAPI document and the web app derive from it.
import { type Static, Type } from '@sinclair/typebox';
import { Enum, Id, Nullable, Text, Timestamp } from './types.js';

/** The lists a view can be saved for. */
export const VIEW_RESOURCES = ['contacts', 'companies', 'opportunities', 'tasks'] as const;
export type ViewResource = (typeof VIEW_RESOURCES)[number];

export const VIEW_NAME_MAX = 100;
/** A view's query: at most this many parameters, each value at most this long. */
export const VIEW_QUERY_KEYS_MAX = 30;
export const VIEW_QUERY_VALUE_MAX = 500;
export const VIEW_COLUMNS_MAX = 60;
/** Views a user may own per list, and shared views per list: a list of views stays a menu. */
export const VIEWS_PER_LIST_MAX = 100;

const Name = Text(VIEW_NAME_MAX, { minLength: 1 });
/** `q`, `sort` and the list's filters, as in its query string (`owner_id: "me"` stays "me"). */
const Query = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9_.\\[\\]]{0,63}$' }),
  Text(VIEW_QUERY_VALUE_MAX),
  {
    maxProperties: VIEW_QUERY_KEYS_MAX,
    description: 'the list’s query parameters (q, sort, filters); never limit or cursor',
  },
);
const Columns = Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$' }), {
  maxItems: VIEW_COLUMNS_MAX,
  uniqueItems: true,
  description: 'the columns shown, in order; null: the list’s default columns',
});

export const SavedView = Type.Object({
  view_id: Id,
  resource: Enum(VIEW_RESOURCES),
  name: Type.String(),
  shared: Type.Boolean({ description: 'seen by the whole team (made by a manager or admin)' }),
  owner_id: Id,
  query: Type.Record(Type.String(), Type.String()),
  columns: Nullable(Type.Array(Type.String())),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type SavedView = Static<typeof SavedView>;

export const SavedViewCreate = Type.Object(
  {
    resource: Enum(VIEW_RESOURCES),
    name: Name,
    shared: Type.Optional(Type.Boolean()),
    query: Type.Optional(Query),
    columns: Type.Optional(Nullable(Columns)),
  },
  { additionalProperties: false },
);
export type SavedViewCreate = Static<typeof SavedViewCreate>;

export const SavedViewUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    shared: Type.Optional(Type.Boolean()),
    query: Type.Optional(Query),
    columns: Type.Optional(Nullable(Columns)),
  },
  { additionalProperties: false },
);
export type SavedViewUpdate = Static<typeof SavedViewUpdate>;

export const SavedViewsQuery = Type.Object(
  { resource: Type.Optional(Enum(VIEW_RESOURCES)) },
  { additionalProperties: false },
);
