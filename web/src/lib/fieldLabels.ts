import i18n from '../i18n/index.js';
import { declaredLabelIfLoaded as declaredLabel } from './declaredLabels.js';

// The label of an API field in the user's language, from the forms' own keys where they have one
// (so a field is named the same in its form, its history and its errors), else `errors:fields`.
const LABELS: Record<string, string> = {
  first_name: 'contacts:firstName',
  last_name: 'contacts:lastName',
  email: 'contacts:email',
  phone: 'contacts:phone',
  company_id: 'contacts:company',
  owner_id: 'common:owner',
  company_name: 'companies:name',
  industry: 'companies:industry',
  website: 'companies:website',
  opportunity_name: 'opportunities:name',
  contact_id: 'opportunities:contact',
  deal_value: 'opportunities:valueShort',
  stage: 'opportunities:stage',
  expected_close_date: 'opportunities:expectedClose',
  interaction_type: 'interactions:type',
  interaction_date: 'interactions:date',
  notes: 'interactions:notes',
  opportunity_id: 'tasks:opportunity',
  title: 'tasks:taskTitle',
  assignee_id: 'tasks:assignee',
  due_at: 'tasks:dueAt',
  due_date: 'tasks:dueDate',
  name: 'settings:name',
  probability: 'settings:probability',
  kind: 'settings:kind',
  role: 'settings:role',
  active: 'settings:status',
  locale: 'settings:language',
  password: 'auth:password',
  current_password: 'settings:currentPassword',
  created_at: 'common:createdAt',
  updated_at: 'common:updatedAt',
  contact_email: 'imports:f_contact_email',
  full_name: 'imports:f_full_name',
};

/** Where a resource names a field differently (a company's name is "Nom", a contact's company…). */
const BY_RESOURCE: Record<string, Record<string, string>> = {
  companies: { created_at: 'companies:createdAt' },
  opportunities: {
    company_id: 'opportunities:company',
    created_at: 'opportunities:createdAt',
    updated_at: 'opportunities:updatedAt',
  },
};

/**
 * A field's label in the user's language. `entity`: for an import (`resource` "imports"), the kind
 * of records it makes, whose declared fields are named by their own labels.
 */
export function fieldLabel(field: string, resource?: string, entity?: string): string {
  // an import names the fields a file fills ("Entreprise" for a contact's company_name)
  if (resource === 'imports' && i18n.exists(`imports:f_${field}`)) return i18n.t(`imports:f_${field}`);
  if (resource === 'imports' && entity) return declaredLabel(entity, field) ?? field;
  const key = (resource && BY_RESOURCE[resource]?.[field]) ?? LABELS[field];
  if (key) return i18n.t(key);
  if (i18n.exists(`errors:fields.${field}`)) return i18n.t(`errors:fields.${field}`);
  // the fields declared with their labels (shared/record-fields.ts)
  const declared = resource ? declaredLabel(resource, field) : undefined;
  if (declared) return declared;
  return i18n.t(`errors:fields.${field}`, { defaultValue: field });
}
