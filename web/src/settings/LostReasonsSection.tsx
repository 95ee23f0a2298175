import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useList } from '../api/queries.js';
import type { LostReason } from '../api/types.js';
import { confirmDelete, notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { LostReasonRow, reasonErrors } from './LostReasonRow.js';

/** The reasons offered when a deal is lost (admins and managers): rename, reorder, add, delete. */
export function LostReasonsSection() {
  const { t } = useTranslation('settings');
  const qc = useQueryClient();
  const [moving, setMoving] = useState(false);
  const list = useList<LostReason>('lost-reasons', { sort: 'position', limit: 200 });
  const reasons = list.data?.pages.flatMap((p) => p.data) ?? [];
  const addForm = useForm({
    initialValues: { label: '' },
    validate: { label: (v) => (v.trim() ? null : t('required')) },
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['lost-reasons'] });

  const save = async (reason: LostReason, label: string) => {
    if (label === reason.label) return;
    await api('PATCH', `/lost-reasons/${reason.lost_reason_id}`, { label });
    notifySaved();
    await refresh();
  };

  /** Swaps a reason with its neighbour, then renumbers 1…n, writing only the positions that change. */
  const move = async (index: number, direction: -1 | 1) => {
    const order = [...reasons];
    const [moved] = order.splice(index, 1);
    order.splice(index + direction, 0, moved);
    setMoving(true);
    try {
      for (const [i, r] of order.entries())
        if (r.position !== i + 1)
          await api('PATCH', `/lost-reasons/${r.lost_reason_id}`, { position: i + 1 });
    } catch (e) {
      notifyError(e);
    } finally {
      await refresh();
      setMoving(false);
    }
  };

  const remove = (reason: LostReason) =>
    confirmDelete(t('reasonNamed', { name: reason.label }), async () => {
      try {
        await api('DELETE', `/lost-reasons/${reason.lost_reason_id}`);
        notifySaved(t('deleted', { ns: 'common' }));
        await refresh();
      } catch (e) {
        notifyError(e);
      }
    });

  const add = addForm.onSubmit(async ({ label }) => {
    try {
      await api('POST', '/lost-reasons', { label: label.trim() });
      addForm.reset();
      notifySaved();
      await refresh();
    } catch (e) {
      reasonErrors(e, addForm.setErrors, t);
    }
  });

  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Stack gap="md">
      <Text size="sm">{t('reasonsIntro')}</Text>
      {reasons.length === 0 ? (
        <Empty>{t('reasonsEmpty')}</Empty>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {reasons.map((r, i) => (
            <LostReasonRow
              key={r.lost_reason_id}
              reason={r}
              first={i === 0}
              last={i === reasons.length - 1}
              busy={moving}
              onMove={(d) => void move(i, d)}
              onSave={(label) => save(r, label)}
              onDelete={() => remove(r)}
            />
          ))}
        </Stack>
      )}
      <Paper withBorder p="sm">
        <form onSubmit={add} noValidate aria-label={t('addReason')}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('newReasonLabel')}
              required
              maxLength={100}
              style={{ flex: '1 1 220px' }}
              {...addForm.getInputProps('label')}
            />
            <Button type="submit" loading={addForm.submitting}>
              {t('addReason')}
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
