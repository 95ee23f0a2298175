import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { moneyLocale } from '../../../shared/money-input.js';
import { useCurrency, useMe, useSave } from '../api/queries.js';
import type { Opportunity, PipelineStage, User } from '../api/types.js';
import { canReassign } from '../auth/permissions.js';
import { CompanySelect, usePendingCompany } from '../companies/CompanySelect.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { MoneyInput, useMoneyRule } from '../components/MoneyInput.js';
import { ErrorState, Loading } from '../components/states.js';
import { UserSelect } from '../components/UserSelect.js';
import { ContactSelect } from '../contacts/ContactSelect.js';
import { CustomFieldsGroup } from '../fields/CustomFieldsGroup.js';
import { type CfFormValues, cfBody, cfProblems, recordCf, useCustomFields } from '../fields/customFields.js';
import { DeclaredInput } from '../fields/DeclaredInput.js';
import { fieldProblem, limits } from '../fields/declared.js';
import { currencySymbol } from '../lib/format.js';
import { tagsProps } from '../tags/formTags.js';
import { TagsField } from '../tags/TagsField.js';
import { type FormValues, parseDate, toBody, toFormValues } from './formValues.js';
import { useStages } from './queries.js';

interface Props {
  opportunity?: Opportunity;
  onSaved: (saved: Opportunity) => void;
  onCancel: () => void;
}

/** Create (no `opportunity`) or edit a deal; the API's field errors show next to their fields. */
export function OpportunityForm(props: Props) {
  const me = useMe();
  const stages = useStages();
  // the defaults (first open stage, me as owner) must be known before the form takes its values
  if (stages.error) return <ErrorState error={stages.error} onRetry={() => stages.refetch()} />;
  if (!stages.data || me.isLoading) return <Loading />;
  return <FormFields {...props} me={me.data ?? null} stages={stages.data} />;
}

function FormFields({
  opportunity,
  onSaved,
  onCancel,
  me,
  stages,
}: Props & { me: User | null; stages: PipelineStage[] }) {
  const { t, i18n } = useTranslation('opportunities');
  const { t: tc } = useTranslation('common');
  const qc = useQueryClient();
  const currency = useCurrency();
  const save = useSave<Opportunity>('opportunities');
  const firstOpen = stages.find((s) => s.kind === 'open')?.name;
  const locale = moneyLocale(i18n.language);
  const moneyRule = useMoneyRule();
  const initial = toFormValues(
    opportunity,
    { stage: firstOpen, owner_id: me ? String(me.user_id) : null },
    locale,
  );
  const pendingCompany = usePendingCompany();
  const cf = useCustomFields('opportunities').data ?? [];
  const form = useForm<FormValues & { custom_fields: CfFormValues }>({
    // the custom fields' values are filled once the definitions are read (CustomFieldsGroup)
    initialValues: { ...initial, custom_fields: {} },
    validate: (v) => {
      const errors: Record<string, string | null> = {
        opportunity_name: v.opportunity_name.trim() ? null : t('nameRequired'),
        deal_value: moneyRule(v.deal_value),
        probability: fieldProblem('opportunities', 'probability', v.probability, locale),
        company_id: pendingCompany.check(),
        // under the API's names (`custom_fields.<key>`), where the group shows them
        ...cfProblems(cf, v.custom_fields, locale),
      };
      return Object.fromEntries(Object.entries(errors).filter(([, e]) => e));
    },
  });
  const stageProbability = stages.find((s) => s.name === form.getValues().stage)?.probability;
  // a sales user may take a deal for themselves but not hand it (or a new one) to someone else
  const ownerLocked = !canReassign(me, 'opportunities', opportunity ?? { owner_id: me?.user_id });

  const submit = form.onSubmit(async (values) => {
    try {
      const body = toBody(values, opportunity ? initial : undefined, locale);
      const custom_fields = cfBody(cf, values.custom_fields, opportunity && recordCf(opportunity), locale);
      if (custom_fields) body.custom_fields = custom_fields;
      const saved = await save.mutateAsync({ id: opportunity?.opportunity_id, values: body });
      void qc.invalidateQueries({ queryKey: ['pipeline'] });
      notifySaved(opportunity ? tc('saved') : t('created'));
      onSaved(saved);
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('name')}
          required
          maxLength={limits('opportunities', 'opportunity_name').maxLength}
          data-autofocus
          {...form.getInputProps('opportunity_name')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <CompanySelect
            label={t('company')}
            creatable
            onPendingChange={pendingCompany.onPendingChange}
            {...form.getInputProps('company_id')}
          />
          <ContactSelect label={t('contact')} {...form.getInputProps('contact_id')} />
          <MoneyInput
            label={t('value', { currency: currencySymbol(currency, i18n.language) })}
            {...form.getInputProps('deal_value')}
          />
          <Select
            label={t('stage')}
            data={stages.map((s) => s.name)}
            allowDeselect={false}
            {...form.getInputProps('stage')}
          />
          <DateInput
            label={t('expectedClose')}
            placeholder={t('datePlaceholder')}
            valueFormat="DD/MM/YYYY"
            dateParser={parseDate}
            clearable
            {...form.getInputProps('expected_close_date')}
          />
          <DeclaredInput
            resource="opportunities"
            name="probability"
            placeholder={stageProbability === undefined ? undefined : String(stageProbability)}
            description={t('probabilityHint')}
            {...form.getInputProps('probability')}
          />
          <UserSelect label={t('owner')} disabled={ownerLocked} {...form.getInputProps('owner_id')} />
        </SimpleGrid>
        <TagsField {...tagsProps(form)} />
        <CustomFieldsGroup fields={cf} form={form} record={opportunity && recordCf(opportunity)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {tc('cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {opportunity ? tc('save') : tc('create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The form in a dialog (full screen on a phone). */
export function OpportunityFormModal({
  opened,
  onClose,
  opportunity,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  opportunity?: Opportunity;
  onSaved?: (saved: Opportunity) => void;
}) {
  const { t } = useTranslation('opportunities');
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={opportunity ? t('editOpportunity') : t('newOpportunity')}
      size="lg"
      fullScreen={phone}
    >
      {opened && (
        <OpportunityForm
          opportunity={opportunity}
          onCancel={onClose}
          onSaved={(saved) => {
            onClose();
            onSaved?.(saved);
          }}
        />
      )}
    </Modal>
  );
}
