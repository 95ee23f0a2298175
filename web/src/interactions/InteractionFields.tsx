import { Box, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_TYPES, type InteractionType, TYPE_ICONS } from './types.js';

export interface InteractionValues {
  interaction_type: InteractionType;
  /** the picker's local "YYYY-MM-DD HH:mm:ss" */
  interaction_date: string | null;
  notes: string;
}

/** Type, date and notes of an interaction: the same fields to log one and to edit one. */
export function InteractionFields<V extends InteractionValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation('interactions');
  const legendId = useId();
  const narrow = useMediaQuery('(max-width: 30em)');
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Box w={{ base: '100%', xs: 'auto' }}>
          <Text id={legendId} size="sm" fw={500} mb={4}>
            {t('type')}
          </Text>
          <SegmentedControl
            aria-labelledby={legendId}
            // four choices must fit a 375 px phone: smaller, without icons, across the width
            size={narrow ? 'xs' : 'sm'}
            fullWidth={narrow}
            data={INTERACTION_TYPES.map((type) => {
              const Icon = TYPE_ICONS[type];
              return {
                value: type,
                label: (
                  <Group gap={4} wrap="nowrap" justify="center">
                    {!narrow && <Icon size={14} aria-hidden />}
                    <span>{t(type)}</span>
                  </Group>
                ),
              };
            })}
            {...form.getInputProps('interaction_type')}
          />
        </Box>
        <DateTimePicker
          label={t('date')}
          valueFormat="DD/MM/YYYY HH:mm"
          {...form.getInputProps('interaction_date')}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      <Textarea
        label={t('notes')}
        placeholder={t('notesPlaceholder')}
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('notes')}
      />
    </Stack>
  );
}
