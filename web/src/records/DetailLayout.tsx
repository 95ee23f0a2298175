import { Grid, Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { HistoryList } from '../components/HistoryList.js';

/**
 * A record's page below its header: two columns side by side on a wide screen (`startSpan` of
 * 12 for the first), one above the other below `at`.
 */
export function DetailLayout({
  start,
  end,
  startSpan,
  at = 'md',
}: {
  start: ReactNode;
  end: ReactNode;
  startSpan: number;
  at?: 'md' | 'lg';
}) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, [at]: startSpan }}>
        <Stack gap="md">{start}</Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, [at]: 12 - startSpan }}>{end}</Grid.Col>
    </Grid>
  );
}

/** The activity (timeline and what logs to it) and the record's history, as two tabs. */
export function ActivityTabs({
  resource,
  id,
  labels,
  children,
}: {
  resource: 'contacts' | 'companies';
  id: number;
  labels: { activity: string; history: string };
  /** the activity tab */
  children: ReactNode;
}) {
  return (
    <Tabs defaultValue="activity" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="activity">{labels.activity}</Tabs.Tab>
        <Tabs.Tab value="history">{labels.history}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="activity">
        <Stack gap="md">{children}</Stack>
      </Tabs.Panel>
      <Tabs.Panel value="history">
        <HistoryList resource={resource} id={id} />
      </Tabs.Panel>
    </Tabs>
  );
}
