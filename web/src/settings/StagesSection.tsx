import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.js';
import { useList } from '../api/queries.js';
import type { PipelineStage } from '../api/types.js';
import { confirmDelete, notifyError, notifySaved } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { KINDS, StageRow, stageErrors } from './StageRow.js';

/** The pipeline's stages, in order (admins only): rename, reorder, probability, kind, add, delete. */
export function StagesSection() {
  const { t } = useTranslation('settings');
  const qc = useQueryClient();
  const [moving, setMoving] = useState(false);
  const list = useList<PipelineStage>('pipeline-stages', { sort: 'position', limit: 200 });
  const stages = list.data?.pages.flatMap((p) => p.data) ?? [];
  const addForm = useForm({
    initialValues: { name: '', kind: 'open' },
    validate: { name: (v) => (v.trim() ? null : t('required')) },
  });

  // stage names and order show on opportunities and in the pipeline summary too
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['pipeline-stages'] }),
      qc.invalidateQueries({ queryKey: ['opportunities'] }),
    ]);

  const save = async (stage: PipelineStage, changes: Partial<PipelineStage>) => {
    if (Object.keys(changes).length === 0) return;
    await api('PATCH', `/pipeline-stages/${stage.stage_id}`, changes);
    notifySaved();
    await refresh();
  };

  /**
   * Swaps a stage with its neighbour, then renumbers 1…n: positions need not be unique or
   * contiguous in the database, so only a full renumbering makes the new order certain. Only the
   * stages whose position actually changes are written.
   */
  const move = async (index: number, direction: -1 | 1) => {
    const order = [...stages];
    const [moved] = order.splice(index, 1);
    order.splice(index + direction, 0, moved);
    setMoving(true);
    try {
      for (const [i, s] of order.entries())
        if (s.position !== i + 1) await api('PATCH', `/pipeline-stages/${s.stage_id}`, { position: i + 1 });
    } catch (e) {
      notifyError(e);
    } finally {
      await refresh();
      setMoving(false);
    }
  };

  const remove = (stage: PipelineStage) =>
    confirmDelete(t('stageLabel', { name: stage.name }), async () => {
      try {
        await api('DELETE', `/pipeline-stages/${stage.stage_id}`);
        notifySaved(t('deleted', { ns: 'common' }));
        await refresh();
      } catch (e) {
        // the two refusals a user can act on, said in their words
        const type = e instanceof ApiError ? e.problem.type : '';
        if (type.endsWith('/still-referenced')) notifyError(new Error(t('stageInUse', { name: stage.name })));
        else if (type.endsWith('/conflict')) notifyError(new Error(t('stageLastOpen')));
        else notifyError(e);
      }
    });

  const add = addForm.onSubmit(async ({ name, kind }) => {
    try {
      await api('POST', '/pipeline-stages', { name: name.trim(), kind });
      addForm.reset();
      notifySaved();
      await refresh();
    } catch (e) {
      stageErrors(e, addForm.setErrors, t);
    }
  });

  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Stack gap="md">
      <Text size="sm">{t('stagesIntro')}</Text>
      {stages.length === 0 ? (
        <Empty>{t('stagesEmpty')}</Empty>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {stages.map((s, i) => (
            <StageRow
              key={s.stage_id}
              stage={s}
              first={i === 0}
              last={i === stages.length - 1}
              busy={moving}
              onMove={(d) => void move(i, d)}
              onSave={(changes) => save(s, changes)}
              onDelete={() => remove(s)}
            />
          ))}
        </Stack>
      )}
      <Paper withBorder p="sm">
        <form onSubmit={add} noValidate aria-label={t('addStage')}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('newStageName')}
              required
              maxLength={50}
              style={{ flex: '1 1 180px' }}
              {...addForm.getInputProps('name')}
            />
            <Select
              label={t('kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
              allowDeselect={false}
              w={130}
              {...addForm.getInputProps('kind')}
            />
            <Button type="submit" loading={addForm.submitting}>
              {t('addStage')}
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  );
}
