// The custom fields' strings (fr and en), added to i18n by the lazy chunks that use them rather
// than by the first load's bundle (i18n/locales/*/index.ts): only the pages with records and the
// settings show custom fields, and the home page keeps within its size budget.
import i18n from '../i18n/index.js';
import { customFields as en } from '../i18n/locales/en/customFields.js';
import { customFields as fr } from '../i18n/locales/fr/customFields.js';

export const CF_NS = 'customFields';

if (!i18n.hasResourceBundle('fr', CF_NS)) {
  i18n.addResourceBundle('fr', CF_NS, fr, true, true);
  i18n.addResourceBundle('en', CF_NS, en, true, true);
}
