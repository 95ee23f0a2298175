import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CompanySelect } from '../companies/CompanySelect.js';
import { CustomFilters } from '../fields/CustomFilters.js';
import { sortFields } from '../records/columns.js';
import { OwnerFilter } from '../records/ListControls.js';
import { ListFilters } from '../records/ListFilters.js';
import { TagFilter } from '../tags/TagFilter.js';
import { useOpportunityParams } from './filters.js';
import { useOpportunityList } from './opportunityColumns.js';
import { useStages } from './queries.js';

/**
 * Search, owner ("me" included) and company for both layouts; the table also filters by stage, and
 * on a phone (cards, no column headers) picks its order here.
 */
export function FilterBar() {
  const { t } = useTranslation('opportunities');
  const { filters, layout, stage, sort, update, cfFields, custom, cfKeys } = useOpportunityParams();
  const stages = useStages();
  const { columns } = useOpportunityList();
  const table = layout === 'table';
  const w = { base: '100%', sm: 200 };
  const active =
    [filters.owner_id, filters.company_id, filters.tag, table ? stage : undefined].filter(Boolean).length +
    Object.keys(custom).length;
  return (
    <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
      <ListFilters
        label={t('filters')}
        search={{
          value: filters.q ?? '',
          onChange: (q) => update({ q }),
          label: t('search'),
          placeholder: t('searchPlaceholder'),
        }}
        sort={
          table
            ? { value: sort, onChange: (s) => update({ sort: s }), fields: sortFields(columns) }
            : undefined
        }
        active={active}
        onClear={() =>
          update({
            q: null,
            owner_id: null,
            company_id: null,
            stage: null,
            tag: null,
            ...Object.fromEntries(cfKeys.map((k) => [k, null])),
          })
        }
      >
        <OwnerFilter value={filters.owner_id ?? ''} onChange={(v) => update({ owner_id: v })} />
        <CompanySelect
          w={w}
          label={t('company')}
          value={filters.company_id ?? null}
          onChange={(v) => update({ company_id: v })}
        />
        <TagFilter value={filters.tag ?? ''} onChange={(tag) => update({ tag })} />
        {table && (
          <Select
            w={w}
            label={t('stage')}
            placeholder={t('allStages')}
            data={(stages.data ?? []).map((s) => s.name)}
            value={stage ?? null}
            onChange={(v) => update({ stage: v })}
            clearable
          />
        )}
        <CustomFilters
          fields={cfFields ?? []}
          params={custom}
          set={update as (patch: Record<string, string | null>) => void}
        />
      </ListFilters>
    </div>
  );
}
