import { Group, Loader, Modal, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useWindowEvent } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_LIMIT_DEFAULT, SEARCH_Q_MAX } from '../../../../shared/search.js';
import { api, query } from '../../api/client.js';
import type { SearchHit } from '../../api/types.js';
import { ErrorState } from '../../components/states.js';
import { SearchResults } from './SearchResults.js';

/** Typing pauses this long before a search is sent. */
const DEBOUNCE_MS = 150;

/** Where each type of hit opens. */
const PATHS = {
  contact: '/contacts/',
  company: '/companies/',
  opportunity: '/opportunities/',
} as const;
export type HitType = keyof typeof PATHS;
/** A hit of a type this app knows how to open (the API may add types before the app does). */
export type KnownHit = SearchHit & { type: HitType };
const known = (hit: SearchHit): hit is KnownHit => Object.hasOwn(PATHS, hit.type);
export const hitPath = (hit: KnownHit) => `${PATHS[hit.type]}${hit.id}`;

export interface SearchDialogProps {
  opened: boolean;
  /** Escape, a click outside: the launcher puts focus back where it was */
  onClose: () => void;
  /** a hit was chosen: the launcher closes the dialog and opens the page */
  onChoose: (path: string) => void;
}

/**
 * The Ctrl/Cmd-K search: one request to `GET /search`, whose hits come ranked across contacts,
 * companies and deals, shown in that order. A combobox: focus stays in the field, ↑/↓ move
 * through the hits (announced through aria-activedescendant), Enter opens one. Loaded on first
 * use (SearchSpotlight.tsx), so none of it weighs on the first load.
 */
export default function SearchDialog({ opened, onClose, onChoose }: SearchDialogProps) {
  const { t } = useTranslation('shell');
  const [text, setText] = useState('');
  // Enter pressed before the hits of what is typed arrived: opens the first one when they do
  const [enterPending, setEnterPending] = useState(false);
  const q = text.trim().slice(0, SEARCH_Q_MAX);
  const [debounced] = useDebouncedValue(q, DEBOUNCE_MS);
  const search = useQuery({
    queryKey: ['search', debounced],
    enabled: opened && debounced !== '',
    queryFn: async ({ signal }) => {
      const page = await api<{ data: SearchHit[] }>(
        'GET',
        `/search${query({ q: debounced, limit: SEARCH_LIMIT_DEFAULT })}`,
        undefined,
        { signal },
      );
      return { q: debounced, hits: page.data.filter(known) };
    },
    // the previous hits stay while the next ones load, instead of the list flickering empty
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const data = q === '' ? undefined : search.data;
  const hits = data?.hits ?? [];
  /** the hits on screen answer what is typed now (not an earlier prefix of it) */
  const fresh = data !== undefined && data.q === q && !search.isPlaceholderData;
  const failed = search.isError && debounced === q && q !== '';

  useEffect(() => {
    if (opened) setText('');
  }, [opened]);
  // the active hit is an index into these hits: new hits start again from the first
  const [picked, setPicked] = useState<{ of: unknown; index: number }>({ of: undefined, index: 0 });
  const active = picked.of === data ? picked.index : 0;
  const setActive = (index: number) => setPicked({ of: data, index });
  const choose = (hit: KnownHit | undefined) => {
    if (hit) onChoose(hitPath(hit));
  };
  useEffect(() => {
    if (!enterPending) return;
    if (fresh) {
      setEnterPending(false);
      if (hits[0]) onChoose(hitPath(hits[0]));
    } else if (failed || q === '') setEnterPending(false);
  }, [enterPending, fresh, failed, q, hits, onChoose]);

  // Escape closes this dialog only. Mantine's modals each close on any Escape pressed in the window,
  // so one opened over a form (Ctrl-K from its field) would close the form too and lose what was
  // typed in it; they leave alone a key whose target says data-mantine-stop-propagation, as the
  // field and the dialog do, and the dialog handles its own Escape here.
  const content = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useWindowEvent('keydown', (e) => {
    if (!opened || e.key !== 'Escape' || e.isComposing) return;
    if (e.target instanceof Node && content.current?.contains(e.target)) onClose();
  });

  const listId = useId();
  const optionId = (i: number) => `${listId}-${i}`;

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (fresh) choose(hits[active]);
      else if (q !== '') setEnterPending(true);
    }
  };

  let status: React.ReactNode = null;
  if (q === '') status = <Text c="dimmed">{t('searchHint')}</Text>;
  else if (failed)
    status = (
      <ErrorState
        error={search.error}
        onRetry={() => {
          void search.refetch();
          // back in the field, where Escape closes this dialog alone (see above)
          field.current?.focus();
        }}
      />
    );
  else if (fresh && hits.length === 0) status = <Text c="dimmed">{t('searchNothing', { q })}</Text>;
  const loading = q !== '' && !failed && !fresh;
  const showList = hits.length > 0 && !failed;

  return (
    <Modal.Root
      opened={opened}
      onClose={onClose}
      // the launcher decides where focus goes: back to where it was, or to the page just opened
      returnFocus={false}
      closeOnEscape={false}
      size="lg"
      yOffset="10vh"
    >
      <Modal.Overlay />
      <Modal.Content ref={content} aria-label={t('searchTitle')} data-mantine-stop-propagation>
        <div className="search-dialog">
          <TextInput
            ref={field}
            data-autofocus
            data-mantine-stop-propagation
            size="md"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setEnterPending(false);
            }}
            onKeyDown={onKeyDown}
            placeholder={t('searchPlaceholder')}
            aria-label={t('searchPlaceholder')}
            leftSection={<IconSearch size={18} aria-hidden />}
            rightSection={loading ? <Loader size="xs" aria-hidden /> : null}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={showList ? listId : undefined}
            aria-activedescendant={showList && fresh ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          {showList && (
            <SearchResults
              id={listId}
              optionId={optionId}
              hits={hits}
              query={data?.q ?? q}
              active={active}
              busy={!fresh}
              onHover={setActive}
              onChoose={choose}
            />
          )}
          {status && <div className="search-status">{status}</div>}
          {/* what a screen reader hears as results arrive (the list itself is not a live region) */}
          <VisuallyHidden role="status" aria-live="polite">
            {fresh ? t('searchCount', { count: hits.length }) : ''}
          </VisuallyHidden>
          <Group gap="md" className="search-keys" aria-hidden>
            <Text size="xs" c="dimmed">
              {t('searchKeys')}
            </Text>
          </Group>
        </div>
      </Modal.Content>
    </Modal.Root>
  );
}
