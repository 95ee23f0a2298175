import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSave } from '../api/queries.js';
import type { Interaction } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { ContactSelect } from '../contacts/ContactSelect.js';
import { DealSelect } from './DealSelect.js';
import { InteractionFields, type InteractionValues } from './InteractionFields.js';
import type { InteractionScope } from './types.js';

interface Values extends InteractionValues {
  /** chosen in the form when it is not given (on a company's page) */
  contact_id: string | null;
  /** chosen among the contact's deals when the page is not a deal's */
  opportunity_id: string | null;
}

const now = () => dayjs().format('YYYY-MM-DD HH:mm:ss');

/**
 * Logs a call, email, meeting or note on a contact, about one of their deals or none; from a deal's
 * page, on that deal. On a company's page (`companyId` without `contactId`) the user picks which of
 * its contacts it was with. The author is the signed-in user: the API fills it in.
 */
export function LogInteractionForm({ contactId, opportunityId, companyId }: InteractionScope) {
  const { t } = useTranslation('interactions');
  const titleId = useId();
  const save = useSave<Interaction>('interactions');
  const pickContact = contactId === undefined;
  const form = useForm<Values>({
    initialValues: {
      contact_id: null,
      opportunity_id: null,
      interaction_type: 'call',
      interaction_date: now(),
      notes: '',
    },
    validate: {
      contact_id: (v) => (pickContact && !v ? t('contactRequired') : null),
      interaction_date: (v) => (v ? null : t('dateRequired')),
    },
  });
  const chosenContact = contactId ?? (form.values.contact_id ? Number(form.values.contact_id) : null);

  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync({
        values: {
          contact_id: contactId ?? Number(v.contact_id),
          opportunity_id: opportunityId ?? (v.opportunity_id ? Number(v.opportunity_id) : null),
          interaction_type: v.interaction_type,
          // the picker's time is the user's local time; the API wants an instant with its offset
          interaction_date: dayjs(v.interaction_date).toISOString(),
          notes: v.notes.trim() || null,
        },
      });
      notifySaved(t('logged'));
      // ready for the next one, keeping the type, contact and deal: several are often logged in a row
      form.setValues({ interaction_date: now(), notes: '' });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  const contactInput = form.getInputProps('contact_id');
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text id={titleId} fw={600} size="sm" component="h3" m={0}>
            {t('logTitle')}
          </Text>
          {pickContact && (
            <ContactSelect
              label={t('contactLabel')}
              placeholder={t('contactPlaceholder')}
              nothingFoundMessage={t('noContactFound')}
              required
              where={companyId === undefined ? undefined : { company_id: companyId }}
              {...contactInput}
              onChange={(v) => {
                // another contact's deals are not offered: the choice made for the previous one goes
                contactInput.onChange(v);
                form.setFieldValue('opportunity_id', null);
              }}
            />
          )}
          <InteractionFields form={form} />
          {opportunityId === undefined && chosenContact !== null && (
            <DealSelect contactId={chosenContact} {...form.getInputProps('opportunity_id')} />
          )}
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
