import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Box, Paper, Text } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { canEdit } from '../auth/permissions.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { BoardColumn } from './BoardColumn.js';
import { useEdgeScroll } from './edgeScroll.js';
import { columnCoordinates } from './keyboard.js';
import { CardBody, FocusAfterMove, type FocusTarget } from './OpportunityCard.js';
import { type OpportunityFilters, usePipelineSummary, useStages } from './queries.js';
import { useCloseConfirmation } from './useCloseConfirmation.js';
import { useMoveOpportunity } from './useMoveOpportunity.js';

// A pointer drop lands in the column under the pointer, or nowhere (issue 11: never in a column the
// dragged card merely overlaps). The keyboard has no pointer, so the card's own rectangle is used.
const collision: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);

const pointerX = (event: Event | null) =>
  event && 'clientX' in event && typeof event.clientX === 'number' ? event.clientX : null;

/** The pipeline: one column per configured stage; drag a card (pointer or keyboard) to change its stage. */
export function Board({ filters }: { filters: OpportunityFilters }) {
  const { t } = useTranslation('opportunities');
  const stages = useStages();
  const summary = usePipelineSummary(filters);
  const move = useMoveOpportunity(filters);
  const me = useMe();
  const [dragged, setDragged] = useState<Opportunity | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const edgeScroll = useEdgeScroll(boardRef);
  const focusAfterMove: FocusTarget = useRef<FocusTarget['current']>(null);
  const stageNames = useMemo(() => (stages.data ?? []).map((s) => s.name), [stages.data]);
  const order = useRef(stageNames);
  order.current = stageNames;

  const sensors = useSensors(
    // a few pixels before a drag starts, so that a click on the handle stays a click
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates(() => order.current) }),
  );

  const nameOf = (id: unknown, data?: { opportunity?: Opportunity }) =>
    data?.opportunity?.opportunity_name ?? `#${String(id)}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('dragStart', {
        name: nameOf(active.id, active.data.current),
        stage: active.data.current?.opportunity.stage,
      }),
    onDragOver: ({ active, over }) =>
      over
        ? t('dragOver', { name: nameOf(active.id, active.data.current), stage: over.id })
        : t('dragOutside', { name: nameOf(active.id, active.data.current) }),
    onDragEnd: ({ active, over }) => {
      const from = active.data.current?.opportunity.stage;
      const name = nameOf(active.id, active.data.current);
      if (!over || over.id === from) return t('dragEndSame', { name, stage: from });
      return t('dragEnd', { name, stage: over.id });
    },
    onDragCancel: ({ active }) =>
      t('dragCancel', {
        name: nameOf(active.id, active.data.current),
        stage: active.data.current?.opportunity.stage,
      }),
  };

  const commit = (opportunity: Opportunity, to: string, control: 'handle' | 'stage', lostReason?: string) => {
    const id = opportunity.opportunity_id;
    focusAfterMove.current = { id, control, since: performance.now() };
    const forget = () => {
      if (focusAfterMove.current?.id === id) focusAfterMove.current = null;
    };
    // kept until the answer (a refusal puts the card back, and focus with it), then dropped
    move.mutate({ opportunity, to, lost_reason: lostReason }, { onSettled: () => setTimeout(forget, 1000) });
  };
  const close = useCloseConfirmation(stages.data, commit);
  const onMove = (opportunity: Opportunity, to: string, control: 'handle' | 'stage') =>
    close.request(opportunity, to, control);
  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    setDragged((active.data.current?.opportunity as Opportunity | undefined) ?? null);
    const x = pointerX(activatorEvent);
    if (x !== null) edgeScroll.start(x);
  };
  const onDragCancel = () => {
    setDragged(null);
    edgeScroll.stop();
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    onDragCancel();
    const opportunity = active.data.current?.opportunity as Opportunity | undefined;
    if (opportunity && over) onMove(opportunity, String(over.id), 'handle');
  };

  if (stages.isLoading) return <Loading />;
  if (stages.error) return <ErrorState error={stages.error} onRetry={() => stages.refetch()} />;
  if (stageNames.length === 0) return <Empty>{t('noStages')}</Empty>;
  if (summary.error) return <ErrorState error={summary.error} onRetry={() => summary.refetch()} />;
  const stats = new Map((summary.data ?? []).map((r) => [r.stage, r]));
  const nothing = summary.data?.every((r) => r.count === 0);

  return (
    <FocusAfterMove.Provider value={focusAfterMove}>
      {nothing && (
        <Text c="dimmed" mb="sm" role="status">
          {Object.values(filters).some(Boolean) ? t('noOpportunities') : t('noOpportunitiesYet')}
        </Text>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        // the board scrolls itself near its edges (edgeScroll.ts); dnd-kit only scrolls the page
        autoScroll={{ canScroll: (el) => el !== boardRef.current, threshold: { x: 0.1, y: 0.1 } }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('dragInstructions') } }}
      >
        <Box
          ref={boardRef}
          // relative: the visually hidden texts (placed absolutely) must scroll with the board,
          // not widen the whole page
          style={{
            position: 'relative',
            display: 'flex',
            gap: 'var(--mantine-spacing-sm)',
            alignItems: 'stretch',
            overflowX: 'auto',
          }}
          pb="sm"
          data-testid="pipeline-board"
        >
          {(stages.data ?? []).map((s) => (
            <BoardColumn
              key={s.stage_id}
              stage={s}
              stats={stats.get(s.name)}
              filters={filters}
              stageNames={stageNames}
              canMove={(o) => canEdit(me.data, 'opportunities', o)}
              onMove={onMove}
            />
          ))}
        </Box>
        <DragOverlay>
          {dragged && (
            <Paper withBorder shadow="md" p="xs" style={{ cursor: 'grabbing' }}>
              <Text size="sm" fw={500}>
                {dragged.opportunity_name}
              </Text>
              <CardBody opportunity={dragged} />
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
      {close.dialog}
    </FocusAfterMove.Provider>
  );
}
