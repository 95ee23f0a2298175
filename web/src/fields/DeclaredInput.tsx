import { TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextFormat } from '../../../shared/fields.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { parseDate } from '../opportunities/formValues.js';
import { declaredLabel, limits, maxUnits, type RecordResource, specOf } from './declared.js';

const INPUT_TYPES: Record<TextFormat, string> = { email: 'email', phone: 'tel', url: 'url', domain: 'text' };

interface Props {
  resource: RecordResource;
  name: string;
  /** what Mantine form's getInputProps gives: the field's text */
  value?: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  onFocus?: () => void;
  error?: ReactNode;
  /** another label than the declared one */
  label?: string;
  placeholder?: string;
  description?: string;
  /** the input a dialog focuses first */
  autoFocus?: boolean;
}

/**
 * The input of a declared field (shared/record-fields.ts): its label, its kind's input (a date
 * picker, an amount in the user's notation, a number, a text of its format) and its limits.
 */
export function DeclaredInput({ resource, name, value = '', onChange, label, autoFocus, ...props }: Props) {
  const { t } = useTranslation('opportunities');
  const spec = specOf(resource, name);
  const shown = label ?? declaredLabel(resource, name);
  // a required field is marked as such, whatever the input
  const rest = { ...props, required: spec.required, ...(autoFocus ? { 'data-autofocus': true } : {}) };
  if (spec.kind === 'money')
    return <MoneyInput label={shown} maxUnits={maxUnits(spec)} value={value} onChange={onChange} {...rest} />;
  if (spec.kind === 'date')
    return (
      <DateInput
        label={shown}
        placeholder={t('datePlaceholder')}
        valueFormat="DD/MM/YYYY"
        dateParser={parseDate}
        clearable
        value={value || null}
        onChange={(d) => onChange(d ?? '')}
        {...rest}
      />
    );
  const l = limits(resource, name);
  return (
    <TextInput
      label={shown}
      type={spec.format ? INPUT_TYPES[spec.format] : 'text'}
      inputMode={spec.kind === 'int' ? 'numeric' : undefined}
      maxLength={l.maxLength}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      {...rest}
    />
  );
}
