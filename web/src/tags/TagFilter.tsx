import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TAG_FILTER_MAX } from '../../../shared/tags.js';
import { useTags } from './api.js';
import { NS } from './strings.js';

/** The lists' tag filter: the records having every chosen tag (`?tag=A,B`). */
export function TagFilter({ value, onChange }: { value: string; onChange: (v: string | null) => void }) {
  const { t } = useTranslation(NS);
  const tags = useTags().data ?? [];
  const chosen = value ? value.split(',').filter(Boolean) : [];
  // a name in the URL that is not (or no longer) a tag stays shown, so it can be taken off
  const data = [...new Set([...tags.map((x) => x.name), ...chosen])];
  return (
    <MultiSelect
      label={t('filter')}
      placeholder={chosen.length === 0 ? t('filterPlaceholder') : undefined}
      data={data}
      value={chosen}
      onChange={(names) => onChange(names.length > 0 ? names.join(',') : null)}
      maxValues={TAG_FILTER_MAX}
      searchable
      clearable
      w={{ base: '100%', sm: 240 }}
    />
  );
}
