// One vCard property from its logical line's bytes: name, group, parameters, and its value as
// text, quoted-printable and CHARSET undone (ADR 016). Escapes are undone by the reader per kind
// of value: a text value (NOTE, TITLE, FN…) is one text, commas and all; a structured one (N, ADR,
// ORG) is split at its unescaped semicolons first.

import iconv from 'iconv-lite';
import { decodeMixed } from './decode.js';

export interface Prop {
  group: string;
  /** upper case */
  name: string;
  /** parameter names upper case; bare 2.1 parameters (TEL;CELL) are TYPE values, bare QUOTED-PRINTABLE an ENCODING */
  params: Map<string, string[]>;
  /** the value decoded, escapes still in it */
  value: string;
}

/** a real property has a handful; the rest of a hostile list is ignored */
const MAX_PARAMS = 50;

/** How a file's or a property's bytes become text: UTF-8 (stray bytes as Windows-1252) or an iconv-lite encoding. */
export type Charset = string;

const ENCODING_VALUES = /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i;

/** Splits `s` at `sep` outside double quotes. */
function splitUnquoted(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseParams(list: string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const add = (k: string, v: string) => params.set(k, [...(params.get(k) ?? []), v]);
  for (const raw of list.slice(0, MAX_PARAMS)) {
    const p = raw.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) {
      add(ENCODING_VALUES.test(p) ? 'ENCODING' : 'TYPE', p);
      continue;
    }
    const name = p.slice(0, eq).trim().toUpperCase();
    for (const v of splitUnquoted(p.slice(eq + 1), ',')) {
      const value = v.trim().replace(/^"(.*)"$/, '$1');
      if (value !== '') add(name, value);
    }
  }
  return params;
}

const hexValue = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

/** Quoted-printable bytes to the bytes they stand for; a stray "=" stays as it is. */
export function unQuotePrintable(src: Buffer): Buffer {
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const a = src[i + 1];
    const b = src[i + 2];
    if (a === 0x0d || a === 0x0a) {
      // a soft line break left in the value
      i += a === 0x0d && b === 0x0a ? 2 : 1;
    } else if (hexValue(a) >= 0 && hexValue(b) >= 0) {
      out[n++] = hexValue(a) * 16 + hexValue(b);
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** A CHARSET as iconv-lite knows it ("utf-8" for UTF-8), or undefined (none, or unknown: the file's own). */
export function knownCharset(name: string | undefined): Charset | undefined {
  const n = name?.trim().replace(/^"|"$/g, '');
  // ASCII says nothing more than the file's charset
  if (!n || /^(us-)?ascii$/i.test(n)) return undefined;
  if (/^utf-?8$/i.test(n)) return 'utf-8';
  // what Windows writers call ISO-8859-1 is Windows-1252 (€, –, “”), as browsers read it
  if (/^(iso[-_]?8859-1|latin-?1|l1)$/i.test(n)) return 'windows-1252';
  return iconv.encodingExists(n) ? n : undefined;
}

/** Bytes as text in a charset; UTF-8 reads a byte that is no UTF-8 as Windows-1252 (decode.ts). */
export function bytesToText(bytes: Buffer, charset: Charset): string {
  if (/^utf-?8$/i.test(charset)) return decodeMixed(bytes, true).text;
  return iconv.decode(bytes, charset);
}

/**
 * A logical line as a property, or null when it has no name. `fileCharset` decodes a value without
 * a CHARSET (and every value when `ignoreCharset`, as in a UTF-16 file turned into UTF-8).
 */
export function parseProp(line: Buffer, fileCharset: Charset, ignoreCharset = false): Prop | null {
  // the line reader cut the head at its first colon outside quotes; the head is ASCII
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === 0x22) quoted = !quoted;
    else if (line[i] === 0x3a && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const head = line
    .subarray(0, colon)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
  const [full, ...rest] = splitUnquoted(head, ';');
  const dot = full.trim().lastIndexOf('.');
  const name = full
    .trim()
    .slice(dot + 1)
    .toUpperCase();
  if (name === '') return null;
  const params = parseParams(rest);
  let bytes = line.subarray(colon + 1);
  if ((params.get('ENCODING') ?? []).some((e) => /^QUOTED-PRINTABLE$/i.test(e)))
    bytes = unQuotePrintable(bytes);
  const own = ignoreCharset ? undefined : knownCharset(params.get('CHARSET')?.[0]);
  let value = bytesToText(bytes, own ?? fileCharset);
  if (value.charCodeAt(0) === 0xfeff) value = value.slice(1);
  // a quoted-printable value's own line breaks (=0D=0A) are the text's
  if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
  return { group: dot > 0 ? full.trim().slice(0, dot) : '', name, params, value };
}

/** Undoes a text value's escapes: \\ \n \N \, \; \: (any other backslash is kept as written). */
export function unescapeText(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([\\nN,;:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a value at `sep` where it is not escaped, each part unescaped. */
export function splitEscaped(s: string, sep: ';' | ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === sep) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map(unescapeText);
}

/** The TYPE values of a property, lower case (2.1's bare CELL, 3.0's TYPE=CELL,VOICE, 4.0's TYPE="cell,voice"). */
export const typesOf = (p: Prop): string[] =>
  (p.params.get('TYPE') ?? []).flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase());
