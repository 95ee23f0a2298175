// Italian headers: Outlook (« Telefono ufficio », « Indirizzo posta elettronica »), Thunderbird,
// Gmail in italiano.
import type { HeaderTable } from './types.js';

// biome-ignore format: a table reads better than one name per line
export const IT: HeaderTable = {
  contacts: {
    first_name: ['Nome'],
    last_name: ['Cognome'],
    full_name: ['Nome completo', 'Nome visualizzato'],
    email: [
      'Indirizzo posta elettronica', 'Indirizzo e-mail', 'Posta elettronica', 'E-mail principale',
      'Indirizzo posta elettronica 2', 'Indirizzo posta elettronica 3', 'E-mail secondaria',
    ],
    phone: [
      'Cellulare', 'Telefono cellulare', 'Ufficio', 'Telefono ufficio', 'Telefono', 'Abitazione',
      'Telefono abitazione', 'Ufficio 2', 'Abitazione 2', 'Altro telefono', 'Telefono auto',
      'Telefono principale', 'Telefono società', 'Fax ufficio', 'Fax abitazione', 'Fax', 'Cercapersone',
    ],
    company_name: ['Società', 'Azienda', 'Organizzazione'],
    notes: ['Note'],
    job_title: ['Posizione', 'Qualifica', 'Ruolo'],
    street: ['Via (uff.)', 'Via (ab.)', 'Indirizzo'],
    city: ['Città (uff.)', 'Città (ab.)', 'Città'],
    region: ['Provincia (uff.)', 'Provincia (ab.)', 'Provincia'],
    postal_code: ['CAP (uff.)', 'CAP (ab.)', 'CAP'],
    country: ['Paese/area geografica (uff.)', 'Paese/area geografica (ab.)', 'Paese'],
    birthday: ['Compleanno', 'Data di nascita'],
    tags: ['Categorie', 'Etichette'],
  },
  companies: {
    company_name: ['Società', 'Azienda', 'Ragione sociale'],
    industry: ['Settore'],
    website: ['Sito web'],
  },
};
