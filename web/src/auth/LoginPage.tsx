import { Alert, Anchor, Button, Center, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useInstance, useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { applyFieldErrors } from '../components/feedback.js';
import { PasswordField } from '../components/PasswordField.js';
import { errorMessage } from '../components/states.js';

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const instance = useInstance();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('emailRequired')),
      password: (v) => (v ? null : t('passwordRequired')),
    },
  });

  // back to the page that asked for sign-in
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (instance.data?.setup_needed) return <Navigate to="/setup" replace />;
  // signed in (now, or already): the same target, or this redirect would win over the one below
  if (me.data) return <Navigate to={target} replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { user } = await api<{ user: User }>('POST', '/auth/login', {
        ...values,
        email: values.email.trim(),
      });
      qc.setQueryData(['me'], user);
      navigate(target, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('wrongCredentials'));
      else if (e instanceof ApiError && e.status === 429) setError(t('tooManyAttempts'));
      // a malformed email, say: next to the field
      else if (!applyFieldErrors(e, form.setErrors)) setError(errorMessage(e));
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {t('signInTitle')}
            </Title>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordField
              label={t('password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('signIn')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('forgotPassword')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
