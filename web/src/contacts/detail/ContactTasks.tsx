import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AddTaskButton } from '../../tasks/AddTaskButton.js';

/** The tasks section's actions on a contact's page: a new task about the contact, and all tasks. */
export function ContactTaskActions({ contactId }: { contactId: number }) {
  const { t } = useTranslation('contacts');
  return (
    <Group gap="xs" wrap="nowrap">
      <AddTaskButton contactId={contactId} />
      <Anchor component={Link} to="/tasks" size="sm">
        {t('allTasks')}
      </Anchor>
    </Group>
  );
}
