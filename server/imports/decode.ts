// Turning an uploaded file's bytes into text: what encoding it is in, whether it is text at all,
// and a streaming decoder that survives files mixing UTF-8 and Windows-1252.
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';

/** sniff()'s answers; a CSV file may be read in any other encoding iconv-lite knows (charset.ts) */
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | (string & {});

export interface Sniffed {
  encoding: Encoding;
  /** a byte order mark was there (and is dropped) */
  bom: boolean;
  /** the start of the file is not text: a spreadsheet, an image, random bytes */
  binary: boolean;
  empty: boolean;
}

/** How many bytes of the file decide its encoding and shape. */
export const SAMPLE_BYTES = 64 * 1024;

/** The bytes 0x80–0xFF as Windows-1252 reads them (0x81, 0x8D… map to C1 controls, as browsers do). */
const CP1252 = Array.from({ length: 256 }, (_, b) => iconv.decode(Buffer.from([b]), 'win1252'));

/**
 * Where the UTF-8 sequence starting at `i` ends (exclusive), -1 when the bytes are not UTF-8, or
 * 0 when the buffer ends before the sequence does. Overlong forms and surrogates are refused, as
 * the Unicode standard requires.
 */
function utf8SequenceEnd(buf: Buffer, i: number): number {
  const b = buf[i];
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k < n; k++) {
    if (i + k >= buf.length) return 0;
    const c = buf[i + k];
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return -1;
  }
  return i + n;
}

/**
 * Decodes UTF-8, reading any byte that is not part of a valid UTF-8 sequence as Windows-1252: a
 * file pasted together from an old Excel export and a new one keeps its accents in both halves.
 * Returns the text and the bytes of a sequence cut by the end of the buffer (unless `final`).
 */
export function decodeMixed(buf: Buffer, final: boolean): { text: string; rest: Buffer } {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < buf.length) {
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const end = utf8SequenceEnd(buf, i);
    if (end > 0) {
      i = end;
      continue;
    }
    if (end === 0 && !final) {
      if (i > runStart) parts.push(buf.toString('utf8', runStart, i));
      return { text: parts.join(''), rest: buf.subarray(i) };
    }
    if (i > runStart) parts.push(buf.toString('utf8', runStart, i));
    parts.push(CP1252[buf[i]]);
    i++;
    runStart = i;
  }
  if (i > runStart) parts.push(buf.toString('utf8', runStart, i));
  return { text: parts.join(''), rest: Buffer.alloc(0) };
}

/** True when every byte of the sample belongs to a UTF-8 sequence (a sequence cut at its end counts). */
function isUtf8Sample(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; ) {
    if (buf[i] < 0x80) i++;
    else {
      const end = utf8SequenceEnd(buf, i);
      if (end === -1) return false;
      if (end === 0) return true;
      i = end;
    }
  }
  return true;
}

/** Reads the start of a file and decides its encoding; looks for signs that it is not text. */
export function sniff(sample: Buffer): Sniffed {
  const at = (...bytes: number[]) => bytes.every((b, i) => sample[i] === b);
  if (at(0xef, 0xbb, 0xbf)) return { ...textShape(sample.subarray(3)), encoding: 'utf-8', bom: true };
  if (at(0xff, 0xfe)) return { encoding: 'utf-16le', bom: true, binary: false, empty: sample.length <= 2 };
  if (at(0xfe, 0xff)) return { encoding: 'utf-16be', bom: true, binary: false, empty: sample.length <= 2 };
  // UTF-16 without a mark: ASCII text has a zero in every other byte
  const zeros = (parity: number) => {
    let n = 0;
    for (let i = parity; i < Math.min(sample.length, 4096); i += 2) if (sample[i] === 0) n++;
    return n / Math.max(1, Math.min(sample.length, 4096) / 2);
  };
  if (sample.length >= 4 && zeros(1) > 0.9 && zeros(0) < 0.1)
    return { encoding: 'utf-16le', bom: false, binary: false, empty: false };
  if (sample.length >= 4 && zeros(0) > 0.9 && zeros(1) < 0.1)
    return { encoding: 'utf-16be', bom: false, binary: false, empty: false };
  const shape = textShape(sample);
  return { ...shape, encoding: isUtf8Sample(sample) ? 'utf-8' : 'windows-1252', bom: false };
}

function textShape(sample: Buffer): { binary: boolean; empty: boolean } {
  let controls = 0;
  let blank = true;
  for (const b of sample) {
    // tab, line feed, vertical tab, form feed, carriage return, and DOS's end-of-file mark are text
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 0x1a) controls++;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) blank = false;
  }
  return { binary: controls > Math.max(0, sample.length * 0.01), empty: blank };
}

/** A stream turning the file's bytes into text (strings), without the byte order mark. */
export function decoder(sniffed: Sniffed): Transform {
  if (sniffed.encoding !== 'utf-8' && sniffed.encoding !== 'windows-1252') {
    return iconv.decodeStream(sniffed.encoding, { stripBOM: true }) as unknown as Transform;
  }
  let rest = Buffer.alloc(0);
  let skipBom = sniffed.bom;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      if (skipBom && buf.length >= 3) {
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        skipBom = false;
      }
      const out = decodeMixed(buf, false);
      rest = Buffer.from(out.rest);
      done(null, out.text || undefined);
    },
    flush(done) {
      done(null, rest.length > 0 ? decodeMixed(rest, true).text : undefined);
    },
  });
}
