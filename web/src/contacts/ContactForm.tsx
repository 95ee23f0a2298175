import { Anchor, Button, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHANNEL_EMAIL_MAX, CHANNEL_LABELS } from '../../../shared/channels.js';
import { moneyLocale } from '../../../shared/money-input.js';
import { isPhoneText, PHONE_MAX } from '../../../shared/phone.js';
import { ApiError } from '../api/client.js';
import { useMe, useSave } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { canReassign } from '../auth/permissions.js';
import { CompanySelect, usePendingCompany } from '../companies/CompanySelect.js';
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
import { declaredFields } from '../fields/declared.js';
import i18n from '../i18n/index.js';
import { sameValue, tagsProps } from '../tags/formTags.js';
import { TagsField } from '../tags/TagsField.js';
import { type ChannelRow, ChannelsInput } from './ChannelsInput.js';

/**
 * The form's layout: the declared fields it shows as texts (shared/record-fields.ts gives their
 * limits and checks), in order. The company and the owner are pickers of their own.
 */
export const CONTACT_LAYOUT = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'job_title',
  'street',
  'postal_code',
  'city',
  'region',
  'country',
  'birthday',
  'linkedin_url',
  'source',
] as const;
const declared = declaredFields('contacts', CONTACT_LAYOUT);

type Values = Record<(typeof CONTACT_LAYOUT)[number], string> & {
  company_id: string | null;
  owner_id: string | null;
  tags: string[];
  /** filled once the definitions are read (CustomFieldsGroup) */
  custom_fields: CfFormValues;
  /** the extra phones and emails (shared/channels.ts), as rows of the form */
  phones: ChannelRow[];
  emails: ChannelRow[];
};
const FIELDS: string[] = [...CONTACT_LAYOUT, 'company_id', 'owner_id', 'tags'];
/** a field error of the API about one of the extras: phones.2.number, emails.0.email */
const isChannelField = (f: string) => /^(phones|emails)(\.|$)/.test(f);

const locale = () => moneyLocale(i18n.language);

const toValues = (c: Partial<Contact>): Values => ({
  ...(declared.texts(c, locale()) as Record<(typeof CONTACT_LAYOUT)[number], string>),
  company_id: c.company_id == null ? null : String(c.company_id),
  owner_id: c.owner_id == null ? null : String(c.owner_id),
  tags: c.tags ?? [],
  custom_fields: {},
  phones: (c.phones ?? []).map((p) => ({ label: p.label, value: p.number })),
  emails: (c.emails ?? []).map((e) => ({ label: e.label, value: e.email })),
});

/** Form values as the API wants them: blanks are null, IDs are numbers, blank extras left out. */
const toBody = (v: Values): Record<string, unknown> => ({
  ...declared.body(v, locale()),
  company_id: v.company_id ? Number(v.company_id) : null,
  owner_id: v.owner_id ? Number(v.owner_id) : null,
  tags: v.tags,
  phones: filled(v.phones).map(({ row }) => ({
    label: row.label.trim() || 'other',
    number: row.value.trim(),
  })),
  emails: filled(v.emails).map(({ row }) => ({
    label: row.label.trim() || 'other',
    email: row.value.trim(),
  })),
});

/** the rows with a value, and their places in the form (the API's errors name the former) */
const filled = (rows: ChannelRow[]) =>
  rows.map((row, at) => ({ row, at })).filter(({ row }) => row.value.trim() !== '');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The extras' own checks, as the API makes them: a label, a phone's length, an address's form. */
function channelProblems(v: Values): Record<string, string> {
  const t = i18n.getFixedT(null, 'contacts');
  const errors: Record<string, string> = {};
  for (const kind of ['phones', 'emails'] as const)
    for (const { row, at } of filled(v[kind])) {
      if (!isKnown(row.label) && row.label.trim() === '')
        errors[`${kind}.${at}.label`] = t('channelLabelRequired');
      const text = row.value.trim();
      if (kind === 'phones' && !isPhoneText(text))
        errors[`${kind}.${at}.value`] = t('phoneInvalid', { max: PHONE_MAX });
      if (kind === 'emails' && (!EMAIL.test(text) || text.length > CHANNEL_EMAIL_MAX))
        errors[`${kind}.${at}.value`] = t('emailInvalid');
    }
  return errors;
}

