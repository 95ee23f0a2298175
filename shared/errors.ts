// The stable, machine-readable codes of the API's errors (docs/api.md, "Errors"). Clients branch
// and translate on these, never on the English `message`/`detail`. Imported by the server, which
// sets them, and by the web app, whose translations must cover every one (typed by these lists).

/** The last segment of a problem's `type` (`/problems/validation-error`). */
export const PROBLEM_TYPES = [
  'validation-error',
  'malformed-json',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'duplicate',
  'still-referenced',
  'method-not-allowed',
  'precondition-failed',
  'payload-too-large',
  'uri-too-long',
  'unsupported-media-type',
  'rate-limited',
  'headers-too-large',
  'unavailable',
  'internal',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/**
 * What each problem type means, served at its `type` URI (`GET /problems/<type>`, public) so that
 * the URI a problem names resolves to its description (RFC 9457 3.1.1).
 */
export const PROBLEM_DESCRIPTIONS: Record<
  ProblemType,
  { status: number; title: string; description: string }
> = {
  'validation-error': {
    status: 400,
    title: 'Invalid request',
    description:
      'A field, a query parameter or a path parameter is missing, of the wrong type, out of range, unknown, or refused by a rule. `errors` lists each one with a stable `code`.',
  },
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON',
    description: 'The body is empty, not valid JSON, not valid UTF-8, or nested deeper than 32 levels.',
  },
  unauthorized: {
    status: 401,
    title: 'Not signed in',
    description:
      'No session and no API token, an invalid or revoked token, or a wrong email or password at sign-in. The WWW-Authenticate header names the schemes accepted.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    description:
      "The caller's role or ownership does not allow this, or a cookie-authenticated write came from another origin. `code` says which.",
  },
  'not-found': { status: 404, title: 'Not found', description: 'No such record, parent record or route.' },
  conflict: {
    status: 409,
    title: 'Conflict',
    description: 'The current state forbids this change (the last administrator, the last open stage…).',
  },
  duplicate: {
    status: 409,
    title: 'Duplicate',
    description: 'A value that must be unique is already another record’s.',
  },
  'still-referenced': {
    status: 409,
    title: 'Still referenced',
    description: 'Other records point at the record to delete; nothing was deleted.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The path exists but does not take this method; the Allow header lists those it takes.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    description:
      'An If-Match (or If-Unmodified-Since) condition does not hold: the record changed since it was read. The response carries its current ETag; nothing was written.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Body too large',
    description:
      'The body is over the limit (1 MiB for JSON, 100 MiB for an import file). The connection is closed.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    description:
      'The request line is longer than the server reads (16 KiB, the limit of the request’s head).',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description:
      'The body is not of a media type (or charset) this operation takes: JSON is UTF-8 application/json.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description: 'Too many requests or sign-in attempts; retry after the Retry-After seconds.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request header fields too large',
    description: 'The request’s header fields are larger than the server reads (16 KiB in all).',
  },
  unavailable: {
    status: 503,
    title: 'Unavailable',
    description: 'The database cannot be reached or is busy; retry after the Retry-After seconds.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description: 'A fault on the server’s side. It is logged; the response says nothing more.',
  },
};

