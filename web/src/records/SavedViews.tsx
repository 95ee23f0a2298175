import { Button, Group, Menu, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { problemText } from '../api/errorText.js';
import { useMe } from '../api/queries.js';
import type { Column } from './columns.js';
import { canChangeView, canShareViews, useViewChanges, type ViewResource } from './savedViews.js';
import { NS } from './strings.js';
import { useSavedView } from './useSavedView.js';
import { ViewDialog, type ViewValues } from './ViewDialog.js';

type Dialog = 'save' | 'rename' | 'delete' | null;

/**
 * The saved views beside a list: mine and the team's (marked), the one shown named on the button;
 * save the list as it is now under a name, save over the view shown, rename or delete it.
 */
export function SavedViews<T>({
  resource,
  keys,
  columns,
}: {
  resource: ViewResource;
  /** the list's URL parameters a view keeps: `q`, `sort` and its filters */
  keys: readonly string[];
  /** every column the list offers, as declared */
  columns: Column<T>[];
}) {
  const { t } = useTranslation(NS);
  const me = useMe().data;
  const { views, current, choose, state, changed } = useSavedView(resource, keys, columns);
  const changes = useViewChanges(resource);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const mine = current && canChangeView(me, current);

  const saved = (name: string) => notifications.show({ color: 'green', message: t('viewSaved', { name }) });
  const failed = (e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
    notifications.show({ color: 'red', message: problemText(e.problem, e.status) });
  };

  const create = async ({ name, shared }: ViewValues) => {
    const view = await changes.create.mutateAsync({ resource, name, shared, ...state });
    choose(view);
    saved(view.name);
  };
  const rename = async ({ name, shared }: ViewValues) => {
    if (!current) return;
    const view = await changes.update.mutateAsync({ id: current.view_id, body: { name, shared } });
    saved(view.name);
  };
  const update = async () => {
    if (!current) return;
    try {
      await changes.update.mutateAsync({ id: current.view_id, body: state });
      saved(current.name);
    } catch (e) {
      failed(e);
    }
  };
  const remove = async () => {
    if (!current) return;
    try {
      await changes.remove.mutateAsync(current.view_id);
      close();
      choose(null);
      notifications.show({ message: t('viewDeleted', { name: current.name }) });
    } catch (e) {
      failed(e);
    }
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />}>
            {current ? t('viewsCurrent', { name: current.name }) : t('views')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown maw={320}>
          <Menu.Label>{t('views')}</Menu.Label>
          {views.length === 0 && (
            <Text size="sm" c="dimmed" px="sm" py={4}>
              {t('viewsNone')}
            </Text>
          )}
          {views.map((v) => (
            <Menu.Item
              key={v.view_id}
              onClick={() => choose(v)}
              leftSection={<IconCheck size={14} aria-hidden opacity={v === current ? 1 : 0} />}
              rightSection={v.shared && <IconUsers size={14} aria-hidden />}
              aria-current={v === current ? 'true' : undefined}
            >
              {v.name}
              {v.shared && <VisuallyHidden>{` (${t('viewShared')})`}</VisuallyHidden>}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {current && <Menu.Item onClick={() => choose(null)}>{t('viewNoView')}</Menu.Item>}
          <Menu.Item onClick={() => setDialog('save')}>{t('viewSave')}</Menu.Item>
          {mine && (
            <>
              <Menu.Item disabled={!changed} onClick={() => void update()}>
                {t('viewUpdate', { name: current.name })}
              </Menu.Item>
              <Menu.Item onClick={() => setDialog('rename')}>{t('viewRename')}</Menu.Item>
              <Menu.Item color="red" onClick={() => setDialog('delete')}>
                {t('viewDelete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog === 'save' && (
        <ViewDialog
          title={t('viewSaveTitle')}
          initial={{ name: '', shared: false }}
          canShare={canShareViews(me)}
          onSubmit={create}
          onClose={close}
        />
      )}
      {dialog === 'rename' && current && (
        <ViewDialog
          title={t('viewRenameTitle')}
          initial={{ name: current.name, shared: current.shared }}
          canShare={canShareViews(me)}
          onSubmit={rename}
          onClose={close}
        />
      )}
      {dialog === 'delete' && current && (
        <Modal opened onClose={close} title={t('viewDeleteTitle')}>
          <Stack>
            <Text size="sm">{t('viewDeleteConfirm', { name: current.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('viewKeep')}
              </Button>
              <Button color="red" loading={changes.remove.isPending} onClick={() => void remove()}>
                {t('viewDeleteConfirmButton')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
