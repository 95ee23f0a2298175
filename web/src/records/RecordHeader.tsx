import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconLock, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState } from '../components/states.js';
import { openDeleteDialog } from './DeleteDialog.js';

/**
 * The top of a record's page: back to the list, the name, and edit/delete for whoever may change
 * the record (the others see why they cannot).
 */
export function RecordHeader({
  backTo,
  backLabel,
  title,
  editable,
  readOnlyNote,
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
}: {
  backTo: string;
  backLabel: string;
  title: string;
  editable: boolean;
  /** shown instead of the buttons when the user may not change the record (null: say nothing) */
  readOnlyNote: string | null;
  /** the buttons' accessible names when "Modifier" alone would not say what (several on a page) */
  editLabel?: string;
  deleteLabel?: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={backTo} size="sm">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {backLabel}
        </Group>
      </Anchor>
      <PageHeader title={title}>
        {editable && (
          <>
            <Button leftSection={<IconEdit size={16} aria-hidden />} onClick={onEdit} aria-label={editLabel}>
              {t('edit')}
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={onDelete}
              aria-label={deleteLabel}
            >
              {t('delete')}
            </Button>
          </>
        )}
      </PageHeader>
      {!editable && readOnlyNote && (
        <Alert variant="light" color="gray" icon={<IconLock size={16} aria-hidden />} mb="sm">
          {readOnlyNote}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Deleting a contact or a company from its page: the dialog asks what to do with what is attached
 * and sends the delete; once the record is gone the page leaves for the list.
 */
export function useDeleteWithDialog(resource: 'contacts' | 'companies', id: number, what: string) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const deleted = async () => {
    // leave first: refetching the record now would only find it gone
    navigate(`/${resource}`, { replace: true });
    qc.removeQueries({ queryKey: [resource, 'one', String(id)] });
    // deals, interactions and tasks may have gone or changed with it: every list is stale
    await qc.invalidateQueries();
    notifications.show({ color: 'green', message: t('deleted') });
  };
  return () => openDeleteDialog({ resource, ids: [id], what, onDone: () => void deleted() });
}

/** A record that is not there (a 404) is said plainly, with the way back; other errors can be retried. */
export function RecordError({
  error,
  notFound,
  backTo,
  backLabel,
  onRetry,
}: {
  error: unknown;
  notFound: string;
  backTo: string;
  backLabel: string;
  onRetry: () => void;
}) {
  if (error instanceof ApiError && error.status === 404)
    return (
      <Stack align="center">
        <Empty>{notFound}</Empty>
        <Anchor component={Link} to={backTo}>
          {backLabel}
        </Anchor>
      </Stack>
    );
  return <ErrorState error={error} onRetry={onRetry} />;
}
