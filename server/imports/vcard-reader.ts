// Reading vCards 2.1, 3.0 and 4.0, one card at a time. ical.js parses 3.0 and 4.0; what it does
// not know of 2.1 (quoted-printable soft line breaks, CHARSET, parameters without a name such as
// TEL;CELL;PREF) is rewritten first, line by line, by `normalizeLine`. Photos are dropped as they
// are read, so a card's memory is its text only; a line over 1 MiB fails the file as it is read.

import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import ICAL from 'ical.js';
import iconv from 'iconv-lite';
import { channelLabel, formatChannels } from '../../shared/channels.js';
import { customTarget, keyOfVcardProperty } from '../custom-fields/import-cells.js';
import { phoneKey } from '../lib/phone.js';
import type { SourceRecord } from './csv-reader.js';
import { decodeMixed, decoder, type Sniffed } from './decode.js';
import { lineTooLong, MAX_LINE_CHARS } from './limits.js';
import type { Fields } from './mapping.js';

/** properties the importer reads; every other one is dropped before parsing, whatever it holds */
const KEPT = new Set([
  'VERSION',
  'N',
  'FN',
  'EMAIL',
  'TEL',
  'ORG',
  'TITLE',
  'ADR',
  'BDAY',
  'URL',
  'NOTE',
  'CATEGORIES',
  // Apple's label of a grouped TEL or EMAIL ("item1.X-ABLabel:Standard")
  'X-ABLABEL',
]);
/** a card's text beyond this (photos excluded) is refused */
export const MAX_CARD_CHARS = 1024 * 1024;
/** parameters of a property past this many are dropped */
const MAX_PARAMS = 50;

/**
 * The lines of a text stream, whatever their ending (CRLF, LF or a lone CR). Each chunk is scanned
 * once and a line cut by chunks is kept in pieces: a line longer than `maxChars` fails the file
 * before it is held whole.
 */
export async function* textLines(stream: Readable, maxChars = MAX_LINE_CHARS): AsyncGenerator<string> {
  let pieces: string[] = [];
  let held = 0;
  let lineNo = 0;
  let afterCr = false; // a chunk ended on CR: a LF starting the next one belongs to it
  const ends = /\r\n|\n|\r/g;
  for await (const chunk of stream) {
    const s = String(chunk);
    const lines: string[] = [];
    let start = afterCr && s.startsWith('\n') ? 1 : 0;
    afterCr = false;
    ends.lastIndex = start;
    for (let m = ends.exec(s); m; m = ends.exec(s)) {
      const piece = s.slice(start, m.index);
      lineNo++;
      if (held + piece.length > maxChars) throw lineTooLong(lineNo);
      lines.push(pieces.length > 0 ? pieces.join('') + piece : piece);
      pieces = [];
      held = 0;
      start = ends.lastIndex;
      if (m[0] === '\r' && start === s.length) afterCr = true;
    }
    if (start < s.length) {
      held += s.length - start;
      if (held > maxChars) throw lineTooLong(lineNo + 1);
      pieces.push(s.slice(start));
    }
    yield* lines;
  }
  if (pieces.length > 0) yield pieces.join('');
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

const hexValue = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

/** Quoted-printable to bytes, then to text in the given charset (UTF-8, else Windows-1252, if unknown). */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  // escapes shrink and plain text keeps its size: the bytes never outgrow the text's UTF-8
  const buf = Buffer.allocUnsafe(Buffer.byteLength(value, 'utf8'));
  let size = 0;
  let start = 0;
  for (let i = value.indexOf('='); i !== -1; i = value.indexOf('=', i)) {
    const a = value.charCodeAt(i + 1);
    const b = value.charCodeAt(i + 2);
    let skip = 0;
    let byte = -1;
    if (a === 10)
      skip = 2; // a soft line break
    else if (a === 13) skip = b === 10 ? 3 : 2;
    else if (hexValue(a) >= 0 && hexValue(b) >= 0) {
      byte = hexValue(a) * 16 + hexValue(b);
      skip = 3;
    }
    if (skip === 0) {
      i++;
      continue;
    }
    size += buf.write(value.slice(start, i), size, 'utf8');
    if (byte >= 0) buf[size++] = byte;
    i += skip;
    start = i;
  }
  size += buf.write(value.slice(start), size, 'utf8');
  const bytes = buf.subarray(0, size);
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset))
    return iconv.decode(bytes, charset);
  return decodeMixed(bytes, true).text;
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
  // a real property has a handful; ical.js slows down more than linearly on thousands
  const params = p.params
    .slice(0, MAX_PARAMS)
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

