import i18n from '../i18n/index.js';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'fr-FR');

/** Money in the instance currency, formatted for the user's language (1 234,50 € / €1,234.50). */
export function money(value: number | null | undefined, currency = 'EUR', opts: { compact?: boolean } = {}) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    notation: opts.compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.compact ? 1 : 2,
  }).format(value);
}

export function dateTime(iso: string | null | undefined) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso: string | null | undefined) {
  if (!iso) return '—';
  // a bare date (YYYY-MM-DD) is a calendar day: format it in UTC so it never shifts by a day
  const d = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(d);
}

export function number(n: number) {
  return new Intl.NumberFormat(locale()).format(n);
}

export function personName(c: {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
}) {
  return [c.first_name, c.last_name].filter(Boolean).join(' ') || c.email || '—';
}

/** A file's size for people: 12,5 ko / 12.5 kB, 3,2 Mo / 3.2 MB. */
export function fileSize(bytes: number) {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale(), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The currency's symbol in the user's language (€, $, CHF…), shown next to the amount. */
export function currencySymbol(currency: string, language: string) {
  const parts = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    style: 'currency',
    currency,
  }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}
