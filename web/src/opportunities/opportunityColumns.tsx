import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { customColumns } from '../fields/customColumns.js';
import { useCustomFields } from '../fields/customFields.js';
import { date, money } from '../lib/format.js';
import type { Column } from '../records/columns.js';
import { createdColumn, nameColumn, ownerColumn } from '../records/standardColumns.js';
import { NS as TAGS } from '../tags/strings.js';
import { tagsCardField, tagsColumn } from '../tags/tagsColumn.js';

export const dealName = (o: Opportunity) => o.opportunity_name ?? `#${o.opportunity_id}`;
const dealPath = (o: Opportunity) => `/opportunities/${o.opportunity_id}`;

function Stage({ stage }: { stage: string | null }) {
  return (
    <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
      {stage}
    </Badge>
  );
}

/** The deals list's columns (the table) and card (a phone), declared once. */
export function useOpportunityList() {
  const { t } = useTranslation('opportunities');
  const { t: tt } = useTranslation(TAGS);
  const currency = useCurrency();
  const userName = useUserName();
  const custom = useCustomFields('opportunities').data ?? [];
  const columns: Column<Opportunity>[] = [
    nameColumn(t('name'), 'opportunity_name', dealName, dealPath),
    { key: 'stage', label: t('stage'), sort: 'stage', cell: (o) => <Stage stage={o.stage} /> },
    {
      key: 'deal_value',
      label: t('valueShort'),
      sort: 'deal_value',
      descFirst: true,
      align: 'right',
      nowrap: true,
      cell: (o) => money(o.deal_value, currency),
    },
    {
      key: 'expected_close_date',
      label: t('expectedClose'),
      sort: 'expected_close_date',
      descFirst: true,
      nowrap: true,
      cell: (o) => date(o.expected_close_date),
    },
    ownerColumn(t('owner'), userName),
    tagsColumn<Opportunity>(tt('label')),
    createdColumn(t('createdAt'), true),
    // the deals' custom fields, hidden until picked
    ...customColumns<Opportunity>(custom),
  ];
  /** A card: its amount written in full (never cut or abbreviated). */
  const card = (o: Opportunity) => ({
    title: dealName(o),
    to: dealPath(o),
    badge: <Stage stage={o.stage} />,
    fields: [
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
      tagsCardField(tt('label'), o.tags),
    ],
  });
  return { columns, card };
}
