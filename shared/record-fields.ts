// The fields of contacts, companies and opportunities, declared once (ADR 011). Adding a standard
// field is a migration (its column), a line here, and its place in the form's layout: the API,
// the OpenAPI document, lists' filters and sorting, the CSV export, the importer and the history's
// labels follow. Order matters: it is the order of the API's JSON and of the export's columns.
import { CHANNELS_MAX, EmailItem, PhoneItem } from './channels.js';
import { CUSTOM_FIELDS_MAX } from './custom-fields.js';
import { field } from './fields.js';
import { TAGS_PER_RECORD_MAX, TagName } from './tags.js';

export const MAX_INT = 2_147_483_647;

const ID = { fr: 'ID', en: 'ID' };
const OWNER = { fr: 'Responsable', en: 'Owner' };
const COMPANY = { fr: 'Entreprise', en: 'Company' };
const PHONE = { fr: 'Téléphone', en: 'Phone' };

/**
 * Tags: names, each matching an existing tag ignoring case and accents (stored as that tag's own
 * name) or creating one; kept once each, in the order of their folded names (server/tags).
 */
const tags = field.list(
  TagName,
  TAGS_PER_RECORD_MAX,
  { fr: 'Étiquettes', en: 'Tags' },
  {
    // Google Contacts' groups, Outlook's and Apple's categories, other CRMs' labels
    importAs: ['tag', 'labels', 'label', 'categories', 'category', 'group membership', 'etiquette'],
  },
);

/**
 * A postal address, the same five columns on contacts and companies. The headers other tools
 * write for them: Outlook's "Business …" (and its French "… (bureau)"), Google's "Address 1 - …",
 * Salesforce's "Mailing …" and "Billing …".
 */
const address = {
  street: field.text(
    200,
    { fr: 'Adresse', en: 'Street' },
    {
      filter: false,
      importAs: [
        'street',
        'address',
        'street address',
        'business street',
        'address 1 street',
        'mailing street',
        'billing street',
        'home street',
        'rue',
        'rue bureau',
        'adresse postale',
        'adresse bureau',
      ],
    },
  ),
  postal_code: field.text(
    20,
    { fr: 'Code postal', en: 'Postal code' },
    {
      importAs: [
        'zip',
        'zip code',
        'postcode',
        'business postal code',
        'address 1 postal code',
        'mailing zip postal code',
        'billing zip postal code',
        'home postal code',
        'code postal bureau',
        'cp',
      ],
    },
  ),
  city: field.text(
    100,
    { fr: 'Ville', en: 'City' },
    {
      sortable: true,
      importAs: [
        'town',
        'business city',
        'address 1 city',
        'mailing city',
        'billing city',
        'home city',
        'ville bureau',
      ],
    },
  ),
  region: field.text(
    100,
    { fr: 'Région', en: 'Region' },
    {
      importAs: [
        'state',
        'province',
        'state region',
        'business state',
        'address 1 region',
        'mailing state province',
        'billing state province',
        'home state',
        'dep region bureau',
        'departement',
      ],
    },
  ),
  country: field.text(
    100,
    { fr: 'Pays', en: 'Country' },
    {
      importAs: [
        'country region',
        'business country region',
        'address 1 country',
        'mailing country',
        'billing country',
        'home country region',
        'pays region bureau',
        'pays region',
      ],
    },
  ),
} as const;

/**
 * The values of the instance's own fields (custom-fields.ts, ADR 013): `{ "segment": "PME" }`.
 * Checked against the definitions by the server; filtered and sorted as `cf.<key>`.
 */
export const CUSTOM_FIELDS = field.map(
  { fr: 'Champs personnalisés', en: 'Custom fields' },
  CUSTOM_FIELDS_MAX,
  {
    nullable: false,
    description:
      'the values of the custom fields defined for this entity (GET /api/v1/custom-fields), by key; null clears one',
  },
);

/** no exact filter: a street, a birthday or a web address is not something a list is narrowed by */
const noFilter = { filter: false } as const;

