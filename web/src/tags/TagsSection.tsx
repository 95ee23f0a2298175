import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLORS } from '../../../shared/colors.js';
import { cleanTagName, TAG_NAME_MAX } from '../../../shared/tags.js';
import { ApiError } from '../api/client.js';
import { notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { type Tag, useTagChange, useTags } from './api.js';
import { NS } from './strings.js';

const recordsOf = (t: Tag) => t.usage.contacts + t.usage.companies + t.usage.opportunities;

/**
 * Settings → Tags (admins and managers): rename, recolour, merge into another, delete with
 * confirmation; each change rewrites the records carrying the tag (server/tags/tags.service.ts).
 */
export function TagsSection() {
  const { t } = useTranslation(NS);
  const tags = useTags();
  const change = useTagChange();
  const [merging, setMerging] = useState<Tag | null>(null);
  const [into, setInto] = useState<string | null>(null);
  const [newName, setNewName] = useState('');

  const run = async (op: Parameters<typeof change.mutateAsync>[0]) => {
    try {
      await change.mutateAsync(op);
      notifySaved(t('saved'));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        notifyError(new Error(t('duplicate', { name: String(e.problem.existing_name ?? '') })));
      else notifyError(e);
      return false;
    }
  };

  const rename = (tag: Tag, raw: string) => {
    const name = cleanTagName(raw);
    if (name && name !== tag.name) void run({ method: 'PATCH', path: `/tags/${tag.tag_id}`, body: { name } });
  };

  const remove = (tag: Tag) =>
    modals.openConfirmModal({
      title: t('deleteTitle', { name: tag.name }),
      children: <Text size="sm">{t('deleteText', { count: recordsOf(tag) })}</Text>,
      labels: { confirm: t('delete'), cancel: t('cancel', { ns: 'common' }) },
      confirmProps: { color: 'red' },
      onConfirm: () => void run({ method: 'DELETE', path: `/tags/${tag.tag_id}` }),
    });

  if (tags.isLoading) return <Loading />;
  if (tags.isError) return <ErrorState error={tags.error} />;
  const all = tags.data ?? [];

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('sectionIntro')}
      </Text>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const name = cleanTagName(newName);
          if (name && (await run({ method: 'POST', path: '/tags', body: { name } }))) setNewName('');
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('newTag')}
            value={newName}
            maxLength={TAG_NAME_MAX}
            onChange={(e) => setNewName(e.currentTarget.value)}
          />
          <Button type="submit" disabled={!cleanTagName(newName)}>
            {t('create')}
          </Button>
        </Group>
      </form>
      {all.length === 0 ? (
        <Empty>{t('none')}</Empty>
      ) : (
        <Paper withBorder>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th>{t('color')}</Table.Th>
                <Table.Th>{t('usage')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {all.map((tag) => (
                <Table.Tr key={tag.tag_id}>
                  <Table.Td>
                    <TextInput
                      aria-label={t('rename')}
                      defaultValue={tag.name}
                      key={tag.name}
                      maxLength={TAG_NAME_MAX}
                      leftSection={
                        <Badge color={tag.color} size="xs" circle>
                          {' '}
                        </Badge>
                      }
                      onBlur={(e) => rename(tag, e.currentTarget.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') rename(tag, e.currentTarget.value);
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('color')}
                      data={COLORS.map((c) => ({ value: c, label: c }))}
                      value={tag.color}
                      allowDeselect={false}
                      onChange={(color) =>
                        color && void run({ method: 'PATCH', path: `/tags/${tag.tag_id}`, body: { color } })
                      }
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('usageText', tag.usage)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setMerging(tag)}
                        disabled={all.length < 2}
                      >
                        {t('merge')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove(tag)}>
                        {t('delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal
        opened={merging !== null}
        onClose={() => setMerging(null)}
        title={merging ? t('mergeTitle', { name: merging.name }) : ''}
      >
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!merging || !into) return;
            if (
              await run({
                method: 'POST',
                path: `/tags/${merging.tag_id}/merge`,
                body: { into: Number(into) },
              })
            ) {
              setMerging(null);
              setInto(null);
            }
          }}
        >
          <Stack>
            <Select
              label={t('mergeInto')}
              data={all
                .filter((x) => x.tag_id !== merging?.tag_id)
                .map((x) => ({ value: String(x.tag_id), label: x.name }))}
              value={into}
              onChange={setInto}
              searchable
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMerging(null)}>
                {t('cancel', { ns: 'common' })}
              </Button>
              <Button type="submit" disabled={!into} loading={change.isPending}>
                {t('mergeConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
