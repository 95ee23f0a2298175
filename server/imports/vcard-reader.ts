// Reading vCards 2.1, 3.0 and 4.0, one card at a time. ical.js parses 3.0 and 4.0; what it does
// not know of 2.1 (quoted-printable soft line breaks, CHARSET, parameters without a name such as
// TEL;CELL;PREF) is rewritten first, line by line, by `normalizeLine`. Photos are dropped as they
// are read, so a card's memory is its text only.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ICAL from 'ical.js';
import iconv from 'iconv-lite';
import type { SourceRecord } from './csv-reader.js';
import { decodeMixed, decoder, type Sniffed } from './decode.js';
import type { Fields } from './mapping.js';

/** properties the importer reads; every other one is dropped before parsing, whatever it holds */
const KEPT = new Set(['VERSION', 'N', 'FN', 'EMAIL', 'TEL', 'ORG', 'NOTE']);
/** a card's text beyond this (photos excluded) is refused */
export const MAX_CARD_CHARS = 1024 * 1024;

/** The lines of a text stream, whatever their ending (CRLF, LF or a lone CR). */
export async function* textLines(stream: Readable): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of stream) {
    pending += String(chunk);
    const parts = pending.split(/\r\n|\n|\r(?!$)/);
    pending = parts.pop() ?? '';
    yield* parts;
  }
  if (pending !== '') yield* pending.split(/\r\n|\n|\r/);
}

interface LineParts {
  group: string;
  name: string;
  params: string[];
  value: string;
}

/** name;params:value, where a colon inside a quoted parameter value does not end the name. */
function splitLine(line: string): LineParts | null {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      const params: string[] = [];
      let cur = '';
      let q = false;
      for (const ch of line.slice(0, i)) {
        if (ch === '"') q = !q;
        if (ch === ';' && !q) {
          params.push(cur);
          cur = '';
        } else cur += ch;
      }
      params.push(cur);
      const full = (params.shift() ?? '').trim();
      const dot = full.lastIndexOf('.');
      return {
        group: dot >= 0 ? full.slice(0, dot) : '',
        name: (dot >= 0 ? full.slice(dot + 1) : full).toUpperCase(),
        params,
        value: line.slice(i + 1),
      };
    }
  }
  return null;
}

const isQuotedPrintable = (params: string[]) =>
  params.some((p) => /^(ENCODING=)?QUOTED-PRINTABLE$/i.test(p.trim()));

/** Quoted-printable to bytes, then to text in the given charset (UTF-8, else Windows-1252, if unknown). */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  const buf = Buffer.from(bytes);
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset))
    return iconv.decode(buf, charset);
  return decodeMixed(buf, true).text;
}

/**
 * One logical line as ical.js reads it: quoted-printable decoded, CHARSET and ENCODING removed,
 * 2.1's bare parameters written as TYPE=…, line breaks inside a value escaped.
 */
export function normalizeLine(p: LineParts): string {
  let value = p.value;
  const charset = p.params.find((x) => /^CHARSET=/i.test(x))?.slice(8);
  if (isQuotedPrintable(p.params))
    value = decodeQuotedPrintable(value, charset).replace(/\r\n|\r|\n/g, '\\n');
  const params = p.params
    .map((x) => x.trim())
    .filter(
      (x) =>
        x !== '' && !/^(ENCODING|CHARSET)=/i.test(x) && !/^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT)$/i.test(x),
    )
    .map((x) => (x.includes('=') ? x : `TYPE=${x}`));
  const name = p.group ? `${p.group}.${p.name}` : p.name;
  return `${[name, ...params].join(';')}:${value}`;
}

const text = (v: unknown): string =>
  (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v)).trim();

/** How preferred a property is: PREF=1 (4.0) or TYPE=pref (2.1, 3.0) first; then file order. */
function prefRank(prop: ICAL.Property): number {
  const pref = prop.getParameter('pref');
  if (pref !== undefined && pref !== null) return Number(pref) || 1;
  const type = prop.getParameter('type');
  const types = (Array.isArray(type) ? type : [type]).map((t) => String(t ?? '').toLowerCase());
  return types.includes('pref') ? 1 : 101;
}

function preferred(card: ICAL.Component, name: string, strip: RegExp): string | undefined {
  const props = card.getAllProperties(name).filter((p) => text(p.getFirstValue()) !== '');
  const best = props.map((p, i) => ({ p, rank: prefRank(p) * 1000 + i })).sort((a, b) => a.rank - b.rank)[0];
  return best ? text(best.p.getFirstValue()).replace(strip, '') : undefined;
}

