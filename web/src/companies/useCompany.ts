import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Company } from '../api/types.js';

// The same key as useRecord('companies', id): one cache entry per company, shared by the detail
// page, every list cell that names it, and the CSV export.
const key = (id: number) => ['companies', 'one', String(id)];
const fetchCompany = (id: number, signal?: AbortSignal) =>
  api<Company>('GET', `/companies/${id}`, undefined, { signal });

/** A company by ID; a list of contacts names the same few companies, so this is cached a while. */
export function useCompany(id: number | null | undefined) {
  return useQuery({
    queryKey: key(id ?? 0),
    queryFn: ({ signal }) => fetchCompany(id as number, signal),
    enabled: id != null,
    staleTime: 60_000,
  });
}

/** The names of these companies, from the cache or fetched (for the export). */
export async function companyNames(qc: QueryClient, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const entries = await Promise.all(
    unique.map(async (id) => {
      try {
        const c = await qc.fetchQuery({
          queryKey: key(id),
          queryFn: () => fetchCompany(id),
          staleTime: 60_000,
        });
        return [id, c.company_name ?? ''] as const;
      } catch {
        return [id, `#${id}`] as const;
      }
    }),
  );
  return new Map(entries);
}
