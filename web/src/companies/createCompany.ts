import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Company } from '../api/types.js';

/**
 * Creates a company from just its name (from a picker). The server makes it the creator's, as the
 * company form would for a sales user; the new record goes straight into the cache so that the
 * picker can show its name without asking again.
 */
export function useCreateCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<Company>('POST', '/companies', { company_name: name }),
    onSuccess: (company) => {
      qc.setQueryData(['companies', 'one', String(company.company_id)], company);
      void qc.invalidateQueries({ queryKey: ['companies', 'list'] });
    },
  });
}
