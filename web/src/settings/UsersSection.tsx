import { Badge, Button, Group, Modal, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.js';
import { useMe, useUsers } from '../api/queries.js';
import type { User } from '../api/types.js';
import { notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CardItem, CardList } from '../records/CardList.js';
import { usePhone } from '../records/usePhone.js';
import { LinkModal, type ShownLink } from './LinkModal.js';
import { ROLES, UserCreateForm } from './UserCreateForm.js';

/** The team (admins only): create, change role, deactivate and reactivate. Users are never deleted. */
export function UsersSection() {
  const { t } = useTranslation('settings');
  const qc = useQueryClient();
  const me = useMe().data;
  const users = useUsers();
  const phone = usePhone();
  const [creating, { open, close }] = useDisclosure(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const resetLink = async (u: User) => {
    try {
      const { link } = await api<{ link: string }>('POST', `/users/${u.user_id}/password-reset-link`);
      setShown({ purpose: 'reset', email: u.email, link });
    } catch (e) {
      notifyError(e);
    }
  };

  const change = async (user: User, changes: Partial<User>, done: string) => {
    try {
      await api('PATCH', `/users/${user.user_id}`, changes);
      notifySaved(done);
    } catch (e) {
      // the server keeps one active administrator; say so in the user's language
      if (e instanceof ApiError && e.status === 409) notifyError(new Error(t('lastAdmin')));
      else notifyError(e);
    } finally {
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (user.user_id === me?.user_id) await qc.invalidateQueries({ queryKey: ['me'] });
    }
  };
  const label = (u: User) => u.name ?? u.email;
  const deactivate = (u: User) =>
    modals.openConfirmModal({
      title: t('deactivateTitle', { name: label(u) }),
      children: <Text size="sm">{t('deactivateBody', { name: label(u) })}</Text>,
      labels: { confirm: t('deactivate'), cancel: t('cancel', { ns: 'common' }) },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('close', { ns: 'common' }) },
      onConfirm: () => void change(u, { active: false }, t('deactivated')),
    });

  // the same pieces in the table and, on a phone, in a card per user (nothing to scroll sideways)
  const nameOf = (u: User) => (
    <>
      {u.name ?? '—'}
      {u.user_id === me?.user_id && (
        <Text span c="dimmed" size="sm">
          {' '}
          ({t('you')})
        </Text>
      )}
    </>
  );
  const roleSelect = (u: User) => (
    <Select
      aria-label={t('roleOf', { name: label(u) })}
      data={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))}
      value={u.role}
      allowDeselect={false}
      w={170}
      onChange={(role) =>
        role && role !== u.role && void change(u, { role: role as User['role'] }, t('roleChanged'))
      }
    />
  );
  const statusBadge = (u: User) => (
    <Badge color={u.active ? 'teal.9' : 'gray.7'} variant="outline">
      {u.active ? t('active') : t('inactive')}
    </Badge>
  );
  const actions = (u: User) => (
    <>
      {u.active && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void resetLink(u)}
          aria-label={t('resetLinkNamed', { name: label(u) })}
        >
          {t('resetLink')}
        </Button>
      )}
      {u.active ? (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={() => deactivate(u)}
          aria-label={t('deactivateNamed', { name: label(u) })}
        >
          {t('deactivate')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void change(u, { active: true }, t('reactivated'))}
          aria-label={t('reactivateNamed', { name: label(u) })}
        >
          {t('reactivate')}
        </Button>
      )}
    </>
  );

  const header = (
    <Group justify="space-between" wrap="wrap">
      <Text size="sm" style={{ flex: '1 1 240px' }}>
        {t('usersIntro')}
      </Text>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
        {t('newUser')}
      </Button>
    </Group>
  );
  const list = users.data?.data ?? [];
  return (
    <Stack gap="md">
      {header}
      {users.isLoading ? (
        <Loading />
      ) : users.error ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : list.length === 0 ? (
        <Empty>{t('usersEmpty')}</Empty>
      ) : phone ? (
        <CardList label={t('users')}>
          {list.map((u) => (
            <CardItem key={u.user_id}>
              <Stack gap="xs">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {nameOf(u)}
                  </Text>
                  {statusBadge(u)}
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {u.email}
                </Text>
                {roleSelect(u)}
                <Group gap="xs" wrap="wrap">
                  {actions(u)}
                </Group>
              </Stack>
            </CardItem>
          ))}
        </CardList>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('name')}</Table.Th>
                <Table.Th scope="col">{t('email')}</Table.Th>
                <Table.Th scope="col">{t('role')}</Table.Th>
                <Table.Th scope="col">{t('status')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('actions', { ns: 'common' })}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((u) => (
                <Table.Tr key={u.user_id}>
                  <Table.Td>{nameOf(u)}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{roleSelect(u)}</Table.Td>
                  <Table.Td>{statusBadge(u)}</Table.Td>
                  <Table.Td ta="right">{actions(u)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={creating}
        onClose={close}
        title={t('newUser')}
        closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
      >
        <UserCreateForm
          onDone={(link) => {
            close();
            if (link) setShown(link);
          }}
        />
      </Modal>
      <LinkModal shown={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}
