// Values as other tools write them, turned into what the API takes: names split, phones tidied,
// amounts and dates in the usual French, English and ISO notations, stage names across languages.
import { isPhoneText } from '../../shared/phone.js';
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
 * no tel: scheme, ordinary spaces and dashes. When it is longer than the column allows, the
 * extension's word becomes "x" and then the separators go; what still does not fit is returned
 * as it is, for the API's rule to refuse.
 */
export function cleanPhone(raw: string): string {
  let v = raw
    .replace(/^tel:/i, '')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (isPhoneText(v)) return v;
  const shorter = v.replace(/\s*(?:;\s*ext\s*=|ext\.?|extension|poste)\s*/gi, ' x');
  if (isPhoneText(shorter)) return shorter;
  const compact = shorter.replace(/[ .()-]/g, '');
  if (isPhoneText(compact)) v = compact;
  return v;
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
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
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
