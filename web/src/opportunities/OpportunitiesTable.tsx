import { useTranslation } from 'react-i18next';
import { useList } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { RecordList, RecordView } from '../records/RecordList.js';
import { useOpportunityParams } from './filters.js';
import { useOpportunityList } from './opportunityColumns.js';

const PAGE = 50;

/**
 * The table view: every matching deal, sorted on the server, in keyset pages of 50; cards on a
 * phone (the order is then chosen beside the filters, FilterBar).
 */
export function OpportunitiesTable() {
  const { t } = useTranslation('opportunities');
  const { filters, stage, sort, update } = useOpportunityParams();
  const list = useList<Opportunity>('opportunities', { ...filters, stage, sort, limit: PAGE });
  const { columns, card } = useOpportunityList();
  return (
    <RecordList list={list} empty={t('noOpportunities')}>
      {(rows) => (
        <RecordView
          name="opportunities"
          label={t('title')}
          rows={rows}
          columns={columns}
          rowKey={(o) => o.opportunity_id}
          sort={sort}
          onSort={(s) => update({ sort: s })}
          card={card}
        />
      )}
    </RecordList>
  );
}
