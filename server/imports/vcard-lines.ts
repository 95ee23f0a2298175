// A vCard file's logical lines, cut from its bytes before any decoding (ADR 016). Unfolding on
// bytes keeps a UTF-8 or Shift_JIS character that a writer folded in two whole, and lets each
// property be decoded in its own CHARSET afterwards. Properties the importer does not read (photos,
// sounds, keys…) are recognised by their name and skipped as they stream by: whatever their size,
// only the line being read is held, and only when it is kept.

import { lineTooLong, MAX_LINE_CHARS } from './limits.js';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;
const QUOTE = 0x22;
const EQUALS = 0x3d;

/** A name and its parameters longer than this are no property (a line of garbage, base64 without a name). */
const MAX_HEAD_BYTES = 8 * 1024;
/** a kept logical line (folds and soft breaks joined) past this makes its card too large */
export const MAX_LOGICAL_BYTES = 1024 * 1024;

export interface RawLine {
  /** the physical line it starts on (1 for the file's first) */
  lineNo: number;
  /** the property's name, upper-cased, without its group ("" when the line has no name and colon) */
  name: string;
  /** the whole logical line, unfolded, soft line breaks removed; null when skipped */
  bytes: Buffer | null;
  /** kept, but longer than MAX_LOGICAL_BYTES: its bytes were let go */
  tooLarge?: boolean;
}

/** What the reader held at most, for tests and checks: it must not grow with the file. */
export interface LineStats {
  /** the largest logical line held, in bytes */
  maxLineBytes: number;
  physicalLines: number;
}

export const newLineStats = (): LineStats => ({ maxLineBytes: 0, physicalLines: 0 });

interface Current {
  lineNo: number;
  head: Buffer[];
  headBytes: number;
  /** inside a quoted parameter value of the head */
  quoted: boolean;
  /** the head ended (its colon was seen): name, keep and qp are known */
  named: boolean;
  name: string;
  keep: boolean;
  qp: boolean;
  pieces: Buffer[];
  size: number;
  tooLarge: boolean;
  /** the bytes of the physical line being read (a single physical line over 1 MiB fails the file) */
  physical: number;
  /** the last byte of the logical line so far: a quoted-printable "=" continues it on the next line */
  last: number;
  /** in vCard 2.1, every blank at the start of a folded line is folding (vinnie and ez-vcard read it so) */
  v21: boolean;
}

/** "group.NAME" of a head (the bytes before the colon, parameters after the first ";") */
function nameOf(raw: string): string {
  // files concatenated from tools that write a byte order mark have one before each BEGIN:VCARD
  const head = raw.replace(/^\xef\xbb\xbf/, '');
  const semi = head.indexOf(';');
  const full = (semi >= 0 ? head.slice(0, semi) : head).trim();
  return full.slice(full.lastIndexOf('.') + 1).toUpperCase();
}

const isQp = (head: string) => /;\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(;|$)/i.test(head);

/**
 * The logical lines of a vCard byte stream. `keep(name)` says which properties are held; the
 * others are skipped by their line ends only. A physical line of a kept property over 1 MiB fails
 * the file (lineTooLong); a kept logical line over MAX_LOGICAL_BYTES comes out `tooLarge`.
 */
