import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { PipelineRow } from '../api/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { money } from '../lib/format.js';
import { useMonthOutcome, usePipeline } from './api.js';
import { MyTasksDue } from './MyTasksDue.js';
import { PipelineChart } from './PipelineChart.js';
import { RecentActivity } from './RecentActivity.js';

/** A titled panel; the title is a heading so screen reader users can jump between panels. */
function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Stat({ value, hint, loading }: { value: React.ReactNode; hint: string; loading?: boolean }) {
  return (
    <Stack gap={4}>
      {loading ? (
        <Skeleton h={28} w="60%" />
      ) : (
        <Text fz={24} fw={700}>
          {value}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

function MonthStat({ kind, pipeline }: { kind: 'won' | 'lost'; pipeline: PipelineRow[] | undefined }) {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  const outcome = useMonthOutcome(kind, pipeline);
  if (outcome.error) return <ErrorState error={outcome.error} onRetry={() => outcome.refetch()} />;
  const o = outcome.data;
  const value = o && money(o.cents / 100, currency);
  return (
    <Stat
      loading={!o}
      value={
        o &&
        (o.partial
          ? t('monthCountMore', { count: o.count, value })
          : t('monthCount', { count: o.count, value }))
      }
      hint={t('monthHint', { kind: t(kind === 'won' ? 'kindWon' : 'kindLost') })}
    />
  );
}

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  const pipeline = usePipeline();
  const rows = pipeline.data?.data;
  const open = (rows ?? []).filter((r) => r.kind === 'open');
  // the API rounds each stage's weighted value to the cent; add cents to keep the sum exact
  const forecast = open.reduce((c, r) => c + Math.round(r.weighted_value * 100), 0) / 100;
  const openCount = open.reduce((n, r) => n + r.count, 0);

  return (
    <>
      <PageHeader title={t('title')} />
      <Stack gap="md">
        {pipeline.error && <ErrorState error={pipeline.error} onRetry={() => pipeline.refetch()} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Panel id="dash-forecast" title={t('forecastTitle')}>
            <Stat
              loading={pipeline.isLoading}
              value={money(forecast, currency)}
              hint={`${t('forecastOpen', { count: openCount })} · ${t('forecastHint')}`}
            />
          </Panel>
          <Panel id="dash-won" title={t('wonTitle')}>
            <MonthStat kind="won" pipeline={rows} />
          </Panel>
          <Panel id="dash-lost" title={t('lostTitle')}>
            <MonthStat kind="lost" pipeline={rows} />
          </Panel>
        </SimpleGrid>
        <Panel id="dash-pipeline" title={t('pipelineTitle')}>
          {pipeline.isLoading ? (
            <Loading />
          ) : rows?.some((r) => r.count > 0) ? (
            <PipelineChart rows={rows} />
          ) : rows ? (
            <Empty>{t('pipelineEmpty')}</Empty>
          ) : null}
        </Panel>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Panel id="dash-tasks" title={t('tasksTitle')}>
            <MyTasksDue />
          </Panel>
          <Panel id="dash-activity" title={t('activityTitle')}>
            <RecentActivity />
          </Panel>
        </SimpleGrid>
      </Stack>
    </>
  );
}
