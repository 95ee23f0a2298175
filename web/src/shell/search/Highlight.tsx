import { matchRanges } from '../../../../shared/text.js';

/**
 * `text` with the parts the search matched marked: the same folding and word starts as the
 * search itself (shared/text.ts), so "lefevre" marks "Lefèvre" and "fevre" marks nothing.
 */
export function Highlight({ text, query }: { text: string; query: string }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const { start, end } of matchRanges(text, query)) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="search-match">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
