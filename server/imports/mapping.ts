// Which column of a file goes into which field: the headers of the usual exports, recognised
// without help, and the client's own mapping on top.

import { channelLabel, formatChannels } from '../../shared/channels.js';
import { unneutralizeText } from '../../shared/csv-safety.js';
import type { Fields as FieldSpecs } from '../../shared/fields.js';
import { IMPORT_ENTITIES, IMPORT_TARGETS, type ImportEntity } from '../../shared/imports.js';
import { RECORD_FIELDS } from '../../shared/record-fields.js';
import { type CustomHeader, customHeaders, customTarget } from '../custom-fields/import-cells.js';
import { fold } from '../lib/text.js';
import { headerDictionary } from './headers/index.js';

/** The fields a file can fill, per entity (shared with the web app's mapping table). */
export const TARGETS = IMPORT_TARGETS;

export type Target = string;
/** target field → its value on one row */
export type Fields = Partial<Record<Target, string>>;
/** header as written in the file → target field, or null for a column left out */
export type Mapping = Record<string, Target | null>;

/**
 * The headers of the usual exports, per target and in order of preference (when several columns
 * fill one field, the first non-empty one in this order wins): data, one file a language, in
 * ./headers/ (en, fr, de, es, it, pt, nl, ja).
 */
const SYNONYMS = Object.fromEntries(
  IMPORT_ENTITIES.map((entity) => [entity, headerDictionary(entity)]),
) as Record<ImportEntity, Partial<Record<Target, string[]>>>;

/**
 * The headers of the fields declared in shared/record-fields.ts: their name, their labels (the
 * readable export's headers, so that an export reads back), and the other tools' names for them.
 * After the table above, whose names win where both have one.
 */
const FIELD_SYNONYMS = Object.fromEntries(
  IMPORT_ENTITIES.map((entity) => {
    const fields = RECORD_FIELDS[entity] as FieldSpecs;
    const names = TARGETS[entity]
      .filter((t) => fields[t])
      .map((t) => [t, [t, fields[t].label.en, fields[t].label.fr, ...(fields[t].importAs ?? [])]]);
    return [entity, Object.fromEntries(names)];
  }),
) as Record<ImportEntity, Record<Target, string[]>>;

/** Pipedrive prefixes every header ("Person - Email - Work"); the rest is what it means. */
const PREFIX = /^(?:person|deal|organization|organisation|contact|company) /;

const normalize = (header: string) => fold(header).replace(/_/g, ' ');

/** The target of one header, and its rank (lower is preferred), or undefined. */
function autoTarget(entity: ImportEntity, header: string): { target: Target; rank: number } | undefined {
  const folded = normalize(header);
  for (const candidate of [folded, folded.replace(PREFIX, '')]) {
    for (const [target, names] of normalizedSynonyms(entity)) {
      const rank = names.indexOf(candidate);
      if (rank >= 0) return { target, rank: candidate === folded ? rank : rank + 0.5 };
    }
  }
  return undefined;
}

/** Both tables' headers, folded once: a header row of a thousand cells is compared to them all. */
const FOLDED = new Map<ImportEntity, [Target, string[]][]>();
function normalizedSynonyms(entity: ImportEntity): [Target, string[]][] {
  let list = FOLDED.get(entity);
  if (!list) {
    list = [SYNONYMS[entity], FIELD_SYNONYMS[entity]].flatMap((table) =>
      (Object.entries(table) as [Target, string[]][]).map(([t, names]): [Target, string[]] => [
        t,
        names.map(normalize),
      ]),
    );
    FOLDED.set(entity, list);
  }
  return list;
}

export interface ResolvedMapping {
  /** header → target, as stored and shown (null: left out) */
  mapping: Mapping;
  /** per target, the column indexes to read, preferred first */
  columns: Map<Target, number[]>;
  /** the columns of `phone` and `email`: each one's label, read from its header or a column beside it */
  channels?: Map<number, ChannelColumn>;
}

