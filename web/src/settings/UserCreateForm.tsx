import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { PasswordField } from '../components/PasswordField.js';

export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const;

/** A new team member with a role and an initial password they can change in their profile. */
export function UserCreateForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation('settings');
  const qc = useQueryClient();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'sales', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('required')),
      password: (v) => (v ? null : t('required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await api<User>('POST', '/users', {
        email: v.email.trim(),
        name: v.name.trim() || null,
        role: v.role,
        password: v.password,
        // the admin's language is the best guess until the person picks theirs
        locale: i18n.language === 'en' ? 'en' : 'fr',
      });
      await qc.invalidateQueries({ queryKey: ['users'] });
      notifySaved(t('userCreated'));
      onDone();
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('name')} autoComplete="off" maxLength={100} {...form.getInputProps('name')} />
        <TextInput
          label={t('email')}
          type="email"
          autoComplete="off"
          required
          maxLength={100}
          {...form.getInputProps('email')}
        />
        <Select
          label={t('role')}
          data={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))}
          allowDeselect={false}
          required
          {...form.getInputProps('role')}
        />
        <PasswordField
          visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
          label={t('initialPassword')}
          description={t('initialPasswordHint')}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('createUser')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
