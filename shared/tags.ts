// Tags (issue 13): named, coloured labels on contacts, companies and opportunities, declared once
// here: the record field (shared/record-fields.ts), the /tags routes, the bulk route, the `tag`
// filter, the importer and the web app derive from these schemas and limits.
import { type Static, Type } from '@sinclair/typebox';
import { Color } from './colors.js';
import { Enum, Id, Timestamp } from './types.js';

export const TAG_NAME_MAX = 50;
/** tags one record may carry */
export const TAGS_PER_RECORD_MAX = 50;
/** records one bulk request may tag or untag */
export const BULK_TAGS_MAX = 500;
/** names one `?tag=` filter may ask for */
export const TAG_FILTER_MAX = 10;

/** the records that carry tags */
export const TAGGED_RESOURCES = ['contacts', 'companies', 'opportunities'] as const;
export type TaggedResource = (typeof TAGGED_RESOURCES)[number];

/**
 * A tag's name: 1 to 50 characters, something besides spaces, no `,` `;` or `::` (they separate
 * tags in CSV cells, Google's groups and vCard CATEGORIES, so a name must survive an export and
 * its re-import), no control character nor lone surrogate. Surrounding spaces are trimmed.
 */
export const TAG_NAME_PATTERN =
  '^(?=[\\s\\S]*[^\\s])(?![\\s\\S]*::)(?:[^,;\\u0000-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])+$';
export const TagName = Type.String({
  minLength: 1,
  maxLength: TAG_NAME_MAX,
  pattern: TAG_NAME_PATTERN,
  description: 'a tag’s name: 1–50 characters, without , ; :: or control characters',
});

const TAG_NAME_RE = new RegExp(TAG_NAME_PATTERN);
/** The name as stored (trimmed, inner runs of spaces as one), or null when it is not a valid name. */
export function cleanTagName(raw: string): string | null {
  const name = raw.replace(/\s+/g, ' ').trim();
  return name.length > 0 && [...name].length <= TAG_NAME_MAX && TAG_NAME_RE.test(name) ? name : null;
}

/** How many records of each kind carry a tag. */
export const TagUsage = Type.Object({
  contacts: Type.Integer(),
  companies: Type.Integer(),
  opportunities: Type.Integer(),
});

export const Tag = Type.Object({
  tag_id: Id,
  name: Type.String(),
  color: Color,
  usage: TagUsage,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Tag = Static<typeof Tag>;

export const TagCreate = Type.Object(
  { name: TagName, color: Type.Optional(Color) },
  { additionalProperties: false },
);
export type TagCreate = Static<typeof TagCreate>;

export const TagUpdate = Type.Object(
  { name: Type.Optional(TagName), color: Type.Optional(Color) },
  { additionalProperties: false },
);
export type TagUpdate = Static<typeof TagUpdate>;

export const TagMerge = Type.Object(
  { into: Id },
  { additionalProperties: false, description: 'the tag that takes this one’s records' },
);

export const TagsQuery = Type.Object(
  { resource: Type.Optional(Enum(TAGGED_RESOURCES)) },
  { additionalProperties: false },
);

const NameList = Type.Array(TagName, { maxItems: TAGS_PER_RECORD_MAX });
export const BulkTags = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: BULK_TAGS_MAX }),
    add: Type.Optional(NameList),
    remove: Type.Optional(NameList),
  },
  { additionalProperties: false },
);
export type BulkTags = Static<typeof BulkTags>;

export const BulkTagsResult = Type.Object({
  /** the records whose tags changed */
  updated: Type.Array(Id),
  /** the records that already had (or lacked) the tags */
  unchanged: Type.Array(Id),
  failed: Type.Array(
    Type.Object({ id: Id, status: Type.Integer(), code: Type.String(), detail: Type.String() }),
  ),
});
export type BulkTagsResult = Static<typeof BulkTagsResult>;

/** `?tag=`: names separated by commas; the records having all of them */
export const TagFilter = Type.String({
  minLength: 1,
  maxLength: TAG_FILTER_MAX * (TAG_NAME_MAX + 1),
  pattern: '^(?:[^\\u0000-\\u001F\\u007F\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$',
  description: `tag names separated by commas (up to ${TAG_FILTER_MAX}): the records having all of them`,
});

/**
 * The tags of one imported cell: names separated by `,` `;` or `::` (Google's "Group Membership"
 * separates its groups with " ::: "), trimmed, without Google's system groups ("* myContacts",
 * "* starred"; "myContacts" in its vCards), which are not labels a person gave.
 */
export function splitTagCell(cell: string): string[] {
  return cell
    .split(/:{2,}|[,;]/)
    .map((n) => n.replace(/\s+/g, ' ').trim())
    .filter((n) => n !== '' && !n.startsWith('* ') && !GOOGLE_VCARD_GROUPS.includes(n));
}

/** the system groups as Google writes them in a vCard's CATEGORIES (no "* " there) */
const GOOGLE_VCARD_GROUPS = ['myContacts', 'Starred in Android'];
