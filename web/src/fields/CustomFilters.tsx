import { Group, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyLocale } from '../../../shared/money-input.js';
import { UserSelect } from '../components/UserSelect.js';
import { parseDate } from '../opportunities/formValues.js';
import { colorOption, optionData } from './CustomInput.js';
import { type CustomField, cfLabel, cfParam, isRange, numberText } from './customFields.js';
import { CF_NS } from './customStrings.js';

type Params = Record<string, string>;
type Set = (patch: Record<string, string | null>) => void;

const W = { base: '100%', sm: 180 };

/** A text filter: sent when the user leaves the box or presses Enter, not at every key. */
function ExactText({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string | null) => void;
}) {
  const [text, setText] = useState(value);
  const commit = () => text.trim() !== value && onChange(text.trim() || null);
  return (
    <TextInput
      label={label}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      w={W}
    />
  );
}

/** A number's end of a range, typed in the UI's notation, sent as the API reads numbers. */
function NumberEnd({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string | null) => void;
}) {
  const { i18n } = useTranslation();
  const locale = moneyLocale(i18n.language);
  const shown = locale === 'fr' ? value.replace('.', ',') : value;
  const [text, setText] = useState(shown);
  const n = text.trim() === '' ? null : Number(numberText(text, locale));
  const invalid = n !== null && !Number.isFinite(n);
  const commit = () => {
    if (invalid) return;
    const next = n === null ? null : String(n);
    if ((next ?? '') !== value) onChange(next);
  };
  return (
    <TextInput
      label={label}
      inputMode="decimal"
      value={text}
      error={invalid || undefined}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      w={{ base: '100%', sm: 120 }}
    />
  );
}

/** One custom field's filter in a list's filter panel. */
function CustomFilter({ field, params, set }: { field: CustomField; params: Params; set: Set }) {
  const { t } = useTranslation(CF_NS);
  const { t: tc } = useTranslation();
  const p = cfParam(field.key);
  const label = cfLabel(field);
  if (isRange(field.type)) {
    const gte = `${p}[gte]`;
    const lte = `${p}[lte]`;
    if (field.type === 'number' || field.type === 'money')
      return (
        <Group gap={4} wrap="nowrap" align="flex-end">
          <NumberEnd
            label={t('from', { label })}
            value={params[gte] ?? ''}
            onChange={(v) => set({ [gte]: v })}
          />
          <NumberEnd
            label={t('to', { label })}
            value={params[lte] ?? ''}
            onChange={(v) => set({ [lte]: v })}
          />
        </Group>
      );
    // a date-time's range is whole days, from the first instant of one to the last of the other
    const day = (v: string) => v.slice(0, 10);
    const end = (d: string | null, last: boolean) =>
      d && field.type === 'datetime'
        ? new Date(`${d}T${last ? '23:59:59.999' : '00:00:00'}`).toISOString()
        : d;
    const dateEnd = (key: string, last: boolean) => (
      <DateInput
        label={t(last ? 'to' : 'from', { label })}
        valueFormat="DD/MM/YYYY"
        dateParser={parseDate}
        clearable
        value={params[key] ? day(params[key]) : null}
        onChange={(d) => set({ [key]: end(d, last) })}
        w={{ base: '100%', sm: 140 }}
      />
    );
    return (
      <Group gap={4} wrap="nowrap" align="flex-end">
        {dateEnd(gte, false)}
        {dateEnd(lte, true)}
      </Group>
    );
  }
  switch (field.type) {
    case 'select':
    case 'multi_select':
      return (
        <Select
          label={label}
          placeholder={t('any')}
          data={optionData(field.options)}
          renderOption={colorOption(field.options)}
          value={params[p] || null}
          onChange={(v) => set({ [p]: v })}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': tc('clear') }}
          w={W}
        />
      );
    case 'boolean':
      return (
        <Select
          label={label}
          placeholder={t('any')}
          data={[
            { value: 'true', label: t('yes') },
            { value: 'false', label: t('no') },
          ]}
          value={params[p] || null}
          onChange={(v) => set({ [p]: v })}
          clearable
          clearButtonProps={{ 'aria-label': tc('clear') }}
          w={{ base: '100%', sm: 120 }}
        />
      );
    case 'user':
      return <UserSelect label={label} value={params[p] || null} onChange={(v) => set({ [p]: v })} w={W} />;
  }
  return <ExactText label={label} value={params[p] ?? ''} onChange={(v) => set({ [p]: v })} />;
}

/** The filters of an entity's custom fields (a long text has none: it is prose, not a value). */
export function CustomFilters({
  fields,
  params,
  set,
}: {
  fields: readonly CustomField[];
  params: Params;
  set: Set;
}) {
  return fields
    .filter((f) => f.type !== 'long_text')
    .map((f) => <CustomFilter key={f.key} field={f} params={params} set={set} />);
}
