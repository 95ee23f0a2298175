import { Box, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSave } from '../api/queries.js';
import type { Interaction } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { ContactSelect } from '../opportunities/RecordSelect.js';
import { INTERACTION_TYPES, type InteractionScope, type InteractionType, TYPE_ICONS } from './types.js';

interface Values {
  /** chosen in the form when it is not given (on a company's page) */
  contact_id: string | null;
  interaction_type: InteractionType;
  /** the picker's local "YYYY-MM-DD HH:mm:ss" */
  interaction_date: string | null;
  notes: string;
}

const now = () => dayjs().format('YYYY-MM-DD HH:mm:ss');

/**
 * Logs a call, email, meeting or note on a contact (and, from an opportunity's page, on that
 * opportunity too). On a company's page (`companyId` without `contactId`) the user picks which of
 * its contacts it was with. The author is the signed-in user: the API fills it in.
 */
export function LogInteractionForm({ contactId, opportunityId, companyId }: InteractionScope) {
  const { t } = useTranslation('interactions');
  const legendId = useId();
  const narrow = useMediaQuery('(max-width: 30em)');
  const save = useSave<Interaction>('interactions');
  const pickContact = contactId === undefined;
  const form = useForm<Values>({
    initialValues: { contact_id: null, interaction_type: 'call', interaction_date: now(), notes: '' },
    validate: {
      contact_id: (v) => (pickContact && !v ? t('contactRequired') : null),
      interaction_date: (v) => (v ? null : t('dateRequired')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        values: {
          contact_id: contactId ?? Number(v.contact_id),
          opportunity_id: opportunityId ?? null,
          interaction_type: v.interaction_type,
          // the picker's time is the user's local time; the API wants an instant with its offset
          interaction_date: dayjs(v.interaction_date).toISOString(),
          notes: v.notes.trim() || null,
        },
      });
      notifySaved(t('logged'));
      // ready for the next one, keeping the type and contact: several calls are often logged in a row
      form.setValues({ interaction_date: now(), notes: '' });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`${legendId}-title`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text id={`${legendId}-title`} fw={600} size="sm" component="h3" m={0}>
            {t('logTitle')}
          </Text>
          {pickContact && (
            <ContactSelect
              label={t('contactLabel')}
              placeholder={t('contactPlaceholder')}
              nothingFoundMessage={t('noContactFound')}
              required
              where={companyId === undefined ? undefined : { company_id: companyId }}
              {...form.getInputProps('contact_id')}
            />
          )}
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
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              {t('log')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
