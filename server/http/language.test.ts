import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage } from './language.js';

// The one reader of Accept-Language: export headers and import errors' reasons use it.
describe('fromAcceptLanguage', () => {
  it('takes the first of French and English by weight, then by order', () => {
    expect(fromAcceptLanguage('fr-CA,fr;q=0.9')).toBe('fr');
    expect(fromAcceptLanguage('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('de-DE,de;q=0.9,fr;q=0.5,en;q=0.4')).toBe('fr');
    expect(fromAcceptLanguage('de-DE, en;q=0.8, fr;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('fr;q=0.4, en-GB;q=0.6')).toBe('en');
    expect(fromAcceptLanguage('en;q=0, fr;q=0.1')).toBe('fr');
    expect(fromAcceptLanguage('en;q=0, fr')).toBe('fr');
  });

  it('gives nothing for other languages, wildcards, garbage and huge headers', () => {
    expect(fromAcceptLanguage('de, *')).toBeUndefined();
    expect(fromAcceptLanguage('de, *;q=0.1')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
    expect(fromAcceptLanguage(';;;,,,q=')).toBeUndefined();
    expect(fromAcceptLanguage(`${'x,'.repeat(5000)}en`)).toBeUndefined();
  });
});
