import { Anchor, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomFieldOption } from '../../../shared/custom-fields.js';
import { useCurrency } from '../api/queries.js';
import { useUserName } from '../components/UserSelect.js';
import { date, dateTime, money, number } from '../lib/format.js';
import { Field, Fields, Section } from '../records/Section.js';
import {
  type CfValues,
  type CustomField,
  type CustomFieldEntity,
  cfLabel,
  useCustomFields,
} from './customFields.js';
import { CF_NS } from './customStrings.js';

/** A select's value as a chip of its option's colour (grey for a label no option has now). */
function Chip({ label, options }: { label: string; options: readonly CustomFieldOption[] }) {
  const color = options.find((o) => o.label === label)?.color ?? 'gray';
  return (
    <Badge color={color} variant="light" tt="none">
      {label}
    </Badge>
  );
}

/** One custom field's value as a person reads it: a date, an amount, a chip, a link, a name. */
export function CustomValue({ field, value }: { field: CustomField; value: unknown }) {
  const currency = useCurrency();
  const userName = useUserName();
  const { t } = useTranslation(CF_NS);
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'date':
      return <>{date(String(value))}</>;
    case 'datetime':
      return <>{dateTime(String(value))}</>;
    case 'money':
      return <>{money(Number(value), currency)}</>;
    case 'number':
      return <>{number(Number(value))}</>;
    case 'boolean':
      return <>{value ? t('yes') : t('no')}</>;
    case 'user':
      return <>{userName(Number(value))}</>;
    case 'select':
      return <Chip label={String(value)} options={field.options} />;
    case 'multi_select':
      return (
        <Group gap={4}>
          {(Array.isArray(value) ? value : []).map((v) => (
            <Chip key={String(v)} label={String(v)} options={field.options} />
          ))}
        </Group>
      );
    case 'url':
      // the API let only http(s) addresses in: the link cannot run a script
      return (
        <Anchor href={String(value)} target="_blank" rel="noopener noreferrer" size="sm">
          {String(value)}
        </Anchor>
      );
    case 'email':
      return (
        <Anchor href={`mailto:${String(value)}`} size="sm">
          {String(value)}
        </Anchor>
      );
    case 'phone':
      return (
        <Anchor href={`tel:${String(value).replace(/\s/g, '')}`} size="sm">
          {String(value)}
        </Anchor>
      );
  }
  return <span style={{ whiteSpace: 'pre-line' }}>{String(value)}</span>;
}

/**
 * A record's custom fields on its page, under their labels in the definitions' order; nothing
 * when the entity has none.
 */
export function CustomValuesSection({
  entity,
  values,
}: {
  entity: CustomFieldEntity;
  values: CfValues | null | undefined;
}) {
  const { t } = useTranslation(CF_NS);
  const fields = useCustomFields(entity).data ?? [];
  if (fields.length === 0) return null;
  return (
    <Section title={t('group')}>
      <CustomValueRows fields={fields} values={values} />
    </Section>
  );
}

export function CustomValueRows({
  fields,
  values,
}: {
  fields: readonly CustomField[];
  values: CfValues | null | undefined;
}) {
  return (
    <Fields>
      {fields.map((f) => (
        <Field key={f.key} label={cfLabel(f)}>
          <CustomValue field={f} value={values?.[f.key]} />
        </Field>
      ))}
    </Fields>
  );
}
