// The API's resources, field for field as in ../shared/api-contract.md. Each resource declares its
// writable fields once; create (required ones marked) and update (all optional) derive from them.
import { type Static, type TProperties, Type } from '@sinclair/typebox';
import { itemSchema, writeSchemas } from './fields.js';
import {
  COMPANY_FIELDS,
  CONTACT_FIELDS,
  CUSTOM_FIELDS,
  LOST_REASON_MAX,
  OPPORTUNITY_FIELDS,
} from './record-fields.js';
import {
  DateOnly,
  Enum,
  Id,
  INTERACTION_TYPES,
  Nullable,
  ROLES,
  STAGE_KINDS,
  TASK_STATUSES,
  Text,
  Timestamp,
} from './types.js';

/** the largest deal value: DECIMAL(10,2) */
export const MAX_DEAL_VALUE = OPPORTUNITY_FIELDS.deal_value.maxAmount as number;
export const NOTES_MAX = 65_536;
export { LOST_REASON_MAX };

const Email = Type.String({ maxLength: 100, format: 'email' });

function writable<P extends TProperties>(fields: P, required: (keyof P)[]) {
  const createProps: TProperties = {};
  for (const [k, s] of Object.entries(fields)) createProps[k] = required.includes(k) ? s : Type.Optional(s);
  return {
    create: Type.Object(createProps, { additionalProperties: false }),
    update: Type.Object(Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, Type.Optional(s)])), {
      additionalProperties: false,
      minProperties: 0,
    }),
  };
}

// companies, contacts, opportunities: their fields are declared in record-fields.ts
export const CompanyWrite = writeSchemas(COMPANY_FIELDS);
export const Company = itemSchema(COMPANY_FIELDS);
export type Company = Static<typeof Company>;

export const ContactWrite = writeSchemas(CONTACT_FIELDS);
export const Contact = itemSchema(CONTACT_FIELDS);
export type Contact = Static<typeof Contact>;

export const OpportunityWrite = writeSchemas(OPPORTUNITY_FIELDS);
export const Opportunity = itemSchema(OPPORTUNITY_FIELDS);
export type Opportunity = Static<typeof Opportunity>;

// interactions
const interactionFields = {
  contact_id: Id,
  interaction_type: Enum(INTERACTION_TYPES),
  interaction_date: Timestamp,
  notes: Nullable(Text(NOTES_MAX)),
  opportunity_id: Nullable(Id),
  user_id: Nullable(Id),
};
export const InteractionWrite = writable(interactionFields, [
  'contact_id',
  'interaction_type',
  'interaction_date',
]);
export const Interaction = Type.Object({
  interaction_id: Id,
  contact_id: Nullable(Id),
  interaction_type: Nullable(Type.String()),
  interaction_date: Nullable(Timestamp),
  notes: Nullable(Type.String()),
  opportunity_id: Nullable(Id),
  user_id: Nullable(Id),
  created_at: Timestamp,
});
export type Interaction = Static<typeof Interaction>;

/** Why an interaction is on a deal's timeline: linked to the deal, or only with the deal's contact. */
export const TIMELINE_VIA = ['opportunity', 'contact'] as const;
export const TimelineInteraction = Type.Composite([
  Interaction,
  Type.Object({
    via: Enum(TIMELINE_VIA),
  }),
]);
export type TimelineInteraction = Static<typeof TimelineInteraction>;

