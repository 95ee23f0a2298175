// Reading vCards 2.1, 3.0 and 4.0, one card at a time, from the file's bytes (ADR 016): the lines
// are cut and unfolded on bytes (vcard-lines.ts), each property decoded in its own CHARSET or the
// file's (vcard-props.ts), then read as fields (vcard-fields.ts). Photos and every other property
// the importer does not read are skipped as they stream by, so memory is one card's text at most.
// A vCard 2.1 AGENT's card (written inline between the outer card's lines, or as 3.0's escaped
// text) is no contact of its own unless it has an email of its own; it is noted on the outer one.

import { createReadStream } from 'node:fs';
import { type Duplex, pipeline, Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';
import type { SourceRecord } from './csv-reader.js';
import type { Sniffed } from './decode.js';
import type { Fields } from './mapping.js';
import type { VcardCharset } from './vcard-charset.js';
import { cardFields, FIELD_PROPERTIES } from './vcard-fields.js';
import { type LineStats, logicalLines, newLineStats, type RawLine } from './vcard-lines.js';
import {
  bytesToText,
  knownCharset,
  type Prop,
  parseProp,
  unescapeText,
  unQuotePrintable,
} from './vcard-props.js';

/** a card's kept text beyond this (photos excluded) is refused */
export const MAX_CARD_CHARS = 1024 * 1024;
/** AGENT cards inside AGENT cards: deeper ones are read as the outer card's lines */
const MAX_DEPTH = 3;

const STRUCTURE = ['BEGIN', 'END', 'VERSION', 'AGENT'];
const READ = new Set([...STRUCTURE, ...FIELD_PROPERTIES]);
/** counting needs the cards' boundaries and, for an agent's card, its emails only */
const COUNTED = new Set([...STRUCTURE, 'EMAIL']);

const keepForFields = (name: string) => READ.has(name) || name.startsWith('X-CARNET-');
const keepForCount = (name: string) => COUNTED.has(name);

const TOO_LARGE = 'the card is larger than 1 MiB (photos aside)';

/** Quoted-printable text to text in the given charset (UTF-8, stray bytes as Windows-1252, if none or unknown). */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  return bytesToText(unQuotePrintable(Buffer.from(value, 'utf8')), knownCharset(charset) ?? 'utf-8');
}

/** The file's bytes, without a byte order mark; UTF-16 turned into UTF-8 (its lines are cut on bytes). */
export function vcardBytes(path: string, sniffed: Sniffed): Readable {
  const file = createReadStream(path);
  if (sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be') {
    const decode = iconv.decodeStream(sniffed.encoding, { stripBOM: true }) as unknown as Duplex;
    const encode = iconv.encodeStream('utf8') as unknown as Duplex;
    // pipeline, not pipe: a reader stopped early closes the file too
    return pipeline(file, decode, encode, () => {});
  }
  if (!sniffed.bom) return file;
  // the mark is the file's first three bytes, in its first chunk
  let first = true;
  const skipBom = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, first && chunk[0] === 0xef ? chunk.subarray(3) : chunk);
      first = false;
    },
  });
  return pipeline(file, skipBom, () => {});
}

export interface ReadOptions {
  /** only count the records (their fields are left out) */
  countOnly?: boolean;
  stats?: LineStats;
}

/** The cards of a file as records; a card that cannot be read is a record with an error. */
export function readVcards(
  path: string,
  sniffed: Sniffed,
  charset: VcardCharset,
  opts: ReadOptions = {},
): AsyncGenerator<SourceRecord> {
  return readVcardStream(vcardBytes(path, sniffed), charset, opts);
}

const UTF8: VcardCharset = { name: 'utf-8', values: 'utf-8', utf16: false };

/** The fields of every card in a text (for tests and checks of our own export). */
export async function readVcardText(text: string): Promise<Fields[]> {
  const out: Fields[] = [];
  for await (const rec of readVcardStream(Readable.from([Buffer.from(text, 'utf8')]), UTF8))
    out.push(rec.fields);
  return out;
}

interface OpenCard {
  row: number;
  lines: Buffer[];
  agents: OpenCard[];
  error?: string;
  /** the last line was an empty AGENT (2.1): a BEGIN:VCARD now opens its card */
  agentNext?: boolean;
}

const lineValue = (l: RawLine) => {
  const b = l.bytes as Buffer;
  return b
    .subarray(b.indexOf(0x3a) + 1)
    .toString('latin1')
    .trim();
};

/**
 * The cards of a byte stream, one at a time. A card's lines are held until its END; one past
 * MAX_CARD_CHARS lets them go and becomes an error record.
 */
