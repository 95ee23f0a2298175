import { Button, Modal } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import { canCreate } from '../auth/permissions.js';
import { TaskForm } from './TaskForm.js';

/** "New task" on a contact's or a company's page: the task is created about that record. */
export function AddTaskButton({ contactId, companyId }: { contactId?: number; companyId?: number }) {
  const { t } = useTranslation('tasks');
  const me = useMe().data;
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 600px)');
  if (!canCreate(me)) return null;
  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}>
        {t('newTask')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('newTask')}
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
      >
        <TaskForm contactId={contactId} companyId={companyId} onDone={close} />
      </Modal>
    </>
  );
}
