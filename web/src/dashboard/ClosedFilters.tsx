import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries.js';
import type { OwnerFilter } from './api.js';
import { PERIODS, type Period } from './periods.js';

const EVERYONE = 'all';

interface Props {
  period: Period;
  owner: OwnerFilter;
  onPeriod: (p: Period) => void;
  onOwner: (o: OwnerFilter) => void;
}

/** The dashboard's period (for won and lost) and whose deals it counts (for every figure). */
export function ClosedFilters({ period, owner, onPeriod, onOwner }: Props) {
  const { t } = useTranslation('dashboard');
  const users = useUsers();
  const owners = [
    { value: EVERYONE, label: t('ownerEveryone') },
    { value: 'me', label: t('ownerMe') },
    ...(users.data?.data ?? [])
      .filter((u) => u.active || String(u.user_id) === owner)
      .map((u) => ({ value: String(u.user_id), label: u.name ?? u.email })),
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {/* a select, not a segmented control: four periods side by side overflow a phone's width;
          native selects keep the combobox code (7 KB) out of the home page's first load */}
      <NativeSelect
        label={t('periodLabel')}
        data={PERIODS.map((p) => ({ value: p, label: t(`period_${p}`) }))}
        value={period}
        onChange={(e) => onPeriod(e.currentTarget.value as Period)}
        w={170}
      />
      <NativeSelect
        label={t('ownerLabel')}
        data={owners}
        value={owner ?? EVERYONE}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onOwner(v === EVERYONE ? undefined : v);
        }}
        w={220}
      />
    </Group>
  );
}
