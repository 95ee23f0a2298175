import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries.js';

/** Picks a user (owner, assignee); the value is the user_id as a string, or null. */
export function UserSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const users = useUsers();
  const data = (users.data?.data ?? [])
    .filter((u) => u.active || String(u.user_id) === props.value)
    .map((u) => ({ value: String(u.user_id), label: u.name ?? u.email }));
  // the clear button is unlabelled by default (axe: button-name)
  return (
    <Select searchable clearable clearButtonProps={{ 'aria-label': t('clear') }} data={data} {...props} />
  );
}

export { useUserName } from './useUserName.js';
