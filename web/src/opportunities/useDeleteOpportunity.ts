import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { useRemove } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { confirmDelete, notifyError, notifySaved } from '../components/feedback.js';

interface Reference {
  resource: string;
  count: number;
}

/** Asks, deletes, and when tasks or interactions still point at the deal says so in plain words. */
export function useDeleteOpportunity() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation('common');
  const remove = useRemove('opportunities');
  const qc = useQueryClient();
  const navigate = useNavigate();

  const explain = (references: Reference[]) => {
    const parts = references.map((r) =>
      ['tasks', 'interactions'].includes(r.resource)
        ? t(`ref_${r.resource}`, { count: r.count })
        : `${r.count} ${r.resource}`,
    );
    const list =
      parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${t('and')} ${parts[parts.length - 1]}` : parts[0];
    return t('stillReferenced', { list });
  };

  return (opportunity: Opportunity) =>
    confirmDelete(opportunity.opportunity_name ?? `#${opportunity.opportunity_id}`, async () => {
      try {
        await remove.mutateAsync(opportunity.opportunity_id);
        void qc.invalidateQueries({ queryKey: ['pipeline'] });
        notifySaved(t('deleted'));
        navigate('/opportunities', { replace: true });
      } catch (e) {
        const references =
          e instanceof ApiError ? (e.problem.references as Reference[] | undefined) : undefined;
        if (e instanceof ApiError && e.status === 409 && references?.length)
          notifications.show({
            color: 'orange',
            title: tc('errorTitle'),
            message: explain(references),
            autoClose: 10_000,
          });
        else notifyError(e);
      }
    });
}
