import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api/types.js';
import { TaskForm } from './TaskForm.js';

/** Edits a task in a dialog; `task` null means closed. */
export function TaskEditModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  return (
    <Modal
      opened={task !== null}
      onClose={onClose}
      title={t('editTask')}
      closeButtonProps={{ 'aria-label': t('close', { ns: 'common' }) }}
    >
      {/* keyed so that the form starts from the task being edited, not the previous one */}
      {task && <TaskForm key={task.task_id} task={task} onDone={onClose} />}
    </Modal>
  );
}
