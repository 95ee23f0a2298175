import { type QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, api, query } from '../api/client.js';
import type { Company, Page } from '../api/types.js';

// The same key as useRecord('companies', id): one cache entry per company, shared by the detail
// page, every list cell that names it, and the CSV export.
const key = (id: number) => ['companies', 'one', String(id)];

/**
 * Companies asked for within a few milliseconds of each other are fetched together, in one
 * `GET /companies?company_id=a,b,c` (200 IDs at most a request): a page of 50 contacts naming 50
 * companies costs one request, not 50 (which also ran into the API's rate limit when scrolling).
 */
type Waiter = { resolve: (c: Company) => void; reject: (e: unknown) => void };
let pending: Map<number, Waiter[]> | null = null;
const BATCH_MAX = 200;

function fetchCompany(id: number): Promise<Company> {
  return new Promise((resolve, reject) => {
    if (!pending) {
      pending = new Map();
      setTimeout(flush, 5);
    }
    const waiters = pending.get(id) ?? [];
    waiters.push({ resolve, reject });
    pending.set(id, waiters);
  });
}

async function flush() {
  const batch = pending ?? new Map<number, Waiter[]>();
  pending = null;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += BATCH_MAX) {
    const chunk = ids.slice(i, i + BATCH_MAX);
    const settle = (id: number, fn: (w: Waiter) => void) => {
      for (const w of batch.get(id) ?? []) fn(w);
    };
    try {
      const page = await api<Page<Company>>(
        'GET',
        `/companies${query({ company_id: chunk.join(','), limit: BATCH_MAX })}`,
      );
      const byId = new Map(page.data.map((c) => [c.company_id, c]));
      for (const id of chunk) {
        const company = byId.get(id);
        const missing = new ApiError(404, {
          type: 'not-found',
          title: 'Not found',
          status: 404,
          detail: `company ${id} does not exist`,
        });
        settle(id, (w) => (company ? w.resolve(company) : w.reject(missing)));
      }
    } catch (e) {
      for (const id of chunk) settle(id, (w) => w.reject(e));
    }
  }
}

/** A company by ID; a list of contacts names the same few companies, so this is cached a while. */
export function useCompany(id: number | null | undefined) {
  return useQuery({
    queryKey: key(id ?? 0),
    queryFn: () => fetchCompany(id as number),
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
