import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList, useMe } from '../api/queries.js';
import type { Company } from '../api/types.js';
import { canCreate } from '../auth/permissions.js';
import { notifySaved } from '../components/feedback.js';
import { errorMessage } from '../components/states.js';
import { sameName, useCreateCompany } from './createCompany.js';
import { useCompany } from './useCompany.js';

// an option value no company ID can take
const CREATE = 'create:';

type Props = Omit<SelectProps, 'data' | 'searchValue' | 'onSearchChange' | 'value' | 'onChange'> & {
  /** the company_id as a string, or null */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /**
   * A form's picker: a name no company has is offered as "Create “name”", and a name typed but
   * neither chosen nor created stays in the box with a message instead of vanishing on blur.
   */
  creatable?: boolean;
  /** the name typed and not (yet) a company, or null: a form refuses to submit while there is one */
  onPendingChange?: (name: string | null) => void;
};

/**
 * Picks a company by searching the API (there may be a million: they are never all loaded). The
 * one picker of the app: the contact and deal forms (creatable) and the list filters.
 */
export function CompanySelect({
  creatable = false,
  onPendingChange,
  value,
  onChange,
  onBlur,
  onBlurCapture,
  error,
  ...props
}: Props) {
  const { t } = useTranslation('companies');
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const [left, setLeft] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  // set between the input's blur and Select's reaction to it (see onSearchChange)
  const leaving = useRef(false);
  const typed = search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const selectedId = value ? Number(value) : null;
  const selected = useCompany(selectedId);
  const selectedName = selected.data?.company_name ?? '';
  // once a company is chosen the box shows its name: that is not a new search
  const term = q === selectedName ? '' : q;
  const list = useList<Company>('companies', { q: term, limit: 20 });
  const create = useCreateCompany();
  const rows = list.data?.pages[0]?.data ?? [];
  const data = rows.map((c) => ({
    value: String(c.company_id),
    label: c.company_name ?? `#${c.company_id}`,
  }));
  if (selectedId && !data.some((d) => d.value === value))
    data.unshift({ value: String(selectedId), label: selectedName || `#${selectedId}` });

  const pending = creatable && typed !== '' && typed !== selectedName ? typed : null;
  // only once the matches for what is typed now are in: "Airbus" must not be offered while the
  // existing Airbus is still on its way
  const settled = q === typed && !list.isFetching;
  const exact = rows.filter((c) => sameName(c.company_name, typed));
  if (pending && settled && exact.length === 0 && canCreate(me))
    data.push({ value: CREATE, label: t('createNamed', { name: typed }) });

  useEffect(() => {
    onPendingChange?.(pending);
  }, [pending, onPendingChange]);

  const choose = (id: string | null) => {
    setLeft(false);
    setCreateError(null);
    onChange?.(id);
  };

  const createTyped = async () => {
    const name = typed;
    setCreateError(null);
    try {
      const company = await create.mutateAsync(name);
      choose(String(company.company_id));
      setSearch(company.company_name ?? name);
      notifySaved(t('createdNamed', { name: company.company_name ?? name }));
    } catch (e) {
      setCreateError(errorMessage(e));
    }
  };

  const ownMessage = createError ?? (left && pending ? t('pendingName', { name: pending }) : null);
  return (
    <Select
      searchable
      clearable
      placeholder={t('pick')}
      nothingFoundMessage={list.isFetching ? undefined : t('nothingFound')}
      // the API refuses longer names: better not to let one be typed
      maxLength={creatable ? 100 : undefined}
      {...props}
      error={ownMessage ?? error}
      value={value ?? null}
      onChange={(v) => (v === CREATE ? void createTyped() : choose(v))}
      data={data}
      searchValue={search}
      onSearchChange={(s) => {
        // Select puts the chosen company's name back (or empties the box) when the field is left:
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
          // the exact name of a company that exists: that one was meant
          if (settled && exact.length === 1) choose(String(exact[0].company_id));
          else setLeft(true);
        }
        onBlur?.(e);
      }}
      // the API already matched, ignoring accents ("acme" finds "Acmé"); the client filter would not
      filter={({ options }) => options}
    />
  );
}

/**
 * A form's side of a creatable picker: `onPendingChange` goes to the picker, and `check()` in the
 * form's validation refuses a submit that would save the record without the company typed.
 */
export function usePendingCompany() {
  const { t } = useTranslation('companies');
  const name = useRef<string | null>(null);
  const onPendingChange = useCallback((n: string | null) => {
    name.current = n;
  }, []);
  const check = () => (name.current ? t('pendingName', { name: name.current }) : null);
  return { onPendingChange, check };
}
