import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_EMAIL_MAX,
  CHANNEL_LABEL_MAX,
  CHANNEL_LABELS,
  CHANNELS_MAX,
} from '../../../shared/channels.js';
import { PHONE_MAX } from '../../../shared/phone.js';

/** One row of the form: its label (one of the four, or the user's own text) and its value. */
export interface ChannelRow {
  label: string;
  value: string;
}

const CUSTOM = '__custom';
const isKnown = (label: string) => (CHANNEL_LABELS as readonly string[]).includes(label);

/**
 * A contact's extra phones or emails (shared/channels.ts): rows of a label and a value, added and
 * removed, at most CHANNELS_MAX. A label outside the four is typed in a text input of its own.
 */
export function ChannelsInput({
  kind,
  value,
  onChange,
  errors,
}: {
  kind: 'phones' | 'emails';
  value: ChannelRow[];
  onChange: (rows: ChannelRow[]) => void;
  /** the errors of the rows, by "index.label" / "index.value" */
  errors: Record<string, ReactNode>;
}) {
  const { t } = useTranslation('contacts');
  const set = (i: number, row: Partial<ChannelRow>) =>
    onChange(value.map((r, k) => (k === i ? { ...r, ...row } : r)));
  const options = [
    ...CHANNEL_LABELS.map((l) => ({ value: l, label: t(`channel_${l}`) })),
    { value: CUSTOM, label: t('channelCustom') },
  ];
  const title = kind === 'phones' ? t('otherPhones') : t('otherEmails');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {value.map((row, i) => {
        const custom = !isKnown(row.label);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              aria-label={t('channelLabel', { n: i + 1, what: title })}
              data={options}
              value={custom ? CUSTOM : row.label}
              onChange={(v) => set(i, { label: v === CUSTOM ? '' : (v ?? 'other') })}
              allowDeselect={false}
              w={130}
            />
            {custom && (
              <TextInput
                aria-label={t('channelCustomLabel', { n: i + 1, what: title })}
                placeholder={t('channelCustomPlaceholder')}
                maxLength={CHANNEL_LABEL_MAX}
                value={row.label}
                onChange={(e) => set(i, { label: e.currentTarget.value })}
                error={errors[`${i}.label`]}
                w={140}
              />
            )}
            <TextInput
              aria-label={t(kind === 'phones' ? 'channelPhone' : 'channelEmail', { n: i + 1 })}
              type={kind === 'phones' ? 'tel' : 'email'}
              maxLength={kind === 'phones' ? PHONE_MAX : CHANNEL_EMAIL_MAX}
              autoComplete="off"
              value={row.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              error={errors[`${i}.value`]}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t('channelRemove', { n: i + 1, what: title })}
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {value.length < CHANNELS_MAX && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...value, { label: kind === 'phones' ? 'mobile' : 'work', value: '' }])}
          >
            {kind === 'phones' ? t('addPhone') : t('addEmail')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
