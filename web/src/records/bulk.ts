import { ApiError } from '../api/client.js';
import { errorMessage } from '../components/states.js';
import i18n from '../i18n/index.js';
import { NS } from './strings.js';

export interface BulkFailure {
  label: string;
  message: string;
}

/**
 * Runs `op` on every item, a few at a time (a bulk action must not flood the server, nor take
 * one round trip per row in sequence), and keeps going past failures so each can be reported.
 */
export async function runBulk<T>(
  items: T[],
  op: (item: T) => Promise<unknown>,
  label: (item: T) => string,
  onProgress?: (done: number) => void,
  concurrency = 4,
): Promise<{ ok: number; failures: BulkFailure[] }> {
  const failures: BulkFailure[] = [];
  let ok = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await op(item);
        ok++;
      } catch (e) {
        failures.push({ label: label(item), message: explainError(e) });
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { ok, failures };
}

const REF_KEYS: Record<string, string> = {
  contacts: 'refContacts',
  opportunities: 'refOpportunities',
  interactions: 'refInteractions',
  tasks: 'refTasks',
};

const NOUN_KEYS: Record<string, string> = {
  contacts: 'nounContacts',
  opportunities: 'nounOpportunities',
  interactions: 'nounInteractions',
  tasks: 'nounTasks',
};

/** A sentence in the user's language for what went wrong with one record. */
export function explainError(e: unknown): string {
  const t = i18n.getFixedT(null, NS);
  if (e instanceof ApiError) {
    const record = e.problem.record as { resource: string; id: number } | undefined;
    if (e.status === 403 && record) {
      const noun = NOUN_KEYS[record.resource]
        ? t(NOUN_KEYS[record.resource], { id: record.id })
        : t('nounOther', { resource: record.resource, id: record.id });
      return t('attachedNotYours', { record: noun });
    }
    if (e.status === 403) return t('notYours');
    if (e.status === 404) return t('notFoundAnymore');
    const refs = e.problem.references as { resource: string; count: number }[] | undefined;
    if (e.status === 409 && Array.isArray(refs)) {
      const list = refs
        .map((r) =>
          REF_KEYS[r.resource]
            ? t(REF_KEYS[r.resource], { count: r.count })
            : t('refOther', { count: r.count, resource: r.resource }),
        )
        .join(', ');
      return t('refStill', { list });
    }
  }
  return errorMessage(e);
}
