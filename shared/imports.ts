// What an import can fill, shared by the server (which reads the file into these fields) and the
// web app (whose mapping table offers them, each translated as `f_<field>`).

/** The kinds of records a file can be imported as. */
export const IMPORT_ENTITIES = ['contacts', 'companies', 'opportunities'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** The fields a file can fill, per entity. Names, companies and contacts are found by name or email. */
export const IMPORT_TARGETS = {
  contacts: ['first_name', 'last_name', 'full_name', 'email', 'phone', 'company_name', 'notes'],
  companies: ['company_name', 'industry', 'website'],
  opportunities: [
    'opportunity_name',
    'deal_value',
    'stage',
    'expected_close_date',
    'company_name',
    'contact_email',
  ],
} as const satisfies Record<ImportEntity, readonly string[]>;
