// What an import job shows once the server has read the file: its detected shape, the column
// mapping, the preview, the counts, the row errors and the run's result (ImportsPage.tsx).
import { Alert, Button, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldCreate } from '../../../shared/custom-fields.js';
import { IMPORT_TARGETS, type ImportEntity } from '../../../shared/imports.js';
import type { ApiFieldError } from '../api/client.js';
import { fieldErrorText, importFailureText, labelledFieldErrorText } from '../api/errorText.js';
import { useCurrency, useMe } from '../api/queries.js';
import { isAdmin } from '../auth/permissions.js';
import { useUserName } from '../components/UserSelect.js';
// the declared fields' labels (it names them: lib/declaredLabels.ts)
import '../fields/declared.js';
import { cfLabel, cfParam, useCustomFields } from '../fields/customFields.js';
import { fieldLabel } from '../lib/fieldLabels.js';
import { formatFieldValue, type ValueContext } from '../lib/fieldValues.js';
import { number } from '../lib/format.js';
import { FieldDialog } from '../settings/fields/FieldDialog.js';
import { useFieldChanges } from '../settings/fields/fieldsApi.js';
import { ImportIssues } from './ImportIssues.js';

export type Entity = ImportEntity;
export type Mapping = Record<string, string | null>;

export const finished = (job: Pick<ImportJob, 'status'> | undefined) =>
  job?.status === 'done' || job?.status === 'failed';

export interface ImportJob {
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
  /** rows written with warnings: values set aside into their notes (absent before the server had them) */
  warnings?: number;
  mapping: Mapping | null;
  detected: {
    format: string;
    encoding: string;
    /** the detector's confidence (0–100) when the encoding was guessed */
    encoding_confidence?: number;
    delimiter?: string;
    headers?: string[];
  } | null;
  error: string | null;
  error_code?: string | null;
  errors: (ApiFieldError & { row: number; severity?: 'error' | 'warning' })[];
  preview?: {
    row: number;
    action: string;
    values?: Record<string, unknown>;
    errors: ApiFieldError[];
    /** values set aside into the notes: the row is written without them */
    warnings?: ApiFieldError[];
    /** the row's fields as the file gave them: a refused value is shown as it was */
    source?: Record<string, string>;
  }[];
}

