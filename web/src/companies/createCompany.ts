import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Company } from '../api/types.js';

/** Accents, case and spacing aside, the same name ("acme  industries" is "Acmé Industries"). */
export function sameName(a: string | null | undefined, b: string): boolean {
  const fold = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  return a != null && fold(a) === fold(b);
}

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
