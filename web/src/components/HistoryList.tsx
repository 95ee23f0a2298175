import { Anchor, Button, Group, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrency, useHistory, useRecord } from '../api/queries.js';
import type { AuditEvent } from '../api/types.js';
// the declared fields' labels (it names them: lib/declaredLabels.ts)
import '../fields/declared.js';
import { fieldLabel } from '../lib/fieldLabels.js';
import { formatFieldValue, RECORD_FIELDS, type ValueContext } from '../lib/fieldValues.js';
import { dateTime, personName } from '../lib/format.js';
import { ErrorState, Loading } from './states.js';
import { useUserName } from './UserSelect.js';

const HIDDEN = new Set(['updated_at', 'created_at']);

/** Who changed what on a record, newest first, from the audit log, a page at a time. */
export function HistoryList({ resource, id }: { resource: string; id: number }) {
  const { t } = useTranslation();
  const history = useHistory(resource, id);
  const userName = useUserName();
  const currency = useCurrency();
  if (history.isLoading) return <Loading />;
  if (history.error && !history.data)
    return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const events = history.data?.pages.flatMap((p) => p.data) ?? [];
  if (events.length === 0) return <Text c="dimmed">{t('noHistory')}</Text>;
  const ctx: ValueContext = { currency, userName };
  return (
    <Stack gap="sm">
      <Timeline bulletSize={12} lineWidth={2}>
        {events.map((e) => (
          <Timeline.Item
            key={e.audit_id}
            title={`${e.user_id === null ? t('historySystem') : userName(e.user_id)} · ${t(
              `historyAction_${e.action}`,
              { defaultValue: e.action },
            )}`}
          >
            <Text size="xs" c="dimmed">
              {dateTime(e.occurred_at)}
            </Text>
            <Changes event={e} resource={resource} ctx={ctx} />
          </Timeline.Item>
        ))}
      </Timeline>
      {history.error && <ErrorState error={history.error} onRetry={() => history.fetchNextPage()} />}
      {history.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => history.fetchNextPage()}
            loading={history.isFetchingNextPage}
          >
            {t('loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Changes({ event, resource, ctx }: { event: AuditEvent; resource: string; ctx: ValueContext }) {
  const { t } = useTranslation();
  if (event.action !== 'update') return null;
  const changes = Object.entries(event.changes ?? {}).filter(([field]) => !HIDDEN.has(field));
  return (
    <Stack gap={0}>
      {changes.map(([field, [before, after]]) => (
        <Text key={field} size="sm">
          {t('historyField', { field: fieldLabel(field, resource) })}{' '}
          <Value field={field} value={before} ctx={ctx} /> → <Value field={field} value={after} ctx={ctx} />
        </Text>
      ))}
    </Stack>
  );
}

/** One value of a change: another record by its name (a link), anything else formatted. */
function Value({ field, value, ctx }: { field: string; value: unknown; ctx: ValueContext }) {
  const related = RECORD_FIELDS[field];
  if (related && typeof value === 'number') return <RecordName resource={related} id={value} />;
  return <>{formatFieldValue(field, value, ctx)}</>;
}

function RecordName({ resource, id }: { resource: string; id: number }) {
  const record = useRecord<Record<string, unknown>>(resource, id);
  const r = record.data;
  const name =
    r === undefined
      ? `#${id}`
      : resource === 'contacts'
        ? personName(r as Parameters<typeof personName>[0])
        : String(r.company_name ?? r.opportunity_name ?? `#${id}`);
  // a record deleted since is named by its ID, without a link to nowhere
  if (record.error) return <>{name}</>;
  return (
    <Anchor component={Link} to={`/${resource}/${id}`} size="sm">
      {name}
    </Anchor>
  );
}