export function JobFailed({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  return (
    <Alert color="red" title={t('jobFailed')} role="alert">
      {importFailureText(job)}
    </Alert>
  );
}

export function Detected({ job }: { job: ImportJob }) {
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
          {d.encoding_confidence !== undefined && (
            <Text span c="dimmed" size="xs">
              {' '}
              ({t('encodingGuessed', { confidence: number(d.encoding_confidence) })})
            </Text>
          )}
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

export function MappingTable({
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
  // the entity's custom fields are targets too (cf.<key>); an admin may make one from a column
  const custom = useCustomFields(entity).data ?? [];
  const [creating, setCreating] = useState<string | null>(null);
  const changes = useFieldChanges(entity);
  const admin = isAdmin(useMe().data);
  const data = [
    { value: '', label: t('ignore') },
    ...IMPORT_TARGETS[entity].map((f) => ({ value: f, label: fieldLabel(f, 'imports', entity) })),
    ...custom.map((f) => ({ value: cfParam(f.key), label: cfLabel(f) })),
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
                  <Group gap="xs" wrap="nowrap">
                    <Select
                      aria-label={t('fieldFor', { header: h })}
                      data={data}
                      value={mapping[h] ?? ''}
                      onChange={(v) => onChange(h, v ? v : null)}
                      allowDeselect={false}
                      disabled={disabled}
                      size="xs"
                    />
                    {admin && !mapping[h] && !disabled && (
                      <Button size="compact-xs" variant="subtle" onClick={() => setCreating(h)}>
                        {t('createField')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creating !== null && (
        <FieldDialog
          entity={entity}
          label={creating}
          onClose={() => setCreating(null)}
          onSave={async (body) => {
            const f = await changes.create(body as CustomFieldCreate);
            onChange(creating, cfParam(f.key));
          }}
        />
      )}
    </div>
  );
}

type PreviewRow = NonNullable<ImportJob['preview']>[number];

/** A cell of the preview: what the row would write, or the value the file gave and why it is refused. */
function PreviewCell({ row, field, ctx }: { row: PreviewRow; field: string; ctx: ValueContext }) {
  const { t } = useTranslation('imports');
  const errors = row.errors.filter((e) => e.field === field);
  const warnings = (row.warnings ?? []).filter((e) => e.field === field);
  if (errors.length === 0 && warnings.length > 0) {
    // the value set aside: shown as the file had it, with why, and where it went
    const id = `preview-${row.row}-${field}`;
    return (
      <Table.Td data-warning="true" style={{ boxShadow: 'inset 3px 0 0 var(--mantine-color-orange-6)' }}>
        <Text size="sm" td="line-through" aria-describedby={id} style={{ wordBreak: 'break-word' }}>
          {row.source?.[field] ?? ''}
        </Text>
        {/* the text in the body's colour: the orange mark beside it says "warning" (contrast, in both themes) */}
        <Text size="xs" id={id}>
          {t('warningKept')}
          {warnings.map((e) => fieldErrorText(e, 'imports')).join(' ')}
        </Text>
      </Table.Td>
    );
  }
  if (errors.length === 0) {
    const v = row.values?.[field] ?? row.source?.[field];
    return <Table.Td>{v == null ? '' : formatFieldValue(field, v, ctx)}</Table.Td>;
  }
  const id = `preview-${row.row}-${field}`;
  const raw = row.source?.[field] ?? '';
  return (
    <Table.Td data-invalid="true" style={{ boxShadow: 'inset 3px 0 0 var(--carnet-color-danger-text)' }}>
      <Text size="sm" td="underline wavy" aria-describedby={id} style={{ wordBreak: 'break-word' }}>
        {raw}
      </Text>
      <Text size="xs" c="var(--carnet-color-danger-text)" id={id}>
        {errors.map((e) => fieldErrorText(e, 'imports')).join(' ')}
      </Text>
    </Table.Td>
  );
}

export function Preview({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const ctx: ValueContext = { currency: useCurrency(), userName: useUserName() };
  const rows = job.preview ?? [];
  if (rows.length === 0) return null;
  // what each row would write, or held when refused (the API's fields; ids mean nothing to a reader)
  const fields = [
    ...new Set(
      rows.flatMap((r) => [
        ...Object.keys(r.values ?? {}),
        ...(r.action === 'failed' ? Object.keys(r.source ?? {}) : []),
        ...r.errors.map((e) => e.field),
        ...(r.warnings ?? []).map((e) => e.field),
      ]),
    ),
  ].filter((f) => f && !f.endsWith('_id') && f !== 'full_name');
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
                <Table.Th key={f}>{fieldLabel(f, 'imports', job.entity)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              // an error about no column shown (the whole row) stays beside the row's result
              const away = r.errors.filter((e) => !fields.includes(e.field));
              return (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td>
                    {t(`action_${r.action}`, { defaultValue: r.action })}
                    {away.length > 0 && (
                      <Text size="xs" c="var(--carnet-color-danger-text)">
                        {away.map((e) => labelledFieldErrorText(e, 'imports')).join(' ')}
                      </Text>
                    )}
                  </Table.Td>
                  {fields.map((f) => (
                    <PreviewCell key={f} row={r} field={f} ctx={ctx} />
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

export function Counts({ job, title }: { job: ImportJob; title: string }) {
  const { t } = useTranslation('imports');
  const items = [
    ['total', job.total_rows ?? job.processed_rows],
    ['created', job.created],
    ['updated', job.updated],
    ['skipped', job.skipped],
    ['failed', job.failed],
    ['warnings', job.warnings ?? 0],
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

export function RunResult({ job }: { job: ImportJob }) {
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
          <ImportIssues job={job} />
        </>
      )}
    </Stack>
  );
}
