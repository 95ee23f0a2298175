import { Anchor, Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isPhoneText, PHONE_MAX } from '../../../shared/phone.js';
import { ApiError } from '../api/client.js';
import { useMe, useSave } from '../api/queries.js';
import type { Contact } from '../api/types.js';
import { canReassign } from '../auth/permissions.js';
import { CompanySelect, usePendingCompany } from '../companies/CompanySelect.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { UserSelect } from '../components/UserSelect.js';
import i18n from '../i18n/index.js';

interface Values {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  company_id: string | null;
  owner_id: string | null;
}
const FIELDS: (keyof Values)[] = ['first_name', 'last_name', 'email', 'phone', 'company_id', 'owner_id'];
// the server's own rules (shared/resources.ts), checked first so a typo is caught without a round trip
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const toValues = (c: Partial<Contact>): Values => ({
  first_name: c.first_name ?? '',
  last_name: c.last_name ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  company_id: c.company_id == null ? null : String(c.company_id),
  owner_id: c.owner_id == null ? null : String(c.owner_id),
});

/** Form values as the API wants them: blanks are null, IDs are numbers. */
const toBody = (v: Values): Record<string, unknown> => ({
  first_name: v.first_name.trim() || null,
  last_name: v.last_name.trim() || null,
  email: v.email.trim() || null,
  phone: v.phone.trim() || null,
  company_id: v.company_id ? Number(v.company_id) : null,
  owner_id: v.owner_id ? Number(v.owner_id) : null,
});

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
  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.first_name.trim() && !v.last_name.trim() && !v.email.trim()) {
        errors.first_name = t('nameRequired');
        errors.last_name = t('nameRequired');
        errors.email = t('nameRequired');
      }
      if (v.email.trim() && !EMAIL.test(v.email.trim())) errors.email = t('emailInvalid');
      if (!isPhoneText(v.phone.trim())) errors.phone = t('phoneInvalid', { max: PHONE_MAX });
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
  // sales hand over only their own contacts, and create only for themselves (server rule)
  const ownerEditable = contact ? canReassign(me, 'contacts', contact) : me?.role !== 'sales';

  const submit = form.onSubmit(async (values) => {
    const body = toBody(values);
    // an edit sends only what changed: it cannot undo someone else's change to another field
    const before = toBody(initial);
    const changes = contact
      ? Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== before[k]))
      : body;
    try {
      const saved = await save.mutateAsync({ id: contact?.contact_id, values: changes });
      notifySaved(contact ? undefined : t('created'));
      onDone(saved);
    } catch (e) {
      showError(e, form.setErrors, onCancel);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('firstName')}
            autoComplete="off"
            maxLength={50}
            data-autofocus
            {...form.getInputProps('first_name')}
          />
          <TextInput
            label={t('lastName')}
            autoComplete="off"
            maxLength={50}
            {...form.getInputProps('last_name')}
          />
        </SimpleGrid>
        <TextInput
          label={t('email')}
          type="email"
          autoComplete="off"
          maxLength={100}
          {...form.getInputProps('email')}
        />
        <TextInput label={t('phone')} type="tel" maxLength={PHONE_MAX} {...form.getInputProps('phone')} />
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

/**
 * The API's complaints go next to the fields they are about. A duplicate email says so in the
 * user's language and links to the contact that already has it.
 */
function showError(
  e: unknown,
  setErrors: (errors: Record<string, React.ReactNode>) => void,
  close: () => void,
) {
  const t = i18n.getFixedT(null, 'contacts');
  if (e instanceof ApiError && e.status === 409 && e.problem.type.endsWith('/duplicate')) {
    const existing = e.problem.existing_id as number | undefined;
    setErrors({
      email: (
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
    e instanceof ApiError && Object.keys(e.fieldErrors).some((f) => FIELDS.includes(f as keyof Values));
  if (!own || !applyFieldErrors(e, (errors) => setErrors(withNameRule(e as ApiError, errors))))
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
