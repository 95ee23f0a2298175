import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconEdit, IconLock, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorState } from '../../components/states.js';
import { openDeleteDialog } from '../list/DeleteDialog.js';

/**
 * The top of a contact's or company's page: back to the list, the name, and edit/delete for
 * whoever may change the record (the others see why they cannot).
 */
export function RecordHeader({
  resource,
  id,
  title,
  backLabel,
  editable,
  readOnlyNote,
  editLabel,
  deleteLabel,
  onEdit,
}: {
  resource: 'contacts' | 'companies';
  id: number;
  title: string;
  backLabel: string;
  editable: boolean;
  /** shown instead of the buttons when the user may not change the record (null: say nothing) */
  readOnlyNote: string | null;
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  // the dialog sends the delete (and shows its refusal); this runs once the record is gone
  const deleted = async () => {
    // leave first: refetching the record now would only find it gone
    navigate(`/${resource}`, { replace: true });
    qc.removeQueries({ queryKey: [resource, 'one', String(id)] });
    // deals, interactions and tasks may have gone or changed with it: every list is stale
    await qc.invalidateQueries();
    notifications.show({ color: 'green', message: t('deleted') });
  };

  return (
    <Stack gap={4}>
      <Anchor component={Link} to={`/${resource}`} size="sm">
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
              onClick={() =>
                openDeleteDialog({ resource, ids: [id], what: title, onDone: () => void deleted() })
              }
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
