import { DataList, Group, Paper, Stack, Title } from '@mantine/core';

/** A titled card on a record's page. */
export function Section({
  title,
  action,
  children,
}: {
  title: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={2} size="h4">
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** Label/value pairs as a description list (read as such by screen readers). */
export function Fields({ children }: { children: React.ReactNode }) {
  return (
    <DataList size="sm" labelWidth={110} gap="xs">
      {children}
    </DataList>
  );
}

export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{children ?? '—'}</DataList.ItemValue>
    </DataList.Item>
  );
}
