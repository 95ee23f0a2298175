import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, type ApiFieldError, api, problemOf, query } from '../api/client.js';
import { importFailureText, labelledFieldErrorText } from '../api/errorText.js';
import { useCurrency } from '../api/queries.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { formatFieldValue, type ValueContext } from '../lib/fieldValues.js';
import { number } from '../lib/format.js';
import { FileDrop } from './FileDrop.js';

type Entity = 'contacts' | 'companies' | 'opportunities';
type Mapping = Record<string, string | null>;

/** The fields a file can fill, per entity (server/imports/mapping.ts). */
const TARGETS: Record<Entity, string[]> = {
  contacts: ['first_name', 'last_name', 'full_name', 'email', 'phone', 'company_name', 'notes'],
  companies: ['company_name', 'industry', 'website'],
  opportunities: [
    'opportunity_name',
    'deal_value',
    'stage',
    'expected_close_date',
    'company_name',
    'contact_email',
  ],
};

interface ImportJob {
  import_id: number;
  entity: Entity;
  status: 'queued' | 'running' | 'done' | 'failed';
  format: string | null;
  dry_run: boolean;
  total_rows: number | null;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  mapping: Mapping | null;
  detected: {
    format: string;
    encoding: string;
    delimiter?: string;
    headers?: string[];
  } | null;
  error: string | null;
  error_code?: string | null;
  errors: (ApiFieldError & { row: number })[];
  preview?: {
    row: number;
    action: string;
    values?: Record<string, unknown>;
    errors: ApiFieldError[];
  }[];
}

