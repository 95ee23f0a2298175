import { Alert, Button, Checkbox, Group, List, Loader, Radio, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import i18n from '../i18n/index.js';
import { explainError } from '../records/bulk.js';
import { NS } from '../records/strings.js';

type Kind = 'contacts' | 'companies' | 'opportunities' | 'interactions';
type Counts = Record<Kind, number>;
type Choice = 'unlink' | 'delete';
interface Attached {
  contacts?: number;
  opportunities: number;
  interactions: number;
  tasks: number;
}
interface Conflict {
  resource: string;
  id: number;
  reason: 'changed' | 'deleted';
}

/** GET /imports/{id}/undo (docs/api.md, "Undoing an import") */
export interface UndoPreview {
  created: Counts;
  attached: { contacts: Attached; companies: Required<Attached> };
  restore: Counts;
  conflicts: Conflict[];
}

/** POST /imports/{id}/undo's answer */
export interface UndoResult {
  deleted: Counts;
  restored: Counts;
  conflicts: Conflict[];
  [count: string]: unknown;
}

const SHOWN_CONFLICTS = 10;

/** "2 contacts, 1 company", or '' when every count is 0 */
function countList(counts: Partial<Record<string, number>>): string {
  const t = i18n.getFixedT(null, 'imports');
  return Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([kind, n]) => t(`n_${kind}`, { count: n }))
    .join(', ');
}

function conflictList(conflicts: Conflict[]): string {
  const t = i18n.getFixedT(null, 'imports');
  const named = conflicts
    .slice(0, SHOWN_CONFLICTS)
    .map((c) => t(`conflict_${c.reason}`, { record: t(`one_${c.resource}`, { id: c.id }) }));
  const more = conflicts.length - SHOWN_CONFLICTS;
  if (more > 0) named.push(t('undoMore', { count: more }));
  return named.join(', ');
}

/**
 * Undoing a past import: what it would delete and restore, what was attached since to the records
 * it created (the delete dialog's choices: keep the deals or delete them, tick to delete the
 * history), which records changed since stay as they are; then what was done.
 */
