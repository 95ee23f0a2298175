import { describe, expect, it } from 'vitest';
import { fieldErrorSentence } from '../../shared/i18n/field-error-texts.js';
import { FIELD_ERROR_TEXTS_EN } from '../../shared/i18n/field-errors.en.js';
import { FIELD_ERROR_TEXTS_FR } from '../../shared/i18n/field-errors.fr.js';

describe('fieldErrorSentence', () => {
  const fr = (e: Parameters<typeof fieldErrorSentence>[2]) =>
    fieldErrorSentence(FIELD_ERROR_TEXTS_FR, 'fr', e);
  const en = (e: Parameters<typeof fieldErrorSentence>[2]) =>
    fieldErrorSentence(FIELD_ERROR_TEXTS_EN, 'en', e);

  it('fills in the parameters as the web app does, in each language’s forms', () => {
    expect(fr({ code: 'too_long', limit: 1000 })).toBe('Au plus 1\u202f000 caractères.');
    expect(en({ code: 'too_long', limit: 1000 })).toBe('At most 1,000 characters.');
    // French singular: 0 and 1; English: 1 only
    expect(fr({ code: 'too_many', limit: 1 })).toBe('Au plus 1 élément.');
    expect(en({ code: 'too_many', limit: 0 })).toBe('At most 0 items.');
    expect(fr({ code: 'unknown_stage', allowed: ['Prospection', 'Gagné'] })).toBe(
      'Étape inconnue. Étapes configurées : Prospection et Gagné.',
    );
    expect(
      fieldErrorSentence(
        FIELD_ERROR_TEXTS_EN,
        'en',
        { code: 'required_one_of', fields: ['Nom', 'Email'] },
        (f) => `«${f}»`,
      ),
    ).toBe('Fill in at least one of: «Nom» or «Email».');
    expect(fr({ code: 'too_short', limit: 1 })).toBe('Ce champ est obligatoire.');
  });

  it('falls back to the server’s words for a code it does not know', () => {
    expect(fr({ code: 'brand_new', message: 'is new' })).toBe('is new');
  });
});