export async function* readVcardStream(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  charset: VcardCharset,
  opts: ReadOptions = {},
  depth = 0,
): AsyncGenerator<SourceRecord> {
  const keep = opts.countOnly ? keepForCount : keepForFields;
  const read = (c: OpenCard) => cardRecords(c, charset, opts, depth);
  /** the open cards: the file's, then an agent's inside it */
  const stack: OpenCard[] = [];
  let size = 0; // the outermost card's kept bytes
  const open = (row: number) => stack.push({ row, lines: [], agents: [] });
  for await (const line of logicalLines(input, keep, opts.stats ?? newLineStats())) {
    const card = stack[stack.length - 1];
    if (line.bytes === null) {
      if (card && line.tooLarge) stack[0].error = TOO_LARGE;
      continue;
    }
    const value =
      line.name === 'BEGIN' || line.name === 'END' || line.name === 'AGENT' ? lineValue(line) : '';
    const agentNext = card?.agentNext;
    if (card) card.agentNext = false;
    if (line.name === 'BEGIN' && /^VCARD$/i.test(value)) {
      if (card && agentNext && stack.length < MAX_DEPTH) open(line.lineNo);
      else {
        // a card without its END, then the next one: the first fails, the next is read
        if (card) yield { row: stack[0].row, fields: {}, error: 'the card has no END:VCARD' };
        stack.length = 0;
        size = 0;
        open(line.lineNo);
      }
      continue;
    }
    if (!card) continue;
    if (line.name === 'END' && /^VCARD$/i.test(value)) {
      const done = stack.pop() as OpenCard;
      if (stack.length > 0) stack[stack.length - 1].agents.push(done);
      else yield* read(done);
      continue;
    }
    if (line.name === 'AGENT') {
      // 2.1: "AGENT:" then the card's lines, or "AGENT:BEGIN:VCARD" and the rest of them
      if (value === '') card.agentNext = true;
      else if (/^BEGIN:VCARD$/i.test(value) && stack.length < MAX_DEPTH) {
        open(line.lineNo);
        continue;
      }
    }
    if (stack[0].error) continue;
    size += line.bytes.length;
    if (size > MAX_CARD_CHARS) {
      stack[0].error = TOO_LARGE;
      for (const c of stack) c.lines = [];
      continue;
    }
    card.lines.push(line.bytes);
  }
  if (stack.length > 0)
    yield { row: stack[0].row, fields: {}, error: 'the file ends inside this card (END:VCARD is missing)' };
}

/** An agent's card written as 3.0's escaped text ("AGENT:BEGIN:VCARD\nFN:…\nEND:VCARD"), read as a card. */
async function escapedAgent(p: Prop, row: number, opts: ReadOptions, depth: number) {
  const text = unescapeText(p.value).trim();
  if (!/^BEGIN:VCARD\s/i.test(text) || depth + 1 >= MAX_DEPTH) return [];
  const out: SourceRecord[] = [];
  // already text: read as UTF-8, on the outer card's row
  const bytes = Readable.from([Buffer.from(text, 'utf8')]);
  for await (const r of readVcardStream(bytes, UTF8, { countOnly: opts.countOnly }, depth + 1))
    out.push({ ...r, row });
  return out;
}

/** "Agent: Fred Friday, +1 213 555 1234, fred@example.com": an agent's card on the outer one's notes. */
function agentNote(f: Fields): string {
  const name = f.full_name || [f.first_name, f.last_name].filter(Boolean).join(' ');
  const what = [name, f.company_name, f.job_title, f.phone, f.email].filter(Boolean).join(', ');
  return what ? `Agent: ${what}` : '';
}

/**
 * A card's record, then its agents' cards that have an email of their own (not one of the outer
 * card's): those are contacts too. The others are a line of the outer card's notes.
 */
async function* cardRecords(
  card: OpenCard,
  charset: VcardCharset,
  opts: ReadOptions,
  depth: number,
): AsyncGenerator<SourceRecord> {
  if (card.error) {
    yield { row: card.row, fields: {}, error: card.error };
    return;
  }
  let fields: Fields;
  const agents: SourceRecord[] = [];
  try {
    const props = card.lines
      .map((l) => parseProp(l, charset.values, charset.utf16))
      .filter((p): p is Prop => p !== null);
    // (counting, the card has its emails only: what tells whether an agent is a contact)
    fields = cardFields(props);
    for (const a of props.filter((p) => p.name === 'AGENT'))
      agents.push(...(await escapedAgent(a, card.row, opts, depth)));
    for (const a of card.agents)
      for await (const r of cardRecords(a, charset, opts, depth + 1)) agents.push(r);
  } catch (e) {
    yield { row: card.row, fields: {}, error: `could not be read: ${(e as Error).message}` };
    return;
  }
  const own = new Set(
    [fields.email, ...(fields.emails ?? '').split(/;\s*/).map((x) => x.replace(/^[^:]*:\s*/, ''))]
      .filter(Boolean)
      .map((x) => (x as string).toLowerCase()),
  );
  const separate: SourceRecord[] = [];
  for (const a of agents) {
    if (a.error) continue;
    const note = opts.countOnly ? '' : agentNote(a.fields);
    if (note) fields.notes = fields.notes ? `${fields.notes}\n\n${note}` : note;
    if (a.fields.email && !own.has(a.fields.email.toLowerCase())) {
      separate.push(a);
      own.add(a.fields.email.toLowerCase());
    }
  }
  yield { row: card.row, fields };
  yield* separate;
}

/** True when the text starts like a vCard file. */
export const looksLikeVcard = (start: string) => /^\s*BEGIN:VCARD\s*$/im.test(start.slice(0, 4096));
