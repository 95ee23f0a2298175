import { Fieldset, SimpleGrid } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyLocale } from '../../../shared/money-input.js';
import { CustomInput } from './CustomInput.js';
import {
  type CfFormValue,
  type CfFormValues,
  type CfValues,
  type CustomField,
  initialFormValues,
} from './customFields.js';
import { CF_NS } from './customStrings.js';

/** What the group needs of a Mantine form whose values hold `custom_fields`. */
export interface CfForm {
  getValues: () => { custom_fields: CfFormValues };
  setFieldValue: (path: never, value: never) => void;
  errors: Record<string, React.ReactNode>;
  clearFieldError: (path: never) => void;
}

/**
 * The "Custom fields" group of a record's form: one input per definition, in order; nothing when
 * the entity has none. The definitions may arrive after the form opened: their values (the
 * record's, or the defaults of a new record) are set then.
 */
export function CustomFieldsGroup({
  fields,
  form,
  record,
}: {
  fields: readonly CustomField[];
  form: CfForm;
  /** the record's `custom_fields`; undefined for a new record */
  record: CfValues | null | undefined;
}) {
  const { t, i18n } = useTranslation(CF_NS);
  const values = form.getValues().custom_fields;
  const set = form.setFieldValue as (path: string, value: unknown) => void;
  const missing = fields.filter((f) => !(f.key in values));
  const locale = moneyLocale(i18n.language);
  useEffect(() => {
    if (missing.length === 0) return;
    const initial = initialFormValues(missing, record ?? (null as CfValues | null), locale);
    set('custom_fields', { ...form.getValues().custom_fields, ...initial });
  }, [missing, record, locale, set, form]);
  const shown = fields.filter((f) => f.key in values);
  if (shown.length === 0) return null;
  return (
    <Fieldset legend={t('group')} variant="filled">
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {shown.map((f) => {
          const path = `custom_fields.${f.key}`;
          return (
            <CustomInput
              key={f.key}
              field={f}
              value={values[f.key] ?? null}
              error={form.errors[path]}
              onChange={(v: CfFormValue) => {
                set(path, v);
                (form.clearFieldError as (p: string) => void)(path);
              }}
            />
          );
        })}
      </SimpleGrid>
    </Fieldset>
  );
}
