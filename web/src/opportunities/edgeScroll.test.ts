import { describe, expect, it } from 'vitest';
import { edgeScrollStep, MARGIN, type Span } from './edgeScroll.js';

// A board 700 px wide on screen (100 → 800); its band along each edge is 64 px. Columns 230 px
// wide with 12 px gaps, scrolled by 400 of 600.
const view = { left: 100, right: 800 };
const scroll = { scrollLeft: 400, maxScroll: 600 };
const columns = (offset: number): Span[] =>
  [0, 1, 2, 3, 4, 5].map((i) => ({ left: offset + i * 242, right: offset + i * 242 + 230 }));
const under = (x: number, cols: Span[]) => cols.findIndex((c) => c.left <= x && x <= c.right);

/** Frames of scrolling with the pointer held still at x; where the columns end up. */
function hold(x: number, offset: number) {
  let cols = columns(offset);
  let scrolled = 0;
  for (let frame = 0; frame < 500; frame++) {
    const dx = edgeScrollStep(x, view, { ...scroll, scrollLeft: scroll.scrollLeft + scrolled }, cols);
    if (dx === 0) break;
    scrolled += dx;
    cols = columns(offset - scrolled);
  }
  return { cols, scrolled };
}

describe('edgeScrollStep', () => {
  it('does not scroll with the pointer away from the edges', () => {
    expect(edgeScrollStep(450, view, scroll, columns(0))).toBe(0);
    // 80 px from the edge: dnd-kit's default band (20 %) scrolls there, this one does not
    expect(edgeScrollStep(720, view, scroll, columns(100))).toBe(0);
  });

  it('does not move a column in view, even at the edge (issue 11: "Fermée gagnée" then "perdue")', () => {
    // column 2 ends 10 px inside the edge (790): the pointer 20 px from the edge is over it
    const offset = 790 - 2 * 242 - 230;
    expect(under(780, columns(offset))).toBe(2);
    expect(edgeScrollStep(780, view, scroll, columns(offset))).toBe(0);
    expect(edgeScrollStep(788, view, scroll, columns(offset))).toBe(0);
  });

  it('brings a column cut off by the edge into view, and the column under the pointer stays', () => {
    // column 4 spans 684 → 914, cut off at 800
    const offset = 684 - 4 * 242;
    for (const x of [740, 770, 795]) {
      const { cols, scrolled } = hold(x, offset);
      expect(scrolled).toBeGreaterThan(0);
      expect(under(x, cols)).toBe(4);
      // in view, or as far as it goes with the pointer still in it
      expect(cols[4].right).toBeLessThanOrEqual(Math.max(800, x + MARGIN));
      expect(cols[4].right - x).toBeGreaterThanOrEqual(MARGIN);
    }
  });

  it('over a gap at the edge, shows the next column without sliding it under the pointer', () => {
    // column 3 ends at 794; column 4 starts beyond the edge, at 806
    const offset = 794 - 3 * 242 - 230;
    const { cols, scrolled } = hold(797, offset);
    expect(scrolled).toBeGreaterThan(0);
    expect(under(797, cols)).toBe(-1);
    expect(cols[4].left).toBeLessThan(800);
    expect(cols[4].left).toBeGreaterThan(797);
  });

  it('scrolls faster nearer the edge, to the left as well, and not past the ends', () => {
    // column 0 spans 20 → 250, cut off at 100
    const cols = columns(20);
    const near = edgeScrollStep(110, view, scroll, cols);
    const far = edgeScrollStep(150, view, scroll, cols);
    expect(near).toBeLessThan(far);
    expect(far).toBeLessThan(0);
    expect(hold(110, 20).cols[0].left).toBeGreaterThanOrEqual(100);
    expect(edgeScrollStep(110, view, { scrollLeft: 0, maxScroll: 600 }, cols)).toBe(0);
    expect(edgeScrollStep(795, view, { scrollLeft: 600, maxScroll: 600 }, columns(684 - 4 * 242))).toBe(0);
  });
});
