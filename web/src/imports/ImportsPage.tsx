import { Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENCODING_CHOICES } from '../../../shared/encodings.js';
import { IMPORT_ENTITIES } from '../../../shared/imports.js';
import { API_BASE, ApiError, api, problemOf, query } from '../api/client.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Loading } from '../components/states.js';
import { FileDrop } from './FileDrop.js';
import { ImportIssues } from './ImportIssues.js';
import {
  Counts,
  Detected,
  type Entity,
  finished,
  type ImportJob,
  JobFailed,
  type Mapping,
  MappingTable,
  Preview,
  RunResult,
} from './JobViews.js';
import { PAST_IMPORTS_KEY, PastImports } from './PastImports.js';

/** POST /imports with the file as multipart's `file` part: 202 and the job's id. */
async function startImport(
  file: File,
  params: { entity: Entity; dry_run: boolean; on_duplicate: string; mapping?: Mapping; encoding?: string },
): Promise<number> {
  const form = new FormData();
  form.append('file', file, file.name);
  const qs = query({
    entity: params.entity,
    dry_run: params.dry_run,
    on_duplicate: params.on_duplicate,
    mapping: params.mapping ? JSON.stringify(params.mapping) : undefined,
    encoding: params.encoding,
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
  // a CSV file's character set, when the detected one reads it wrong ('' : detected)
  const [encoding, setEncoding] = useState('');
  const [dryId, setDryId] = useState<number | null>(null);
  const [runId, setRunId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const qc = useQueryClient();
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
        ...(encoding ? { encoding } : {}),
      });
      if (dryRun) setDryId(id);
      else setRunId(id);
      void qc.invalidateQueries({ queryKey: PAST_IMPORTS_KEY });
    } catch (e) {
      setStartError(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setFile(null);
    setMapping(null);
    setEncoding('');
    setDryId(null);
    setRunId(null);
    setStartError(null);
  };

  // the mapping shown: the user's choices over what the dry run detected
  const shownMapping: Mapping | null = dry.data?.mapping ? { ...dry.data.mapping, ...mapping } : null;
  const dryDone = dry.data?.status === 'done';
  // a vCard has no columns to map: its check goes straight to the preview, the counts and the import
  const isVcard = dry.data?.format === 'vcard';

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
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('entity')}
                data={IMPORT_ENTITIES.map((e) => ({
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
              <Select
                label={t('encodingChoice')}
                data={[
                  { value: '', label: t('encodingAuto') },
                  ...ENCODING_CHOICES.map((e) => ({ value: e, label: e })),
                ]}
                value={encoding}
                onChange={(v) => {
                  setEncoding(v ?? '');
                  setDryId(null);
                  setRunId(null);
                }}
                allowDeselect={false}
                searchable
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

        {dryDone && dry.data && (shownMapping || isVcard) && (
          <Card withBorder>
            <Stack gap="md">
              <Detected job={dry.data} />
              {shownMapping && !isVcard && (
                <MappingTable
                  entity={entity}
                  mapping={shownMapping}
                  headers={dry.data.detected?.headers ?? Object.keys(shownMapping)}
                  disabled={runId !== null}
                  onChange={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
                />
              )}
              <Preview job={dry.data} />
              <Counts job={dry.data} title={t('dryRunCounts')} />
              <ImportIssues job={dry.data} />
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
        <PastImports />
      </Stack>
    </>
  );
}
