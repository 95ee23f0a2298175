import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Code, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../fields/customFields.js';
import { CF_NS } from '../../fields/customStrings.js';

interface Props {
  field: CustomField;
  label: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One definition in the list: its handle (drag, or Space then arrows), label, key, type, actions. */
export function FieldRow({ field, label, first, last, onMove, onEdit, onDelete }: Props) {
  const { t } = useTranslation(CF_NS);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: field.field_id });
  const icon = (
    name: string,
    Icon: typeof IconPencil,
    onClick: () => void,
    disabled = false,
    color?: string,
  ) => (
    <Tooltip label={t(name, { label })}>
      <ActionIcon
        variant="subtle"
        color={color}
        size="lg"
        onClick={onClick}
        disabled={disabled}
        aria-label={t(name, { label })}
      >
        <Icon size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Paper
      withBorder
      p="xs"
      component="li"
      ref={setNodeRef}
      aria-label={label}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : undefined,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          color="gray"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={t('drag', { label })}
          style={{ cursor: 'grab', touchAction: 'none' }}
        >
          <IconGripVertical size={18} aria-hidden />
        </ActionIcon>
        <Group gap="xs" style={{ flex: 1, minWidth: 0 }} wrap="wrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Code>{field.key}</Code>
          <Badge variant="light" color="gray" tt="none">
            {t(`type_${field.type}`)}
          </Badge>
          {field.required && (
            <Badge variant="light" tt="none">
              {t('required')}
            </Badge>
          )}
        </Group>
        <Group gap={2} wrap="nowrap">
          {icon('moveUp', IconArrowUp, () => onMove(-1), first)}
          {icon('moveDown', IconArrowDown, () => onMove(1), last)}
          {icon('edit', IconPencil, onEdit)}
          {icon('delete', IconTrash, onDelete, false, 'red')}
        </Group>
      </Group>
    </Paper>
  );
}
