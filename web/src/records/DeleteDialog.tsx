import { Alert, Button, Checkbox, Group, List, Loader, Radio, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.js';
import i18n from '../i18n/index.js';
import { explainError } from './bulk.js';
import { NS } from './strings.js';

export type Parent = 'contacts' | 'companies';
type Choice = 'unlink' | 'delete';

/** GET …/dependents (docs/api.md, "Deleting") */
export interface Dependents {
  records?: number;
  contacts?: number;
  opportunities: number;
  interactions: number;
  tasks: number;
}

export interface Refusal {
  id: number;
  status: number;
  type: string;
  code?: string;
  detail: string;
  [extra: string]: unknown;
}

/** POST …/bulk-delete's answer: how many, what went with them, and the records refused */
export interface DeleteSummary {
  deleted: number;
  refused: Refusal[];
  [count: string]: number | Refusal[];
}

/** the API takes at most 200 IDs a request; a selection can hold more (after "load more") */
const MAX_IDS = 200;
const chunks = (ids: number[]) =>
  Array.from({ length: Math.ceil(ids.length / MAX_IDS) }, (_, i) =>
    ids.slice(i * MAX_IDS, (i + 1) * MAX_IDS),
  );

/** the numbers of several answers of one shape, added up */
function sumAll<T extends object>(parts: T[]): T {
  const out: Record<string, number> = {};
  for (const p of parts)
    for (const [k, v] of Object.entries(p)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out as T;
}

const query = (opts: Record<string, string>) => {
  const qs = new URLSearchParams(opts).toString();
  return qs ? `?${qs}` : '';
};

/**
 * The delete confirmation of one record or of ticked rows: it says what is attached, offers the
 * choices the API has for it (keep the deals or delete them; a company's contacts likewise) and
 * asks for an explicit tick before interactions and tasks go with their contact. One record: a
 * DELETE (its error stays in the dialog); several: one bulk request, whose summary goes to onDone.
 */
export function DeleteDialog({
  resource,
  ids,
  what,
  onDone,
  onCancel,
}: {
  resource: Parent;
  ids: number[];
  what: string;
  onDone: (summary: DeleteSummary | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const single = ids.length === 1;
  const deps = useQuery({
    queryKey: [resource, 'dependents', ids.join(',')],
    queryFn: async () => {
      if (single) return api<Dependents>('GET', `/${resource}/${ids[0]}/dependents`);
      const parts = await Promise.all(
        chunks(ids).map((part) => api<Dependents>('GET', `/${resource}/dependents?ids=${part.join(',')}`)),
      );
      return sumAll(parts);
    },
    // a fresh count every time the dialog opens: someone may have added a note meanwhile
    gcTime: 0,
  });
  const [contacts, setContacts] = useState<Choice>('unlink');
  const [deals, setDeals] = useState<Choice>('unlink');
  const [history, setHistory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const d = deps.data;
  const nContacts = d?.contacts ?? 0;
  // a company's contacts' interactions and tasks go only if its contacts do
  const historyAt = resource === 'contacts' || (nContacts > 0 && contacts === 'delete');
  const nHistory = historyAt && d ? d.interactions + d.tasks : 0;
  const historyList = d
    ? [
        d.interactions > 0 && t('refInteractions', { count: d.interactions }),
        d.tasks > 0 && t('refTasks', { count: d.tasks }),
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const attached = d
    ? [
        nContacts > 0 && t('refContacts', { count: nContacts }),
        d.opportunities > 0 && t('refOpportunities', { count: d.opportunities }),
        d.interactions > 0 && t('refInteractions', { count: d.interactions }),
        d.tasks > 0 && t('refTasks', { count: d.tasks }),
      ].filter((x): x is string => !!x)
    : [];
  const blocked = !d || busy || (nHistory > 0 && !history);

  const confirm = async () => {
    if (!d) return;
    const opts: Record<string, string> = {};
    if (nContacts > 0) opts.contacts = contacts;
    if (d.opportunities > 0) opts.opportunities = deals;
    if (nHistory > 0 && d.interactions > 0) opts.interactions = 'delete';
    if (nHistory > 0 && d.tasks > 0) opts.tasks = 'delete';
    setBusy(true);
    setError(null);
    try {
      if (single) {
        await api('DELETE', `/${resource}/${ids[0]}${query(opts)}`);
        onDone(null);
      } else {
        const parts: DeleteSummary[] = [];
        // one after the other: each part deletes its records, and the next must not race it
        for (const part of chunks(ids))
          parts.push(await api<DeleteSummary>('POST', `/${resource}/bulk-delete`, { ids: part, ...opts }));
        onDone({ ...sumAll(parts), refused: parts.flatMap((p) => p.refused) } as DeleteSummary);
      }
    } catch (e) {
      setError(explainError(e));
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text fw={600}>{t('delTitle', { what })}</Text>
      {deps.isLoading ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('delLoading')}</Text>
        </Group>
      ) : deps.error ? (
        <Alert color="red">{explainError(deps.error)}</Alert>
      ) : attached.length === 0 ? (
        <Text size="sm">{t('delNothing')}</Text>
      ) : (
        <>
          <Text size="sm">{t('delAttached')}</Text>
          <List size="sm">
            {attached.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          {nContacts > 0 && (
            <Radio.Group
              label={t('delContactsLegend')}
              value={contacts}
              onChange={(v) => setContacts(v as Choice)}
            >
              <Stack gap={4} mt={4}>
                <Radio value="unlink" label={t('delContactsUnlink')} />
                <Radio value="delete" label={t('delContactsDelete')} />
              </Stack>
            </Radio.Group>
          )}
          {(d?.opportunities ?? 0) > 0 && (
            <Radio.Group label={t('delDealsLegend')} value={deals} onChange={(v) => setDeals(v as Choice)}>
              <Stack gap={4} mt={4}>
                <Radio value="unlink" label={t('delDealsUnlink')} />
                <Radio value="delete" label={t('delDealsDelete')} />
              </Stack>
            </Radio.Group>
          )}
          {nHistory > 0 && (
            <Checkbox
              checked={history}
              onChange={(e) => setHistory(e.currentTarget.checked)}
              label={t('delHistory', { list: historyList })}
              description={history ? undefined : t('delHistoryNeeded')}
            />
          )}
        </>
      )}
      <Text size="sm" c="dimmed">
        {t('delIrreversible')}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {tc('cancel')}
        </Button>
        <Button color="red" onClick={() => void confirm()} disabled={blocked} loading={busy}>
          {t('delConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Opens the confirmation as a modal; `onDone` runs once the delete went through (and closes it). */
export function openDeleteDialog(props: {
  resource: Parent;
  ids: number[];
  what: string;
  onDone: (summary: DeleteSummary | null) => void;
}) {
  const modalId = `delete-${props.resource}-${props.ids.join(',')}`;
  modals.open({
    modalId,
    title: i18n.t('confirmDeleteTitle'),
    closeButtonProps: { 'aria-label': i18n.t('close') },
    children: (
      <DeleteDialog
        {...props}
        onCancel={() => modals.close(modalId)}
        onDone={(s) => {
          modals.close(modalId);
          props.onDone(s);
        }}
      />
    ),
  });
}

const SUMMARY_KEYS: [string, string][] = [
  ['contacts', 'refContacts'],
  ['opportunities', 'refOpportunities'],
  ['interactions', 'refInteractions'],
  ['tasks', 'refTasks'],
];
const SHOWN_REFUSALS = 5;

/**
 * One sentence for a bulk delete's summary: how many went, what went or was unlinked with them,
 * and which rows were not deleted and why (the first few by name).
 */
export function summaryText(s: DeleteSummary, labelOf: (id: number) => string): string {
  const t = i18n.getFixedT(null, NS);
  const list = (suffix: string) =>
    SUMMARY_KEYS.flatMap(([kind, key]) => {
      const n = s[`${kind}_${suffix}`];
      return typeof n === 'number' && n > 0 ? [t(key, { count: n })] : [];
    }).join(', ');
  const parts = [t('bulkDeleted', { count: s.deleted })];
  const gone = list('deleted');
  if (gone) parts.push(t('delAlsoDeleted', { list: gone }));
  const unlinked = list('unlinked');
  if (unlinked) parts.push(t('delUnlinked', { list: unlinked }));
  if (s.refused.length > 0) {
    const named = s.refused.slice(0, SHOWN_REFUSALS).map((r) => {
      const problem = { ...r, type: `/problems/${r.type}`, title: r.type };
      return `${labelOf(r.id)} (${explainError(new ApiError(r.status, problem))})`;
    });
    const more = s.refused.length - SHOWN_REFUSALS;
    if (more > 0) named.push(t('delMore', { count: more }));
    parts.push(t('delRefused', { count: s.refused.length, list: named.join('; ') }));
  }
  return `${parts.join(' — ')}.`;
}
