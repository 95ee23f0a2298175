import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import i18n from '../i18n/index.js';
import { resources as en } from '../i18n/locales/en/index.js';

// the app loads English on demand (i18n/index.ts); tests switch languages synchronously
for (const [ns, bundle] of Object.entries(en)) i18n.addResourceBundle('en', ns, bundle, true, true);

afterEach(() => cleanup());

// jsdom lacks what Mantine measures with
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => {},
  removeListener: () => {},
  addEventListener: () => {},
  removeEventListener: () => {},
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= () => {};
// nor the font loading API (Textarea's autosize listens to it)
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
  });