export function UndoDialog({
  importId,
  name,
  onDone,
  onCancel,
}: {
  importId: number;
  name: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('imports');
  const { t: tc } = useTranslation(NS);
  const { t: tg } = useTranslation();
  const preview = useQuery({
    queryKey: ['imports', importId, 'undo'],
    queryFn: () => api<UndoPreview>('GET', `/imports/${importId}/undo`),
    // counted again each time: someone may have added a note to an imported contact meanwhile
    gcTime: 0,
    retry: false,
  });
  const [contacts, setContacts] = useState<Choice>('unlink');
  const [deals, setDeals] = useState<Choice>('unlink');
  const [history, setHistory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<UndoResult | null>(null);

  const p = preview.data;
  const ofContacts = p?.attached.contacts;
  const ofCompanies = p?.attached.companies;
  const nContacts = ofCompanies?.contacts ?? 0;
  const nDeals = (ofContacts?.opportunities ?? 0) + (ofCompanies?.opportunities ?? 0);
  // the history of a created company's other contacts goes only if those contacts do
  const theirs = nContacts > 0 && contacts === 'delete';
  const nInteractions = (ofContacts?.interactions ?? 0) + (theirs ? (ofCompanies?.interactions ?? 0) : 0);
  const nTasks = (ofContacts?.tasks ?? 0) + (theirs ? (ofCompanies?.tasks ?? 0) : 0);
  const historyList = countList({ interactions: nInteractions, tasks: nTasks });
  const attached = countList({
    contacts: nContacts,
    opportunities: nDeals,
    interactions: (ofContacts?.interactions ?? 0) + (ofCompanies?.interactions ?? 0),
    tasks: (ofContacts?.tasks ?? 0) + (ofCompanies?.tasks ?? 0),
  });
  const blocked = !p || busy || (historyList !== '' && !history);

  const confirm = async () => {
    const opts: Record<string, string> = {};
    if (nContacts > 0) opts.contacts = contacts;
    if (nDeals > 0) opts.opportunities = deals;
    if (nInteractions > 0) opts.interactions = 'delete';
    if (nTasks > 0) opts.tasks = 'delete';
    setBusy(true);
    setError(null);
    try {
      setResult(await api<UndoResult>('POST', `/imports/${importId}/undo`, opts));
    } catch (e) {
      setError(explainError(e));
    }
    setBusy(false);
  };

  if (result) {
    const deleted = countList(result.deleted);
    const restored = countList(result.restored);
    return (
      <Stack gap="sm">
        <Text fw={600}>{t('undoDone', { name })}</Text>
        <Text size="sm" role="status">
          {[
            deleted ? t('undoDeleted', { list: deleted }) : t('undoDeletedNone'),
            restored && t('undoRestored', { list: restored }),
            result.conflicts.length > 0 && t('undoKept', { list: conflictList(result.conflicts) }),
          ]
            .filter(Boolean)
            .join(' ')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onDone}>{tg('close')}</Button>
        </Group>
      </Stack>
    );
  }

  const deletes = p ? countList(p.created) : '';
  const restores = p ? countList(p.restore) : '';
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('undoTitle', { name })}</Text>
      {preview.isLoading ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('undoLoading')}</Text>
        </Group>
      ) : preview.error ? (
        <Alert color="red" role="alert">
          {explainError(preview.error)}
        </Alert>
      ) : (
        p && (
          <>
            <List size="sm">
              <List.Item>
                {deletes ? t('undoWillDelete', { list: deletes }) : t('undoNothingToDelete')}
              </List.Item>
              {restores && <List.Item>{t('undoWillRestore', { list: restores })}</List.Item>}
              {p.conflicts.length > 0 && (
                <List.Item>{t('undoWillKeep', { list: conflictList(p.conflicts) })}</List.Item>
              )}
            </List>
            {attached && <Text size="sm">{t('undoAttached', { list: attached })}</Text>}
            {nContacts > 0 && (
              <Radio.Group
                label={tc('delContactsLegend')}
                value={contacts}
                onChange={(v) => setContacts(v as Choice)}
              >
                <Stack gap={4} mt={4}>
                  <Radio value="unlink" label={tc('delContactsUnlink')} />
                  <Radio value="delete" label={tc('delContactsDelete')} />
                </Stack>
              </Radio.Group>
            )}
            {nDeals > 0 && (
              <Radio.Group label={tc('delDealsLegend')} value={deals} onChange={(v) => setDeals(v as Choice)}>
                <Stack gap={4} mt={4}>
                  <Radio value="unlink" label={tc('delDealsUnlink')} />
                  <Radio value="delete" label={tc('delDealsDelete')} />
                </Stack>
              </Radio.Group>
            )}
            {historyList && (
              <Checkbox
                checked={history}
                onChange={(e) => setHistory(e.currentTarget.checked)}
                label={tc('delHistory', { list: historyList })}
                description={history ? undefined : tc('delHistoryNeeded')}
              />
            )}
          </>
        )
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {tg('cancel')}
        </Button>
        <Button color="red" onClick={() => void confirm()} disabled={blocked} loading={busy}>
          {t('undoConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Opens the undo as a modal; `onSettled` runs when it closes (the list shows the job undone). */
export function openUndoDialog(props: { importId: number; name: string; onSettled: () => void }) {
  const modalId = `undo-import-${props.importId}`;
  // closing runs onClose, however it closes (the buttons, the cross, Escape)
  const close = () => modals.close(modalId);
  modals.open({
    modalId,
    title: i18n.t('imports:undoJob', { name: props.name }),
    closeButtonProps: { 'aria-label': i18n.t('close') },
    onClose: props.onSettled,
    children: <UndoDialog importId={props.importId} name={props.name} onDone={close} onCancel={close} />,
  });
}
