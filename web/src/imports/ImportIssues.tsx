// Every error of an import and every row it skipped as a duplicate, a page at a time (the server
// pages by cursor: GET /imports/{id}/errors and /duplicates), so that none is out of reach.
import { Anchor, Button, Group, Select, Table, Tabs, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { API_BASE, type ApiFieldError, api, query } from '../api/client.js';
import { fieldErrorText } from '../api/errorText.js';
import { ErrorState } from '../components/states.js';
import i18n from '../i18n/index.js';
// the declared fields' labels (it names them: lib/declaredLabels.ts)
import '../fields/declared.js';
import { fieldLabel } from '../lib/fieldLabels.js';
import { number } from '../lib/format.js';
import type { ImportJob } from './JobViews.js';

export const ISSUES_PAGE = 50;

export interface ErrorItem extends ApiFieldError {
  row: number;
  severity?: 'error' | 'warning';
  column: string | null;
  value: string | null;
}

interface ErrorsPage {
  codes: { code: string; severity?: 'error' | 'warning'; count: number }[];
  data: ErrorItem[];
  next_cursor: string | null;
}

interface DuplicatesPage {
  data: { row: number; resource: string; record_id: number; name: string | null }[];
  next_cursor: string | null;
}

/** errors.csv with its reasons in the language the app is shown in */
export const errorsCsvUrl = (id: number) =>
  `${API_BASE}/imports/${id}/errors.csv${query({ lang: i18n.language })}`;

/** The cursors of the pages seen so far: going back is going to the one before. */
function usePaging() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (c: string) => setCursors((s) => [...s, c]),
    previous: () => setCursors((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setCursors([null]),
  };
}

function Pager({
  page,
  from,
  shown,
  total,
  hasNext,
  onPrevious,
  onNext,
  label,
}: {
  page: number;
  from: number;
  shown: number;
  total: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label: string;
}) {
  const { t } = useTranslation('imports');
  return (
    <Group justify="space-between" mt="xs">
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {t('pageRange', { from: number(from), to: number(from + shown - 1), total: number(total) })}
      </Text>
      <Group gap="xs" role="navigation" aria-label={label}>
        <Button size="xs" variant="default" disabled={page === 1} onClick={onPrevious}>
          {t('pagePrevious')}
        </Button>
        <Button size="xs" variant="default" disabled={!hasNext} onClick={onNext}>
          {t('pageNext')}
        </Button>
      </Group>
    </Group>
  );
}

/** The failures (severity "error") or the warnings of a job, a page at a time, filterable by kind. */
function ErrorsTable({ job, severity }: { job: ImportJob; severity: 'error' | 'warning' }) {
  const { t } = useTranslation('imports');
  const [code, setCode] = useState<string | null>(null);
  const paging = usePaging();
  const q = useQuery({
    queryKey: ['imports', 'errors', job.import_id, severity, code, paging.cursor],
    queryFn: ({ signal }) =>
      api<ErrorsPage>(
        'GET',
        `/imports/${job.import_id}/errors${query({ limit: ISSUES_PAGE, cursor: paging.cursor, code, severity })}`,
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return null;
  // a server from before warnings gives no severity: all its codes are errors
  const codes = q.data.codes.filter((c) => (c.severity ?? 'error') === severity);
  const all = codes.reduce((n, c) => n + c.count, 0);
  const total = code ? (codes.find((c) => c.code === code)?.count ?? 0) : all;
  const codeLabel = (c: string) => t(`code_${c}`, { defaultValue: c });
  return (
    <div>
      {severity === 'warning' && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('warningsHint')}
        </Text>
      )}
      {codes.length > 1 && (
        <Select
          label={t('errorKind')}
          size="xs"
          maw={360}
          mb="xs"
          data={[
            { value: '', label: t('errorKindAll', { n: number(all) }) },
            ...codes.map((c) => ({
              value: c.code,
              label: `${codeLabel(c.code)} (${number(c.count)})`,
            })),
          ]}
          value={code ?? ''}
          onChange={(v) => {
            setCode(v ? v : null);
            paging.reset();
          }}
          allowDeselect={false}
        />
      )}
      <Table.ScrollContainer minWidth={500}>
        <Table striped aria-label={severity === 'warning' ? t('warnings') : t('errors')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('row')}</Table.Th>
              <Table.Th>{t('column')}</Table.Th>
              <Table.Th>{t('value')}</Table.Th>
              <Table.Th>{t('reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.data.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors on one field
              <Table.Tr key={`${e.row}-${e.field}-${i}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>
                  {e.column ?? (e.field ? fieldLabel(e.field, 'imports', job.entity) : '—')}
                </Table.Td>
                <Table.Td>
                  {e.value === null ? (
                    ''
                  ) : e.value === '' ? (
                    <Text span c="dimmed" size="sm">
                      {t('emptyCell')}
                    </Text>
                  ) : (
                    <Text span size="sm" style={{ wordBreak: 'break-word' }}>
                      {e.value}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{fieldErrorText(e, 'imports')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager
        label={t('errorsPages')}
        page={paging.page}
        from={(paging.page - 1) * ISSUES_PAGE + 1}
        shown={q.data.data.length}
        total={total}
        hasNext={q.data.next_cursor !== null}
        onPrevious={paging.previous}
        onNext={() => q.data.next_cursor && paging.next(q.data.next_cursor)}
      />
    </div>
  );
}

function DuplicatesTable({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const paging = usePaging();
  const q = useQuery({
    queryKey: ['imports', 'duplicates', job.import_id, paging.cursor],
    queryFn: ({ signal }) =>
      api<DuplicatesPage>(
        'GET',
        `/imports/${job.import_id}/duplicates${query({ limit: ISSUES_PAGE, cursor: paging.cursor })}`,
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return null;
  return (
    <div>
      <Table.ScrollContainer minWidth={400}>
        <Table striped aria-label={t('duplicates')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('row')}</Table.Th>
              <Table.Th>{t('existingRecord')}</Table.Th>
              <Table.Th>{t('existingId')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.data.map((d) => (
              <Table.Tr key={d.row}>
                <Table.Td>{d.row}</Table.Td>
                <Table.Td>
                  {d.name === null ? (
                    <Text span c="dimmed" size="sm">
                      {t('existingDeleted')}
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/${d.resource}/${d.record_id}`} size="sm">
                      {d.name || `#${d.record_id}`}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>{d.record_id}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager
        label={t('duplicatesPages')}
        page={paging.page}
        from={(paging.page - 1) * ISSUES_PAGE + 1}
        shown={q.data.data.length}
        total={job.skipped}
        hasNext={q.data.next_cursor !== null}
        onPrevious={paging.previous}
        onNext={() => q.data.next_cursor && paging.next(q.data.next_cursor)}
      />
    </div>
  );
}

/** The job's errors and skipped duplicates, each in a tab of its own; nothing when it had neither. */
export function ImportIssues({ job }: { job: ImportJob }) {
  // another job (a check made again) starts from its own first pages
  return <Issues key={job.import_id} job={job} />;
}

function Issues({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const warned = job.warnings ?? 0;
  const [tab, setTab] = useState<string | null>(
    job.failed > 0 ? 'errors' : warned > 0 ? 'warnings' : 'duplicates',
  );
  if (job.failed === 0 && job.skipped === 0 && warned === 0) return null;
  return (
    <section aria-labelledby={`issues-${job.import_id}`}>
      <Title order={2} size="h4" mb="xs" id={`issues-${job.import_id}`}>
        {t('issues')}
      </Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="errors" disabled={job.failed === 0}>
            {t('errorsTab', { n: number(job.failed) })}
          </Tabs.Tab>
          <Tabs.Tab value="warnings" disabled={warned === 0}>
            {t('warningsTab', { n: number(warned) })}
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" disabled={job.skipped === 0}>
            {t('duplicatesTab', { n: number(job.skipped) })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="errors" pt="xs">
          <ErrorsTable job={job} severity="error" />
          <Anchor href={errorsCsvUrl(job.import_id)} download size="sm" mt="xs" display="inline-block">
            {t('downloadErrors')}
          </Anchor>
        </Tabs.Panel>
        <Tabs.Panel value="warnings" pt="xs">
          <ErrorsTable job={job} severity="warning" />
          <Anchor href={errorsCsvUrl(job.import_id)} download size="sm" mt="xs" display="inline-block">
            {t('downloadErrors')}
          </Anchor>
        </Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="xs">
          <DuplicatesTable job={job} />
        </Tabs.Panel>
      </Tabs>
    </section>
  );
}
