import { Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useList, useMe } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { canCreate } from '../auth/permissions.js';
import { BulkBar } from '../records/BulkBar.js';
import { RecordList, RecordView } from '../records/RecordList.js';
import { useBulk } from '../records/useBulk.js';
import { useSelection } from '../records/useListParams.js';
import { BulkTagsButtons } from '../tags/BulkTagsButtons.js';
import { useOpportunityParams } from './filters.js';
import { dealName, useOpportunityList } from './opportunityColumns.js';

const PAGE = 50;
const idOf = (o: Opportunity) => o.opportunity_id;

/**
 * The table view: every matching deal, sorted on the server, in keyset pages of 50; cards on a
 * phone (the order is then chosen beside the filters, FilterBar). Ticked rows can be handed to an
 * owner or tagged in bulk, as on the contacts and companies lists (the export menu covers exports).
 */
export function OpportunitiesTable() {
  const { t } = useTranslation('opportunities');
  const me = useMe().data;
  const { filters, stage, sort, update } = useOpportunityParams();
  const list = useList<Opportunity>('opportunities', { ...filters, stage, sort, limit: PAGE });
  const { columns, card } = useOpportunityList();
  const selection = useSelection(idOf);
  const bulk = useBulk('opportunities', [...selection.selected.values()], idOf, dealName, selection.clear);

  // ticks from another filter would act on rows the user can no longer see
  const { clear } = selection;
  const query = JSON.stringify({ filters, stage, sort });
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the query changes
  useEffect(() => clear(), [query, clear]);

  return (
    <Stack gap="sm">
      <BulkBar
        count={selection.selected.size}
        canWrite={canCreate(me)}
        busy={bulk.busy}
        onAssign={(owner) => void bulk.assign(owner)}
        onClear={selection.clear}
        tags={
          <BulkTagsButtons
            resource="opportunities"
            ids={[...selection.selected.keys()]}
            labelOf={(id) => {
              const row = selection.selected.get(id);
              return row ? dealName(row) : `#${id}`;
            }}
            disabled={!!bulk.busy}
            onDone={selection.clear}
          />
        }
      />
      <RecordList list={list} empty={t('noOpportunities')}>
        {(rows) => (
          <RecordView
            name="opportunities"
            label={t('title')}
            rows={rows}
            columns={columns}
            rowKey={idOf}
            sort={sort}
            onSort={(s) => update({ sort: s })}
            card={card}
            selection={{
              selected: selection.selected,
              onToggle: selection.toggle,
              onToggleAll: (on) => selection.setAll(rows, on),
              labelOf: dealName,
            }}
          />
        )}
      </RecordList>
    </Stack>
  );
}
