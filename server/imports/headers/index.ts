// The header dictionary: one file a language, merged here in this order. Within a field, a
// language's headers keep their order of preference; a file mixing languages prefers English's.
import type { ImportEntity } from '../../../shared/imports.js';
import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { IT } from './it.js';
import { JA } from './ja.js';
import { NL } from './nl.js';
import { PT } from './pt.js';
import type { HeaderTable } from './types.js';

export type { HeaderTable };

export const HEADER_LANGUAGES = { en: EN, fr: FR, de: DE, es: ES, it: IT, pt: PT, nl: NL, ja: JA } as const;

/** Per field, every language's headers (as written in the files), in the languages' order. */
export function headerDictionary(entity: ImportEntity): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of Object.values(HEADER_LANGUAGES))
    for (const [target, names] of Object.entries(table[entity] ?? {}))
      out[target] = [...(out[target] ?? []), ...(names ?? [])];
  return out;
}
