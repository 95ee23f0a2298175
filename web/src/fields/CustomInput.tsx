import {
  Checkbox,
  ColorSwatch,
  Group,
  MultiSelect,
  Select,
  type SelectProps,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOM_EMAIL_MAX,
  CUSTOM_LONG_TEXT_MAX,
  CUSTOM_TEXT_MAX,
  CUSTOM_URL_MAX,
  type CustomFieldOption,
} from '../../../shared/custom-fields.js';
import { PHONE_MAX } from '../../../shared/phone.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { UserSelect } from '../components/UserSelect.js';
import { parseDate } from '../opportunities/formValues.js';
import { CF_MONEY_UNITS, type CfFormValue, type CustomField, cfLabel } from './customFields.js';

/** a palette name (shared/colors.ts) as the theme's colour */
export const swatch = (color: string) => `var(--mantine-color-${color}-6)`;

/** A select's options with their colour dots. */
export const optionData = (options: readonly CustomFieldOption[]) =>
  options.map((o) => ({ value: o.label, label: o.label }));

export function colorOption(options: readonly CustomFieldOption[]): SelectProps['renderOption'] {
  const colors = new Map(options.map((o) => [o.label, o.color]));
  return ({ option }) => (
    <Group gap="xs" wrap="nowrap">
      <ColorSwatch color={swatch(colors.get(option.value) ?? 'gray')} size={12} aria-hidden />
      {option.label}
    </Group>
  );
}

const TEXT_TYPES = { text: 'text', url: 'url', email: 'email', phone: 'tel' } as const;
const TEXT_MAX = { text: CUSTOM_TEXT_MAX, url: CUSTOM_URL_MAX, email: CUSTOM_EMAIL_MAX, phone: PHONE_MAX };

interface Props {
  field: CustomField;
  value: CfFormValue;
  onChange: (value: CfFormValue) => void;
  onBlur?: () => void;
  error?: ReactNode;
  /** another label than the definition's (the settings' default value) */
  label?: string;
}

/**
 * The input of one custom field, by its type: a text of its format, a text area, a number or an
 * amount in the user's notation, a date or date-time picker, a tick box, a choice among coloured
 * options, several choices, a user. The form checks it with the contract's rules (customFields.ts).
 */
export function CustomInput({ field, value, onChange, onBlur, error, label }: Props) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const common = { label: label ?? cfLabel(field), required: field.required, error, onBlur };
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={CUSTOM_LONG_TEXT_MAX}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'money':
      return <MoneyInput {...common} maxUnits={CF_MONEY_UNITS} value={text} onChange={onChange} />;
    case 'date':
      return (
        <DateInput
          {...common}
          placeholder={t('datePlaceholder')}
          valueFormat="DD/MM/YYYY"
          dateParser={parseDate}
          clearable
          value={text || null}
          onChange={(d) => onChange(d ?? '')}
        />
      );
    case 'datetime':
      // the browser's own date-and-time picker, in local time
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={common.label}
          error={error}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          onBlur={onBlur}
          mt="xs"
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={optionData(field.options)}
          renderOption={colorOption(field.options)}
          clearable
          searchable
          clearButtonProps={{ 'aria-label': tc('clear') }}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          data={optionData(field.options)}
          renderOption={colorOption(field.options)}
          clearable
          searchable
          clearButtonProps={{ 'aria-label': tc('clear') }}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
        />
      );
    case 'user':
      return (
        <UserSelect
          {...common}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
  }
  const kind = field.type as keyof typeof TEXT_TYPES;
  return (
    <TextInput
      {...common}
      type={TEXT_TYPES[kind] ?? 'text'}
      maxLength={TEXT_MAX[kind] ?? CUSTOM_TEXT_MAX}
      autoComplete="off"
      value={text}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
