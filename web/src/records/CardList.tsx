import { Anchor, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NS } from './strings.js';

/**
 * A list of records as cards (a phone's list) or of plain rows: a real list (`<ul>`), so screen
 * readers announce how many there are and where one is.
 */
export function CardList({
  children,
  label,
  labelledBy,
  gap = 'xs',
}: {
  children: ReactNode;
  label?: string;
  labelledBy?: string;
  /** 0 for plain rows, which bring their own padding */
  gap?: 'xs' | 0;
}) {
  return (
    <Stack
      component="ul"
      gap={gap}
      aria-label={label}
      aria-labelledby={labelledBy}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {children}
    </Stack>
  );
}

/** One item of a CardList: bordered as a card, or a plain row (`card={false}`) inside a section. */
export function CardItem({
  children,
  card = true,
  selected,
}: {
  children: ReactNode;
  card?: boolean;
  selected?: boolean;
}) {
  if (!card) return <li style={{ minWidth: 0 }}>{children}</li>;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ minWidth: 0 }}
    >
      {children}
    </Paper>
  );
}

export interface CardField {
  label: string;
  /** nothing (null, undefined, '') leaves the line out: a phone has no room for dashes */
  value: ReactNode;
  /** kept on one line (an amount, a date): it is never cut, the line wraps before it instead */
  nowrap?: boolean;
}

/**
 * A record as a card: its name links to its page, its key fields below with their labels (a
 * `<dl>`), and a checkbox when the list offers bulk actions. Long values wrap; none is cut off.
 */
export function RecordCard({
  title,
  to,
  fields,
  badge,
  actions,
  selection,
}: {
  title: string;
  /** the record's page; a record without one (an API token) shows its title as text */
  to?: string;
  fields: CardField[];
  badge?: ReactNode;
  /** buttons acting on this record, at the card's top right */
  actions?: ReactNode;
  selection?: { selected: boolean; onChange: (on: boolean) => void; label: string };
}) {
  const shown = fields.filter((f) => f.value !== null && f.value !== undefined && f.value !== '');
  return (
    <CardItem selected={selection?.selected}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        {selection && (
          <Checkbox
            mt={2}
            aria-label={selection.label}
            checked={selection.selected}
            onChange={(e) => selection.onChange(e.currentTarget.checked)}
          />
        )}
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap" justify="space-between">
            {to ? (
              <Anchor component={Link} to={to} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {title}
              </Anchor>
            ) : (
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {title}
              </Text>
            )}
            {badge}
          </Group>
          {shown.length > 0 && (
            <dl
              style={{
                display: 'grid',
                gridTemplateColumns: 'auto minmax(0, 1fr)',
                columnGap: 'var(--mantine-spacing-sm)',
                rowGap: 2,
                margin: 0,
              }}
            >
              {shown.map((f) => (
                <div key={f.label} style={{ display: 'contents' }}>
                  <Text component="dt" size="sm" c="dimmed">
                    {f.label}
                  </Text>
                  <Text
                    component="dd"
                    size="sm"
                    m={0}
                    style={f.nowrap ? { whiteSpace: 'nowrap' } : { overflowWrap: 'anywhere' }}
                  >
                    {f.value}
                  </Text>
                </div>
              ))}
            </dl>
          )}
        </Stack>
        {actions && (
          <Group gap={4} wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </CardItem>
  );
}

/** "Select all" above a list of cards, which has no header row to hold it. */
export function SelectAll({
  ticked,
  total,
  onChange,
}: {
  ticked: number;
  total: number;
  onChange: (on: boolean) => void;
}) {
  const { t } = useTranslation(NS);
  return (
    <Checkbox
      label={t('selectAll')}
      checked={ticked > 0 && ticked === total}
      indeterminate={ticked > 0 && ticked < total}
      onChange={(e) => onChange(e.currentTarget.checked)}
      mb="xs"
    />
  );
}
