import { ActionIcon, Anchor, Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { confirmDelete, notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { dateTime, number } from '../lib/format.js';
import { CardList, RecordCard } from '../records/CardList.js';
import { usePhone } from '../records/usePhone.js';
import { errorsCsvUrl } from './ImportIssues.js';
import { finished, type ImportJob } from './JobViews.js';
import { openUndoDialog } from './UndoDialog.js';

type PastImport = Omit<ImportJob, 'errors' | 'preview'> & {
  file_name: string | null;
  created_at: string;
  undone_at?: string | null;
  /** finished, wrote something, not a check, not undone yet (GET /imports) */
  undoable?: boolean;
};

export const PAST_IMPORTS_KEY = ['imports', 'list'] as const;

/**
 * The user's imports, newest first (every user's for admins and managers): when, which file, how
 * it ended. A finished one can be undone (what it created deleted, what it updated restored:
 * UndoDialog) and deleted with its errors and preview, which quote the file.
 */
export function PastImports() {
  const { t } = useTranslation('imports');
  const qc = useQueryClient();
  const jobs = useQuery({
    queryKey: PAST_IMPORTS_KEY,
    queryFn: ({ signal }) => api<Page<PastImport>>('GET', '/imports?limit=20', undefined, { signal }),
    // while one is queued or running, its line follows it
    refetchInterval: (q) => (q.state.data?.data.some((j) => !finished(j)) ? 2000 : false),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>('DELETE', `/imports/${id}`),
    onSuccess: () => notifySaved(t('jobDeleted')),
    onError: notifyError,
    onSettled: () => qc.invalidateQueries({ queryKey: PAST_IMPORTS_KEY }),
  });
  const nameOf = (job: PastImport) => job.file_name ?? `#${job.import_id}`;

  const list = jobs.data?.data ?? [];
  const phone = usePhone();
  // the cells of one job, shown as a table row on a wide screen and as a card on a phone
  const statusOf = (job: PastImport) => (
    <Group gap={4}>
      <Text size="sm">{t(`status_${job.status}`)}</Text>
      {job.dry_run && (
        <Badge size="xs" variant="light">
          {t('dryRunTag')}
        </Badge>
      )}
      {job.undone_at && (
        <Badge size="xs" variant="light" color="gray">
          {t('undoneTag')}
        </Badge>
      )}
    </Group>
  );
  const resultOf = (job: PastImport) => (
    <>
      <Text size="sm">
        {t('resultText', {
          created: number(job.created),
          updated: number(job.updated),
          skipped: number(job.skipped),
          failed: number(job.failed),
        })}
        {(job.warnings ?? 0) > 0 && t('resultWarned', { warned: number(job.warnings ?? 0) })}
      </Text>
      {/* the errors CSV lists the rows written with warnings too (their set-aside values) */}
      {(job.failed > 0 || (job.warnings ?? 0) > 0) && (
        <Anchor size="xs" href={errorsCsvUrl(job.import_id)} download style={{ overflowWrap: 'anywhere' }}>
          {t((job.warnings ?? 0) > 0 ? 'issuesOf' : 'errorsOf', { name: nameOf(job) })}
        </Anchor>
      )}
    </>
  );
  const actionsOf = (job: PastImport) => (
    <Group gap={4} wrap="nowrap">
      {job.undoable && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconArrowBackUp size={14} aria-hidden />}
          onClick={() =>
            openUndoDialog({
              importId: job.import_id,
              name: nameOf(job),
              onSettled: () => void qc.invalidateQueries({ queryKey: PAST_IMPORTS_KEY }),
            })
          }
        >
          {t('undoButton')}
        </Button>
      )}
      {finished(job) && (
        <Tooltip label={t('deleteJob', { name: nameOf(job) })}>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('deleteJob', { name: nameOf(job) })}
            loading={remove.isPending && remove.variables === job.import_id}
            onClick={() =>
              confirmDelete(t('jobLabel', { name: nameOf(job) }), () => remove.mutate(job.import_id))
            }
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );

  return (
    <Stack gap="xs">
      <Title order={2} size="h4" id="past-imports">
        {t('history')}
      </Title>
      {jobs.isPending ? (
        <Loading />
      ) : jobs.error ? (
        <ErrorState error={jobs.error} />
      ) : list.length === 0 ? (
        <Empty>{t('historyEmpty')}</Empty>
      ) : phone ? (
        // a card per import on a phone: the table's five columns do not fit 390 px
        <CardList labelledBy="past-imports">
          {list.map((job) => (
            <RecordCard
              key={job.import_id}
              title={nameOf(job)}
              actions={actionsOf(job)}
              fields={[
                { label: t('when'), value: dateTime(job.created_at), nowrap: true },
                { label: t('entity'), value: t(`entity_${job.entity}`) },
                { label: t('status'), value: statusOf(job) },
                { label: t('result'), value: resultOf(job) },
              ]}
            />
          ))}
        </CardList>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('when')}</Table.Th>
                <Table.Th>{t('file')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('result')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((job) => (
                <Table.Tr key={job.import_id}>
                  <Table.Td>{dateTime(job.created_at)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {nameOf(job)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`entity_${job.entity}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{statusOf(job)}</Table.Td>
                  <Table.Td>{resultOf(job)}</Table.Td>
                  <Table.Td>{actionsOf(job)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
