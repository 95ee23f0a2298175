import { TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { cleanTagName, TAG_NAME_MAX, TAGS_PER_RECORD_MAX } from '../../../shared/tags.js';
import { useTags } from './api.js';
import { NS } from './strings.js';

/**
 * A record's tags in a form: the team's tags suggested as one types, a new name creating a tag.
 * The limits are the shared schema's; a name with a separator (, ;) is split as it is typed.
 */
export function TagsField({
  value,
  onChange,
  error,
  label,
}: {
  value: string[];
  onChange: (names: string[]) => void;
  error?: string;
  label?: string;
}) {
  const { t } = useTranslation(NS);
  const tags = useTags().data ?? [];
  return (
    <TagsInput
      label={label ?? t('label')}
      placeholder={value.length < TAGS_PER_RECORD_MAX ? t('placeholder') : undefined}
      data={tags.map((x) => x.name)}
      value={value}
      onChange={(names) =>
        onChange(names.map((n) => cleanTagName(n) ?? n.slice(0, TAG_NAME_MAX)).filter((n) => n.trim() !== ''))
      }
      maxTags={TAGS_PER_RECORD_MAX}
      splitChars={[',', ';']}
      clearable
      error={error}
    />
  );
}
