// Conversions between the API's opportunity and the form's values, kept apart from the form's
// markup so that what is sent can be reasoned about (and tested) on its own.
import type { MoneyLocale } from '../../../shared/money-input.js';
import type { Opportunity } from '../api/types.js';
import { moneyText, moneyValue } from '../components/MoneyInput.js';
import { fromFieldText, specOf, toFieldText } from '../fields/declared.js';
import { sameValue } from '../tags/formTags.js';

export interface FormValues {
  opportunity_name: string;
  company_id: string | null;
  contact_id: string | null;
  /** as typed: read in the UI's language when sent */
  deal_value: string;
  stage: string | null;
  expected_close_date: string | null;
  /** blank: the stage's probability */
  probability: string;
  owner_id: string | null;
  tags: string[];
}

const PROBABILITY = specOf('opportunities', 'probability');

const idText = (id: number | null | undefined) => (id == null ? null : String(id));
const idNumber = (id: string | null) => (id ? Number(id) : null);

export function toFormValues(
  o: Partial<Opportunity> | undefined,
  defaults: Partial<FormValues>,
  locale: MoneyLocale,
): FormValues {
  return {
    opportunity_name: o?.opportunity_name ?? '',
    company_id: idText(o?.company_id),
    contact_id: idText(o?.contact_id),
    deal_value: moneyText(o?.deal_value, locale),
    stage: o?.stage ?? defaults.stage ?? null,
    expected_close_date: o?.expected_close_date ?? null,
    probability: toFieldText(PROBABILITY, o?.probability, locale),
    owner_id: idText(o?.owner_id) ?? defaults.owner_id ?? null,
    tags: o?.tags ?? [],
  };
}

/** The request body: all fields on create, only the changed ones on update. */
export function toBody(
  values: FormValues,
  initial: FormValues | undefined,
  locale: MoneyLocale,
): Record<string, unknown> {
  const body = (v: FormValues): Record<string, unknown> => ({
    opportunity_name: v.opportunity_name.trim(),
    company_id: idNumber(v.company_id),
    contact_id: idNumber(v.contact_id),
    deal_value: moneyValue(v.deal_value, locale),
    stage: v.stage,
    expected_close_date: v.expected_close_date || null,
    probability: fromFieldText(PROBABILITY, v.probability, locale),
    owner_id: idNumber(v.owner_id),
    tags: v.tags,
  });
  const next = body(values);
  if (!initial) {
    // no stage: the server puts a new deal in the first open stage
    if (next.stage === null) delete next.stage;
    return next;
  }
  const before = body(initial);
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !sameValue(before[k], v)));
}

/** Reads a typed date: DD/MM/YYYY (also with . or -, as French and British users write it) or ISO. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // 31/02 rolls over into March: that is a typo, not a date
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
