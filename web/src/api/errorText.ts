// The API's errors as sentences in the user's language. The server sends stable codes beside its
// English text (docs/api.md, "Errors"); we translate the codes and fall back to the server's text
// only for a code this version of the app does not know.
import {
  FIELD_ERROR_CODES,
  IMPORT_ERROR_CODES,
  PROBLEM_CODES,
  PROBLEM_TYPES,
} from '../../../shared/errors.js';
import i18n from '../i18n/index.js';
import { fieldLabel } from '../lib/fieldLabels.js';
import { number } from '../lib/format.js';
import type { ApiFieldError, Problem } from './client.js';

const known = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

const list = (items: string[], type: 'conjunction' | 'disjunction') =>
  new Intl.ListFormat(i18n.language, { type }).format(items);

/** One field's error, to show next to that field. `resource` picks the field labels to use. */
export function fieldErrorText(e: ApiFieldError, resource?: string): string {
  if (!known(FIELD_ERROR_CODES, e.code)) return e.message;
  // a text field's minimum length of 1 means "fill it in"
  if (e.code === 'too_short' && e.limit === 1) return i18n.t('errors:field.required');
  return i18n.t(`errors:field.${e.code}`, {
    count: e.limit,
    limit: e.limit === undefined ? '' : number(e.limit),
    allowed: e.allowed ? list(e.allowed, 'conjunction') : '',
    fields: e.fields
      ? list(
          e.fields.map((f) => fieldLabel(f, resource)),
          'disjunction',
        )
      : '',
  });
}

/** field → its error in the user's language (the first one for a field that has several). */
export function fieldErrorTexts(problem: Problem, resource?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) out[e.field] ??= fieldErrorText(e, resource);
  return out;
}

/** An error away from its field (an import row's): the field's name, then what is wrong with it. */
export function labelledFieldErrorText(e: ApiFieldError, resource?: string): string {
  const message = fieldErrorText(e, resource);
  return e.field ? i18n.t('errors:fieldMessage', { label: fieldLabel(e.field, resource), message }) : message;
}

/** Why an import job failed as a whole, from its `error_code` (the server's text if unknown). */
export function importFailureText(job: { error_code?: string | null; error: string | null }): string {
  if (known(IMPORT_ERROR_CODES, job.error_code)) return i18n.t(`errors:import.${job.error_code}`);
  return job.error ?? '';
}

/** A problem as one sentence a user can act on, for a notification or an error state. */
export function problemText(problem: Problem, status: number): string {
  if (status === 0) return i18n.t('errors:network');
  if (known(PROBLEM_CODES, problem.code)) return i18n.t(`errors:problem.${problem.code}`);
  const errors = problem.errors ?? [];
  // field errors shown away from their fields: each with the field's name
  if (errors.length > 0 && errors.every((e) => known(FIELD_ERROR_CODES, e.code))) {
    const lines = errors.map((e) => (e.field === 'body' ? fieldErrorText(e) : labelledFieldErrorText(e)));
    return [...new Set(lines)].join(' ');
  }
  const slug = typeof problem.type === 'string' ? problem.type.split('/').pop() : undefined;
  if (known(PROBLEM_TYPES, slug) && (errors.length === 0 || slug !== 'validation-error'))
    return i18n.t(`errors:type.${slug}`);
  // not our problem document: a proxy in front of the server that is down or restarting
  if (problem.type === 'about:blank' && status >= 500)
    return i18n.t(status === 500 ? 'errors:type.internal' : 'errors:type.unavailable');
  return problem.detail ?? problem.title;
}