/** A card's fields: N (or FN), the preferred EMAIL and TEL, the first ORG unit, the NOTEs. */
export function cardFields(lines: string[]): Fields {
  const card = new ICAL.Component(ICAL.parse(`BEGIN:VCARD\r\n${lines.join('\r\n')}\r\nEND:VCARD\r\n`) as []);
  const out: Fields = {};
  const n = card.getFirstPropertyValue('n') as unknown;
  const parts = Array.isArray(n) ? n.map((x) => text(x)) : typeof n === 'string' ? n.split(';') : [];
  if (parts[0]) out.last_name = parts[0].trim();
  const given = [parts[1], parts[2]]
    .map((x) => x?.trim())
    .filter(Boolean)
    .join(' ');
  if (given) out.first_name = given;
  const fn = text(card.getFirstPropertyValue('fn'));
  if (fn) out.full_name = fn;
  const email = preferred(card, 'email', /^mailto:/i);
  if (email) out.email = email;
  const tel = preferred(card, 'tel', /^tel:/i);
  if (tel) out.phone = tel;
  const org = text(card.getFirstPropertyValue('org'));
  if (org) out.company_name = org;
  const notes = card
    .getAllProperties('note')
    .map((p) => text(p.getFirstValue()))
    .filter(Boolean);
  if (notes.length) out.notes = notes.join('\n\n');
  return out;
}

/** The cards of a file as records; a card that cannot be read is a record with an error. */
export function readVcards(path: string, sniffed: Sniffed): AsyncGenerator<SourceRecord> {
  return readVcardStream(createReadStream(path).pipe(decoder(sniffed)));
}

/** The fields of every card in a text (for tests and checks of our own export). */
export async function readVcardText(text: string): Promise<Fields[]> {
  const out: Fields[] = [];
  for await (const rec of readVcardStream(Readable.from([text]))) out.push(rec.fields);
  return out;
}

async function* readVcardStream(input: Readable): AsyncGenerator<SourceRecord> {
  let card: { row: number; lines: string[]; chars: number; error?: string } | null = null;
  let dropping = false; // inside a dropped property's folded lines (a photo…)
  let softBreak = false; // the last line was quoted-printable ending in "="
  let lineNo = 0;
  const finish = (c: NonNullable<typeof card>): SourceRecord => {
    if (c.error) return { row: c.row, fields: {}, error: c.error };
    try {
      return { row: c.row, fields: cardFields(c.lines.map((l) => normalizeLine(splitLine(l) as LineParts))) };
    } catch (e) {
      return { row: c.row, fields: {}, error: `could not be read: ${(e as Error).message}` };
    }
  };
  for await (const line of textLines(input)) {
    lineNo++;
    if (card && softBreak) {
      card.lines[card.lines.length - 1] = card.lines[card.lines.length - 1].slice(0, -1) + line;
      softBreak = line.endsWith('=');
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (card && !dropping && !card.error && card.lines.length > 0) {
        card.chars += line.length;
        if (card.chars > MAX_CARD_CHARS) card.error = 'the card is larger than 1 MiB (photos aside)';
        else card.lines[card.lines.length - 1] += line.slice(1);
      }
      continue;
    }
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (card) yield { row: card.row, fields: {}, error: 'the card has no END:VCARD' };
      card = { row: lineNo, lines: [], chars: 0 };
      dropping = false;
      continue;
    }
    if (!card) continue;
    if (/^END:VCARD\s*$/i.test(line)) {
      yield finish(card);
      card = null;
      continue;
    }
    const parts = line.trim() === '' ? null : splitLine(line);
    dropping = !parts || !KEPT.has(parts.name);
    if (dropping || card.error) continue;
    card.chars += line.length;
    if (card.chars > MAX_CARD_CHARS) {
      card.error = 'the card is larger than 1 MiB (photos aside)';
      card.lines = [];
      continue;
    }
    card.lines.push(line);
    softBreak = isQuotedPrintable((parts as LineParts).params) && line.endsWith('=');
  }
  if (card)
    yield { row: card.row, fields: {}, error: 'the file ends inside this card (END:VCARD is missing)' };
}

/** True when the text starts like a vCard file. */
export const looksLikeVcard = (start: string) => /^\s*BEGIN:VCARD\s*$/im.test(start.slice(0, 4096));
