import { useTranslation } from 'react-i18next';
import type { Company } from '../api/types.js';
import {
  type RecordKind,
  RecordSelect,
  type RecordSelectProps,
  usePendingName,
} from '../records/RecordSelect.js';
import { useCreateCompany } from './createCompany.js';
import { useCompany } from './useCompany.js';

export const COMPANY: RecordKind<Company> = {
  resource: 'companies',
  idOf: (c) => c.company_id,
  labelOf: (c) => c.company_name ?? `#${c.company_id}`,
};

/**
 * The record picker (records/RecordSelect.tsx) for companies: the contact and deal forms (creatable:
 * a name typed is made a company) and the list filters.
 */
export function CompanySelect({
  creatable = false,
  onPendingChange,
  ...props
}: RecordSelectProps & {
  creatable?: boolean;
  /** the name typed and not (yet) a company, or null: a form refuses to submit while there is one */
  onPendingChange?: (name: string | null) => void;
}) {
  const { t } = useTranslation('companies');
  const create = useCreateCompany();
  return (
    <RecordSelect
      kind={COMPANY}
      // one request for the companies a page names (useCompany batches them)
      useChosen={useCompany}
      placeholder={t('pick')}
      nothingFoundMessage={t('nothingFound')}
      // the API refuses longer names: better not to let one be typed
      maxLength={creatable ? 100 : undefined}
      creatable={
        creatable
          ? {
              create: (name) => create.mutateAsync(name),
              option: (name) => t('createNamed', { name }),
              created: (name) => t('createdNamed', { name }),
              pending: (name) => t('pendingName', { name }),
            }
          : undefined
      }
      onPendingChange={onPendingChange}
      {...props}
    />
  );
}

/** A form's side of the creatable company picker (see usePendingName). */
export function usePendingCompany() {
  const { t } = useTranslation('companies');
  return usePendingName((name) => t('pendingName', { name }));
}
