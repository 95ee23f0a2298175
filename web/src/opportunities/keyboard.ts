import type { KeyboardCoordinateGetter } from '@dnd-kit/core';
import type { Opportunity } from '../api/types.js';

/**
 * Keyboard dragging between columns: Left/Right jump straight to the previous/next stage (the
 * default getter moves 25 px per key press, which takes a dozen presses per column). The card
 * is centred in the target column at its current height; columns are stretched to the same
 * height so that it always lands inside.
 */
export function columnCoordinates(stageOrder: () => string[]): KeyboardCoordinateGetter {
  return (event, { context, currentCoordinates }) => {
    const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return undefined;
    event.preventDefault();
    const order = stageOrder();
    const dragged = context.active?.data.current?.opportunity as Opportunity | undefined;
    const current = context.over?.id ?? dragged?.stage;
    const next = order[order.indexOf(String(current)) + step];
    const rect = next === undefined ? undefined : context.droppableRects.get(next);
    if (!rect) return undefined;
    const width = context.collisionRect?.width ?? 0;
    return { x: rect.left + (rect.width - width) / 2, y: currentCoordinates.y };
  };
}