export const CONTACT_FIELDS = {
  contact_id: field.key(ID),
  first_name: field.text(50, { fr: 'Prénom', en: 'First name' }, { sortable: true }),
  last_name: field.text(50, { fr: 'Nom', en: 'Last name' }, { sortable: true }),
  email: field.email(100, { fr: 'E-mail', en: 'Email' }, { sortable: true }),
  phone: field.phone(PHONE),
  /** the phones besides `phone` (the primary), each with a label (shared/channels.ts) */
  phones: field.list(
    PhoneItem,
    CHANNELS_MAX,
    { fr: 'Autres téléphones', en: 'Other phones' },
    { description: `the phones besides \`phone\` (the primary one), at most ${CHANNELS_MAX}` },
  ),
  /** the emails besides `email` (the primary): each belongs to this contact only, as the primary */
  emails: field.list(
    EmailItem,
    CHANNELS_MAX,
    { fr: 'Autres e-mails', en: 'Other emails' },
    {
      description: `the emails besides \`email\` (the primary one), at most ${CHANNELS_MAX}; an address belongs to one contact only, primary or not`,
    },
  ),
  company_id: field.id(COMPANY),
  owner_id: field.user(OWNER),
  job_title: field.text(
    100,
    { fr: 'Fonction', en: 'Job title' },
    {
      importAs: [
        'job title',
        'position',
        'organization title',
        'organization 1 title',
        'poste',
        'intitule du poste',
        'titre du poste',
      ],
    },
  ),
  ...address,
  birthday: field.date(
    { fr: 'Anniversaire', en: 'Birthday' },
    {
      ...noFilter,
      importAs: ['birth date', 'date of birth', 'birthdate', 'date de naissance'],
    },
  ),
  linkedin_url: field.url(
    200,
    { fr: 'Profil LinkedIn', en: 'LinkedIn profile' },
    {
      ...noFilter,
      // LinkedIn's own export of one's connections names the profile "URL"
      importAs: ['linkedin', 'linkedin url', 'linkedin profile', 'url', 'profil linkedin'],
    },
  ),
  source: field.text(
    100,
    { fr: 'Origine', en: 'Source' },
    {
      importAs: ['lead source', 'leadsource', 'original source', 'provenance', 'origine du contact'],
    },
  ),
  tags,
  custom_fields: CUSTOM_FIELDS,
  created_at: field.stamp({ fr: 'Créé le', en: 'Created' }),
  updated_at: field.stamp({ fr: 'Modifié le', en: 'Updated' }),
};

export const COMPANY_FIELDS = {
  company_id: field.key(ID),
  company_name: field.text(
    100,
    { fr: 'Nom', en: 'Name' },
    {
      nullable: false,
      minLength: 1,
      required: true,
      sortable: true,
    },
  ),
  industry: field.text(50, { fr: 'Secteur', en: 'Industry' }, { sortable: true }),
  website: field.text(100, { fr: 'Site web', en: 'Website' }),
  owner_id: field.user(OWNER),
  phone: field.phone(PHONE, {
    ...noFilter,
    importAs: [
      'phone number',
      'company phone',
      'main phone',
      'business phone',
      'company main phone',
      'standard',
    ],
  }),
  ...address,
  employees: field.int(
    0,
    MAX_INT,
    { fr: 'Effectif', en: 'Employees' },
    {
      ...noFilter,
      sortable: true,
      importAs: [
        'number of employees',
        'numberofemployees',
        'employee count',
        'headcount',
        'nombre d employes',
        'nombre de salaries',
        'salaries',
      ],
    },
  ),
  annual_revenue: field.money(
    13,
    { fr: "Chiffre d'affaires annuel", en: 'Annual revenue' },
    {
      ...noFilter,
      importAs: ['revenue', 'annualrevenue', 'chiffre d affaires', 'ca annuel', 'ca'],
    },
  ),
  domain: field.domain(
    100,
    { fr: 'Domaine', en: 'Domain' },
    {
      importAs: ['company domain name', 'domain name', 'domaine', 'nom de domaine'],
    },
  ),
  tags,
  custom_fields: CUSTOM_FIELDS,
  created_at: field.stamp({ fr: 'Créée le', en: 'Created' }),
  updated_at: field.stamp({ fr: 'Modifiée le', en: 'Updated' }),
};

export const LOST_REASON_MAX = 200;

export const OPPORTUNITY_FIELDS = {
  opportunity_id: field.key(ID),
  opportunity_name: field.text(
    100,
    { fr: 'Nom', en: 'Name' },
    {
      nullable: false,
      minLength: 1,
      required: true,
      sortable: true,
    },
  ),
  contact_id: field.id({ fr: 'Contact', en: 'Contact' }),
  company_id: field.id(COMPANY),
  deal_value: field.money(8, { fr: 'Montant', en: 'Value' }, { sortable: true }),
  stage: field.text(50, { fr: 'Étape', en: 'Stage' }, { nullable: false, minLength: 1, sortable: true }),
  expected_close_date: field.date({ fr: 'Clôture prévue', en: 'Expected close date' }, { sortable: true }),
  /** null: the stage's own probability (pipeline-stages) */
  probability: field.int(
    0,
    100,
    { fr: 'Probabilité (%)', en: 'Probability (%)' },
    {
      ...noFilter,
      description: "the chance of winning, in percent; null: the stage's probability",
      importAs: ['deal probability', 'probabilite'],
    },
  ),
  owner_id: field.user(OWNER),
  closed_at: field.timestamp(
    { fr: 'Clôturée le', en: 'Closed on' },
    {
      sortable: true,
      description: 'read-only, ISO 8601 in UTC: when the deal entered a won or lost stage; null while open',
    },
  ),
  // only on a deal in a lost stage; cleared when it leaves one
  lost_reason: field.text(LOST_REASON_MAX, { fr: 'Raison de la perte', en: 'Reason for the loss' }),
  tags,
  custom_fields: CUSTOM_FIELDS,
  created_at: field.stamp({ fr: 'Créée le', en: 'Created' }),
  updated_at: field.stamp({ fr: 'Modifiée le', en: 'Updated' }),
};

/** per resource (its API path), its fields */
export const RECORD_FIELDS = {
  contacts: CONTACT_FIELDS,
  companies: COMPANY_FIELDS,
  opportunities: OPPORTUNITY_FIELDS,
} as const;
export type RecordResource = keyof typeof RECORD_FIELDS;
