import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { date, money } from '../lib/format.js';
import { CardList, RecordCard } from '../records/CardList.js';

/** The deals table on a phone: a card each, its amount written in full (never cut or abbreviated). */
export function OpportunityCards({ rows }: { rows: Opportunity[] }) {
  const { t } = useTranslation('opportunities');
  const currency = useCurrency();
  const userName = useUserName();
  return (
    <CardList label={t('title')}>
      {rows.map((o) => (
        <RecordCard
          key={o.opportunity_id}
          title={o.opportunity_name ?? `#${o.opportunity_id}`}
          to={`/opportunities/${o.opportunity_id}`}
          badge={
            <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
              {o.stage}
            </Badge>
          }
          fields={[
            {
              label: t('valueShort'),
              value: o.deal_value == null ? null : money(o.deal_value, currency),
              nowrap: true,
            },
            { label: t('owner'), value: o.owner_id == null ? null : userName(o.owner_id) },
            {
              label: t('expectedClose'),
              value: o.expected_close_date && date(o.expected_close_date),
              nowrap: true,
            },
          ]}
        />
      ))}
    </CardList>
  );
}
