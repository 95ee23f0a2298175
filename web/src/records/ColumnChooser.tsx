import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, type ColumnChoice, moveColumn, toggleColumn } from './columns.js';
import { NS } from './strings.js';

/**
 * Which columns a table shows, and in what order: a checkbox per column and arrows to move it
 * (buttons rather than dragging, so that a keyboard does it as well as a mouse).
 */
export function ColumnChooser<T>({
  columns,
  choice,
  onChange,
  onReset,
}: {
  columns: Column<T>[];
  choice: ColumnChoice;
  onChange: (choice: ColumnChoice) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation(NS);
  const titleId = useId();
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const ordered = choice.order.flatMap((k) => byKey.get(k) ?? []);
  const movable = ordered.filter((c) => !c.fixed);
  return (
    <Popover position="bottom-end" shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={16} aria-hidden />}>
          {t('columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-labelledby={titleId} maw={320}>
          <Text id={titleId} fw={600} size="sm">
            {t('columnsTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('columnsHint')}
          </Text>
          {ordered.map((c) => {
            const at = movable.indexOf(c);
            return (
              <Group key={c.key} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  label={c.label}
                  aria-label={c.fixed ? t('columnFixed', { column: c.label }) : undefined}
                  checked={!choice.hidden.includes(c.key)}
                  disabled={c.fixed}
                  onChange={(e) => onChange(toggleColumn(choice, c.key, e.currentTarget.checked))}
                />
                {!c.fixed && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('columnUp', { column: c.label })}
                      disabled={at === 0}
                      onClick={() => onChange(moveColumn(columns, choice, c.key, -1))}
                    >
                      <IconArrowUp size={14} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('columnDown', { column: c.label })}
                      disabled={at === movable.length - 1}
                      onClick={() => onChange(moveColumn(columns, choice, c.key, 1))}
                    >
                      <IconArrowDown size={14} aria-hidden />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            );
          })}
          <Button variant="subtle" size="xs" onClick={onReset}>
            {t('columnsReset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
