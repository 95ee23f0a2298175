import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { applyFieldErrors, notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { dateTime } from '../lib/format.js';
import { CardList, RecordCard } from '../records/CardList.js';
import { usePhone } from '../records/usePhone.js';
import { type CreatedToken, TokenCreatedModal } from './TokenCreatedModal.js';

interface ApiToken {
  token_id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** My API tokens: create one (its secret is shown once), see when each was last used, revoke. */
export function TokensSection() {
  const { t } = useTranslation('settings');
  const phone = usePhone();
  const qc = useQueryClient();
  // the secret lives only in this state: closing the dialog forgets it
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({
    queryKey: ['api-tokens'],
    queryFn: ({ signal }) => api<Page<ApiToken>>('GET', '/api-tokens', undefined, { signal }),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api<void>('DELETE', `/api-tokens/${id}`),
    onSuccess: () => notifySaved(t('revoked')),
    onError: notifyError,
    onSettled: () => qc.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : t('required')) },
  });

  const submit = form.onSubmit(async ({ name }) => {
    try {
      setCreated(await api<CreatedToken>('POST', '/api-tokens', { name: name.trim() }));
      form.reset();
      await qc.invalidateQueries({ queryKey: ['api-tokens'] });
    } catch (e) {
      if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  const askRevoke = (token: ApiToken) =>
    modals.openConfirmModal({
      title: t('revokeTitle'),
      children: <Text size="sm">{t('revokeBody', { name: token.name })}</Text>,
      labels: { confirm: t('revoke'), cancel: t('cancel', { ns: 'common' }) },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('close', { ns: 'common' }) },
      onConfirm: () => revoke.mutate(token.token_id),
    });

  const list = tokens.data?.data ?? [];
  const revokeButton = (token: ApiToken) => (
    <Tooltip label={t('revoke')}>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('revokeNamed', { name: token.name })}
        onClick={() => askRevoke(token)}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Stack gap="md">
      <Text size="sm">{t('tokensIntro')}</Text>
      <Paper withBorder p="md" maw={560}>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('tokenName')}
              placeholder={t('tokenNamePlaceholder')}
              required
              maxLength={100}
              style={{ flex: '1 1 200px' }}
              {...form.getInputProps('name')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('createToken')}
            </Button>
          </Group>
        </form>
      </Paper>
      {tokens.isLoading ? (
        <Loading />
      ) : tokens.error ? (
        <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : list.length === 0 ? (
        <Empty>{t('tokensEmpty')}</Empty>
      ) : phone ? (
        // a card per token on a phone: nothing to scroll sideways
        <CardList label={t('tokens')}>
          {list.map((token) => (
            <RecordCard
              key={token.token_id}
              title={token.name}
              actions={revokeButton(token)}
              fields={[
                { label: t('tokenCreatedAt'), value: dateTime(token.created_at) },
                {
                  label: t('tokenLastUsed'),
                  value: token.last_used_at ? dateTime(token.last_used_at) : t('never'),
                },
              ]}
            />
          ))}
        </CardList>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tokenName')}</Table.Th>
                <Table.Th scope="col">{t('tokenCreatedAt')}</Table.Th>
                <Table.Th scope="col">{t('tokenLastUsed')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('actions', { ns: 'common' })}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((token) => (
                <Table.Tr key={token.token_id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{dateTime(token.created_at)}</Table.Td>
                  <Table.Td>{token.last_used_at ? dateTime(token.last_used_at) : t('never')}</Table.Td>
                  <Table.Td ta="right">{revokeButton(token)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TokenCreatedModal token={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}
