import { Button, SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconTable } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries.js';
import { canCreate } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { ExportMenu } from '../imports/ExportMenu.js';
import { Board } from './Board.js';
import { FilterBar } from './FilterBar.js';
import { useOpportunityParams } from './filters.js';
import { OpportunitiesTable } from './OpportunitiesTable.js';
import { OpportunityFormModal } from './OpportunityForm.js';

/** The pipeline board (default) or the table (?view=table), with the same filters. */
export default function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  const me = useMe();
  const { filters, view, stage, sort, update } = useOpportunityParams();
  const [creating, create] = useDisclosure();
  const labelId = useId();

  return (
    <>
      <PageHeader title={t('title')}>
        <VisuallyHidden id={labelId}>{t('viewLabel')}</VisuallyHidden>
        <SegmentedControl
          aria-labelledby={labelId}
          value={view}
          onChange={(v) => update({ view: v === 'table' ? 'table' : null })}
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
        <ExportMenu
          entity="opportunities"
          params={view === 'table' ? { ...filters, stage, sort } : { ...filters }}
        />
        {canCreate(me.data) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            {t('newOpportunity')}
          </Button>
        )}
      </PageHeader>
      <FilterBar />
      {view === 'table' ? <OpportunitiesTable /> : <Board filters={filters} />}
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
