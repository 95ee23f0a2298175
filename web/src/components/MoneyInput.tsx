import { TextInput, type TextInputProps } from '@mantine/core';
import { type FocusEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatMoneyInput,
  MAX_MONEY_UNITS,
  type MoneyLocale,
  moneyLocale,
  parseMoneyInput,
} from '../../../shared/money-input.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Why a typed amount is refused, in the user's language; null when it is an amount or blank. */
export function moneyError(
  text: string,
  locale: MoneyLocale,
  t: Translate,
  maxUnits = MAX_MONEY_UNITS,
): string | null {
  const r = parseMoneyInput(text, locale, maxUnits);
  if (r.ok || r.code === 'empty') return null;
  return t(`common:money_${r.code}`, { max: formatMoneyInput(`${maxUnits}.99`, locale) });
}

/** The amount to send for a typed text: null when blank; throws when the text was refused. */
export function moneyValue(text: string, locale: MoneyLocale, maxUnits = MAX_MONEY_UNITS): number | null {
  const r = parseMoneyInput(text, locale, maxUnits);
  if (!r.ok && r.code === 'empty') return null;
  if (!r.ok) throw new Error(`refused amount (${r.code}) reached the request`);
  // a JSON number with at most 2 decimals is exact on the server (it reads the digits, not a float)
  return Number(r.value);
}

/** An API amount as the text a user of `locale` would type: 12500.5 → "12 500,50" / "12,500.50". */
export function moneyText(value: number | null | undefined, locale: MoneyLocale): string {
  return value == null ? '' : formatMoneyInput(value.toFixed(2), locale);
}

/**
 * A form's rule for a money field (Mantine form `validate`), so that a refused amount keeps the
 * form from being sent; the message is the one the field shows on blur.
 */
export function useMoneyRule(maxUnits = MAX_MONEY_UNITS) {
  const { t, i18n } = useTranslation('common');
  return (text: string) => moneyError(text, moneyLocale(i18n.language), t, maxUnits);
}

interface Props extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** the text as typed (or as `moneyText` wrote it); optional only as Mantine form types it */
  value?: string;
  onChange: (text: string) => void;
  /** the largest whole amount (default: a deal's value) */
  maxUnits?: number;
}

/**
 * Every money input of the app: the text is kept as typed, read by the one shared parser
 * (shared/money-input.ts) in the UI's language, rewritten in that language's format on blur, and
 * refused with a message when it is ambiguous or malformed. A Mantine NumberInput read
 * "12.500,50" as 12,5 in French; a text field that never reinterprets keystrokes cannot.
 */
export function MoneyInput({
  value = '',
  onChange,
  onBlur,
  error,
  maxUnits = MAX_MONEY_UNITS,
  ...rest
}: Props) {
  const { t, i18n } = useTranslation('common');
  const locale = moneyLocale(i18n.language);
  // checked on blur, shown until the text changes (by typing or by the form), so that typing is
  // not interrupted by errors on the way to an amount ("12," before "12,50")
  const [checked, setChecked] = useState<{ text: string; error: string | null } | null>(null);
  const refused = checked?.text === value ? checked.error : null;

  const blur = (e: FocusEvent<HTMLInputElement>) => {
    const r = parseMoneyInput(value, locale, maxUnits);
    if (r.ok) {
      const shown = formatMoneyInput(r.value, locale);
      if (shown !== value) onChange(shown);
    }
    setChecked({ text: value, error: moneyError(value, locale, t, maxUnits) });
    onBlur?.(e);
  };

  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      {...rest}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={blur}
      error={error || refused}
    />
  );
}
