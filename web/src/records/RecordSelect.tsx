import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useList, useMe, useRecord } from '../api/queries.js';
import { canCreate } from '../auth/permissions.js';
import { notifySaved } from '../components/feedback.js';
import { errorMessage } from '../components/states.js';

// an option value no record ID can take
const CREATE = 'create:';

/** What a picker picks: a resource of the API and how its records are named. */
export interface RecordKind<T> {
  resource: string;
  idOf: (row: T) => number;
  labelOf: (row: T) => string;
}

/** Making a record from the name typed in the picker ("Create “Airbus”"). */
export interface CreateByTyping<T> {
  create: (name: string) => Promise<T>;
  /** the option's label: `Create “name”` */
  option: (name: string) => string;
  /** the notice once made */
  created: (name: string) => string;
  /** the field's message while a typed name is neither chosen nor created */
  pending: (name: string) => string;
}

export type RecordSelectProps = Omit<
  SelectProps,
  'data' | 'searchValue' | 'onSearchChange' | 'value' | 'onChange'
> & {
  /** the record's ID as a string, or null */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** exact list filters the matches must also pass (`{ company_id: 7 }`) */
  where?: Record<string, string | number | undefined>;
  /** false: nothing to offer yet (no request is sent) */
  enabled?: boolean;
};

/** Accents, case and spacing aside, the same name ("acme  industries" is "Acmé Industries"). */
export function sameName(a: string | null | undefined, b: string): boolean {
  const fold = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  return a != null && fold(a) === fold(b);
}

/**
 * The one record picker of the app (companies, contacts, deals): it searches the API as the user
 * types (there may be a million records: they are never all loaded), 20 matches at a time, accents
 * and case ignored by the server, and shows the chosen record's name. With `creatable`, a name no
 * record has is offered as "Create “name”", and a name typed but neither chosen nor created stays
 * in the box with a message instead of vanishing on blur (a form refuses to submit meanwhile).
 */
export function RecordSelect<T>({
  kind,
  useChosen,
  creatable,
  onPendingChange,
  value,
  onChange,
  where,
  enabled = true,
  onBlur,
  onBlurCapture,
  error,
  nothingFoundMessage,
  ...props
}: RecordSelectProps & {
  kind: RecordKind<T>;
  /** fetches the chosen record (companies batch theirs); by default `GET /resource/id` */
  useChosen?: (id: number | null, resource: string) => { data?: T };
  creatable?: CreateByTyping<T>;
  /** the name typed and not (yet) a record, or null: a form refuses to submit while there is one */
  onPendingChange?: (name: string | null) => void;
}) {
  const { resource, idOf, labelOf } = kind;
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const [left, setLeft] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  // set between the input's blur and Select's reaction to it (see onSearchChange)
  const leaving = useRef(false);
  const typed = search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const selectedId = value ? Number(value) : null;
  const chosen = (useChosen ?? useRecordById)(selectedId, resource).data as T | undefined;
  // the name of an option just picked is known before the record itself comes back
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  const selectedName = chosen ? labelOf(chosen) : picked && picked.id === value ? picked.label : '';
  // once a record is chosen the box shows its name: that is not a new search
  const term = q === selectedName ? '' : q;
  const list = useList<T>(resource, { ...where, q: term, limit: 20 }, { enabled });
  const rows = list.data?.pages[0]?.data ?? [];
  const data = rows.map((r) => ({ value: String(idOf(r)), label: labelOf(r) }));
  if (selectedId && !data.some((d) => d.value === value))
    data.unshift({ value: String(selectedId), label: selectedName || `#${selectedId}` });

  const pending = creatable && typed !== '' && typed !== selectedName ? typed : null;
  // only once the matches for what is typed now are in: "Airbus" must not be offered while the
  // existing Airbus is still on its way
  const settled = q === typed && !list.isFetching;
  const exact = rows.filter((r) => sameName(labelOf(r), typed));
  if (creatable && pending && settled && exact.length === 0 && canCreate(me))
    data.push({ value: CREATE, label: creatable.option(typed) });

  useEffect(() => {
    onPendingChange?.(pending);
  }, [pending, onPendingChange]);

  const choose = (id: string | null) => {
    setLeft(false);
    setCreateError(null);
    const label = data.find((d) => d.value === id)?.label;
    setPicked(id && label ? { id, label } : null);
    onChange?.(id);
  };

  const createTyped = async () => {
    if (!creatable) return;
    setCreateError(null);
    try {
      const made = await creatable.create(typed);
      choose(String(idOf(made)));
      setSearch(labelOf(made));
      notifySaved(creatable.created(labelOf(made)));
    } catch (e) {
      setCreateError(errorMessage(e));
    }
  };

  const ownMessage = createError ?? (left && pending && creatable ? creatable.pending(pending) : null);
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={list.isFetching ? undefined : nothingFoundMessage}
      {...props}
      error={ownMessage ?? error}
      value={value ?? null}
      onChange={(v) => (v === CREATE ? void createTyped() : choose(v))}
      data={data}
      searchValue={search}
      onSearchChange={(s) => {
        // Select puts the chosen record's name back (or empties the box) when the field is left:
        // a form's typed name is kept instead, so that it is never lost without a word
        if (leaving.current && pending) return;
        if (s !== search) setLeft(false);
        setSearch(s);
      }}
      onBlurCapture={(e) => {
        leaving.current = true;
        onBlurCapture?.(e);
      }}
      onBlur={(e) => {
        leaving.current = false;
        if (pending) {
          // the exact name of a record that exists: that one was meant
          if (settled && exact.length === 1) choose(String(idOf(exact[0] as T)));
          else setLeft(true);
        }
        onBlur?.(e);
      }}
      // the API already matched, ignoring accents ("acme" finds "Acmé"); the client filter would not
      filter={({ options }) => options}
    />
  );
}

function useRecordById(id: number | null, resource: string): { data?: unknown } {
  return useRecord<unknown>(resource, id ?? undefined);
}

/**
 * A form's side of a creatable picker: `onPendingChange` goes to the picker, and `check()` in the
 * form's validation refuses a submit that would save the record without the name typed.
 */
export function usePendingName(message: (name: string) => string) {
  const name = useRef<string | null>(null);
  const onPendingChange = useCallback((n: string | null) => {
    name.current = n;
  }, []);
  const check = () => (name.current ? message(name.current) : null);
  return { onPendingChange, check };
}
