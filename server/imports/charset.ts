// Which character set a CSV file that is not UTF-8 is in. decode.ts's sniff settles byte order
// marks, UTF-16 without one and UTF-8; anything else used to be read as Windows-1252, which turns a
// Japanese Outlook export (Shift_JIS) or a Russian one (Windows-1251) into mojibake. Here chardet
// (a port of ICU's detector) looks at the sample, and its guess is taken only when it is
// confident enough; Windows-1252 (with UTF-8 sequences still read as UTF-8, decode.ts) stays the
// answer otherwise, as most non-UTF-8 CSV files are Western European Excel and Outlook exports.
// The person importing can always name the encoding (the wizard's choice, `encoding=` of the API,
// `--encoding` of the CLI): it wins over any guess.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { Sniffed } from './decode.js';

/**
 * single-byte sets of other scripts (Cyrillic, Greek, Hebrew, Arabic): read as Windows-1252 they
 * are all mojibake, so a guess is worth taking. Central European and Turkish sets differ from
 * Windows-1252 by a few letters only and short samples do not tell them apart: those are chosen
 * by hand.
 */
const OTHER_SCRIPTS = new Set([
  'windows-1251',
  'KOI8-R',
  'ISO-8859-5',
  'ISO-8859-7',
  'windows-1253',
  'ISO-8859-8',
  'windows-1255',
  'ISO-8859-6',
  'windows-1256',
]);

/** multi-byte sets: their byte patterns are distinctive, their confidence meaningful */
const MULTI_BYTE = new Set(['Shift_JIS', 'EUC-JP', 'GB18030', 'Big5', 'EUC-KR', 'ISO-2022-JP']);

/**
 * The lowest confidence (0–100) at which a guess is taken. Measured on short exports (a header and
 * a few rows): chardet gives a Shift_JIS Outlook file 85–90, the Cyrillic words of a Windows-1251
 * one 33 (a French Windows-1252 file: ISO-8859-1, the default's family). Below these, the default.
 */
export const MIN_CONFIDENCE = { multiByte: 50, singleByte: 20 } as const;

export { ENCODING_CHOICES, type EncodingChoice } from '../../shared/encodings.js';

/** A name iconv-lite knows, lower-cased ("Shift_JIS" → "shift_jis"), or null. */
function supported(name: string): string | null {
  const n = name.toLowerCase();
  return iconv.encodingExists(n) ? n : null;
}

export interface CharsetGuess {
  encoding: string;
  /** chardet's confidence in it (0–100); null when not guessed (a mark, UTF-8, a choice) */
  confidence: number | null;
}

/**
 * The encoding of a CSV sample once sniff() found no mark and no UTF-8: a multi-byte set chardet
 * is confident of; else a set of another script, judged on the sample's words that have bytes
 * above ASCII only (headers, emails and digits would drown their letters' statistics); else
 * Windows-1252.
 */
export function guessCharset(sample: Buffer): CharsetGuess {
  const [whole] = chardet.analyse(sample);
  if (whole && MULTI_BYTE.has(whole.name) && whole.confidence >= MIN_CONFIDENCE.multiByte) {
    const name = supported(whole.name);
    if (name) return { encoding: name, confidence: whole.confidence };
  }
  const [best] = chardet.analyse(highWords(sample));
  if (best && OTHER_SCRIPTS.has(best.name) && best.confidence >= MIN_CONFIDENCE.singleByte) {
    const name = supported(best.name);
    if (name) return { encoding: name, confidence: best.confidence };
  }
  return { encoding: 'windows-1252', confidence: null };
}

const isLetterByte = (b: number) => b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** The sample's words (runs of ASCII letters and bytes above) that hold a byte above ASCII, spaced. */
function highWords(sample: Buffer): Buffer {
  const out: Buffer[] = [];
  let start = -1;
  let high = false;
  for (let i = 0; i <= sample.length; i++) {
    const b = i < sample.length ? sample[i] : 0x20;
    if (isLetterByte(b)) {
      if (start < 0) start = i;
      if (b >= 0x80) high = true;
      continue;
    }
    if (start >= 0 && high) out.push(sample.subarray(start, i), Buffer.from(' '));
    start = -1;
    high = false;
  }
  return Buffer.concat(out);
}

/**
 * The reading of a CSV file: the encoding named by the person importing when there is one (a byte
 * order mark of that encoding is still dropped), else sniff()'s when it is sure (a mark, UTF-16,
 * UTF-8), else the guess.
 */
export function csvCharset(sample: Buffer, sniffed: Sniffed, chosen?: string): Sniffed & CharsetGuess {
  if (chosen) {
    const bom = sniffed.bom && sniffed.encoding === chosen;
    return { ...sniffed, encoding: chosen, bom, confidence: null };
  }
  if (sniffed.bom || sniffed.encoding !== 'windows-1252') return { ...sniffed, confidence: null };
  return { ...sniffed, ...guessCharset(sample) };
}

/** Decodes a sample in an encoding decode.ts does not read itself (its own mark dropped). */
export function decodeSample(sample: Buffer, encoding: string): string {
  return iconv.decode(sample, encoding, { stripBOM: true });
}
