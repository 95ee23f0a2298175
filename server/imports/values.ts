// Values as other tools write them, turned into what the API takes: names split, phones tidied,
// amounts and dates in the usual French, English and ISO notations, stage names across languages.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isPhoneText, PHONE_MAX } from '../../shared/phone.js';
import { defaultCountry, phoneKey } from '../lib/phone.js';
import { fold } from '../lib/text.js';
import { parseDate } from '../lib/time.js';

/** "Dupré, Hélène" or "Hélène Dupré" → first and last name. */
export function splitFullName(full: string): { first_name?: string; last_name?: string } {
  const name = full.replace(/\s+/g, ' ').trim();
  if (name === '') return {};
  const comma = name.indexOf(',');
  if (comma > 0)
    return { last_name: name.slice(0, comma).trim(), first_name: name.slice(comma + 1).trim() || undefined };
  const space = name.lastIndexOf(' ');
  if (space < 0) return { last_name: name };
  return { first_name: name.slice(0, space), last_name: name.slice(space + 1) };
}

/** "Hélène <h@x.fr>" or "mailto:h@x.fr" → the address. */
export function cleanEmail(raw: string): string {
  const v = raw.trim().replace(/^mailto:/i, '');
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(v);
  return (angle ? angle[1] : v).trim();
}

/**
 * A phone number as the file writes it, made to fit the API's rule (server/lib/phone.ts reads it):
 * ordinary spaces and dashes; a `tel:` URI (RFC 3966, vCard 4.0) as a readable number with its
 * extension ("tel:+1-555-555-5555;ext=5555" → "+1 555 555 5555 ext. 5555"). When it is longer than
 * the column allows, the extension's word becomes "x" and then the separators go; what still does
 * not fit is returned as it is (phoneProblem says it is too long).
 */
export function cleanPhone(raw: string): string {
  let v = raw
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  // a vCard reader may have taken the scheme off already: "+1-555-555-5555;ext=5555"
  if (/^tel:/i.test(v) || /;\s*ext\s*=/i.test(v)) v = telUri(v.replace(/^(?!tel:)/i, 'tel:'));
  if (isPhoneText(v)) return v;
  const shorter = v.replace(/\s*(?:;\s*ext\s*=|extension|ext\.?|poste)\s*/gi, ' x');
  if (isPhoneText(shorter)) return shorter;
  const compact = shorter.replace(/[ .()-]/g, '');
  if (isPhoneText(compact)) v = compact;
  return v;
}

/** A tel: URI as people write the number: international form when it has a country code. */
function telUri(uri: string): string {
  const parsed = parsePhoneNumberFromString(uri.replace(/^tel:/i, 'tel:'), defaultCountry());
  if (parsed?.isPossible())
    return parsed.country === defaultCountry() && !/^tel:\+/i.test(uri)
      ? parsed.formatNational()
      : parsed.formatInternational();
  // not read as a number: the URI's number and extension as written, its other parameters dropped
  const [number, ...params] = uri.replace(/^tel:/i, '').split(';');
  const ext = params.find((p) => /^ext=/i.test(p))?.slice(4);
  return ext ? `${number} ext. ${ext}` : number;
}

/** A phone's letters that a number may have: an extension's word, vanity letters ("1-800-FLOWERS"). */
const NUMBER_WORDS = /\b(?:ext|extension|poste|x)\b\.?/gi;

/**
 * Why a phone value (cleaned) cannot be kept as a phone, or null when it can: `too_long` past the
 * column, `not_a_phone` for words ("BusinessPhone", "primary 8", CJK text) or no digit at all. A
 * possible number of its country is always kept; so is anything of digits and separators (an
 * internal "1234", a number libphonenumber does not know, what an export wrote: "-1") and vanity
 * numbers in capitals, as ADR 010 keeps them.
 */
