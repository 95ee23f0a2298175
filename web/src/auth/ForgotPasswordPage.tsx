import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { applyFieldErrors } from '../components/feedback.js';
import { errorMessage } from '../components/states.js';

type Delivery = 'email' | 'administrator';

/** "Mot de passe oublié": the answer is the same for every address, so it says what may happen. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (v.trim() ? null : t('emailRequired')) },
  });
  const submit = form.onSubmit(async ({ email }) => {
    setError(null);
    try {
      const res = await api<{ delivery: Delivery }>('POST', '/auth/password-reset', { email: email.trim() });
      setDelivery(res.delivery);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError(t('tooManyAttempts'));
      else if (!applyFieldErrors(e, form.setErrors)) setError(errorMessage(e));
    }
  });
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={400}>
        <Stack>
          <Title order={1} size="h3">
            {t('forgotTitle')}
          </Title>
          {delivery ? (
            <Alert color={delivery === 'email' ? 'green' : 'blue'} role="status">
              {delivery === 'email' ? t('linkSent') : t('askAdmin')}
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm">{t('forgotIntro')}</Text>
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
                <Button type="submit" loading={form.submitting}>
                  {t('sendLink')}
                </Button>
              </Stack>
            </form>
          )}
          <Anchor component={Link} to="/login" size="sm">
            {t('backToSignIn')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