/**
 * A phone or email column: the label its header says ("Mobile Phone": mobile), or the column of
 * its row giving it (Google's "Phone 1 - Label" beside "Phone 1 - Value").
 */
export interface ChannelColumn {
  label: string;
  labelColumn?: number;
}

/** the targets whose every column is kept: the first value is the primary, the others its extras */
const CHANNEL_TARGETS = { phone: 'phones', email: 'emails' } as const;

/** what a header's words say of where a number rings or an address reads (folded words) */
const HEADER_LABELS: [RegExp, string][] = [
  [
    /\b(fax|telecopie|pager|radiomessagerie|localizador|cercapersone|pieper|faxnummer)\b|ファックス|ホケットヘル|ホケットベル/,
    'other',
  ],
  [
    /\b(mobile|cell|cellular|portable|car|voiture|mobil|iphone|handy|mobiltelefon|movil|celular|cellulare|telemovel|mobiele|mobiel)\b|携帯/,
    'mobile',
  ],
  [
    /\b(business|work|bureau|travail|company|societe|professionnel|pro|main|geschaftlich|dienstlich|trabajo|oficina|ufficio|comercial|werk)\b|勤務先|会社/,
    'work',
  ],
  [
    /\b(home|domicile|personal|personnel|perso|prive|privat|particular|casa|abitazione|residencial|thuis)\b|自宅/,
    'home',
  ],
];

export function headerLabel(header: string): string {
  const folded = normalize(header);
  return HEADER_LABELS.find(([re]) => re.test(folded))?.[1] ?? 'other';
}

/** Google's "Phone 1 - Value" (or "E-mail 2 - Value"): the index of its "… - Label" (or "- Type") column */
function labelColumnOf(headers: string[], header: string): number | undefined {
  const m = /^(.*\d+)\s*-\s*value$/i.exec(header.trim());
  if (!m) return undefined;
  const wanted = [`${m[1]} - Label`, `${m[1]} - Type`].map(normalize);
  const i = headers.findIndex((h) => wanted.includes(normalize(h)));
  return i >= 0 ? i : undefined;
}

/**
 * Maps a header row: automatically, then the client's mapping on top (a header it names takes the
 * field it gives, or is left out when given null). Headers are matched exactly, then folded.
 */
