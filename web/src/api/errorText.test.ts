import { afterAll, describe, expect, it } from 'vitest';
import {
  FIELD_ERROR_CODES,
  IMPORT_ERROR_CODES,
  PROBLEM_CODES,
  PROBLEM_TYPES,
} from '../../../shared/errors.js';
import { errorMessage } from '../components/states.js';
import i18n, { setLanguage } from '../i18n/index.js';
import { resources as en } from '../i18n/locales/en/index.js';
import { resources as fr } from '../i18n/locales/fr/index.js';
import { ApiError, type Problem } from './client.js';
import { fieldErrorText, importFailureText, labelledFieldErrorText, problemText } from './errorText.js';

const invalid = (errors: Problem['errors']): Problem => ({
  type: '/problems/validation-error',
  title: 'Invalid request',
  status: 400,
  detail: 'English detail',
  errors,
});

afterAll(() => setLanguage('fr'));

describe('the API’s errors in the user’s language', () => {
  it('has a French and an English text for every code and type the server sends', () => {
    for (const locale of [fr, en]) {
      for (const code of FIELD_ERROR_CODES) expect(locale.errors.field[code], code).toBeTruthy();
      for (const code of PROBLEM_CODES) expect(locale.errors.problem[code], code).toBeTruthy();
      for (const type of PROBLEM_TYPES) expect(locale.errors.type[type], type).toBeTruthy();
    }
  });

  it('translates field errors by code, with their parameters formatted for the language', async () => {
    await setLanguage('fr');
    expect(fieldErrorText({ field: 'first_name', code: 'too_long', message: 'x', limit: 50 })).toBe(
      'Au plus 50 caractères.',
    );
    expect(fieldErrorText({ field: 'notes', code: 'too_long', message: 'x', limit: 65536 })).toMatch(
      /^Au plus 65\s536 caractères\.$/,
    );
    expect(fieldErrorText({ field: 'password', code: 'too_short', message: 'x', limit: 10 })).toBe(
      'Au moins 10 caractères.',
    );
    // a text's minimum of one character is "required" to a person
    expect(fieldErrorText({ field: 'title', code: 'too_short', message: 'x', limit: 1 })).toBe(
      'Ce champ est obligatoire.',
    );
    expect(
      fieldErrorText({
        field: 'first_name',
        code: 'required_one_of',
        message: 'x',
        fields: ['first_name', 'last_name', 'email'],
      }),
    ).toBe('Indiquez au moins l’un de ces champs : Prénom, Nom ou E-mail.');
    expect(
      fieldErrorText({
        field: 'stage',
        code: 'unknown_stage',
        message: 'x',
        allowed: ['Prospection', 'Gagnée'],
      }),
    ).toBe('Étape inconnue. Étapes configurées : Prospection et Gagnée.');

    await setLanguage('en');
    expect(fieldErrorText({ field: 'email', code: 'invalid_email', message: 'x' })).toBe(
      'This email address is not valid.',
    );
    expect(fieldErrorText({ field: 'notes', code: 'too_long', message: 'x', limit: 65536 })).toBe(
      'At most 65,536 characters.',
    );
    expect(
      fieldErrorText({ field: 'deal_value', code: 'invalid_amount', message: 'x', limit: 99999999.99 }),
    ).toBe('An amount from 0 to 99,999,999.99, with at most 2 decimals.');
  });

  it('falls back to the server’s text only for a code it does not know', async () => {
    await setLanguage('fr');
    expect(fieldErrorText({ field: 'x', code: 'from_the_future', message: 'is strange' })).toBe('is strange');
    expect(fieldErrorText({ field: 'x', message: 'an older server' })).toBe('an older server');
    expect(
      problemText({ type: '/problems/teapot', title: 'Teapot', status: 418, detail: 'I am one' }, 418),
    ).toBe('I am one');
  });

  it('names each field when the errors are shown away from the form', async () => {
    await setLanguage('fr');
    const problem = invalid([
      { field: 'first_name', code: 'too_long', message: 'x', limit: 50 },
      { field: 'email', code: 'invalid_email', message: 'y' },
    ]);
    expect(problemText(problem, 400)).toBe(
      'Prénom : Au plus 50 caractères. E-mail : Cette adresse e-mail n’est pas valide.',
    );
    await setLanguage('en');
    expect(problemText(problem, 400)).toBe(
      'First name: At most 50 characters. Email: This email address is not valid.',
    );
  });

  it('an import: its rows’ errors with the wizard’s field names, and why a whole job failed', async () => {
    await setLanguage('fr');
    expect(
      labelledFieldErrorText(
        { field: 'company_name', code: 'too_long', message: 'x', limit: 100 },
        'imports',
      ),
    ).toBe('Entreprise : Au plus 100 caractères.');
    expect(
      labelledFieldErrorText({ field: '', code: 'unreadable', message: 'could not be read' }, 'imports'),
    ).toBe('Cette ligne du fichier n’a pas pu être lue.');
    expect(importFailureText({ error_code: 'empty_file', error: 'The file is empty.' })).toBe(
      'Le fichier est vide.',
    );
    // an import made before codes: its English text is all there is
    expect(importFailureText({ error_code: null, error: 'The file is empty.' })).toBe('The file is empty.');
    for (const locale of [fr, en])
      for (const code of IMPORT_ERROR_CODES) expect(locale.errors.import[code], code).toBeTruthy();
  });

  it('says which cause of a problem it was, by code, else by type', async () => {
    await setLanguage('fr');
    const conflict = { type: '/problems/conflict', title: 'Setup already done', status: 409 };
    expect(problemText({ ...conflict, code: 'setup_done' }, 409)).toBe(
      'Un administrateur existe déjà : connectez-vous.',
    );
    expect(problemText({ ...conflict, code: 'last_admin' }, 409)).toMatch(/dernier administrateur actif/);
    expect(
      problemText({ type: '/problems/precondition-failed', title: 'Precondition failed', status: 412 }, 412),
    ).toMatch(/^Quelqu’un a modifié cette fiche entre-temps/);
    for (const [type, status, text] of [
      ['forbidden', 403, 'Vous n’avez pas le droit de faire cela.'],
      [
        'payload-too-large',
        413,
        'C’est trop volumineux pour le serveur (un fichier d’import : 100 Mio au plus).',
      ],
      [
        'unsupported-media-type',
        415,
        'Ce type de contenu n’est pas accepté : envoyez un fichier CSV ou vCard.',
      ],
      ['rate-limited', 429, 'Trop de requêtes : patientez un instant, puis réessayez.'],
      ['unavailable', 503, 'Le serveur est momentanément indisponible. Réessayez dans quelques secondes.'],
    ] as const) {
      expect(
        problemText({ type: `/problems/${type}`, title: 'English', status, detail: 'English' }, status),
      ).toBe(text);
    }
    // a proxy's own error page, not a problem document
    expect(problemText({ type: 'about:blank', title: 'Bad Gateway', status: 502 }, 502)).toBe(
      'Le serveur est momentanément indisponible. Réessayez dans quelques secondes.',
    );
    expect(errorMessage(new ApiError(0, { type: 'network', title: 'Network error', status: 0 }))).toBe(
      'Le serveur ne répond pas. Vérifiez votre connexion.',
    );
    // the form fields get translated messages too
    expect(
      new ApiError(400, invalid([{ field: 'password', code: 'common_password', message: 'is common' }]))
        .fieldErrors,
    ).toEqual({ password: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.' });
    expect(i18n.language).toBe('fr');
  });
});