export function phoneProblem(v: string): 'too_long' | 'not_a_phone' | null {
  if (!isPhoneText(v)) return v.length > PHONE_MAX ? 'too_long' : 'not_a_phone';
  if (phoneKey(v) !== null) return null;
  const rest = v.replace(NUMBER_WORDS, ' ');
  if (!/\d/.test(rest)) return 'not_a_phone';
  // letters besides an extension's word: capitals only (vanity letters); other text is words
  return /\p{L}/u.test(rest) && !/^[\d\s+()./\-*#A-Z]*$/.test(rest) ? 'not_a_phone' : null;
}

/**
 * An amount as a decimal string with a point: "12 500,50 €", "€12,500.50", "12500.5 EUR". The
 * last of "," and "." is the decimal mark when both appear; a lone "," groups thousands only
 * in the 1,234,567 shape.
 */
export function parseAmountText(raw: string): string | null {
  let v = raw.replace(/[\s\u00a0\u202f'’]/g, '').replace(/[^\d.,-]/g, '');
  if (v === '' || !/\d/.test(v)) return null;
  const comma = v.lastIndexOf(',');
  const dot = v.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    v = comma > dot ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
  } else if (comma >= 0) {
    v =
      /^\d{1,3}(,\d{3})+$/.test(v) && (v.match(/,/g) ?? []).length > 1
        ? v.replace(/,/g, '')
        : v.replace(',', '.');
  } else if ((v.match(/\./g) ?? []).length > 1) {
    v = v.replace(/\./g, '');
  }
  return v;
}

/**
 * A date as YYYY-MM-DD: ISO (a time after it is ignored), or day/month/year with "/", "." or "-"
 * (month first only when the day cannot be a month: 03/15/2026). Null when it is no real date.
 */
export function parseDateText(raw: string): string | null {
  const v = raw.trim();
  // year first: ISO, and the slashes or dots of Japanese, Chinese and Korean exports (1980/4/1)
  const iso =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v) ?? /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(v);
  if (iso) return parseDate(`${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(v);
  if (!dmy) return null;
  let [day, month] = [Number(dmy[1]), Number(dmy[2])];
  if (month > 12 && day <= 12) [day, month] = [month, day];
  return parseDate(`${dmy[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** Default stage names of both languages (and common CRM words) → the folded name in the other. */
const STAGE_ALIASES: Record<string, string[]> = {
  prospection: ['prospecting', 'lead', 'new', 'nouveau', 'appointmentscheduled', 'appointment scheduled'],
  qualification: ['qualified', 'qualifie', 'qualifiedtobuy', 'qualified to buy', 'needs analysis'],
  proposition: ['proposal', 'presentationscheduled', 'proposal price quote', 'devis', 'offre'],
  'en negociation': ['negotiation', 'negociation', 'contractsent', 'contract sent', 'negotiation review'],
  'fermee gagnee': ['closed won', 'closedwon', 'won', 'gagne', 'gagnee'],
  'fermee perdue': ['closed lost', 'closedlost', 'lost', 'perdu', 'perdue'],
};

/**
 * The configured stage a file's stage means: the same name, the same ignoring case and accents,
 * or the same default stage in the other language. Null when none is.
 */
export function matchStage(raw: string, stages: { name: string; kind: string }[]): string | null {
  const exact = stages.find((s) => s.name === raw);
  if (exact) return exact.name;
  const key = fold(raw);
  const byKey = (k: string) => stages.find((s) => fold(s.name) === k)?.name;
  if (byKey(key)) return byKey(key) as string;
  for (const [fr, others] of Object.entries(STAGE_ALIASES)) {
    const group = [fr, ...others];
    if (!group.includes(key)) continue;
    for (const alias of group) if (byKey(alias)) return byKey(alias) as string;
    const kind = fr === 'fermee gagnee' ? 'won' : fr === 'fermee perdue' ? 'lost' : null;
    if (kind) return stages.find((s) => s.kind === kind)?.name ?? null;
  }
  return null;
}
