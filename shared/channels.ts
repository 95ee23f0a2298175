// A contact's extra phones and emails (issue 13, ADR 014): each with a label, one of the usual four
// or a text of the user's own ("Standard", "Assistante"). The shapes are declared here once; the
// API's schema (shared/record-fields.ts), the server's checks, the importers and the web form use them.
import { Type } from '@sinclair/typebox';
import { PHONE_MAX, PHONE_PATTERN } from './phone.js';

/** the labels every tool knows; any other text up to CHANNEL_LABEL_MAX is a custom label */
export const CHANNEL_LABELS = ['work', 'mobile', 'home', 'other'] as const;
export type ChannelLabel = (typeof CHANNEL_LABELS)[number];

export const CHANNEL_LABEL_MAX = 30;
/** extra phones, extra emails: at most this many each */
export const CHANNELS_MAX = 10;
export const CHANNEL_EMAIL_MAX = 100;

/** no control character (C0, DEL, C1) nor a lone surrogate: a label is one line of text */
const LABEL_PATTERN = PHONE_PATTERN;

const Label = Type.String({
  minLength: 1,
  maxLength: CHANNEL_LABEL_MAX,
  pattern: LABEL_PATTERN,
  description: `work, mobile, home, other, or a label of your own (at most ${CHANNEL_LABEL_MAX} characters)`,
});

export const PhoneItem = Type.Object(
  {
    label: Label,
    number: Type.String({ minLength: 1, maxLength: PHONE_MAX, pattern: PHONE_PATTERN }),
  },
  { additionalProperties: false },
);

export const EmailItem = Type.Object(
  {
    label: Label,
    email: Type.String({ minLength: 1, maxLength: CHANNEL_EMAIL_MAX, format: 'email' }),
  },
  { additionalProperties: false },
);

export interface PhoneChannel {
  label: string;
  number: string;
}
export interface EmailChannel {
  label: string;
  email: string;
}

const labelRe = new RegExp(LABEL_PATTERN);

/**
 * A label as kept: one of the four when it names one in any case ("Mobile", " WORK "), else the
 * text trimmed (a custom label); blank or unusable: "other".
 */
export function channelLabel(raw: string | null | undefined): string {
  const t = (raw ?? '').replace(/\s+/g, ' ').trim();
  const known = CHANNEL_LABELS.find((l) => l === t.toLowerCase());
  if (known) return known;
  if (t === '' || !labelRe.test(t)) return 'other';
  return [...t].slice(0, CHANNEL_LABEL_MAX).join('');
}

/** "mobile: +33 6 12 34 56 78; home: 01 23 45 67 89": how a CSV cell holds several, read back by parseChannels */
export const CHANNEL_SEPARATOR = '; ';

export function formatChannels(items: { label: string; value: string }[]): string {
  // a label's own ":" or ";" would read back as a separator
  return items
    .map((i) => `${i.label.replace(/[:;]/g, ' ').trim() || 'other'}: ${i.value}`)
    .join(CHANNEL_SEPARATOR);
}

/**
 * A cell of several values ("mobile: 06 12; home: 01 23", or values alone, separated by ";",
 * newlines or Google's " ::: "): each value and its label (`fallbackLabel` when none is written).
 * A label is the text before the first ": " of a part, when it is short and the rest is a value;
 * a tel: URI's ";ext=12" stays with its number.
 */
export function parseChannels(cell: string, fallbackLabel = 'other'): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const part of cell.split(/\s*;(?!\s*ext\s*=)\s*|\s*(?:\r\n|\n|\r| ::: )\s*/i)) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^([^:]{1,30}):\s*(.+)$/.exec(p);
    // "tel:+33…" and "mailto:…" are schemes, not labels
    if (m && !/^(tel|mailto|sip)$/i.test(m[1].trim()))
      out.push({ label: channelLabel(m[1]), value: m[2].trim() });
    else out.push({ label: channelLabel(fallbackLabel), value: p });
  }
  return out;
}