// tasks
const taskFields = {
  title: Text(200, { minLength: 1 }),
  opportunity_id: Nullable(Id),
  contact_id: Nullable(Id),
  company_id: Nullable(Id),
  assignee_id: Nullable(Id),
  due_at: Nullable(
    Type.String({ format: 'date-time', description: 'a timed task: due at this instant (clears due_date)' }),
  ),
  due_date: Nullable(
    Type.String({
      format: 'date',
      description: 'an all-day task: due during this day, wherever the user is (clears due_at)',
    }),
  ),
  status: Enum(TASK_STATUSES),
  custom_fields: CUSTOM_FIELDS.input as typeof CUSTOM_FIELDS.output,
};
export const TaskWrite = writable(taskFields, ['title']);
export const Task = Type.Object({
  task_id: Id,
  title: Type.String(),
  opportunity_id: Nullable(Id),
  contact_id: Nullable(Id),
  company_id: Nullable(Id),
  assignee_id: Nullable(Id),
  due_at: Nullable(Timestamp),
  due_date: Nullable(DateOnly),
  status: Enum(TASK_STATUSES),
  completed_at: Nullable(Timestamp),
  custom_fields: CUSTOM_FIELDS.output,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Task = Static<typeof Task>;

// users: an admin manages them; each user edits their own name, locale and password
export const LOCALES = ['fr', 'en'] as const;
/** A new password's length in characters; the server also refuses common and repetitive ones. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
// as strict as the server's check (server/auth/passwords.ts), so that the document says it too
const Password = Type.String({
  minLength: PASSWORD_MIN,
  maxLength: PASSWORD_MAX,
  description: 'write-only; at least 10 characters, not a common password',
});
const userFields = {
  email: Email,
  name: Nullable(Text(100)),
  role: Enum(ROLES),
  active: Type.Boolean(),
  locale: Nullable(Enum(LOCALES)),
  password: Password,
};
// no password: the user is sent an invitation to choose theirs (POST /users/{id}/invitation)
const userWrite = writable(userFields, ['email', 'role']);
export const UserWrite = {
  create: Type.Omit(userWrite.create, ['active'], { additionalProperties: false }),
  update: userWrite.update,
};
export const MeUpdate = Type.Object(
  {
    name: Type.Optional(Nullable(Text(100))),
    locale: Type.Optional(Nullable(Enum(LOCALES))),
    password: Type.Optional(Password),
    current_password: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const Login = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const Setup = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(Nullable(Text(100))),
    locale: Type.Optional(Nullable(Enum(LOCALES))),
  },
  { additionalProperties: false },
);
export const ApiTokenCreate = Type.Object(
  { name: Text(100, { minLength: 1 }) },
  { additionalProperties: false },
);
export const ApiToken = Type.Object({
  token_id: Id,
  name: Type.String(),
  created_at: Timestamp,
  last_used_at: Nullable(Timestamp),
});
export const ApiTokenCreated = Type.Object({
  token_id: Id,
  name: Type.String(),
  token: Type.String({ description: 'shown this once; send it as "Authorization: Bearer <token>"' }),
  created_at: Timestamp,
});
export const User = Type.Object({
  user_id: Id,
  email: Type.String(),
  name: Nullable(Type.String()),
  role: Enum(ROLES),
  active: Type.Boolean(),
  locale: Nullable(Type.String()),
  must_change_password: Type.Boolean({
    description: 'an administrator typed the password: the user must choose their own before anything else',
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type User = Static<typeof User>;

// pipeline stages
const stageFields = {
  name: Text(50, { minLength: 1 }),
  position: Type.Integer({ minimum: 1, maximum: 1000 }),
  probability: Type.Integer({ minimum: 0, maximum: 100 }),
  kind: Enum(STAGE_KINDS),
};
export const PipelineStageWrite = writable(stageFields, ['name']);
export const PipelineStage = Type.Object({
  stage_id: Id,
  name: Type.String(),
  position: Type.Integer(),
  probability: Type.Integer(),
  kind: Enum(STAGE_KINDS),
});
export type PipelineStage = Static<typeof PipelineStage>;

// lost reasons: the list the app offers when a deal is lost (a deal's lost_reason is free text)
const lostReasonFields = {
  label: Text(100, { minLength: 1 }),
  position: Type.Integer({ minimum: 1, maximum: 1000 }),
};
export const LostReasonWrite = writable(lostReasonFields, ['label']);
export const LostReason = Type.Object({
  lost_reason_id: Id,
  label: Type.String(),
  position: Type.Integer(),
});
export type LostReason = Static<typeof LostReason>;

export const PipelineSummary = Type.Object({
  data: Type.Array(
    Type.Object({
      stage: Type.String(),
      kind: Enum(STAGE_KINDS),
      count: Type.Integer(),
      total_value: Type.Number(),
      weighted_value: Type.Number(),
    }),
  ),
});

/** The deals closed in a period, won and lost apart (by closed_at and their stage's kind). */
export const ClosedSummaryQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'closed at or after this instant' }),
    to: Type.String({ format: 'date-time', description: 'closed before this instant' }),
    owner_id: Type.Optional(
      Type.String({ pattern: '^(me|[0-9]{1,10})$', description: 'a user ID, or "me"' }),
    ),
  },
  { additionalProperties: false },
);
const ClosedTotal = Type.Object({ count: Type.Integer(), total_value: Type.Number() });
export const ClosedSummary = Type.Object({ won: ClosedTotal, lost: ClosedTotal });
export type ClosedSummary = Static<typeof ClosedSummary>;

/** One entry of the audit log: who changed what, field by field. */
export const AuditEvent = Type.Object({
  audit_id: Id,
  occurred_at: Timestamp,
  user_id: Nullable(Id),
  action: Type.String(),
  resource: Type.String(),
  record_id: Id,
  // field → [before, after]; an array schema, as fast-json-stringify cannot serialise a tuple of unknowns
  changes: Nullable(Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 }))),
});
export type AuditEvent = Static<typeof AuditEvent>;

/** GET /contacts/{id}/personal-data: everything held about a person (GDPR access). */
export const PersonalData = Type.Object({
  exported_at: Timestamp,
  contact: Contact,
  company: Nullable(Company),
  interactions: Type.Array(Interaction),
  opportunities: Type.Array(Opportunity),
  tasks: Type.Array(Task),
  history: Type.Array(AuditEvent, { description: 'the contact’s audit log' }),
  imports: Type.Array(
    Type.Object({
      import_id: Id,
      entity: Type.String(),
      file_name: Nullable(Type.String()),
      user_id: Nullable(Id),
      created_at: Timestamp,
      errors: Type.Array(
        Type.Object({
          row: Type.Integer(),
          field: Type.String(),
          message: Type.String(),
          cells: Nullable(Type.Array(Type.String())),
        }),
        { description: 'the row errors that quote the person’s email' },
      ),
      preview: Type.Array(Type.Object({}, { additionalProperties: true }), {
        description: 'the dry run’s preview rows whose values or errors hold the email',
      }),
    }),
    { description: 'the import jobs that kept a value quoting the person’s email' },
  ),
});
