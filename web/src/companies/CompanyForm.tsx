import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useMe, useSave } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { canReassign } from '../auth/permissions.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { UserSelect } from '../components/UserSelect.js';

interface Values {
  company_name: string;
  industry: string;
  website: string;
  owner_id: string | null;
}
const FIELDS = ['company_name', 'industry', 'website', 'owner_id'];

const toBody = (v: Values): Record<string, unknown> => ({
  company_name: v.company_name.trim(),
  industry: v.industry.trim() || null,
  website: v.website.trim() || null,
  owner_id: v.owner_id ? Number(v.owner_id) : null,
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
  const { t } = useTranslation('companies');
  const { t: tc } = useTranslation();
  const me = useMe().data;
  const save = useSave<Company>('companies');
  const initial: Values = {
    company_name: company?.company_name ?? '',
    industry: company?.industry ?? '',
    website: company?.website ?? '',
    owner_id: company
      ? company.owner_id == null
        ? null
        : String(company.owner_id)
      : me
        ? String(me.user_id)
        : null,
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: { company_name: (v) => (v.trim() ? null : t('nameRequired')) },
  });
  // sales hand over only their own companies, and create only for themselves (server rule)
  const ownerEditable = company ? canReassign(me, 'companies', company) : me?.role !== 'sales';

  const submit = form.onSubmit(async (values) => {
    const body = toBody(values);
    const before = toBody(initial);
    // an edit sends only what changed: it cannot undo someone else's change to another field
    const changes = company
      ? Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== before[k]))
      : body;
    try {
      const saved = await save.mutateAsync({ id: company?.company_id, values: changes });
      notifySaved(company ? undefined : t('created'));
      onDone(saved);
    } catch (e) {
      const own = e instanceof ApiError && Object.keys(e.fieldErrors).some((f) => FIELDS.includes(f));
      if (!own || !applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('name')}
          required
          maxLength={100}
          data-autofocus
          autoComplete="organization"
          {...form.getInputProps('company_name')}
        />
        <TextInput label={t('industry')} maxLength={50} {...form.getInputProps('industry')} />
        <TextInput
          label={t('website')}
          type="url"
          maxLength={100}
          placeholder="https://"
          {...form.getInputProps('website')}
        />
        <UserSelect label={t('owner')} disabled={!ownerEditable} {...form.getInputProps('owner_id')} />
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
