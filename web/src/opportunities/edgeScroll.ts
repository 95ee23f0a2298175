// The board scrolls sideways by itself while a card is dragged near its left or right edge, but
// never so far that another column slides under a pointer held still: the drop must land in the
// column that was under the pointer when it was released (issue 11). dnd-kit's own auto-scroll
// keeps scrolling for as long as the pointer stays in its edge band, whatever lies under it, so
// the board does it here instead.
import { useCallback, useEffect, useRef } from 'react';

export interface Span {
  left: number;
  right: number;
}

/** How wide the band along each edge is, in px: a tenth of the board, within sensible bounds. */
export const edgeBand = (width: number) => Math.min(64, Math.max(24, width * 0.1));
/** The fastest scroll, in px per frame, with the pointer right on the edge. */
export const MAX_SPEED = 14;
/** How close (px) a still pointer may come to the edge of its column by scrolling. */
export const MARGIN = 8;

/**
 * How far (px, negative = left) to scroll the board this frame, for a pointer at `x` over a board
 * whose visible part spans `view`, scrolled by `scrollLeft` out of `maxScroll`, with `columns`
 * (where they are on screen now). Only in the bands along the edges, and only to bring into view the
 * column under the pointer, cut off by the edge: never once it is in view (a card carried across a
 * visible column near the edge must not set it moving), never so far that the column leaves the
 * pointer. Over a gap, the next column comes into view, but stops short of the pointer.
 */
export function edgeScrollStep(
  x: number,
  view: Span,
  scroll: { scrollLeft: number; maxScroll: number },
  columns: Span[],
): number {
  const band = edgeBand(view.right - view.left);
  if (x > view.right - band && scroll.scrollLeft < scroll.maxScroll) {
    const speed = Math.ceil((MAX_SPEED * Math.min(band, x - (view.right - band))) / band);
    return Math.max(
      0,
      Math.min(speed, scroll.maxScroll - scroll.scrollLeft, forward(x, view.right, columns)),
    );
  }
  if (x < view.left + band && scroll.scrollLeft > 0) {
    const speed = Math.ceil((MAX_SPEED * Math.min(band, view.left + band - x)) / band);
    // the same rule seen in a mirror
    const mirrored = columns.map((c) => ({ left: -c.right, right: -c.left }));
    return -Math.max(0, Math.min(speed, scroll.scrollLeft, forward(-x, -view.left, mirrored)));
  }
  return 0;
}

/** How far the board may scroll towards the right edge `edge` with the pointer at `x`. */
function forward(x: number, edge: number, columns: Span[]): number {
  const under = columns.find((c) => c.left <= x && x <= c.right);
  if (under) {
    // in view with a little room to spare: nothing to bring in
    const hidden = under.right - (edge - MARGIN);
    const room = under.right - MARGIN - x;
    return Math.floor(Math.min(hidden, room));
  }
  const next = columns.filter((c) => c.left > x).sort((a, b) => a.left - b.left)[0];
  if (!next) return 0;
  return Math.floor(Math.min(next.right - edge, next.left - x - 1));
}

/**
 * Runs the edge scroll on the board element while a pointer drag is on: `start()` at drag start
 * (pointer drags only; a keyboard drag moves column by column and needs none), `stop()` at its end.
 */
export function useEdgeScroll(board: React.RefObject<HTMLElement | null>) {
  const pointer = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const onPointerMove = useCallback((e: PointerEvent) => {
    pointer.current = e.clientX;
  }, []);

  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    pointer.current = null;
    document.removeEventListener('pointermove', onPointerMove, true);
  }, [onPointerMove]);

  const start = useCallback(
    (x: number) => {
      stop();
      pointer.current = x;
      document.addEventListener('pointermove', onPointerMove, true);
      const tick = () => {
        const el = board.current;
        if (el && pointer.current !== null) {
          const rect = el.getBoundingClientRect();
          const columns = Array.from(el.querySelectorAll<HTMLElement>('[data-stage]'), (c) =>
            c.getBoundingClientRect(),
          );
          const dx = edgeScrollStep(
            pointer.current,
            rect,
            { scrollLeft: el.scrollLeft, maxScroll: el.scrollWidth - el.clientWidth },
            columns,
          );
          if (dx !== 0) el.scrollLeft += dx;
        }
        frame.current = requestAnimationFrame(tick);
      };
      frame.current = requestAnimationFrame(tick);
    },
    [board, onPointerMove, stop],
  );

  useEffect(() => stop, [stop]);
  return { start, stop };
}
