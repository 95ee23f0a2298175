// German headers: Outlook (»Telefon geschäftlich«, »E-Mail-Adresse«), Thunderbird (»Primäre
// E-Mail-Adresse«, »Tel. dienstlich«), Gmail auf Deutsch, and phones' "Handy".
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const DE: HeaderTable = {
  contacts: {
    first_name: ['Vorname'],
    last_name: ['Nachname', 'Familienname'],
    full_name: ['Anzeigename', 'Vollständiger Name', 'Name'],
    email: [
      'E-Mail-Adresse', 'Primäre E-Mail-Adresse', 'E-Mail', 'E-Mail 2: Adresse', 'E-Mail 3: Adresse',
      'Sekundäre E-Mail-Adresse', 'E-Mail-Adresse 2', 'E-Mail-Adresse 3',
    ],
    phone: [
      'Mobiltelefon', 'Handy', 'Mobil', 'Mobil-Tel.-Nr.', 'Telefon geschäftlich', 'Tel. dienstlich',
      'Telefon', 'Telefonnummer', 'Telefon privat', 'Tel. privat',
      'Telefon geschäftlich 2', 'Telefon privat 2', 'Weiteres Telefon', 'Autotelefon',
      'Haupttelefon', 'Telefon Firma', 'Fax geschäftlich', 'Fax privat', 'Weiteres Fax',
      'Fax-Nummer', 'Pager', 'Pager-Nummer',
    ],
    company_name: ['Firma', 'Organisation', 'Unternehmen', 'Firmenname'],
    notes: ['Notizen', 'Notiz', 'Anmerkungen', 'Bemerkungen'],
    job_title: ['Position', 'Arbeitstitel', 'Berufsbezeichnung', 'Funktion'],
    street: ['Straße geschäftlich', 'Straße privat', 'Dienstlich: Adresse', 'Privat: Adresse', 'Straße'],
    city: ['Ort geschäftlich', 'Ort privat', 'Dienstlich: Ort', 'Privat: Ort', 'Ort', 'Stadt'],
    region: ['Region geschäftlich', 'Bundesland/Kanton geschäftlich', 'Dienstlich: Bundesland', 'Bundesland'],
    postal_code: ['Postleitzahl geschäftlich', 'Postleitzahl privat', 'Dienstlich: PLZ', 'Privat: PLZ', 'PLZ', 'Postleitzahl'],
    country: ['Land/Region geschäftlich', 'Land/Region privat', 'Dienstlich: Land', 'Privat: Land', 'Land'],
    birthday: ['Geburtstag', 'Geburtsdatum'],
    tags: ['Kategorien', 'Labels'],
  },
  companies: {
    company_name: ['Firma', 'Firmenname', 'Unternehmen'],
    industry: ['Branche'],
    website: ['Webseite', 'Website'],
  },
};
