import { describe, expect, it } from 'vitest';
import { fold, matchRanges } from './text.js';

/** The text with its matched ranges in brackets, easier to read than offsets. */
function marked(text: string, query: string) {
  let out = '';
  let at = 0;
  for (const { start, end } of matchRanges(text, query)) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
}

describe('matchRanges: what the search matched, in the original text', () => {
  it.each([
    ['Jean Lefèvre', 'lefevre', 'Jean [Lefèvre]'],
    ['Jean Lefèvre', 'LEFÈVRE', 'Jean [Lefèvre]'],
    ['Jean Lefèvre', 'lef', 'Jean [Lef]èvre'],
    ['Jean Lefèvre', 'lefe', 'Jean [Lefè]vre'],
    ['Jean Lefèvre', 'jean lef', '[Jean] [Lef]èvre'],
    ['Jean Lefèvre', 'lef jean', '[Jean] [Lef]èvre'],
    // the search finds word starts only, so the highlight does too
    ['Jean Lefèvre', 'fevre', 'Jean Lefèvre'],
    ['Jean Lefèvre', 'ean', 'Jean Lefèvre'],
    ['Boulangerie Lefèvre & Fils', 'lefevre', 'Boulangerie [Lefèvre] & Fils'],
    ['Marie Dupré-Lefèvre', 'lefevre', 'Marie Dupré-[Lefèvre]'],
    ['Société Générale', 'societe generale', '[Société] [Générale]'],
    ['Société Générale', 'soc gen', '[Soc]iété [Gén]érale'],
    // already decomposed accents stay with their letter
    ['He\u0301le\u0300ne', 'helene', '[He\u0301le\u0300ne]'],
    ['He\u0301le\u0300ne', 'he', '[He\u0301]le\u0300ne'],
    // letters that fold to two, or two that fold to one
    ['Straße', 'strass', '[Straß]e'],
    ['Straße', 'stras', '[Straß]e'],
    ['Œuvray', 'oe', '[Œ]uvray'],
    ['Œuvray', 'oeuv', '[Œuv]ray'],
    ['ﬁne', 'fi', '[ﬁ]ne'],
    ['Søren Łódź', 'soren lodz', '[Søren] [Łódź]'],
    ["l'Oréal", 'oreal', "l'[Oréal]"],
    ['jean.lefevre@example.fr', 'jean', '[jean].lefevre@example.fr'],
    ['jean.lefevre@example.fr', 'lefevre', 'jean.[lefevre]@example.fr'],
    // a word matched by two query words, overlapping: one range
    ['Lefèvre', 'le lef', '[Lef]èvre'],
    ['Anne Anne', 'ann', '[Ann]e [Ann]e'],
    // Greek final sigma
    ['ΟΔΥΣΣΕΑΣ', 'οδυσσεας', '[ΟΔΥΣΣΕΑΣ]'],
    // astral letters and emoji do not shift the ranges
    ['🎉 Café 𠀋x', 'cafe', '🎉 [Café] 𠀋x'],
    ['🎉 Café 𠀋x', '𠀋', '🎉 Café [𠀋]x'],
  ])('%j searched with %j → %j', (text, query, expected) => {
    expect(marked(text, query)).toBe(expected);
  });

  it('marks nothing for an empty query, a query of symbols only, or an empty text', () => {
    expect(matchRanges('Jean', '')).toEqual([]);
    expect(matchRanges('Jean', '  -- ')).toEqual([]);
    expect(matchRanges('', 'jean')).toEqual([]);
  });

  it('folds a text one letter at a time the way it folds it whole', () => {
    for (const s of ['Hélène Dupré-Lefèvre', 'Straße ẞ', 'Ｃａｆé ﬁne x²', 'Đorđe Østergaard', 'ΟΔΥΣΣΕΑΣ']) {
      // every word of the folded text is found where it starts
      for (const w of fold(s).split(' ')) expect(matchRanges(s, w).length).toBeGreaterThan(0);
    }
  });
});
