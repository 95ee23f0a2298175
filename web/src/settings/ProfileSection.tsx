import { Button, Group, Paper, PasswordInput, Radio, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { ErrorState, Loading } from '../components/states.js';
import { LANGUAGES, type Language, setLanguage } from '../i18n/index.js';

// Each language is named in itself, so that someone who cannot read the current one finds theirs.
const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

function NameAndLanguage({ me }: { me: User }) {
  const { t, i18n } = useTranslation('settings');
  const qc = useQueryClient();
  const form = useForm({
    initialValues: {
      name: me.name ?? '',
      locale: (me.locale === 'en' || me.locale === 'fr' ? me.locale : i18n.language) as Language,
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const updated = await api<User>('PATCH', '/auth/me', {
        name: values.name.trim() || null,
        locale: values.locale,
      });
      qc.setQueryData(['me'], updated);
      // other lists show this user's name
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (values.locale !== i18n.language) await setLanguage(values.locale);
      form.resetDirty(values);
      notifySaved(i18n.t('profileSaved', { ns: 'settings' }));
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('profileTitle')}
        </Title>
        <TextInput label={t('email')} value={me.email} readOnly variant="filled" />
        <TextInput label={t('name')} autoComplete="name" maxLength={100} {...form.getInputProps('name')} />
        <Radio.Group label={t('language')} description={t('languageHint')} {...form.getInputProps('locale')}>
          <Group mt="xs">
            {LANGUAGES.map((l) => (
              <Radio key={l} value={l} label={LANGUAGE_NAMES[l]} lang={l} />
            ))}
          </Group>
        </Radio.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('saveProfile')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PasswordForm() {
  const { t } = useTranslation('settings');
  const qc = useQueryClient();
  const form = useForm({
    initialValues: { current_password: '', password: '', confirm: '' },
    validate: {
      current_password: (v) => (v ? null : t('required')),
      password: (v) => (v ? null : t('required')),
      confirm: (v, all) => (v === all.password ? null : t('passwordsDiffer')),
    },
  });
  // PasswordInput does not link its error to the field (Mantine renders it withAria false): do it here
  const field = (name: 'current_password' | 'password' | 'confirm', described = false) => {
    const id = `profile-${name}`;
    const ids = [described && `${id}-description`, form.errors[name] && `${id}-error`].filter(Boolean);
    return {
      ...form.getInputProps(name),
      id,
      'aria-invalid': form.errors[name] ? true : undefined,
      'aria-describedby': ids.length ? ids.join(' ') : undefined,
    };
  };
  const submit = form.onSubmit(async ({ current_password, password }) => {
    try {
      const updated = await api<User>('PATCH', '/auth/me', { current_password, password });
      qc.setQueryData(['me'], updated);
      form.reset();
      notifySaved(t('passwordChanged'));
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('passwordTitle')}
        </Title>
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
          label={t('currentPassword')}
          autoComplete="current-password"
          required
          {...field('current_password')}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
          label={t('newPassword')}
          description={t('newPasswordHint')}
          autoComplete="new-password"
          required
          {...field('password', true)}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
          label={t('confirmPassword')}
          autoComplete="new-password"
          required
          {...field('confirm')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** My name, language and password: every user may change these, whatever their role. */
export function ProfileSection() {
  const me = useMe();
  if (me.isLoading) return <Loading />;
  if (me.error || !me.data) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  return (
    <Stack gap="md" maw={560}>
      <Paper withBorder p="md">
        <NameAndLanguage me={me.data} />
      </Paper>
      <Paper withBorder p="md">
        <PasswordForm />
      </Paper>
    </Stack>
  );
}