export async function* logicalLines(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  keep: (name: string) => boolean,
  stats: LineStats = newLineStats(),
): AsyncGenerator<RawLine> {
  let cur: Current | null = null;
  let lineNo = 0;
  let atLineStart = true;
  let afterCr = false; // the last chunk ended on CR: a LF opening this one belongs to it
  let v21 = false; // the card being read said VERSION:2.1

  const start = (): Current => ({
    lineNo,
    head: [],
    headBytes: 0,
    quoted: false,
    named: false,
    name: '',
    keep: false,
    qp: false,
    pieces: [],
    size: 0,
    tooLarge: false,
    physical: 0,
    last: -1,
    v21,
  });

  const finish = (c: Current): RawLine => {
    if (!c.named) {
      // no colon: no property, unless it is a bare END or BEGIN tag written without one
      return { lineNo: c.lineNo, name: '', bytes: null };
    }
    if (!c.keep) return { lineNo: c.lineNo, name: c.name, bytes: null };
    if (c.tooLarge) return { lineNo: c.lineNo, name: c.name, bytes: null, tooLarge: true };
    const bytes = Buffer.concat(c.pieces, c.size);
    if (c.name === 'VERSION') v21 = /:\s*2\.1\s*$/.test(bytes.toString('latin1'));
    else if (c.name === 'BEGIN') v21 = false;
    return { lineNo: c.lineNo, name: c.name, bytes };
  };

  const addBody = (c: Current, seg: Buffer) => {
    if (!c.keep || c.tooLarge || seg.length === 0) return;
    c.size += seg.length;
    if (c.size > MAX_LOGICAL_BYTES) {
      c.tooLarge = true;
      c.pieces = [];
      return;
    }
    // a chunk's slice would keep the whole chunk alive: copy what is kept
    c.pieces.push(Buffer.from(seg));
    if (c.size > stats.maxLineBytes) stats.maxLineBytes = c.size;
  };

  /** A segment of the current physical line (no line end in it). */
  const add = (c: Current, seg: Buffer) => {
    if (seg.length === 0) return;
    c.physical += seg.length;
    c.last = seg[seg.length - 1];
    if (c.keep && c.physical > MAX_LINE_CHARS) throw lineTooLong(lineNo);
    if (c.named) return addBody(c, seg);
    // still in the head: look for the colon that ends it (a quoted parameter may hold one)
    let colon = -1;
    for (let i = 0; i < seg.length; i++) {
      if (seg[i] === QUOTE) c.quoted = !c.quoted;
      else if (seg[i] === COLON && !c.quoted) {
        colon = i;
        break;
      }
    }
    const headPart = colon >= 0 ? seg.subarray(0, colon) : seg;
    if (c.headBytes + headPart.length > MAX_HEAD_BYTES) {
      // not a property: skipped to its end, like a dropped one
      c.named = true;
      c.name = '';
      c.keep = false;
      c.head = [];
      return;
    }
    c.head.push(Buffer.from(headPart));
    c.headBytes += headPart.length;
    if (colon < 0) return;
    const head = Buffer.concat(c.head).toString('latin1');
    c.named = true;
    c.name = nameOf(head);
    c.qp = isQp(head);
    c.keep = c.name !== '' && keep(c.name);
    c.head = [];
    if (c.keep) {
      addBody(c, Buffer.from(head, 'latin1'));
      addBody(c, seg.subarray(colon));
      if (c.physical > MAX_LINE_CHARS) throw lineTooLong(lineNo);
    }
  };

  for await (const chunk of input) {
    let i = 0;
    let nextCr = -2;
    let nextLf = -2;
    while (i < chunk.length) {
      if (atLineStart) {
        const b = chunk[i];
        if (afterCr) {
          afterCr = false;
          if (b === LF) {
            i++;
            continue;
          }
        }
        lineNo++;
        stats.physicalLines++;
        atLineStart = false;
        if (cur?.qp && cur.last === EQUALS) {
          // quoted-printable soft line break: "=" and the line end are no part of the value
          cur.last = -1;
          cur.physical = 0;
          dropLastByte(cur);
        } else if (cur && (b === SP || b === HT)) {
          cur.physical = 0;
          i++;
          if (cur.v21) while (i < chunk.length && (chunk[i] === SP || chunk[i] === HT)) i++;
          // (2.1: blanks cut by a chunk's end are read as the value's, a rare and harmless case)
        } else {
          if (cur) yield finish(cur);
          cur = start();
        }
        continue;
      }
      if (nextCr !== -1 && nextCr < i) nextCr = chunk.indexOf(CR, i);
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      const c = cur as Current;
      if (end === -1) {
        add(c, chunk.subarray(i));
        break;
      }
      add(c, chunk.subarray(i, end));
      i = end + 1;
      if (chunk[end] === CR) {
        if (i < chunk.length) {
          if (chunk[i] === LF) i++;
        } else afterCr = true;
      }
      atLineStart = true;
    }
  }
  if (cur) yield finish(cur);
}

/** Removes the soft break's "=" from the end of what was kept. */
function dropLastByte(c: Current) {
  if (!c.keep || c.tooLarge || c.pieces.length === 0) return;
  const lastPiece = c.pieces[c.pieces.length - 1];
  c.pieces[c.pieces.length - 1] = lastPiece.subarray(0, lastPiece.length - 1);
  c.size--;
}
