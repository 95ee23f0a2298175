import { describe, expect, it } from 'vitest';
import { fold, nameKey, searchText, words } from './text.js';

describe('fold', () => {
  it.each([
    ['Hélène Dupré-Lefèvre', 'helene dupre lefevre'],
    ['Œuvre', 'oeuvre'],
    ['cœur', 'coeur'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['ẞ', 'ss'],
    ['Æsir', 'aesir'],
    ['François Ñúñez'.normalize('NFD'), 'francois nunez'],
    ['Søren Østergaard', 'soren ostergaard'],
    ['Łódź Wałęsa', 'lodz walesa'],
    ['Đorđe', 'dorde'],
    ['ﬁne', 'fine'], // compatibility ligature
    ['Ｃａｆé', 'cafe'], // full-width letters
    ['x²', 'x2'],
    ["  l'Oréal,  S.A.  ", 'l oreal s a'],
    ['東京 株式会社', '東京 株式会社'],
    ['Ελένη', 'ελενη'],
  ])('%j → %j', (input, folded) => {
    expect(fold(input)).toBe(folded);
  });

  it('drops emoji and symbols, keeps the words around them', () => {
    expect(fold('Café ☕ 🎉 Paris')).toBe('cafe paris');
    expect(fold('👩‍💻')).toBe('');
    expect(fold('🇫🇷 Lyon')).toBe('lyon');
  });

  it('gives the empty string for empty or blank input', () => {
    expect(fold('')).toBe('');
    expect(fold('   ')).toBe('');
    expect(fold('--/--')).toBe('');
  });

  it('makes NFC and NFD spellings equal', () => {
    expect(fold('Dupré'.normalize('NFC'))).toBe(fold('Dupré'.normalize('NFD')));
  });

  it('is idempotent', () => {
    for (const s of ['Hélène Dupré-Lefèvre', 'Œuvre', 'Straße', 'ﬁ x² 東京']) {
      expect(fold(fold(s))).toBe(fold(s));
    }
  });
});

describe('words', () => {
  it('splits folded text on single spaces, none empty', () => {
    expect(words(' Jean--Pierre  DUPONT ')).toEqual(['jean', 'pierre', 'dupont']);
    expect(words('')).toEqual([]);
    expect(words('🎉')).toEqual([]);
  });
});

describe('searchText', () => {
  it('is the folded words between single spaces, with a leading and a trailing space', () => {
    expect(searchText(['Hélène', 'Dupré-Lefèvre', 'hd@mail.fr'])).toBe(' helene dupre lefevre hd mail fr ');
  });

  it('adds a possible phone number as its digit forms, anything else as its words and its digits', () => {
    // E.164 digits, national significant number, national format with its trunk prefix
    expect(searchText(['Hélène'], ['06 12 34 56 78'], 'FR')).toBe(
      ' helene 33612345678 612345678 0612345678 ',
    );
    expect(searchText([], ['+33 (0)6.12'], 'FR')).toBe(' 33 0 6 12 330612 ');
    expect(searchText([], ['1-800-FLOWERS'], 'US')).toBe(' 1 800 flowers 1800 ');
  });

  it('keeps each word once, and skips null, undefined and empty values', () => {
    expect(searchText(['Anne', null, undefined, '', 'ANNE Marie'], [null, '', undefined])).toBe(
      ' anne marie ',
    );
  });

  it('is a single space when there is nothing to index', () => {
    expect(searchText([])).toBe(' ');
    expect(searchText([null, '🎉'])).toBe(' ');
  });

  it('supports "starts a word" as a plain substring test on " word"', () => {
    const s = searchText(['Société Générale'], ['01 02']);
    expect(s.includes(' gen')).toBe(true);
    expect(s.includes(' 0102')).toBe(true);
    expect(s.includes(' erale')).toBe(false);
  });

  it('stays within 512 characters (the column) and never cuts a word in half', () => {
    const values = Array.from({ length: 200 }, (_, i) => `word${i}x${'y'.repeat(i % 13)}`);
    const s = searchText(values, ['01 23 45 67 89']);
    expect(s.length).toBeLessThanOrEqual(512);
    expect(s.length).toBeGreaterThan(480);
    expect(s.startsWith(' ')).toBe(true);
    expect(s.endsWith(' ')).toBe(true);
    expect(s).not.toMatch(/ {2}/);
    const all = new Set(values.flatMap((v) => words(v)));
    for (const w of s.trim().split(' ')) expect(all.has(w)).toBe(true);
    // the first words are the ones kept
    expect(s.startsWith(' word0x word1xy word2xyy ')).toBe(true);
  });

  it('bounds a single huge value too', () => {
    const s = searchText(['a'.repeat(300), 'b'.repeat(300), 'c'.repeat(100)]);
    expect(s.length).toBeLessThanOrEqual(512);
    expect(s).toBe(` ${'a'.repeat(300)} `);
  });
});

describe('nameKey', () => {
  it('folds case, accents and spacing so spellings of one name meet', () => {
    expect(nameKey('Société Générale')).toBe('societe generale');
    expect(nameKey('  SOCIETE   generale ')).toBe('societe generale');
    expect(nameKey('Société-Générale')).toBe(nameKey('societe generale'));
    expect(nameKey('Œuvre Straße')).toBe('oeuvre strasse');
  });

  it('is null when nothing is left', () => {
    expect(nameKey(null)).toBeNull();
    expect(nameKey(undefined)).toBeNull();
    expect(nameKey('')).toBeNull();
    expect(nameKey(' - ')).toBeNull();
    expect(nameKey('🎉')).toBeNull();
  });

  it('fits the 100-character column', () => {
    expect(nameKey('É'.repeat(150))).toBe('e'.repeat(100));
  });
});
