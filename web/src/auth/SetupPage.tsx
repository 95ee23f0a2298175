import { Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useInstance, useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { applyFieldErrors, notifyError } from '../components/feedback.js';
import { PasswordField } from '../components/PasswordField.js';
import { Loading } from '../components/states.js';
import i18n from '../i18n/index.js';

/** The one-time form that creates the first administrator (only while no user exists). */
export default function SetupPage() {
  const { t } = useTranslation('auth');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const instance = useInstance();
  const me = useMe();
  const form = useForm({
    initialValues: { name: '', email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('emailRequired')),
      password: (v) => (v ? null : t('passwordRequired')),
    },
  });

  if (instance.isLoading) return <Loading />;
  // closed once an administrator exists: to the app if signed in (as right after setup), else to sign-in
  if (instance.data && !instance.data.setup_needed) return <Navigate to={me.data ? '/' : '/login'} replace />;

  const submit = form.onSubmit(async (values) => {
    try {
      const { user } = await api<{ user: User }>('POST', '/setup', {
        ...values,
        email: values.email.trim(),
        name: values.name.trim() || null,
        locale: i18n.language === 'en' ? 'en' : 'fr',
      });
      qc.setQueryData(['me'], user);
      await qc.invalidateQueries({ queryKey: ['instance'] });
      navigate('/', { replace: true });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <Center mih="100vh" p="md">
      {/* less padding on a phone, so that the long button label fits a 375 px screen */}
      <Paper component="main" withBorder p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={440}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {t('setupTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('setupIntro')}
            </Text>
            <TextInput label={t('name')} autoComplete="name" {...form.getInputProps('name')} />
            <TextInput
              label={t('email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordField
              label={t('password')}
              description={t('passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('createAdmin')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
