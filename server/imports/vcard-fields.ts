// A card's properties as the importer's fields (docs/import-export.md). Text values (FN, NOTE,
// TITLE, EMAIL, TEL, URL, BDAY, labels) are one text each, commas and all: vCard 2.1 does not
// escape commas, and many 3.0 writers do not either. N, ADR and ORG are split at their unescaped
// semicolons, CATEGORIES at its unescaped commas.

import { channelLabel, formatChannels } from '../../shared/channels.js';
import { customTarget, keyOfVcardProperty } from '../custom-fields/import-cells.js';
import { phoneKey } from '../lib/phone.js';
import type { Fields } from './mapping.js';
import { type Prop, splitEscaped, typesOf, unescapeText } from './vcard-props.js';

/** the properties cardFields reads; every other one is skipped as it is read */
export const FIELD_PROPERTIES = new Set([
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
  // Apple's label of a grouped property ("item1.X-ABLabel:Standard")
  'X-ABLABEL',
]);

const textOf = (p: Prop) => unescapeText(p.value).trim();

/** How preferred a property is: PREF=1 (4.0) or TYPE=pref (2.1, 3.0) first; then file order. */
function prefRank(p: Prop): number {
  const pref = p.params.get('PREF')?.[0];
  if (pref !== undefined) return Number(pref) || 1;
  return typesOf(p).includes('pref') ? 1 : 101;
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
function vcardLabel(all: Prop[], p: Prop): string {
  if (p.group) {
    const group = p.group.toLowerCase();
    const ab = all.find((l) => l.name === 'X-ABLABEL' && l.group.toLowerCase() === group && textOf(l) !== '');
    if (ab) {
      const raw = textOf(ab);
      const apple = /^_\$!<(.+)>!\$_$/.exec(raw);
      if (!apple) return channelLabel(raw);
      const t = apple[1].toLowerCase();
      const known = TYPE_LABELS.find(([types]) => types.some((x) => t.includes(x)));
      // HomeFAX, WorkFAX: a fax is "other" before it is home or work
      return t.includes('fax') ? 'other' : (known?.[1] ?? channelLabel(apple[1]));
    }
  }
  const types = typesOf(p);
  if (types.includes('fax')) return 'other';
  return TYPE_LABELS.find(([names]) => names.some((n) => types.includes(n)))?.[1] ?? 'other';
}

/** Each non-empty property of that name with its label, the preferred (PREF, else the first) first. */
function byPreference(all: Prop[], name: string, strip: RegExp): { label: string; value: string }[] {
  return all
    .filter((p) => p.name === name && textOf(p) !== '')
    .map((p, i) => ({ p, rank: prefRank(p) * 1000 + i }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ p }) => ({ label: vcardLabel(all, p), value: textOf(p).replace(strip, '').trim() }));
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
  return { primary: first?.value, others: rest.length > 0 ? formatChannels(rest) : undefined };
}

/** BDAY as YYYY-MM-DD: 19850314, 1985-03-14 (a time after it ignored); none without a year (--0314). */
function birthday(v: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * A card's fields: N (or FN), the preferred EMAIL and TEL (the others as `emails` and `phones`,
 * with their labels), the first ORG unit, TITLE, the preferred ADR, BDAY, a LinkedIn URL, the
 * NOTEs, the CATEGORIES (tags), and our own export's X-CARNET-* custom fields.
 */
export function cardFields(props: Prop[]): Fields {
  const out: Fields = {};
  const first = (name: string) => props.find((p) => p.name === name);
  const n = first('N');
  if (n) {
    // family; given; additional (a 3.0 list "Philip,Paul"); prefixes; suffixes
    const parts = splitEscaped(n.value, ';').map((x) => x.trim());
    if (parts[0]) out.last_name = parts[0];
    const given = [parts[1], parts[2]?.replace(/\s*,\s*/g, ' ')].filter(Boolean).join(' ');
    if (given) out.first_name = given;
  }
  const fn = first('FN');
  if (fn && textOf(fn)) out.full_name = textOf(fn);
  const emails = primaryAndOthers(byPreference(props, 'EMAIL', /^mailto:/i), (v) => v.toLowerCase());
  if (emails.primary) out.email = emails.primary;
  if (emails.others) out.emails = emails.others;
  const tels = primaryAndOthers(byPreference(props, 'TEL', /^tel:/i), (v) => phoneKey(v) ?? v);
  if (tels.primary) out.phone = tels.primary;
  if (tels.others) out.phones = tels.others;
  const org = first('ORG');
  const company = org && splitEscaped(org.value, ';')[0].trim();
  if (company) out.company_name = company;
  const title = first('TITLE');
  if (title && textOf(title)) out.job_title = textOf(title);
  const adr = props.filter((p) => p.name === 'ADR').sort((a, b) => prefRank(a) - prefRank(b))[0];
  if (adr) {
    // post office box, extended address, street, locality, region, postal code, country
    const part = splitEscaped(adr.value, ';').map((x) => x.trim());
    const street = [part[0], part[1], part[2]].filter(Boolean).join('\n');
    const address = { street, city: part[3], region: part[4], postal_code: part[5], country: part[6] };
    for (const [k, v] of Object.entries(address)) if (v) out[k] = v;
  }
  const bday = first('BDAY');
  const born = bday && birthday(textOf(bday));
  if (born) out.birthday = born;
  // a card's URL is any web page; only a LinkedIn profile has a field of its own
  const linkedin = props
    .filter((p) => p.name === 'URL')
    .map(textOf)
    .find((u) => /^(https?:\/\/)?([a-z]+\.)?linkedin\.com\//i.test(u));
  if (linkedin) out.linkedin_url = linkedin;
  const notes = props
    .filter((p) => p.name === 'NOTE')
    .map(textOf)
    .filter(Boolean);
  if (notes.length) out.notes = notes.join('\n\n');
  const categories = props
    .filter((p) => p.name === 'CATEGORIES')
    // (2.1 has no CATEGORIES: some of its writers separate them with ";")
    .flatMap((p) => splitEscaped(p.value, ',').flatMap((c) => (p.value.includes('\\;') ? [c] : c.split(';'))))
    .map((c) => c.trim())
    .filter(Boolean);
  if (categories.length) out.tags = categories.join(', ');
  // our own export's custom fields (server/custom-fields/export-cells.ts); unknown keys are ignored
  for (const p of props) {
    const key = keyOfVcardProperty(p.name);
    const value = key && textOf(p);
    if (key && value) out[customTarget(key)] = value;
  }
  return out;
}
