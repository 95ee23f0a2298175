import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Color } from '../../../../shared/colors.js';
import {
  CUSTOM_FIELD_TYPES,
  CUSTOM_KEY_PATTERN,
  CUSTOM_LABEL_MAX,
  type CustomFieldCreate,
  type CustomFieldUpdate,
} from '../../../../shared/custom-fields.js';
import { moneyLocale } from '../../../../shared/money-input.js';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, notifyError, notifySaved } from '../../components/feedback.js';
import { CustomInput } from '../../fields/CustomInput.js';
import {
  type CfFormValue,
  type CustomField,
  type CustomFieldEntity,
  type CustomFieldType,
  cfProblem,
  fromFormValue,
  toFormValue,
} from '../../fields/customFields.js';
import { CF_NS } from '../../fields/customStrings.js';
import i18n from '../../i18n/index.js';
import { keyFromLabel } from './fieldsApi.js';
import { newOption, type OptionDraft, OptionsEditor } from './OptionsEditor.js';

interface Values {
  label: { fr: string; en: string };
  key: string;
  type: CustomFieldType;
  required: boolean;
  options: OptionDraft[];
  default: CfFormValue;
}

const hasOptions = (type: CustomFieldType) => type === 'select' || type === 'multi_select';
const locale = () => moneyLocale(i18n.language);

/** The definition the default value's input and check need, as the dialog holds it now. */
function draftField(v: Values, field?: CustomField): CustomField {
  return {
    field_id: field?.field_id ?? 0,
    entity: field?.entity ?? 'contacts',
    key: v.key || 'default',
    label: v.label,
    type: v.type,
    options: hasOptions(v.type)
      ? v.options
          .filter((o) => o.label.trim())
          .map((o) => ({ id: o.uid, label: o.label.trim(), color: o.color }))
      : [],
    required: false,
    default: null,
    position: 0,
    created_at: '',
    updated_at: '',
  };
}

/**
 * Create or edit a definition: labels in French and English, the key (derived from the label
 * until typed, fixed once created), the type, a select's options, required, the default value.
 */
export function FieldDialog({
  entity,
  field,
  label,
  onClose,
  onSave,
}: {
  entity: CustomFieldEntity;
  field?: CustomField;
  /** a new field's label to start from (an import's column header) */
  label?: string;
  onClose: () => void;
  onSave: (body: CustomFieldCreate | CustomFieldUpdate, id?: number) => Promise<unknown>;
}) {
  const { t } = useTranslation(CF_NS);
  const { t: tc } = useTranslation();
  const [keyTyped, setKeyTyped] = useState(!!field);
  const form = useForm<Values>({
    initialValues: {
      label: field ? { ...field.label } : { fr: label ?? '', en: label ?? '' },
      key: field?.key ?? keyFromLabel(label ?? ''),
      type: field?.type ?? 'text',
      required: field?.required ?? false,
      options: (field?.options ?? []).map((o) => ({ ...o, color: o.color as Color, uid: o.id })),
      default: field ? toFormValue(field, field.default, locale()) : '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      const required = tc('errors:field.required');
      if (!v.label.fr.trim()) errors['label.fr'] = required;
      if (!v.label.en.trim()) errors['label.en'] = required;
      if (!field && !new RegExp(CUSTOM_KEY_PATTERN).test(v.key)) errors.key = t('keyRule');
      if (hasOptions(v.type)) {
        const seen = new Set<string>();
        v.options.forEach((o, i) => {
          const k = o.label.trim().toLocaleLowerCase();
          if (!k) errors[`options.${i}.label`] = required;
          else if (seen.has(k)) errors[`options.${i}.label`] = t('optionTwice');
          seen.add(k);
        });
        if (v.options.length === 0) errors.options = t('optionsNone');
      }
      const d = cfProblem(draftField(v, field), v.default, locale());
      if (d) errors.default = d;
      return errors;
    },
  });
  const v = form.getValues();

  const setLabel = (lang: 'fr' | 'en', text: string) => {
    form.setFieldValue(`label.${lang}`, text);
    if (keyTyped) return;
    const other = lang === 'fr' ? v.label.en : v.label.fr;
    const mine = i18n.language.startsWith('fr') ? 'fr' : 'en';
    // the key follows the label in the user's language (the other one while it is empty)
    const source = lang === mine || !other ? text : other;
    form.setFieldValue('key', keyFromLabel(source));
  };
  const setType = (type: CustomFieldType) => {
    form.setFieldValue('type', type);
    form.setFieldValue('default', toFormValue(draftField({ ...v, type }), null, locale()));
    if (hasOptions(type) && v.options.length === 0)
      form.setFieldValue('options', [newOption(0), newOption(1)]);
  };

  const submit = form.onSubmit(async (values: Values) => {
    const draft = draftField(values, field);
    const options = hasOptions(values.type)
      ? values.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), label: o.label.trim(), color: o.color }))
      : undefined;
    const common = {
      label: { fr: values.label.fr.trim(), en: values.label.en.trim() },
      required: values.required,
      default: fromFormValue(draft, values.default, locale()),
      ...(options ? { options } : {}),
    };
    try {
      if (field)
        await onSave(
          { ...common, ...(values.type !== field.type ? { type: values.type } : {}) },
          field.field_id,
        );
      else await onSave({ ...common, entity, key: values.key, type: values.type });
      notifySaved(
        field
          ? undefined
          : t('created', { label: common.label[i18n.language.startsWith('fr') ? 'fr' : 'en'] }),
      );
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.problem.type.endsWith('/duplicate'))
        form.setErrors({ key: t('keyTaken') });
      else if (!applyFieldErrors(e, form.setErrors)) notifyError(e);
    }
  });

  return (
    <Modal opened onClose={onClose} title={field ? t('editTitle') : t('addTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('labelFr')}
              required
              maxLength={CUSTOM_LABEL_MAX}
              data-autofocus
              {...form.getInputProps('label.fr')}
              onChange={(e) => setLabel('fr', e.currentTarget.value)}
            />
            <TextInput
              label={t('labelEn')}
              required
              maxLength={CUSTOM_LABEL_MAX}
              {...form.getInputProps('label.en')}
              onChange={(e) => setLabel('en', e.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('key')}
              description={field ? t('keyFixed') : t('keyHint')}
              required={!field}
              disabled={!!field}
              maxLength={40}
              {...form.getInputProps('key')}
              onChange={(e) => {
                setKeyTyped(true);
                form.setFieldValue('key', e.currentTarget.value);
              }}
            />
            <Select
              label={t('type')}
              allowDeselect={false}
              data={CUSTOM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`type_${ty}`) }))}
              {...form.getInputProps('type')}
              onChange={(ty) => ty && setType(ty as CustomFieldType)}
            />
          </SimpleGrid>
          {hasOptions(v.type) && (
            <OptionsEditor
              options={v.options}
              onChange={(o) => form.setFieldValue('options', o)}
              errors={(i) =>
                form.errors[`options.${i}.label`] ??
                form.errors[`options.${i}`] ??
                (i === 0 ? form.errors.options : undefined)
              }
            />
          )}
          <Checkbox label={t('requiredLabel')} {...form.getInputProps('required', { type: 'checkbox' })} />
          <CustomInput
            key={v.type}
            field={draftField(v, field)}
            label={t('default')}
            value={v.default}
            onChange={(d) => form.setFieldValue('default', d)}
            error={form.errors.default}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {tc('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
