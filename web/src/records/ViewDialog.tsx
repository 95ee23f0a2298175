import { Alert, Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VIEW_NAME_MAX } from '../../../shared/views.js';
import { ApiError } from '../api/client.js';
import { fieldErrorTexts, problemText } from '../api/errorText.js';
import { NS } from './strings.js';

export interface ViewValues {
  name: string;
  shared: boolean;
}

/**
 * Names a view (to save it, or to rename it) and, for managers and admins, shares it with the
 * team. The server's refusals are shown on the name (a name already taken) or above the buttons.
 */
export function ViewDialog({
  title,
  initial,
  canShare,
  onSubmit,
  onClose,
}: {
  title: string;
  initial: ViewValues;
  canShare: boolean;
  /** rejects with the API's error, shown here */
  onSubmit: (values: ViewValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [shared, setShared] = useState(initial.shared);
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNameError(undefined);
    setError(undefined);
    if (!name.trim()) return setNameError(t('viewNameRequired'));
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), shared });
      onClose();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = fieldErrorTexts(err.problem);
      const taken = err.problem.errors?.some((f) => f.field === 'name' && f.code === 'duplicate');
      if (taken) setNameError(t(shared ? 'viewNameTakenShared' : 'viewNameTaken'));
      else if (fields.name) setNameError(fields.name);
      else setError(problemText(err.problem, err.status));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label={t('viewName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={VIEW_NAME_MAX}
            error={nameError}
            required
            data-autofocus
          />
          {canShare && (
            <Switch
              label={t('viewShare')}
              description={t('viewShareHint')}
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {tc('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
