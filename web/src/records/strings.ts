import i18n from '../i18n/index.js';
import { records as en } from '../i18n/locales/en/records.js';
import { records as fr } from '../i18n/locales/fr/records.js';

// The kit's strings arrive with the pages that use it (lazy routes: the lists, the record pages,
// the imports) instead of the first load, whose budget is nearly spent (scripts/web-size.mjs);
// both languages, as the English ones are not worth a request of their own.
i18n.addResourceBundle('fr', 'records', fr, true, true);
i18n.addResourceBundle('en', 'records', en, true, true);

export const NS = 'records';
