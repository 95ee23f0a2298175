import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources as fr } from './locales/fr/index.js';

export type Language = 'fr' | 'en';
export const LANGUAGES: Language[] = ['fr', 'en'];
const STORAGE_KEY = 'carnet.language';

/** The language before sign-in: what the user chose last on this browser, else the browser's own. */
export function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'fr' || stored === 'en') return stored;
  const nav = typeof navigator !== 'undefined' ? navigator.language : 'fr';
  return nav.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/**
 * French is bundled, as the fallback; English is loaded when first needed, which keeps its strings
 * (~11 KB gzipped) out of the first load of every page.
 */
const LOADERS: Record<Language, () => Promise<Record<string, object>>> = {
  fr: async () => fr,
  en: async () => (await import('./locales/en/index.js')).resources,
};

/** Makes a language's strings available (once); call before switching to it. */
export async function loadLanguage(lng: Language) {
  if (i18n.hasResourceBundle(lng, 'common')) return;
  const resources = await LOADERS[lng]();
  for (const [ns, bundle] of Object.entries(resources)) i18n.addResourceBundle(lng, ns, bundle, true, true);
}

export async function setLanguage(lng: Language) {
  // no await when the strings are there: the switch starts at once, as callers expect
  if (!i18n.hasResourceBundle(lng, 'common')) await loadLanguage(lng);
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  await i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources: { fr },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