/** Each non-empty property of that name with its label, the preferred (PREF, else the first) first. */
function byPreference(card: ICAL.Component, name: string, strip: RegExp): { label: string; value: string }[] {
  const props = card.getAllProperties(name).filter((p) => text(p.getFirstValue()) !== '');
  return props
    .map((p, i) => ({ p, rank: prefRank(p) * 1000 + i }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ p }) => ({
      label: vcardLabel(card, p),
      value: text(p.getFirstValue()).replace(strip, '').trim(),
    }));
}

/** TYPE values to a label (shared/channels.ts), the most telling first */
const TYPE_LABELS: [string[], string][] = [
  [['cell', 'iphone', 'mobile'], 'mobile'],
  [['work', 'main'], 'work'],
  [['home'], 'home'],
  [['fax', 'pager', 'other'], 'other'],
];

/**
 * A TEL's or an EMAIL's label: Apple's X-ABLabel of its group ("_$!<Mobile>!$_" or the user's own
 * text), else its TYPEs (2.1's bare CELL, 3.0's TYPE=CELL, 4.0's TYPE="cell,voice"); VOICE,
 * INTERNET and PREF say nothing of where the number rings: "other".
 */
function vcardLabel(card: ICAL.Component, prop: ICAL.Property): string {
  const group = prop.getParameter('group');
  if (group) {
    const ab = card
      .getAllProperties('x-ablabel')
      .find((l) => l.getParameter('group') === group && text(l.getFirstValue()) !== '');
    if (ab) {
      const raw = text(ab.getFirstValue());
      const apple = /^_\$!<(.+)>!\$_$/.exec(raw);
      if (!apple) return channelLabel(raw);
      const t = apple[1].toLowerCase();
      const known = TYPE_LABELS.find(([types]) => types.some((x) => t.includes(x)));
      // HomeFAX, WorkFAX: a fax is "other" before it is home or work
      return t.includes('fax') ? 'other' : (known?.[1] ?? channelLabel(apple[1]));
    }
  }
  const type = prop.getParameter('type');
  const types = (Array.isArray(type) ? type : [type])
    .flatMap((x) => String(x ?? '').split(','))
    .map((x) => x.trim().toLowerCase());
  if (types.includes('fax')) return 'other';
  return TYPE_LABELS.find(([names]) => names.some((n) => types.includes(n)))?.[1] ?? 'other';
}

/**
 * The primary value and the others, each once (numbers by their key, addresses ignoring case), in
 * a cell as formatChannels writes it: what the importer reads into `phone` and `phones`.
 */
