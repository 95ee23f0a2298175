// The character set of a vCard file's values that name none (no CHARSET parameter): UTF-16 (a
// byte order mark, or a zero in every other byte) is turned into UTF-8 before the lines are cut;
// UTF-8 stays UTF-8 (quoted-printable values included); any other file is handed to chardet, whose answer is taken for the encodings
// it tells apart reliably (Japanese, Chinese, Korean, Cyrillic, Greek, Hebrew, Arabic) and
// otherwise read as Windows-1252, as before (decode.ts).

import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { Sniffed } from './decode.js';
import { unQuotePrintable } from './vcard-props.js';

/** chardet's answers taken as they are; the Latin ones are too often confused with each other */
const DISTINCT =
  /^(Shift_JIS|EUC-JP|ISO-2022-JP|GB18030|Big5|EUC-KR|ISO-2022-KR|ISO-2022-CN|KOI8-R|windows-1251|ISO-8859-5|ISO-8859-7|windows-1253|ISO-8859-8|windows-1255|ISO-8859-6|windows-1256)$/i;
/** below this (chardet's 0–100), its answer is not trusted */
const MIN_CONFIDENCE = 25;

export interface VcardCharset {
  /** what the job reports (detected.encoding) */
  name: string;
  /** how values without a CHARSET are decoded: "utf-8" (stray bytes as Windows-1252) or an iconv-lite name */
  values: string;
  /** the bytes are UTF-16, turned into UTF-8 as they are read: a CHARSET parameter means nothing */
  utf16: boolean;
}

export function vcardCharset(sample: Buffer, sniffed: Sniffed, named?: string): VcardCharset {
  if (sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be')
    return { name: sniffed.encoding, values: 'utf-8', utf16: true };
  // the encoding named by the person importing (the wizard's choice, encoding=, --encoding) wins
  // over the guess, as for a CSV file; a property's own CHARSET still wins over both
  if (named === 'utf-8' || named === 'windows-1252') return { name: named, values: 'utf-8', utf16: false };
  if (named && !named.startsWith('utf-16')) return { name: named, values: named, utf16: false };
  // a writer folding at 75 octets may cut a character in two: judge the sample unfolded; and
  // quoted-printable values without a CHARSET (old Japanese phones) by the bytes they stand for
  const unfolded = qpDecoded(unfold(sample));
  const whole = unfolded.subarray(0, Math.max(0, unfolded.lastIndexOf(0x0a)));
  if ((sniffed.encoding === 'utf-8' && sniffed.bom) || isUtf8(whole))
    return { name: 'utf-8', values: 'utf-8', utf16: false };
  const best = chardet.analyse(unfolded)[0];
  if (
    best &&
    best.confidence >= MIN_CONFIDENCE &&
    DISTINCT.test(best.name) &&
    iconv.encodingExists(best.name)
  )
    return { name: best.name.toLowerCase(), values: best.name, utf16: false };
  return { name: 'windows-1252', values: 'utf-8', utf16: false };
}

/** The bytes without their folds (a line end and the blank opening the next line). */
function unfold(b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0d || c === 0x0a) {
      const next = c === 0x0d && b[i + 1] === 0x0a ? i + 2 : i + 1;
      if (b[next] === 0x20 || b[next] === 0x09) {
        i = next;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** The bytes with the values of quoted-printable properties decoded (their soft breaks followed). */
function qpDecoded(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let continued = false;
  for (let start = 0; start < b.length; ) {
    const lf = b.indexOf(0x0a, start);
    const end = lf === -1 ? b.length : lf + 1;
    const line = b.subarray(start, end);
    start = end;
    const colon = line.indexOf(0x3a);
    const fromBefore: boolean = continued;
    const qp: boolean =
      fromBefore || (colon > 0 && /QUOTED-PRINTABLE/i.test(line.subarray(0, colon).toString('latin1')));
    continued = qp && line.toString('latin1').trimEnd().endsWith('=');
    if (!qp) {
      out.push(line);
      continue;
    }
    const from = fromBefore ? 0 : colon + 1;
    const to = continued ? line.lastIndexOf(0x3d) : line.length;
    out.push(line.subarray(0, from), unQuotePrintable(line.subarray(from, to)));
  }
  return Buffer.concat(out);
}
