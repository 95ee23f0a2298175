import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client.js';
import i18n from '../i18n/index.js';
import { errorMessage } from './states.js';

export function notifyError(error: unknown) {
  notifications.show({
    color: 'red',
    title: i18n.t('errorTitle'),
    message: errorMessage(error),
    closeButtonProps: { 'aria-label': i18n.t('close') },
  });
}

export function notifySaved(message = i18n.t('saved')) {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': i18n.t('close') } });
}

/** Asks before anything is deleted. */
export function confirmDelete(what: string, onConfirm: () => void) {
  modals.openConfirmModal({
    title: i18n.t('confirmDeleteTitle'),
    children: `${what} — ${i18n.t('confirmDeleteBody')}`,
    labels: { confirm: i18n.t('delete'), cancel: i18n.t('cancel') },
    confirmProps: { color: 'red' },
    closeButtonProps: { 'aria-label': i18n.t('close') },
    onConfirm,
  });
}

/** Puts the API's field errors next to the fields of a Mantine form; returns true when it did. */
export function applyFieldErrors(
  error: unknown,
  setErrors: (errors: Record<string, string>) => void,
): boolean {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
  setErrors(error.fieldErrors);
  return true;
}