function primaryAndOthers(
  all: { label: string; value: string }[],
  same: (v: string) => string,
): { primary?: string; others?: string } {
  const seen = new Set<string>();
  const unique = all.filter((x) => {
    const k = same(x.value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const [first, ...rest] = unique;
  return {
    primary: first?.value,
    others: rest.length > 0 ? formatChannels(rest) : undefined,
  };
}

/** BDAY as YYYY-MM-DD: 19850314, 1985-03-14 (a time after it ignored); none without a year (--0314). */
function birthday(v: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * A card's fields: N (or FN), the preferred EMAIL and TEL (the others as `emails` and `phones`,
 * with their labels), the first ORG unit, TITLE, the
 * preferred ADR, BDAY, a LinkedIn URL, the NOTEs, the CATEGORIES (tags).
 */
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
  const emails = primaryAndOthers(byPreference(card, 'email', /^mailto:/i), (v) => v.toLowerCase());
  if (emails.primary) out.email = emails.primary;
  if (emails.others) out.emails = emails.others;
  const tels = primaryAndOthers(byPreference(card, 'tel', /^tel:/i), (v) => phoneKey(v) ?? v);
  if (tels.primary) out.phone = tels.primary;
  if (tels.others) out.phones = tels.others;
  const org = text(card.getFirstPropertyValue('org'));
  if (org) out.company_name = org;
  const title = text(card.getFirstPropertyValue('title'));
  if (title) out.job_title = title;
  const adr = card
    .getAllProperties('adr')
    .sort((a, b) => prefRank(a) - prefRank(b))[0]
    ?.getFirstValue();
  if (Array.isArray(adr)) {
    // post office box, extended address, street, locality, region, postal code, country
    const part = (i: number) => text(adr[i]);
    const street = [part(0), part(1), part(2)].filter(Boolean).join('\n');
    const address = { street, city: part(3), region: part(4), postal_code: part(5), country: part(6) };
    for (const [k, v] of Object.entries(address)) if (v) out[k] = v;
  }
  const bday = birthday(text(card.getFirstPropertyValue('bday')));
  if (bday) out.birthday = bday;
  // a card's URL is any web page; only a LinkedIn profile has a field of its own
  const linkedin = card
    .getAllProperties('url')
    .map((p) => text(p.getFirstValue()))
    .find((u) => /^(https?:\/\/)?([a-z]+\.)?linkedin\.com\//i.test(u));
  if (linkedin) out.linkedin_url = linkedin;
  const notes = card
    .getAllProperties('note')
    .map((p) => text(p.getFirstValue()))
    .filter(Boolean);
  if (notes.length) out.notes = notes.join('\n\n');
  // CATEGORIES: comma-separated, unescaped by ical.js; every such line of the card
  const categories = card
    .getAllProperties('categories')
    .flatMap((p) => p.getValues().map((v) => text(v)))
    .filter(Boolean);
  if (categories.length) out.tags = categories.join(', ');
  // our own export's custom fields (server/custom-fields/export-cells.ts); unknown keys are ignored
  for (const p of card.getAllProperties()) {
    const key = keyOfVcardProperty(p.name);
    const value = key && text(p.getFirstValue());
    if (key && value) out[customTarget(key)] = value;
  }
  return out;
}

/** A file's text; stopping to read it early closes the file too (which `pipe` would not). */
export const fileText = (path: string, sniffed: Sniffed): Readable =>
  pipeline(createReadStream(path), decoder(sniffed), () => {});

/** The cards of a file as records; a card that cannot be read is a record with an error. */
export function readVcards(path: string, sniffed: Sniffed): AsyncGenerator<SourceRecord> {
  return readVcardStream(fileText(path, sniffed));
}

/** The fields of every card in a text (for tests and checks of our own export). */
export async function readVcardText(text: string): Promise<Fields[]> {
  const out: Fields[] = [];
  for await (const rec of readVcardStream(Readable.from([text]))) out.push(rec.fields);
  return out;
}

interface OpenCard {
  row: number;
  /** the logical lines read so far, the last one maybe still growing (folds, soft breaks) */
  lines: string[][];
  chars: number;
  error?: string;
}

const TOO_LARGE = 'the card is larger than 1 MiB (photos aside)';

/**
 * The cards of a text, one at a time. A logical line grows as a list of its physical lines
 * (folds, quoted-printable soft breaks) joined once at the card's end: gluing each piece onto the
 * string so far made a card of 200,000 soft-broken lines take a minute.
 */
async function* readVcardStream(input: Readable): AsyncGenerator<SourceRecord> {
  let card: OpenCard | null = null;
  let dropping = false; // inside a dropped property's folded lines (a photo…)
  let softBreak = false; // the last line was quoted-printable ending in "="
  let lineNo = 0;
  const finish = (c: OpenCard): SourceRecord => {
    if (c.error) return { row: c.row, fields: {}, error: c.error };
    try {
      const lines = c.lines.map((l) => normalizeLine(splitLine(l.join('')) as LineParts));
      return { row: c.row, fields: cardFields(lines) };
    } catch (e) {
      return { row: c.row, fields: {}, error: `could not be read: ${(e as Error).message}` };
    }
  };
  /** Adds a line's text to the card; false once the card is too large to read. */
  const keep = (c: OpenCard, piece: string): boolean => {
    if (c.error) return false;
    c.chars += piece.length;
    if (c.chars <= MAX_CARD_CHARS) return true;
    c.error = TOO_LARGE;
    c.lines = [];
    return false;
  };
  for await (const line of textLines(input)) {
    lineNo++;
    if (card && softBreak) {
      softBreak = line.endsWith('=');
      if (dropping || !keep(card, line)) continue;
      const current = card.lines[card.lines.length - 1];
      current[current.length - 1] = current[current.length - 1].slice(0, -1);
      current.push(line);
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (card && !dropping && card.lines.length > 0 && keep(card, line))
        card.lines[card.lines.length - 1].push(line.slice(1));
      continue;
    }
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (card) yield { row: card.row, fields: {}, error: 'the card has no END:VCARD' };
      card = { row: lineNo, lines: [], chars: 0 };
      dropping = false;
      softBreak = false;
      continue;
    }
    if (!card) continue;
    if (/^END:VCARD\s*$/i.test(line)) {
      yield finish(card);
      card = null;
      continue;
    }
    const parts = line.trim() === '' ? null : splitLine(line);
    // a dropped property's soft breaks are followed too, so its next lines are not read as properties
    softBreak = parts !== null && isQuotedPrintable(parts.params) && line.endsWith('=');
    // X-CARNET-*: our own export's custom fields (server/custom-fields/import-cells.ts)
    dropping = !parts || !(KEPT.has(parts.name) || keyOfVcardProperty(parts.name) !== null);
    if (dropping || !keep(card, line)) continue;
    card.lines.push([line]);
  }
  if (card)
    yield { row: card.row, fields: {}, error: 'the file ends inside this card (END:VCARD is missing)' };
}

/** True when the text starts like a vCard file. */
export const looksLikeVcard = (start: string) => /^\s*BEGIN:VCARD\s*$/im.test(start.slice(0, 4096));
