import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { date } from '../lib/format.js';
import type { Column } from './columns.js';

/** The column naming the record and linking to its page: always shown, first. */
export function nameColumn<T>(
  label: string,
  sort: string,
  name: (row: T) => string,
  path: (row: T) => string,
): Column<T> {
  return {
    key: 'name',
    field: sort.split(',')[0],
    label,
    sort,
    fixed: true,
    cell: (r) => (
      <Anchor component={Link} to={path(r)} size="sm" fw={600}>
        {name(r)}
      </Anchor>
    ),
  };
}

/** Who the record belongs to, by name. */
export function ownerColumn<T extends { owner_id: number | null }>(
  label: string,
  userName: (id: number | null) => string,
): Column<T> {
  return { key: 'owner', field: 'owner_id', label, cell: (r) => userName(r.owner_id) };
}

/** When the record was made; `descFirst` for lists read newest first. */
export function createdColumn<T extends { created_at: string }>(label: string, descFirst = false): Column<T> {
  return {
    key: 'created_at',
    label,
    sort: 'created_at',
    descFirst,
    nowrap: true,
    cell: (r) => date(r.created_at),
  };
}
