// A field's (or an import row's) error in English, by its stable code: the web app's messages and
// the reasons the server writes in errors.csv (one file a language, so the web app loads English
// only when it is chosen). `{{limit}}`, `{{allowed}}`, `{{fields}}` are filled in; a key ending
// in `_one` is the singular (i18next's plural rule).
import type { FieldErrorTexts } from './field-error-texts.js';

export const FIELD_ERROR_TEXTS_EN: FieldErrorTexts = {
  required: 'This field is required.',
  required_one_of: 'Fill in at least one of: {{fields}}.',
  unknown_field: 'This field is not known.',
  invalid_type: 'This value has the wrong type.',
  too_short_one: 'At least {{limit}} character.',
  too_short: 'At least {{limit}} characters.',
  too_long_one: 'At most {{limit}} character.',
  too_long: 'At most {{limit}} characters.',
  too_small: 'The smallest value is {{limit}}.',
  too_large: 'The largest value is {{limit}}.',
  too_few_one: 'At least {{limit}} item.',
  too_few: 'At least {{limit}} items.',
  too_many_one: 'At most {{limit}} item.',
  too_many: 'At most {{limit}} items.',
  invalid_choice: 'This value is not one of the choices.',
  invalid_email: 'This email address is not valid.',
  invalid_date: 'Enter a date that exists.',
  invalid_datetime: 'Enter a valid date and time.',
  invalid_amount: 'An amount from 0 to {{limit}}, with at most 2 decimals.',
  invalid_format: 'This value does not have the right format.',
  invalid_json: 'This is not valid JSON.',
  invalid_cursor: 'The list changed meanwhile: reload the page.',
  invalid_sort: 'This sort order is not possible.',
  unsupported: 'This parameter is not available here.',
  unknown_stage: 'Unknown stage. Configured stages: {{allowed}}.',
  no_open_stage: 'No “open” stage is configured to put a new opportunity in.',
  last_open_stage: 'At least one stage must stay “open”: new opportunities start there.',
  not_lost_stage: 'A reason for losing can only be given for a deal in a “lost” stage.',
  not_found: 'The record it points to does not exist or was deleted.',
  duplicate: 'This value is already used by another record.',
  common_password: 'This is one of the most common passwords: choose another.',
  contains_email: 'The password must not contain your email address.',
  too_repetitive: 'This password is too repetitive: vary the characters.',
  invalid_character:
    'The password must not contain invisible or control characters (tab, line break, zero-width space).',
  wrong_password: 'The current password is wrong.',
  invalid_link: 'This link is no longer valid (used, replaced or expired): ask for a new one.',
  unreadable: 'This line of the file could not be read.',
  not_allowed: 'You are not allowed to change this record.',
  invalid: 'This value is not valid.',
};
