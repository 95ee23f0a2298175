import { Button, SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconTable } from '@tabler/icons-react';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import { canCreate } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { ExportMenu } from '../imports/ExportMenu.js';
import { SavedViews } from '../records/SavedViews.js';
import { Board } from './Board.js';
import { FilterBar } from './FilterBar.js';
import { useOpportunityParams } from './filters.js';
import { OpportunitiesTable } from './OpportunitiesTable.js';
import { OpportunityFormModal } from './OpportunityForm.js';
import { useOpportunityList } from './opportunityColumns.js';

/** The pipeline board (default) or the table (?layout=table), with the same filters and saved views. */
export default function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  const me = useMe();
  const { filters, layout, oldLayout, stage, sort, update, viewKeys, cfLoading } = useOpportunityParams();
  const { columns } = useOpportunityList();
  const [creating, create] = useDisclosure();
  const labelId = useId();

  // an old link's `?view=table` is the layout: `view` names a saved view now
  useEffect(() => {
    if (oldLayout) update({ view: null, layout: layout === 'table' ? 'table' : null });
  }, [oldLayout, layout, update]);

  return (
    <>
      <PageHeader title={t('title')}>
        <VisuallyHidden id={labelId}>{t('viewLabel')}</VisuallyHidden>
        <SegmentedControl
          aria-labelledby={labelId}
          value={layout}
          onChange={(v) => update({ layout: v === 'table' ? 'table' : null })}
          data={[
            {
              value: 'board',
              label: <Label icon={<IconLayoutKanban size={16} aria-hidden />} text={t('viewBoard')} />,
            },
            {
              value: 'table',
              label: <Label icon={<IconTable size={16} aria-hidden />} text={t('viewTable')} />,
            },
          ]}
        />
        {/* a view's custom filters and columns are known once the definitions are */}
        {!cfLoading && <SavedViews resource="opportunities" keys={viewKeys} columns={columns} />}
        <ExportMenu
          entity="opportunities"
          params={layout === 'table' ? { ...filters, stage, sort } : { ...filters }}
        />
        {canCreate(me.data) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            {t('newOpportunity')}
          </Button>
        )}
      </PageHeader>
      <FilterBar />
      {layout === 'table' ? <OpportunitiesTable /> : <Board filters={filters} />}
      <OpportunityFormModal opened={creating} onClose={create.close} />
    </>
  );
}

function Label({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {icon}
      {text}
    </span>
  );
}
