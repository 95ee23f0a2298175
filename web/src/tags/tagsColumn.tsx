import type { Column } from '../records/columns.js';
import { TagChips } from './TagChips.js';

/**
 * The record kit's "Tags" column: the record's tags as coloured chips. Offered by the column
 * chooser (hidden until picked, as the other added fields), so that lists people arranged keep
 * their columns; cards and detail pages show the chips always.
 */
export const tagsColumn = <T extends { tags: string[] }>(label: string): Column<T> => ({
  key: 'tags',
  label,
  cell: (row) => <TagChips names={row.tags} size="xs" />,
  optional: true,
});

/** The same for a card (a phone): the chips, or nothing. */
export const tagsCardField = (label: string, tags: string[] | undefined) => ({
  label,
  value: tags && tags.length > 0 ? <TagChips names={tags} size="xs" /> : null,
});
