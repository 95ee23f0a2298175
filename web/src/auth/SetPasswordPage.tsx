import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.js';
import type { User } from '../api/types.js';
import { applyFieldErrors } from '../components/feedback.js';
import { errorMessage, Loading } from '../components/states.js';

interface LinkInfo {
  purpose: 'invite' | 'reset';
  email: string;
  expires_at: string;
}

/** The page an invitation (/invitation) or reset link (/reset-password) opens: choose a password. */
export default function SetPasswordPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const qc = useQueryClient();
  const info = useQuery({
    queryKey: ['password-link', token],
    queryFn: () => api<LinkInfo>('GET', `/auth/password-reset/check?token=${encodeURIComponent(token)}`),
    enabled: token !== '',
    retry: false,
  });
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v ? null : t('passwordRequired')),
      confirm: (v, all) => (v === all.password ? null : t('passwordsDiffer')),
    },
  });
  const submit = form.onSubmit(async ({ password }) => {
    try {
      const { user } = await api<{ user: User }>('POST', '/auth/password-reset/confirm', { token, password });
      qc.setQueryData(['me'], user);
      navigate('/', { replace: true });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) form.setErrors({ password: errorMessage(e) });
    }
  });

  const invalid =
    token === '' || (info.error instanceof ApiError && info.error.status === 400) ? t('linkInvalid') : null;
  let body: React.ReactNode;
  if (invalid)
    body = (
      <Alert color="red" role="alert">
        {invalid}
      </Alert>
    );
  else if (info.error)
    body = (
      <Alert color="red" role="alert">
        {errorMessage(info.error)}
      </Alert>
    );
  else if (!info.data) body = <Loading />;
  else
    body = (
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {t(info.data.purpose === 'invite' ? 'inviteIntro' : 'resetIntro', { email: info.data.email })}
          </Text>
          <PasswordInput
            label={t('newPassword')}
            description={t('passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('confirmPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={form.submitting}>
            {t('savePassword')}
          </Button>
        </Stack>
      </form>
    );
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={400}>
        <Stack>
          <Title order={1} size="h3">
            {t(info.data?.purpose === 'invite' ? 'inviteTitle' : 'resetTitle')}
          </Title>
          {body}
          <Anchor component={Link} to="/login" size="sm">
            {t('backToSignIn')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
