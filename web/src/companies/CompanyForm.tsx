import { Button, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { type MoneyLocale, moneyLocale } from '../../../shared/money-input.js';
import { ApiError } from '../api/client.js';
import { useCurrency, useMe, useSave } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { canReassign } from '../auth/permissions.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { UserSelect } from '../components/UserSelect.js';
import { CustomFieldsGroup } from '../fields/CustomFieldsGroup.js';
import {
  type CfFormValues,
  cfBody,
  cfProblems,
  isCustomError,
  recordCf,
  useCustomFields,
} from '../fields/customFields.js';
import { DeclaredInput } from '../fields/DeclaredInput.js';
import { declaredFields, declaredLabel } from '../fields/declared.js';
import { currencySymbol } from '../lib/format.js';
import { sameValue, tagsProps } from '../tags/formTags.js';
import { TagsField } from '../tags/TagsField.js';

/**
 * The form's layout: the declared fields it shows as texts (shared/record-fields.ts gives their
 * limits and checks), in order. The owner is a picker of its own.
 */
export const COMPANY_LAYOUT = [
  'company_name',
  'industry',
  'website',
  'domain',
  'phone',
  'street',
  'postal_code',
  'city',
  'region',
  'country',
  'employees',
  'annual_revenue',
] as const;
const declared = declaredFields('companies', COMPANY_LAYOUT);

type Values = Record<(typeof COMPANY_LAYOUT)[number], string> & {
  owner_id: string | null;
  tags: string[];
  /** filled once the definitions are read (CustomFieldsGroup) */
  custom_fields: CfFormValues;
};
const FIELDS: string[] = [...COMPANY_LAYOUT, 'owner_id', 'tags'];

const toBody = (v: Values, locale: MoneyLocale): Record<string, unknown> => ({
  ...declared.body(v, locale),
  owner_id: v.owner_id ? Number(v.owner_id) : null,
  tags: v.tags,
});

/** Create (no `company`) or edit a company. */
export function CompanyForm({
  company,
  onDone,
  onCancel,
}: {
  company?: Company;
  onDone: (saved: Company) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('companies');
  const { t: tc } = useTranslation();
  const currency = useCurrency();
  const me = useMe().data;
  const save = useSave<Company>('companies');
  const locale = moneyLocale(i18n.language);
  const initial: Values = {
    ...(declared.texts(company, locale) as Record<(typeof COMPANY_LAYOUT)[number], string>),
    owner_id: company
      ? company.owner_id == null
        ? null
        : String(company.owner_id)
      : me
        ? String(me.user_id)
        : null,
    tags: company?.tags ?? [],
    custom_fields: {},
  };
  const cf = useCustomFields('companies').data ?? [];
  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      // the server's own rules, checked first so a typo is caught without a round trip
      const errors = { ...declared.problems(v, locale), ...cfProblems(cf, v.custom_fields, locale) };
      if (!v.company_name.trim()) errors.company_name = t('nameRequired');
      return errors;
    },
  });
  const input = (name: (typeof COMPANY_LAYOUT)[number]) => ({
    resource: 'companies' as const,
    name,
    ...(form.getInputProps(name) as { value: string; onChange: (text: string) => void }),
  });
  // sales hand over only their own companies, and create only for themselves (server rule)
  const ownerEditable = company ? canReassign(me, 'companies', company) : me?.role !== 'sales';

  const submit = form.onSubmit(async (values) => {
    const body = toBody(values, locale);
    const before = toBody(initial, locale);
    // an edit sends only what changed: it cannot undo someone else's change to another field
    const changes = company
      ? Object.fromEntries(Object.entries(body).filter(([k, v]) => !sameValue(v, before[k])))
      : body;
    const custom_fields = cfBody(cf, values.custom_fields, company && recordCf(company), locale);
    if (custom_fields) changes.custom_fields = custom_fields;
    try {
      const saved = await save.mutateAsync({ id: company?.company_id, values: changes });
      notifySaved(company ? undefined : t('created'));
      onDone(saved);
    } catch (e) {
      const own =
        e instanceof ApiError &&
        Object.keys(e.fieldErrors).some((f) => FIELDS.includes(f) || isCustomError(f));
      if (!own || !applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <DeclaredInput {...input('company_name')} label={t('name')} autoFocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DeclaredInput {...input('industry')} label={t('industry')} />
          <DeclaredInput {...input('phone')} />
          <DeclaredInput {...input('website')} label={t('website')} placeholder="https://" />
          <DeclaredInput {...input('domain')} placeholder="example.com" />
        </SimpleGrid>
        <DeclaredInput {...input('street')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DeclaredInput {...input('postal_code')} />
          <DeclaredInput {...input('city')} />
          <DeclaredInput {...input('region')} />
          <DeclaredInput {...input('country')} />
          <DeclaredInput {...input('employees')} />
          <DeclaredInput
            {...input('annual_revenue')}
            label={`${declaredLabel('companies', 'annual_revenue')} (${currencySymbol(currency, i18n.language)})`}
          />
        </SimpleGrid>
        <UserSelect label={t('owner')} disabled={!ownerEditable} {...form.getInputProps('owner_id')} />
        <TagsField {...tagsProps(form)} />
        <CustomFieldsGroup fields={cf} form={form} record={company && recordCf(company)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {tc('cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {tc('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CompanyFormModal({
  opened,
  onClose,
  company,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  company?: Company;
  onSaved?: (saved: Company) => void;
}) {
  const { t } = useTranslation('companies');
  const phone = useMediaQuery('(max-width: 30em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={company ? t('editCompany') : t('newCompany')}
      size="lg"
      fullScreen={phone}
    >
      <CompanyForm
        company={company}
        onCancel={onClose}
        onDone={(saved) => {
          onClose();
          onSaved?.(saved);
        }}
      />
    </Modal>
  );
}

/** A website as a link that opens it: "acme.fr" is taken to mean https://acme.fr. */
export function websiteHref(site: string): string | null {
  const url = /^https?:\/\//i.test(site) ? site : `https://${site}`;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}
