// Dutch headers: Outlook (« Telefoon op werk », « Mobiele telefoon »), Thunderbird, Gmail in het
// Nederlands.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const NL: HeaderTable = {
  contacts: {
    first_name: ['Voornaam'],
    last_name: ['Achternaam'],
    full_name: ['Volledige naam', 'Weergavenaam', 'Naam'],
    email: [
      'E-mailadres', 'E-mail', 'Primair e-mailadres', 'E-mailadres 2', 'E-mailadres 3',
      'Tweede e-mailadres', 'E-mail 2', 'E-mail 3',
    ],
    phone: [
      'Mobiele telefoon', 'Mobiel', 'Telefoon op werk', 'Telefoon werk', 'Telefoon', 'Telefoonnummer',
      'Telefoon thuis', 'Telefoon op werk 2', 'Telefoon thuis 2', 'Andere telefoon', 'Autotelefoon',
      'Hoofdtelefoon', 'Telefoon bedrijf', 'Fax op werk', 'Fax thuis', 'Fax', 'Pieper',
    ],
    company_name: ['Bedrijf', 'Organisatie', 'Bedrijfsnaam'],
    notes: ['Notities', 'Opmerkingen'],
    job_title: ['Functie', 'Functietitel'],
    street: ['Werkadres, straat', 'Huisadres, straat', 'Straat', 'Adres'],
    city: ['Werkadres, plaats', 'Huisadres, plaats', 'Plaats', 'Woonplaats'],
    region: ['Werkadres, provincie', 'Huisadres, provincie', 'Provincie'],
    postal_code: ['Werkadres, postcode', 'Huisadres, postcode', 'Postcode'],
    country: ['Werkadres, land/regio', 'Huisadres, land/regio', 'Land'],
    birthday: ['Verjaardag', 'Geboortedatum'],
    tags: ['Categorieën', 'Labels'],
  },
  companies: {
    company_name: ['Bedrijf', 'Bedrijfsnaam'],
    industry: ['Branche', 'Sector'],
    website: ['Website'],
  },
};
