import { FIELD_ERROR_TEXTS_EN } from '../../../../../shared/i18n/field-errors.en.js';
import type { ErrorsLocale } from '../fr/errors.js';

export const errors: ErrorsLocale = {
  field: FIELD_ERROR_TEXTS_EN,
  problem: {
    sign_in_failed: 'Wrong email or password.',
    not_signed_in: 'You are no longer signed in: sign in again.',
    invalid_token: 'This API token is not valid, was revoked, or its user is deactivated.',
    role_not_allowed: 'Your role does not allow this.',
    not_owner: 'This record belongs to another user: you can change only your own and unowned ones.',
    own_records_only: 'You can create or assign records only for yourself.',
    cross_site: 'Request refused: it does not seem to come from the app. Reload the page.',
    last_admin: 'This is the last active administrator: make someone else administrator first.',
    last_open_stage: 'At least one stage must stay “open”: new opportunities start there.',
    setup_done: 'An administrator already exists: sign in.',
    password_change_required: 'Choose your own password first.',
    user_inactive: 'This user is deactivated: reactivate them first.',
    import_busy: 'This import is still running: delete or undo it once it has finished.',
    import_not_undoable:
      'This import cannot be undone: it was a check, or it was made before imports could be undone.',
    import_already_undone: 'This import has already been undone.',
    reference_gone: 'A linked record was just deleted. Reload the page, then try again.',
    upload_interrupted: 'The file did not arrive whole: send it again.',
    confirmation_required: 'Confirm the deletion: the values records hold in this field will be lost.',
    conversion_failed: 'Some stored values cannot be converted to the new type: correct them first.',
    option_in_use: 'Records hold this option: choose another option for them first.',
  },
  type: {
    'validation-error': 'Some values are not valid.',
    'malformed-json': 'The request could not be read.',
    unauthorized: 'You are not signed in.',
    forbidden: 'You are not allowed to do that.',
    'not-found': 'This record does not exist or was deleted.',
    conflict: 'This change is not possible in the current state.',
    duplicate: 'A record with these values already exists.',
    'still-referenced': 'Other records are still linked to it: nothing was deleted.',
    'precondition-failed':
      'Someone changed this record meanwhile. Reload it to see their changes, then try again.',
    'payload-too-large': 'This is too large for the server (an import file: at most 100 MiB).',
    'unsupported-media-type': 'This type of content is not accepted: send a CSV or vCard file.',
    'method-not-allowed': 'This action is not possible at this address.',
    'uri-too-long': 'The request’s address is too long.',
    'headers-too-large': 'The request’s headers are too large.',
    'rate-limited': 'Too many requests: wait a moment, then try again.',
    unavailable: 'The server is unavailable for a moment. Try again in a few seconds.',
    internal: 'Server error (it has been logged). Try again later.',
  },
  import: {
    empty_file: 'The file is empty.',
    not_text:
      'This is not a text file: send a CSV file (saved as CSV, not as an Excel workbook) or a vCard file.',
    vcard_not_contacts: 'A vCard file holds contacts: import it as contacts.',
    no_header:
      'No header row recognised: none of the first rows names a column Carnet knows for this kind of record.',
    mapping_unknown_columns: 'The column mapping names columns the file does not have.',
    no_mapped_column:
      'No column of the file gives the name (or, for a contact, the name or the email): choose the column that holds it.',
    line_too_long:
      'A line of the file holds more than 1 MiB of text (in a CSV file, often a quote that is never closed): correct the file or export it again.',
    too_many_columns:
      'A row of the file has more than 1,000 columns with a value: keep only the columns to import.',
    too_many_rows: 'The file has more rows than an import may hold: split it into several files.',
    server_stopped:
      'The server stopped during the import: the rows of finished batches are in. Import the file again; duplicates will be skipped.',
    database_unavailable:
      'The database could not be reached: the rows of finished batches are in. Import the file again.',
    unexpected:
      'The import stopped on an unexpected error (it has been logged); the rows of finished batches are in.',
  },
  fields: {
    user_id: 'User',
    position: 'Position',
    status: 'Status',
    completed_at: 'Done on',
    closed_at: 'Closed on',
    lost_reason: 'Lost reason',
    label: 'Label',
    body: 'Content',
    file: 'File',
    mapping: 'Column mapping',
    sort: 'Sort',
    cursor: 'Page',
    q: 'Search',
    limit: 'Rows per page',
  },
  fieldMessage: '{{label}}: {{message}}',
  invalidFields: 'Some values are not valid.',
  network: 'The server does not answer. Check your connection.',
};