export function resolveMapping(
  entity: ImportEntity,
  headers: string[],
  override: Mapping = {},
  custom: CustomHeader[] = [],
) {
  const customNames = custom.map((f): [Target, string[]] => [
    customTarget(f.key),
    customHeaders(f).map(normalize),
  ]);
  const ranked: { index: number; target: Target; rank: number }[] = [];
  const mapping: Mapping = {};
  const overrideKey = new Map(Object.keys(override).map((k) => [normalize(k), k]));
  headers.forEach((header, index) => {
    const key = header in override ? header : overrideKey.get(normalize(header));
    const found =
      key !== undefined
        ? override[key] === null
          ? undefined
          : { target: override[key] as Target, rank: -1 }
        : (autoTarget(entity, header) ?? customAuto(customNames, header));
    if (header.trim() === '' && key === undefined) return;
    mapping[header] = found?.target ?? null;
    if (found) ranked.push({ index, ...found });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const columns = new Map<Target, number[]>();
  for (const r of ranked) columns.set(r.target, [...(columns.get(r.target) ?? []), r.index]);
  const missing = Object.keys(override).filter(
    (k) => !headers.includes(k) && !headers.some((h) => normalize(h) === normalize(k)),
  );
  const channels = new Map<number, ChannelColumn>();
  for (const target of Object.keys(CHANNEL_TARGETS))
    for (const i of columns.get(target) ?? [])
      channels.set(i, { label: headerLabel(headers[i]), labelColumn: labelColumnOf(headers, headers[i]) });
  return { mapping, columns, channels, missing } as ResolvedMapping & { missing: string[] };
}

/** How well a row looks like a header of this entity: the number of its cells that map to a field. */
export function headerScore(entity: ImportEntity, cells: string[]): number {
  const targets = new Set<Target>();
  for (const c of cells) {
    const t = c.length <= 100 ? autoTarget(entity, c) : undefined;
    if (t) targets.add(t.target);
  }
  return targets.size;
}

/**
 * One row's fields: the first non-empty cell of each target's columns. A phone or an email takes
 * every column's value instead: the first is the primary, the others go to `phones` / `emails`
 * with their labels (after what a column of those gives itself, as Carnet's export writes it).
 */
export function applyMapping(
  columns: Map<Target, number[]>,
  cells: string[],
  channels?: Map<number, ChannelColumn>,
): Fields {
  const out: Fields = {};
  for (const [target, indexes] of columns) {
    if (channels && target in CHANNEL_TARGETS) {
      channelValues(out, target as keyof typeof CHANNEL_TARGETS, indexes, cells, channels);
      continue;
    }
    for (const i of indexes) {
      // a cell of tags keeps all its values (Google's "VIP ::: Salon"): splitTagCell reads them
      const v = target === 'tags' ? unneutralizeText((cells[i] ?? '').trim()).trim() : cleanCell(cells[i]);
      if (v !== '') {
        // Carnet's own "Other phones" cell goes before the extras found in other columns
        const extras = target === 'phones' || target === 'emails' ? out[target] : undefined;
        out[target] = extras ? `${v}; ${extras}` : v;
        break;
      }
    }
  }
  return out;
}

function channelValues(
  out: Fields,
  target: keyof typeof CHANNEL_TARGETS,
  indexes: number[],
  cells: string[],
  channels: Map<number, ChannelColumn>,
) {
  const found: { label: string; value: string }[] = [];
  for (const i of indexes) {
    const raw = unneutralizeText((cells[i] ?? '').trim()).trim();
    if (raw === '') continue;
    const col = channels.get(i);
    const typed = col?.labelColumn === undefined ? '' : cleanCell(cells[col.labelColumn]);
    // Google marks the primary one's label with "* "; one label for all the values of its cell
    const label = typed ? channelLabel(typed.replace(/^\*\s*/, '')) : (col?.label ?? 'other');
    for (const value of raw.split(' ::: ')) if (value.trim()) found.push({ label, value: value.trim() });
  }
  if (found.length === 0) return;
  const [first, ...rest] = found;
  out[target] = first.value;
  if (rest.length === 0) return;
  const key = CHANNEL_TARGETS[target];
  const written = formatChannels(rest);
  out[key] = out[key] ? `${out[key]}; ${written}` : written;
}

/**
 * A cell as a value: trimmed, Google's "a ::: b" multi-values reduced to the first, and the quote
 * our export puts before a cell a spreadsheet would run as a formula taken off again.
 */
export function cleanCell(cell: string | undefined): string {
  if (cell === undefined) return '';
  let v = cell.trim();
  const multi = v.indexOf(' ::: ');
  if (multi >= 0) v = v.slice(0, multi).trim();
  return unneutralizeText(v).trim();
}

/** The custom field a header names (its key or a label), after the standard fields. */
function customAuto(names: [Target, string[]][], header: string) {
  const folded = normalize(header);
  const found = names.find(([, headers]) => headers.includes(folded));
  return found ? { target: found[0], rank: 0 } : undefined;
}

/** A field an import of `entity` fills: a standard one, or one of its custom fields (`cf.<key>`). */
export function isTarget(entity: ImportEntity, field: unknown, customKeys: string[] = []): field is Target {
  if (typeof field === 'string' && field.startsWith('cf.')) return customKeys.includes(field.slice(3));
  return typeof field === 'string' && (TARGETS[entity] as readonly string[]).includes(field);
}