/** POST /imports with the file as multipart's `file` part: 202 and the job's id. */
async function startImport(
  file: File,
  params: { entity: Entity; dry_run: boolean; on_duplicate: string; mapping?: Mapping },
): Promise<number> {
  const form = new FormData();
  form.append('file', file, file.name);
  const qs = query({
    entity: params.entity,
    dry_run: params.dry_run,
    on_duplicate: params.on_duplicate,
    mapping: params.mapping ? JSON.stringify(params.mapping) : undefined,
  });
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/imports${qs}`, {
      method: 'POST',
      body: form,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { type: 'network', title: 'Network error', status: 0 });
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, problemOf(res, text));
  return (JSON.parse(text) as { import_id: number }).import_id;
}

const finished = (job: ImportJob | undefined) => job?.status === 'done' || job?.status === 'failed';

/** The job, polled every 500 ms until it is done or failed. */
function useImportJob(id: number | null) {
  return useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => api<ImportJob>('GET', `/imports/${id}`, undefined, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 500),
  });
}

export default function ImportsPage() {
  const { t } = useTranslation('imports');
  const [entity, setEntity] = useState<Entity>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [onDuplicate, setOnDuplicate] = useState('skip');
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [dryId, setDryId] = useState<number | null>(null);
  const [runId, setRunId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const dry = useImportJob(dryId);
  const run = useImportJob(runId);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setStartError(null);
    try {
      const id = await startImport(file, {
        entity,
        dry_run: dryRun,
        on_duplicate: onDuplicate,
        ...(mapping ? { mapping } : {}),
      });
      if (dryRun) setDryId(id);
      else setRunId(id);
    } catch (e) {
      setStartError(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setFile(null);
    setMapping(null);
    setDryId(null);
    setRunId(null);
    setStartError(null);
  };

  // the mapping shown: the user's choices over what the dry run detected
  const shownMapping: Mapping | null = dry.data?.mapping ? { ...dry.data.mapping, ...mapping } : null;
  const dryDone = dry.data?.status === 'done';

  return (
    <>
      <PageHeader title={t('title')} />
      <Stack gap="md" maw={960}>
        <Text c="dimmed">{t('intro')}</Text>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              1. {t('stepCheck')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('entity')}
                data={(['contacts', 'companies', 'opportunities'] as const).map((e) => ({
                  value: e,
                  label: t(`entity_${e}`),
                }))}
                value={entity}
                onChange={(v) => {
                  if (!v) return;
                  setEntity(v as Entity);
                  setMapping(null);
                  setDryId(null);
                  setRunId(null);
                }}
                allowDeselect={false}
                disabled={runId !== null}
              />
              <Select
                label={t('onDuplicate')}
                data={['skip', 'update'].map((v) => ({ value: v, label: t(`onDuplicate_${v}`) }))}
                value={onDuplicate}
                onChange={(v) => v && setOnDuplicate(v)}
                allowDeselect={false}
                disabled={runId !== null}
              />
            </SimpleGrid>
            <FileDrop
              file={file}
              onChange={(f) => {
                setFile(f);
                setMapping(null);
                setDryId(null);
                setRunId(null);
              }}
              disabled={runId !== null}
            />
            <Group>
              <Button
                onClick={() => void start(true)}
                disabled={!file || runId !== null}
                loading={busy && runId === null}
              >
                {t('check')}
              </Button>
            </Group>
            {startError != null && <ErrorState error={startError} />}
            {dryId !== null && dry.error && <ErrorState error={dry.error} />}
            {dryId !== null && !dry.error && !finished(dry.data) && (
              <Text role="status" aria-live="polite">
                {t('checking')}
              </Text>
            )}
            {dry.data?.status === 'failed' && <JobFailed job={dry.data} />}
          </Stack>
        </Card>

        {dryDone && dry.data && shownMapping && (
          <Card withBorder>
            <Stack gap="md">
              <Detected job={dry.data} />
              <MappingTable
                entity={entity}
                mapping={shownMapping}
                headers={dry.data.detected?.headers ?? Object.keys(shownMapping)}
                disabled={runId !== null}
                onChange={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
              />
              <Preview job={dry.data} />
              <Counts job={dry.data} title={t('dryRunCounts')} />
              <Errors job={dry.data} />
              {runId === null && (
                <Group>
                  {mapping && (
                    <Button variant="default" onClick={() => void start(true)} loading={busy}>
                      {t('recheck')}
                    </Button>
                  )}
                  <Button onClick={() => void start(false)} loading={busy}>
                    {t('run')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}

        {runId !== null && (
          <Card withBorder>
            <Stack gap="sm">
              <Title order={2} size="h4">
                2. {t('stepImport')}
              </Title>
              {run.error ? (
                <ErrorState error={run.error} />
              ) : !run.data ? (
                <Loading />
              ) : (
                <RunResult job={run.data} />
              )}
              {finished(run.data) && (
                <Group>
                  <Button variant="default" onClick={reset}>
                    {t('restart')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}
      </Stack>
    </>
  );
}

function JobFailed({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  return (
    <Alert color="red" title={t('jobFailed')} role="alert">
      {importFailureText(job)}
    </Alert>
  );
}

function Detected({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const d = job.detected;
  if (!d) return null;
  const delimiter = d.delimiter === '\t' ? t('delimiterTab') : d.delimiter;
  return (
    <div>
      <Title order={2} size="h4" mb="xs">
        {t('detected')}
      </Title>
      <Group gap="lg">
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('format')}
          </Text>{' '}
          <b>{d.format}</b>
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('encoding')}
          </Text>{' '}
          <b>{d.encoding}</b>
        </Text>
        {delimiter && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {t('delimiter')}
            </Text>{' '}
            <b>{delimiter}</b>
          </Text>
        )}
      </Group>
    </div>
  );
}

function MappingTable({
  entity,
  mapping,
  headers,
  disabled,
  onChange,
}: {
  entity: Entity;
  mapping: Mapping;
  headers: string[];
  disabled: boolean;
  onChange: (header: string, field: string | null) => void;
}) {
  const { t } = useTranslation('imports');
  const data = [
    { value: '', label: t('ignore') },
    ...TARGETS[entity].map((f) => ({ value: f, label: t(`f_${f}`) })),
  ];
  return (
    <div>
      <Title order={2} size="h4" mb="xs">
        {t('mapping')}
      </Title>
      <Table.ScrollContainer minWidth={400}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('column')}</Table.Th>
              <Table.Th>{t('field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headers.map((h) => (
              <Table.Tr key={h}>
                <Table.Td>{h}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('fieldFor', { header: h })}
                    data={data}
                    value={mapping[h] ?? ''}
                    onChange={(v) => onChange(h, v ? v : null)}
                    allowDeselect={false}
                    disabled={disabled}
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function Preview({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const ctx: ValueContext = { currency: useCurrency(), userName: useUserName() };
  const rows = job.preview ?? [];
  if (rows.length === 0) return null;
  // what each row would write (the API's fields; ids left out, they mean nothing to a reader)
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.values ?? {})))].filter(
    (f) => !f.endsWith('_id'),
  );
  return (
    <div>
      <Title order={2} size="h4" mb="xs">
        {t('preview')}
      </Title>
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('row')}</Table.Th>
              <Table.Th>{t('action')}</Table.Th>
              {fields.map((f) => (
                <Table.Th key={f}>{t(`f_${f}`, { defaultValue: f })}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>
                  {t(`action_${r.action}`, { defaultValue: r.action })}
                  {r.errors.length > 0 && (
                    <Text size="xs" c="red.9">
                      {r.errors.map((e) => labelledFieldErrorText(e, 'imports')).join(' ')}
                    </Text>
                  )}
                </Table.Td>
                {fields.map((f) => (
                  <Table.Td key={f}>
                    {r.values?.[f] == null ? '' : formatFieldValue(f, r.values[f], ctx)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function Counts({ job, title }: { job: ImportJob; title: string }) {
  const { t } = useTranslation('imports');
  const items = [
    ['total', job.total_rows ?? job.processed_rows],
    ['created', job.created],
    ['updated', job.updated],
    ['skipped', job.skipped],
    ['failed', job.failed],
  ] as const;
  return (
    <section aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Group gap="xl">
        {items.map(([k, n]) => (
          <div key={k}>
            <Text size="xs" c="dimmed">
              {t(k)}
            </Text>
            <Text fw={700} data-count={k}>
              {number(n)}
            </Text>
          </div>
        ))}
      </Group>
    </section>
  );
}

function Errors({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  if (job.errors.length === 0) return null;
  const shown = job.errors.slice(0, 10);
  return (
    <div>
      <Title order={2} size="h4" mb="xs">
        {t('errors')}
      </Title>
      <List size="sm">
        {shown.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors on one field
          <List.Item key={i}>
            {t('row')} {e.row} — {labelledFieldErrorText(e, 'imports')}
          </List.Item>
        ))}
      </List>
      {job.failed > shown.length && (
        <Text size="sm" c="dimmed">
          {t('errorsMore', { count: job.failed - shown.length, n: number(job.failed - shown.length) })}
        </Text>
      )}
    </div>
  );
}

function RunResult({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const total = job.total_rows;
  const percent = total ? Math.round((job.processed_rows / total) * 100) : job.status === 'done' ? 100 : 0;
  return (
    <Stack gap="sm">
      <Progress value={percent} aria-label={t('progress')} animated={!finished(job)} />
      <Text size="sm" role="status" aria-live="polite">
        {total == null
          ? t('progressUnknown', { processed: number(job.processed_rows) })
          : t('progressText', { processed: number(job.processed_rows), total: number(total) })}
      </Text>
      {job.status === 'failed' && <JobFailed job={job} />}
      {job.status === 'done' && (
        <>
          <Alert color="green" title={t('done')} />
          <Counts job={job} title={t('counts')} />
          <Errors job={job} />
          {job.failed > 0 && (
            <Anchor href={`${API_BASE}/imports/${job.import_id}/errors.csv`} download>
              {t('downloadErrors')}
            </Anchor>
          )}
        </>
      )}
    </Stack>
  );
}
