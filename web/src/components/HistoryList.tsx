import { Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useHistory } from '../api/queries.js';
import { dateTime } from '../lib/format.js';
import { ErrorState, Loading } from './states.js';
import { useUserName } from './UserSelect.js';

const HIDDEN = new Set(['updated_at', 'created_at']);

/** Who changed what on a record, newest first, from the audit log. */
export function HistoryList({ resource, id }: { resource: string; id: number }) {
  const { t } = useTranslation();
  const history = useHistory(resource, id);
  const userName = useUserName();
  if (history.isLoading) return <Loading />;
  if (history.error) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const events = history.data?.data ?? [];
  if (events.length === 0) return <Text c="dimmed">{t('noHistory')}</Text>;
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '∅' : String(v));
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {events.map((e) => (
        <Timeline.Item key={e.audit_id} title={`${userName(e.user_id)} · ${e.action}`}>
          <Text size="xs" c="dimmed">
            {dateTime(e.occurred_at)}
          </Text>
          <Stack gap={0}>
            {Object.entries(e.changes ?? {})
              .filter(([field]) => !HIDDEN.has(field) && e.action === 'update')
              .map(([field, [before, after]]) => (
                <Text key={field} size="sm">
                  {field}: {show(before)} → {show(after)}
                </Text>
              ))}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
