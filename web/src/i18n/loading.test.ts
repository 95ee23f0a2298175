import { afterEach, describe, expect, it } from 'vitest';
import i18n, { loadLanguage, setLanguage } from './index.js';
import { resources as en } from './locales/en/index.js';

// English is not in the first load: it arrives when a user switches to it (or starts in it).
describe('loading a language on demand', () => {
  afterEach(async () => {
    for (const [ns, bundle] of Object.entries(en)) i18n.addResourceBundle('en', ns, bundle, true, true);
    await setLanguage('fr');
  });

  it('fetches the strings of a language that is not there yet, then switches to it', async () => {
    for (const ns of Object.keys(en)) i18n.removeResourceBundle('en', ns);
    expect(i18n.hasResourceBundle('en', 'common')).toBe(false);
    await setLanguage('en');
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    expect(i18n.language).toBe('en');
    expect(i18n.t('close')).toBe(en.common.close);
    // loading again is a no-op
    await loadLanguage('en');
    expect(i18n.hasResourceBundle('fr', 'common')).toBe(true);
  });
});
