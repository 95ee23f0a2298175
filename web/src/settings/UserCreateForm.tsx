import { Button, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { PasswordField } from '../components/PasswordField.js';
import type { ShownLink } from './LinkModal.js';

export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const;

interface Invitation {
  sent: boolean;
  link: string | null;
}

/**
 * A new team member with a role, who either gets an invitation to choose their password (mailed,
 * or a link for the admin to pass on: `onDone(link)`) or a password typed here, which they must
 * change at their first sign-in.
 */
export function UserCreateForm({ onDone }: { onDone: (shown?: ShownLink) => void }) {
  const { t, i18n } = useTranslation('settings');
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      email: '',
      name: '',
      role: 'sales',
      mode: 'password' as 'password' | 'invite',
      password: '',
    },
    validate: {
      email: (v) => (v.trim() ? null : t('required')),
      password: (v, all) => (all.mode === 'invite' || v ? null : t('required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    let created: User;
    try {
      created = await api<User>('POST', '/users', {
        email: v.email.trim(),
        name: v.name.trim() || null,
        role: v.role,
        ...(v.mode === 'password' ? { password: v.password } : {}),
        // the admin's language is the best guess until the person picks theirs
        locale: i18n.language === 'en' ? 'en' : 'fr',
      });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
      return;
    }
    await qc.invalidateQueries({ queryKey: ['users'] });
    notifySaved(t('userCreated'));
    if (v.mode === 'password') return onDone();
    try {
      const inv = await api<Invitation>('POST', `/users/${created.user_id}/invitation`);
      if (inv.sent) notifySaved(t('invitationSent'));
      onDone(inv.link ? { purpose: 'invite', email: created.email, link: inv.link } : undefined);
    } catch (e) {
      // the user exists: the admin can make a link from the list
      notifyError(e);
      onDone();
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
        <Radio.Group label={t('firstPassword')} {...form.getInputProps('mode')}>
          <Group mt="xs">
            <Radio value="invite" label={t('modeInvite')} />
            <Radio value="password" label={t('modePassword')} />
          </Group>
        </Radio.Group>
        {form.values.mode === 'invite' ? (
          <Text size="sm" c="dimmed">
            {t('inviteHint')}
          </Text>
        ) : (
          <PasswordField
            visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
            label={t('initialPassword')}
            description={t('initialPasswordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('createUser')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
