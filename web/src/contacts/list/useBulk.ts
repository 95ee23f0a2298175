import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { reportBulk } from './BulkBar.js';
import { runBulk } from './bulk.js';

/**
 * Assign and delete for the ticked rows of a list: one request per row (the API has no bulk
 * route), each failure reported with its reason, the list refetched at the end.
 */
export function useBulk<T>(
  resource: 'contacts' | 'companies',
  rows: T[],
  idOf: (row: T) => number,
  labelOf: (row: T) => string,
  clear: () => void,
) {
  const { t } = useTranslation('contacts');
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (op: (row: T) => Promise<unknown>, doneKey: 'bulkAssigned' | 'bulkDeleted') => {
    const total = rows.length;
    setBusy(t('bulkWorking', { done: 0, total }));
    const result = await runBulk(rows, op, labelOf, (done) => setBusy(t('bulkWorking', { done, total })));
    setBusy(null);
    clear();
    await qc.invalidateQueries({ queryKey: [resource] });
    reportBulk(doneKey, result);
  };

  return {
    busy,
    assign: (ownerId: number | null) =>
      run((r) => api('PATCH', `/${resource}/${idOf(r)}`, { owner_id: ownerId }), 'bulkAssigned'),
    remove: () => run((r) => api('DELETE', `/${resource}/${idOf(r)}`), 'bulkDeleted'),
  };
}
