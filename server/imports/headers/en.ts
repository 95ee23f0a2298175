// English headers: Google Contacts (old and new CSV), Outlook, Thunderbird, Apple (exported through
// third-party tools), LinkedIn, HubSpot, Pipedrive ("Person - …" prefixes are understood by
// mapping.ts), Salesforce (reports and API names), Zoho, and Carnet's own export.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const EN: HeaderTable = {
  contacts: {
    first_name: [
      'first_name', 'first name', 'firstname', 'given name', 'person first name', 'forename',
    ],
    last_name: [
      'last_name', 'last name', 'lastname', 'family name', 'surname', 'person last name',
    ],
    full_name: [
      'full_name', 'name', 'full name', 'display name', 'person name', 'contact name', 'contact',
      'contact full name',
    ],
    email: [
      'email', 'e mail', 'email address', 'e mail address', 'e mail 1 value', 'email 1 value',
      'person email', 'person email work', 'email work', 'email home', 'email other', 'person email home',
      'person email other', 'emailaddress', 'primary email', 'work email', 'mail', 'Primary Email',
      'E-mail 2 Address', 'e mail 2 value', 'E-mail 3 Address', 'e mail 3 value', 'Secondary Email',
      'email 2 value', 'email 3 value', 'e mail 4 value', 'other email', 'home email',
      // Zoho, HubSpot
      'Secondary Email Address', 'Additional email addresses',
    ],
    phone: [
      'phone', 'mobile phone', 'phone number', 'phone 1 value', 'mobile phone number', 'mobilephone',
      'mobile', 'person phone mobile', 'phone mobile', 'phone work', 'phone home', 'person phone',
      'person phone work', 'business phone', 'primary phone', 'tel', 'home phone', 'phone 2 value',
      'other phone', 'company main phone', 'person phone home', 'person phone other',
      // the others a contact has besides its first (they become its extra phones, labelled)
      'Work Phone', 'Mobile Number', 'Business Phone 2', 'Home Phone 2', 'Car Phone',
      'company main telephone', 'phone 3 value', 'phone 4 value', 'phone 5 value', 'Pager',
      'Pager Number', 'Fax Number', 'Business Fax', 'Home Fax', 'Other Fax', 'Assistant\'s Phone',
      'Callback', 'Primary Phone', 'Radio Phone', 'TTY/TDD Phone', 'ISDN', 'Telex',
      // Salesforce, Zoho, HubSpot
      'MobilePhone', 'HomePhone', 'OtherPhone', 'Fax', 'Mobile Phone Number', 'Home Phone Number',
      'Work Phone Number',
      // Apple Contacts through an exporter app ("Phone : mobile", "Phone : iPhone")
      'phone iphone', 'phone main', 'phone other', 'phone home fax', 'phone work fax',
    ],
    company_name: [
      'company_name', 'company', 'company name', 'organization name', 'organization 1 name',
      'organisation', 'organization', 'account name', 'associated company', 'person organization',
      'employer', 'accountname', 'Organization Name',
    ],
    notes: ['notes', 'note', 'description', 'comments'],
    // not Outlook's "Title": it is the honorific there (Mr., Mrs.)
    job_title: ['Job Title', 'Position', 'Organization 1 - Title', 'Designation'],
    street: ['Work Address', 'Business Street 2', 'Mailing Street', 'Address 1 - Street', 'Home Address'],
    city: ['Work City', 'Mailing City', 'Address 1 - City', 'Home City'],
    region: ['Work State', 'Mailing State', 'Address 1 - Region', 'Home State'],
    postal_code: ['Work ZipCode', 'Work Zip', 'Mailing Zip', 'Address 1 - Postal Code', 'Home ZipCode'],
    country: ['Work Country', 'Mailing Country', 'Address 1 - Country', 'Home Country'],
    birthday: ['Birthday'],
    tags: ['Categories', 'Labels', 'Group Membership', 'Tags'],
  },
  companies: {
    company_name: [
      'company_name', 'company name', 'name', 'company', 'account name', 'organization name',
      'organization', 'organisation', 'accountname',
    ],
    industry: ['industry', 'sector', 'organization industry'],
    website: ['website', 'website url', 'web site', 'organization website', 'url', 'site'],
  },
  opportunities: {
    opportunity_name: [
      'opportunity_name', 'opportunity name', 'deal name', 'deal title', 'name', 'title', 'deal',
      'opportunity',
    ],
    deal_value: ['deal_value', 'amount', 'deal value', 'value', 'deal amount'],
    stage: ['stage', 'deal stage', 'stage name', 'stagename', 'deal stage name', 'phase'],
    expected_close_date: [
      'expected_close_date', 'close date', 'expected close date', 'closedate', 'deal close date',
      'deal expected close date',
    ],
    company_name: [
      'company_name', 'company', 'company name', 'account name', 'associated company', 'organization',
      'deal organization', 'organisation', 'accountname',
    ],
    contact_email: [
      'contact_email', 'contact email', 'email', 'e mail', 'contact e mail', 'deal contact person email',
    ],
  },
};