const isKnown = (label: string) => (CHANNEL_LABELS as readonly string[]).includes(label);

/** Create (no `contact`) or edit a contact; `defaults` pre-fills a new one (e.g. its company). */
export function ContactForm({
  contact,
  defaults,
  onDone,
  onCancel,
}: {
  contact?: Contact;
  defaults?: Partial<Contact>;
  onDone: (saved: Contact) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation();
  const me = useMe().data;
  const save = useSave<Contact>('contacts');
  const initial = toValues(contact ?? { owner_id: me?.user_id ?? null, ...defaults });
  const pendingCompany = usePendingCompany();
  const cf = useCustomFields('contacts').data ?? [];
  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      // the server's own rules, checked first so a typo is caught without a round trip
      const errors: Record<string, string> = {
        ...declared.problems(v, locale()),
        ...cfProblems(cf, v.custom_fields, locale()),
        ...channelProblems(v),
      };
      if (!v.first_name.trim() && !v.last_name.trim() && !v.email.trim()) {
        errors.first_name = t('nameRequired');
        errors.last_name = t('nameRequired');
        errors.email = t('nameRequired');
      }
      const company = pendingCompany.check();
      if (company) errors.company_id = company;
      return errors;
    },
  });
  // a new contact is the creator's by default, also when who is signed in arrives after the form
  const myId = me?.user_id;
  const { setFieldValue, isTouched, getValues } = form;
  useEffect(() => {
    if (!contact && myId !== undefined && !isTouched('owner_id') && getValues().owner_id === null)
      setFieldValue('owner_id', String(myId));
  }, [contact, myId, setFieldValue, isTouched, getValues]);
  const input = (name: (typeof CONTACT_LAYOUT)[number]) => ({
    resource: 'contacts' as const,
    name,
    ...(form.getInputProps(name) as { value: string; onChange: (text: string) => void }),
  });
  // sales hand over only their own contacts, and create only for themselves (server rule)
  const ownerEditable = contact ? canReassign(me, 'contacts', contact) : me?.role !== 'sales';

  const submit = form.onSubmit(async (values) => {
    const body = toBody(values);
    // an edit sends only what changed: it cannot undo someone else's change to another field
    const before = toBody(initial);
    const changes = contact
      ? Object.fromEntries(Object.entries(body).filter(([k, v]) => !sameValue(v, before[k])))
      : body;
    const custom_fields = cfBody(cf, values.custom_fields, contact && recordCf(contact), locale());
    if (custom_fields) changes.custom_fields = custom_fields;
    try {
      const saved = await save.mutateAsync({ id: contact?.contact_id, values: changes });
      notifySaved(contact ? undefined : t('created'));
      onDone(saved);
    } catch (e) {
      showError(e, form.setErrors, onCancel, values);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DeclaredInput {...input('first_name')} label={t('firstName')} autoFocus />
          <DeclaredInput {...input('last_name')} label={t('lastName')} />
        </SimpleGrid>
        <DeclaredInput {...input('email')} label={t('email')} />
        <ChannelsInput
          kind="emails"
          value={form.getValues().emails}
          onChange={(rows) => form.setFieldValue('emails', rows)}
          errors={rowErrors(form.errors, 'emails')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DeclaredInput {...input('phone')} label={t('phone')} />
          <DeclaredInput {...input('job_title')} />
        </SimpleGrid>
        <ChannelsInput
          kind="phones"
          value={form.getValues().phones}
          onChange={(rows) => form.setFieldValue('phones', rows)}
          errors={rowErrors(form.errors, 'phones')}
        />
        <CompanySelect
          label={t('company')}
          creatable
          onPendingChange={pendingCompany.onPendingChange}
          {...form.getInputProps('company_id')}
        />
        <UserSelect
          label={t('owner')}
          disabled={!ownerEditable}
          description={ownerEditable ? undefined : t('ownerSalesHint')}
          {...form.getInputProps('owner_id')}
        />
        <DeclaredInput {...input('street')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DeclaredInput {...input('postal_code')} />
          <DeclaredInput {...input('city')} />
          <DeclaredInput {...input('region')} />
          <DeclaredInput {...input('country')} />
          <DeclaredInput {...input('birthday')} />
          <DeclaredInput {...input('source')} />
        </SimpleGrid>
        <DeclaredInput {...input('linkedin_url')} placeholder="https://www.linkedin.com/in/…" />
        <TagsField {...tagsProps(form)} />
        <CustomFieldsGroup fields={cf} form={form} record={contact && recordCf(contact)} />
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

/** The errors of one list's rows, by "index.label" / "index.value". */
function rowErrors(errors: Record<string, React.ReactNode>, kind: 'phones' | 'emails') {
  const out: Record<string, React.ReactNode> = {};
  for (const [k, v] of Object.entries(errors))
    if (k.startsWith(`${kind}.`)) out[k.slice(kind.length + 1)] = v;
  return out;
}

/**
 * An API field error's place in the form: an extra's "emails.1.email" is the row of the form that
 * became the API's second one, its value input.
 */
function formField(field: string, values: Values): string {
  const m = /^(phones|emails)\.(\d+)\.(\w+)$/.exec(field);
  if (!m) return field;
  const kind = m[1] as 'phones' | 'emails';
  const at = filled(values[kind])[Number(m[2])]?.at ?? Number(m[2]);
  return `${kind}.${at}.${m[3] === 'label' ? 'label' : 'value'}`;
}

/**
 * The API's complaints go next to the fields they are about. A duplicate email says so in the
 * user's language and links to the contact that already has it.
 */
function showError(
  e: unknown,
  setErrors: (errors: Record<string, React.ReactNode>) => void,
  close: () => void,
  values: Values,
) {
  const t = i18n.getFixedT(null, 'contacts');
  if (e instanceof ApiError && e.status === 409 && e.problem.type.endsWith('/duplicate')) {
    const existing = e.problem.existing_id as number | undefined;
    // the primary email, or the extra another contact holds
    const field = formField(e.problem.errors?.[0]?.field ?? 'email', values);
    setErrors({
      [field]: (
        <>
          {t('duplicateEmail')}{' '}
          {existing !== undefined && (
            <Anchor component={Link} to={`/contacts/${existing}`} onClick={close} size="xs">
              {t('openExisting')}
            </Anchor>
          )}
        </>
      ),
    });
    return;
  }
  const own =
    e instanceof ApiError &&
    Object.keys(e.fieldErrors).some((f) => FIELDS.includes(f) || isCustomError(f) || isChannelField(f));
  const placed = (errors: Record<string, string>) =>
    Object.fromEntries(Object.entries(errors).map(([f, m]) => [formField(f, values), m]));
  if (!own || !applyFieldErrors(e, (errors) => setErrors(placed(withNameRule(e as ApiError, errors)))))
    notifyError(e);
}

/** The server's "one of the names or the email" rule, in the words the form itself uses for it. */
function withNameRule(e: ApiError, errors: Record<string, string>): Record<string, string> {
  const t = i18n.getFixedT(null, 'contacts');
  const out = { ...errors };
  for (const f of e.problem.errors ?? []) if (f.code === 'required_one_of') out[f.field] = t('nameRequired');
  return out;
}

/** The form in a dialog (full screen on a phone). */
export function ContactFormModal({
  opened,
  onClose,
  contact,
  defaults,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  defaults?: Partial<Contact>;
  onSaved?: (saved: Contact) => void;
}) {
  const { t } = useTranslation('contacts');
  const phone = useMediaQuery('(max-width: 30em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? t('editContact') : t('newContact')}
      size="lg"
      fullScreen={phone}
    >
      <ContactForm
        contact={contact}
        defaults={defaults}
        onCancel={onClose}
        onDone={(saved) => {
          onClose();
          onSaved?.(saved);
        }}
      />
    </Modal>
  );
}
