// The shape of a language's header dictionary (one file a language, beside this one): per kind of
// record, per field, the headers that mean it, preferred first. Headers are written as the exports
// write them ("Téléphone (bureau)") or already folded ("telephone bureau"): both are folded before
// comparing (case, accents and punctuation ignored). When several columns of a row fill one field,
// the first non-empty one in this order wins; for phones and emails, it is the primary one and the
// others are kept, labelled by their header's words (mapping.ts HEADER_LABELS).
import type { ImportEntity } from '../../../shared/imports.js';

export type HeaderTable = Partial<Record<ImportEntity, Partial<Record<string, string[]>>>>;
