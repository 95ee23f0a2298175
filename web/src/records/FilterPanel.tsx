import { Badge, Box, Button, Drawer, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './strings.js';
import { usePhone } from './usePhone.js';

/**
 * A list's search and filters. On a wide screen they sit in a row above the list; on a phone the
 * search stays in view and the other filters fold into a drawer behind a "Filtres" button that
 * counts the active ones, beside the sort (the cards have no column headers to sort by).
 * The filters apply as they change; the drawer's button just closes it onto the results.
 */
export function FilterPanel({
  label,
  search,
  sort,
  active,
  onClear,
  children,
}: {
  /** the filters' accessible name (the search landmark) */
  label: string;
  search?: ReactNode;
  /** shown on a phone only (wide screens sort by the column headers) */
  sort?: ReactNode;
  /** how many of `children` are set */
  active: number;
  /** clears the search and the filters; absent when nothing is set */
  onClear?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation(NS);
  const phone = usePhone();
  const [opened, { open, close }] = useDisclosure(false);
  const clear = onClear && (
    <Button variant="subtle" onClick={onClear}>
      {t('clearFilters')}
    </Button>
  );

  if (!phone)
    return (
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={label}>
        {search}
        {children}
        {clear}
      </Group>
    );

  return (
    <Stack gap="xs" role="search" aria-label={label}>
      {search}
      <Group gap="sm" wrap="nowrap" align="flex-end">
        <Button
          variant="default"
          onClick={open}
          leftSection={<IconFilter size={16} aria-hidden />}
          rightSection={
            active > 0 ? (
              <Badge size="sm" circle aria-hidden>
                {active}
              </Badge>
            ) : undefined
          }
          aria-label={t('filtersActive', { count: active })}
          aria-haspopup="dialog"
          style={{ flexShrink: 0 }}
        >
          {t('filters')}
        </Button>
        {sort ?? <Box style={{ flex: 1 }} />}
      </Group>
      <Drawer
        opened={opened}
        onClose={close}
        title={t('filters')}
        position="bottom"
        // a sheet as tall as its filters (Mantine's sizes are fixed heights), under the thumb
        styles={{ content: { height: 'auto', maxHeight: '85dvh' } }}
        closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
      >
        <Stack gap="sm">
          {children}
          <Group justify="space-between" gap="xs">
            {clear ?? <span />}
            <Button onClick={close}>{t('showResults')}</Button>
          </Group>
        </Stack>
      </Drawer>
    </Stack>
  );
}
