import { useDraggable } from '@dnd-kit/core';
import { ActionIcon, Anchor, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrency } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { date, money } from '../lib/format.js';

/**
 * A moved card is unmounted from its old column and mounted in the new one (or back in the old one
 * when the move is refused), which would drop keyboard focus on the floor. The board notes which
 * card and control should get it back; only a card mounted after that note takes it, so the copy
 * still in the old column does not.
 */
export type FocusTarget = { current: { id: number; control: 'handle' | 'stage'; since: number } | null };
export const FocusAfterMove = createContext<FocusTarget>({ current: null });

function useFocusRef(id: number, control: 'handle' | 'stage') {
  const target = useContext(FocusAfterMove);
  const [mountedAt] = useState(() => performance.now());
  return useCallback(
    (el: HTMLElement | null) => {
      const t = target.current;
      if (el && t && t.id === id && t.control === control && t.since < mountedAt) el.focus();
    },
    [target, id, control, mountedAt],
  );
}

/** What a card shows: also used for the copy that follows the pointer while dragging. */
export function CardBody({ opportunity }: { opportunity: Opportunity }) {
  const currency = useCurrency();
  const userName = useUserName();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {money(opportunity.deal_value, currency)}
      </Text>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed" truncate>
          {userName(opportunity.owner_id)}
        </Text>
        {opportunity.expected_close_date && (
          <Text size="xs" c="dimmed">
            {date(opportunity.expected_close_date)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

interface Props {
  opportunity: Opportunity;
  stages: string[];
  editable: boolean;
  onMove: (opportunity: Opportunity, to: string, control: 'handle' | 'stage') => void;
}

export function OpportunityCard({ opportunity, stages, editable, onMove }: Props) {
  const { t } = useTranslation('opportunities');
  const id = opportunity.opportunity_id;
  const name = opportunity.opportunity_name ?? `#${id}`;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id,
    data: { opportunity },
    disabled: !editable,
    attributes: { roleDescription: t('draggable') },
  });
  const focusHandle = useFocusRef(id, 'handle');
  const focusStage = useFocusRef(id, 'stage');
  // stable, so that React calls it on mount only, not on every render
  const handleRef = useCallback(
    (el: HTMLButtonElement | null) => {
      setActivatorNodeRef(el);
      focusHandle(el);
    },
    [setActivatorNodeRef, focusHandle],
  );
  // The whole card follows a mouse or pen (a few pixels first, so a click on its name still opens
  // it); the keyboard drags by the grip, which is the card's one focusable drag control. Touch
  // drags by the grip only: elsewhere a finger scrolls the board.
  const onPointerDown = (e: React.PointerEvent) => {
    const target = e.target as Element;
    if (e.pointerType === 'touch' && !target.closest('[data-grip]')) return;
    if (target.closest('select')) return;
    listeners?.onPointerDown?.(e);
  };
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      shadow="xs"
      // no text selection either: a selection being dragged makes the browser scroll the board itself
      style={{
        opacity: isDragging ? 0.4 : 1,
        ...(editable && { cursor: 'grab', userSelect: 'none', WebkitUserSelect: 'none' }),
      }}
      onPointerDown={editable ? onPointerDown : undefined}
      data-testid={`opportunity-card-${id}`}
    >
      <Group gap={4} wrap="nowrap" align="flex-start" mb={4}>
        {editable && (
          <ActionIcon
            ref={handleRef}
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('dragHandle', { name })}
            // the pointer sensor needs the browser not to claim the touch for scrolling
            style={{ touchAction: 'none', cursor: 'grab' }}
            data-grip
            {...attributes}
            onKeyDown={(e) => listeners?.onKeyDown?.(e)}
          >
            <IconGripVertical size={16} aria-hidden />
          </ActionIcon>
        )}
        <Anchor component={Link} to={`/opportunities/${id}`} size="sm" fw={500} style={{ minWidth: 0 }}>
          {name}
        </Anchor>
      </Group>
      <CardBody opportunity={opportunity} />
      {editable && (
        <NativeSelect
          ref={focusStage}
          mt={6}
          size="xs"
          aria-label={t('stageOf', { name })}
          value={opportunity.stage ?? ''}
          data={stages}
          onChange={(e) => onMove(opportunity, e.currentTarget.value, 'stage')}
        />
      )}
    </Paper>
  );
}
