import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useInstance, useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { errorMessage } from '../components/states.js';

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const instance = useInstance();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });

  if (instance.data?.setup_needed) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to="/" replace />;

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { user } = await api<{ user: User }>('POST', '/auth/login', values);
      qc.setQueryData(['me'], user);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('wrongCredentials'));
      else if (e instanceof ApiError && e.status === 429) setError(t('tooManyAttempts'));
      else setError(errorMessage(e));
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="xl" radius="md" w="100%" maw={400}>
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
            <PasswordInput
              label={t('password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
