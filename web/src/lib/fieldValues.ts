import i18n from '../i18n/index.js';
import { date, dateTime, money, number } from './format.js';

/** Fields holding a user's ID: shown as the user's name. */
export const USER_FIELDS = new Set(['owner_id', 'user_id', 'assignee_id']);
/** Fields holding another record's ID: shown as that record's name (by a component that fetches it). */
export const RECORD_FIELDS: Record<string, string> = {
  company_id: 'companies',
  contact_id: 'contacts',
  opportunity_id: 'opportunities',
};

const TIMESTAMPS = new Set([
  'due_at',
  'interaction_date',
  'completed_at',
  'closed_at',
  'created_at',
  'updated_at',
]);
const LANGUAGE_NAMES: Record<string, string> = { fr: 'Français', en: 'English' };

/** Values that name one of a few choices, by the i18n key of each choice. */
const CHOICES: Record<string, (v: string) => string> = {
  interaction_type: (v) => `interactions:${v}`,
  status: (v) => (v === 'done' ? 'contacts:taskDone' : 'contacts:taskOpen'),
  kind: (v) => `settings:kind_${v}`,
  role: (v) => `settings:role_${v}`,
};

export interface ValueContext {
  currency: string;
  userName: (id: number | null | undefined) => string;
}

/**
 * An API field's value as a person reads it in their language: a user's name, an amount in the
 * instance currency, a date or a time, a translated choice. Records' IDs are left to the caller.
 */
export function formatFieldValue(field: string, value: unknown, ctx: ValueContext): string {
  if (value === null || value === undefined || value === '') return i18n.t('common:historyEmpty');
  // secrets are never in the log: it says only that they changed
  if (field === 'password') return i18n.t('common:historyHidden');
  if (USER_FIELDS.has(field)) return ctx.userName(Number(value));
  if (field === 'deal_value' || field === 'annual_revenue') return money(Number(value), ctx.currency);
  if (field === 'expected_close_date' || field === 'due_date' || field === 'birthday')
    return date(String(value));
  if (TIMESTAMPS.has(field)) return dateTime(String(value));
  if (field === 'locale') return LANGUAGE_NAMES[String(value)] ?? String(value);
  if (field === 'active' || typeof value === 'boolean')
    return field === 'active'
      ? i18n.t(value ? 'settings:active' : 'settings:inactive')
      : i18n.t(value ? 'common:yes' : 'common:no');
  const choice = CHOICES[field];
  if (choice) return i18n.t(choice(String(value)), { defaultValue: String(value) });
  if (typeof value === 'number') return number(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