/** `errors[].code`: what is wrong with one field (or one import row). */
export const FIELD_ERROR_CODES = [
  'required', // missing, null or blank where a value is needed
  'required_one_of', // at least one of `fields` is needed
  'unknown_field', // not a field of this resource, list or import
  'invalid_type', // a JSON value of the wrong type (`expected`: string, integer, number, boolean, object…)
  'too_short', // fewer than `limit` characters
  'too_long', // more than `limit` characters
  'too_small', // a number below `limit`
  'too_large', // a number above `limit`
  'too_few', // fewer than `limit` items
  'too_many', // more than `limit` items
  'invalid_choice', // not one of `allowed`
  'invalid_email', // not an email address
  'invalid_date', // not a real calendar date (YYYY-MM-DD)
  'invalid_datetime', // not an ISO 8601 date-time between years 1000 and 9999
  'invalid_amount', // not an amount from 0 to `limit` with at most 2 decimals
  'invalid_format', // does not have the expected shape (a phone number's characters, a pattern)
  'invalid_json', // not valid JSON
  'invalid_cursor', // not a cursor from this list
  'invalid_sort', // not a sortable field (`allowed`), or named twice
  'unsupported', // the parameter is not available here (e.g. `q` on a list without search)
  'unknown_stage', // not a configured pipeline stage (`allowed`: the stages)
  'no_open_stage', // no open stage is configured to start a new opportunity in
  'last_open_stage', // the change would leave no open pipeline stage
  'not_lost_stage', // a lost_reason on a deal whose (resulting) stage is not of kind lost
  'not_found', // the record this field points at does not exist
  'inactive_user', // a deactivated user, who cannot be given work (a task's assignee)
  'exclusive', // only one of `fields` may have a value (a task's due_at or due_date)
  'duplicate', // the value is already another record's (an email, a stage name)
  'common_password', // a password among the most common ones
  'contains_email', // a password containing the user's email address
  'too_repetitive', // a password with fewer than 4 different characters
  'invalid_character', // a password with a control or zero-width character
  'wrong_password', // the current password is missing or wrong
  'invalid_link', // an invitation or password-reset link that is unknown, used, expired or replaced
  'unreadable', // an import row the file's format does not let us read
  'not_allowed', // an import row changing a record the caller may not change
  'not_a_phone', // an import's phone value holding no number ("BusinessPhone"): set aside, a warning
  'invalid', // anything else; read `message`
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * The top-level `code` of a problem, set where its `type` has several causes a user should tell
 * apart (the conflict, the permission, the sign-in that failed).
 */
export const PROBLEM_CODES = [
  'sign_in_failed', // 401: wrong email or password
  'not_signed_in', // 401: no session or token
  'invalid_token', // 401: the token is invalid, revoked, or its user deactivated
  'role_not_allowed', // 403: the caller's role cannot do this
  'not_owner', // 403: a sales user changing a record another user owns
  'own_records_only', // 403: a sales user creating or handing over a record for someone else
  'cross_site', // 403: a cookie-authenticated write from another origin
  'last_admin', // 409: demoting or deactivating the last active administrator
  'last_open_stage', // 409: deleting the last open pipeline stage
  'setup_done', // 409: setup once an administrator exists
  'password_change_required', // 403: the password an administrator typed must be changed first (PATCH /auth/me)
  'user_inactive', // 409: an invitation or reset link for a deactivated user
  'import_busy', // 409: deleting or undoing an import job still queued or running
  'import_not_undoable', // 409: undoing a check (dry run) or a job imported before undo existed
  'import_already_undone', // 409: undoing an import a second time
  'reference_gone', // 400: a record the request points at was deleted meanwhile
  'upload_interrupted', // 400: an import file that did not arrive whole
  'confirmation_required', // 409: deleting a custom field without ?confirm=<its key> (`count`: records holding a value)
  'conversion_failed', // 409: a custom field's new type that stored values do not convert to (`count`, `examples`)
  'option_in_use', // 409: removing a select's option that records hold (`count`)
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** `error_code` of an import job that failed as a whole (GET /imports/{id}); `error` says it in English. */
export const IMPORT_ERROR_CODES = [
  'empty_file', // nothing in it
  'not_text', // binary: a spreadsheet, an image…
  'vcard_not_contacts', // a vCard file imported as companies or opportunities
  'no_header', // no row names a column Carnet knows
  'mapping_unknown_columns', // the mapping names columns the file does not have
  'no_mapped_column', // no column maps to the field a record needs
  'line_too_long', // a vCard line or a CSV row (a cell, an unclosed quote) holds more than 1 MiB
  'too_many_columns', // a CSV row has more than 1,000 cells with a value
  'too_many_rows', // more data rows than the instance allows (IMPORT_MAX_ROWS)
  'server_stopped', // the server stopped before or during the import
  'database_unavailable', // the database could not be reached
  'unexpected', // a fault on our side (logged)
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];
