import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELDS_MAX } from '../../../../shared/custom-fields.js';
import { notifyError } from '../../components/feedback.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import {
  type CustomField,
  type CustomFieldEntity,
  cfLabel,
  useCustomFields,
} from '../../fields/customFields.js';
import { CF_NS } from '../../fields/customStrings.js';
import { DeleteFieldDialog } from './DeleteFieldDialog.js';
import { FieldDialog } from './FieldDialog.js';
import { FieldRow } from './FieldRow.js';
import { moved, useFieldChanges } from './fieldsApi.js';

/**
 * Settings → Fields (admins): per entity, its custom fields in their order (drag a row by its
 * handle, with the mouse or the keyboard, or use its arrows), added and edited in a dialog,
 * deleted once the administrator types the key.
 */
export default function FieldsSection() {
  const { t } = useTranslation(CF_NS);
  const [entity, setEntity] = useState<CustomFieldEntity>('contacts');
  const list = useCustomFields(entity);
  const changes = useFieldChanges(entity);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const fields = list.data ?? [];
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const move = (from: number, to: number) => {
    if (to < 0 || to >= fields.length || from === to) return;
    changes.reorder(moved(fields, from, to)).catch(notifyError);
  };
  const dragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const ids = fields.map((f) => f.field_id);
    move(ids.indexOf(Number(active.id)), ids.indexOf(Number(over.id)));
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('intro')}</Text>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('entity')}
          value={entity}
          onChange={(v) => setEntity(v as CustomFieldEntity)}
          data={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: t(`entity_${e}`) }))}
        />
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          disabled={fields.length >= CUSTOM_FIELDS_MAX}
        >
          {t('add')}
        </Button>
      </Group>
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : fields.length === 0 ? (
        <Empty>{t('empty')}</Empty>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={dragEnd}>
          <SortableContext items={fields.map((f) => f.field_id)} strategy={verticalListSortingStrategy}>
            <Stack
              gap="xs"
              component="ol"
              aria-label={t('listLabel')}
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {fields.map((f, i) => (
                <FieldRow
                  key={f.field_id}
                  field={f}
                  label={cfLabel(f)}
                  first={i === 0}
                  last={i === fields.length - 1}
                  onMove={(by) => move(i, i + by)}
                  onEdit={() => setEditing(f)}
                  onDelete={() => setDeleting(f)}
                />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
      )}
      {editing && (
        <FieldDialog
          entity={entity}
          field={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSave={(body, id) => (id === undefined ? changes.create(body as never) : changes.update(id, body))}
        />
      )}
      {deleting && (
        <DeleteFieldDialog field={deleting} onClose={() => setDeleting(null)} onDelete={changes.remove} />
      )}
    </Stack>
  );
}
