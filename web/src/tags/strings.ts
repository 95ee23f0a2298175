import i18n from '../i18n/index.js';
import { tags as en } from '../i18n/locales/en/tags.js';
import { tags as fr } from '../i18n/locales/fr/tags.js';

// Loaded with the pages that show tags (lazy routes), not in the first load.
i18n.addResourceBundle('fr', 'tags', fr, true, true);
i18n.addResourceBundle('en', 'tags', en, true, true);

export const NS = 'tags';
