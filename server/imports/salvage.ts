// What a row keeps when one of its values cannot be used (ADR 015): the value is set aside (taken
// out of the record, written into its notes with the field's name) and the row gets a warning
// instead of failing. Only a row left with nothing naming a person fails.
import type { CustomField } from '../../shared/custom-fields.js';
import type { Fields } from '../../shared/fields.js';
import { RECORD_FIELDS } from '../../shared/record-fields.js';
import type { Locale } from '../config.js';
import { customTarget } from '../custom-fields/import-cells.js';
import type { FieldError } from '../errors.js';
import type { Fields as RowFields } from './mapping.js';

const TEXTS = {
  fr: {
    heading: 'Import — valeurs non reprises dans les champs :',
    sep: ' : ',
    labels: { work: 'bureau', mobile: 'mobile', home: 'domicile', other: 'autre' } as Record<string, string>,
  },
  en: {
    heading: 'Import — values not taken into the fields:',
    sep: ': ',
    labels: { work: 'work', mobile: 'mobile', home: 'home', other: 'other' } as Record<string, string>,
  },
} as const;

/** the most of a value set aside that its line of the notes quotes (the file, errors.csv, have it whole) */
const RAW_SHOWN = 1000;

/** A row's warnings and the lines its notes gain, in the instance's language. */
export class SetAside {
  readonly warnings: FieldError[] = [];
  private readonly lines: string[] = [];

  constructor(
    private readonly locale: Locale = 'fr',
    private readonly custom: CustomField[] = [],
  ) {}

  /**
   * Sets a value aside: `error` (as the API would give it) becomes the row's warning and `raw`, as
   * the file wrote it, a line of the notes under the field's label (and its channel label).
   */
  add(error: FieldError, raw: string, channel?: string) {
    // an extra phone or email is named by its list: its index is no column of the file
    const field = error.field.replace(/^(phones|emails)\.\d+\.\w+$/, '$1');
    this.warnings.push({ ...error, field });
    const t = TEXTS[this.locale];
    const label = this.labelOf(field);
    const which = channel ? ` (${t.labels[channel] ?? channel})` : '';
    // a huge value would push the notes past their limit, a control character be refused in them
    // biome-ignore lint/suspicious/noControlCharactersInRegex: those are what is taken out
    const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
    const shown = text.length > RAW_SHOWN ? `${text.slice(0, RAW_SHOWN)}…` : text;
    if (shown !== '') this.lines.push(`${label}${which}${t.sep}${shown}`);
  }

  /** The row's notes with the set-aside values after them (undefined: none at all). */
  notes(own: string | undefined): string | undefined {
    if (this.lines.length === 0) return own || undefined;
    const block = [TEXTS[this.locale].heading, ...this.lines].join('\n');
    return own ? `${own}\n\n${block}` : block;
  }

  /** "phones.2.number" → the label of `phones`; "custom_fields.k" → the custom field's. */
  private labelOf(field: string): string {
    const [top, key] = field.split('.');
    if (top === 'custom_fields') {
      const f = this.custom.find((c) => c.key === key);
      return f ? f.label[this.locale] : key;
    }
    const spec = (RECORD_FIELDS.contacts as Fields)[top];
    return spec ? spec.label[this.locale] : top;
  }
}

/** The text a row's file gave for a field an error names (a custom field's cell included). */
export function rawOf(row: RowFields, field: string): string {
  const [top, key] = field.split('.');
  if (top === 'custom_fields' && key) return row[customTarget(key)] ?? '';
  return row[top] ?? '';
}
