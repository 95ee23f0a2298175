import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import i18n from '../i18n/index.js';
import { reportBulk } from './BulkBar.js';
import { runBulk } from './bulk.js';
import { type DeleteSummary, openDeleteDialog, summaryText } from './DeleteDialog.js';
import { NS } from './strings.js';

/**
 * Assign and delete for the ticked rows of a list, the list refetched at the end. Assigning sends
 * one request per row (the API has no bulk update), each failure reported with its reason;
 * deleting asks what to do with what is attached, sends one bulk request and tells its summary.
 */
export function useBulk<T>(
  resource: 'contacts' | 'companies' | 'opportunities',
  rows: T[],
  idOf: (row: T) => number,
  labelOf: (row: T) => string,
  clear: () => void,
) {
  const { t } = useTranslation(NS);
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
    // deals have no bulk delete (a deal is deleted from its page, with its undo notice)
    remove:
      resource === 'opportunities'
        ? undefined
        : () => {
            const labels = new Map(rows.map((r) => [idOf(r), labelOf(r)]));
            openDeleteDialog({
              resource,
              ids: [...labels.keys()],
              what: t('bulkDeleteWhat', { count: labels.size }),
              onDone: async (summary) => {
                clear();
                // deals, interactions and tasks may have gone or changed with it: every list is stale
                await qc.invalidateQueries();
                notifyDeleted(summary, (id) => labels.get(id) ?? `#${id}`);
              },
            });
          },
  };
}

/** One notification for a bulk delete; it stays until closed when some rows were not deleted. */
function notifyDeleted(summary: DeleteSummary | null, labelOf: (id: number) => string) {
  const refused = summary?.refused.length ?? 0;
  notifications.show({
    color: refused > 0 ? 'orange' : 'green',
    message: summary ? summaryText(summary, labelOf) : i18n.getFixedT(null, NS)('bulkDeleted', { count: 1 }),
    autoClose: refused > 0 ? false : undefined,
    closeButtonProps: { 'aria-label': i18n.t('close') },
  });
}
