import { describe, expect, it } from 'vitest';
import { csvCell, csvDelimiter, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes cells holding the delimiter, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Dupré, Hélène')).toBe('"Dupré, Hélène"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    // a phone number shows as written: behind an invisible word joiner (shared/csv-safety.ts), as in
    // the server's export, not an apostrophe; full-width signs are formulas
    expect(csvCell('+33 6 12 34 56 78')).toBe('\u2060+33 6 12 34 56 78');
    expect(csvCell('+1 555 123 4567 x12')).toBe('\u2060+1 555 123 4567 x12');
    expect(csvCell('+SUM(1)')).toBe("'+SUM(1)");
    expect(csvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    // a number is data: a negative one stays a number
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes empty cells for null, a header row and CRLF line ends', () => {
    expect(
      toCsv(
        ['ID', 'Nom'],
        [
          [1, 'Dupré-Lefèvre'],
          [2, null],
        ],
      ),
    ).toBe('ID,Nom\r\n1,Dupré-Lefèvre\r\n2,');
    expect(toCsv(['a', 'b'], [['x;y', 'z']], ';')).toBe('a;b\r\n"x;y";z');
  });

  it('uses the semicolon that French spreadsheets expect', () => {
    expect(csvDelimiter('fr')).toBe(';');
    expect(csvDelimiter('en')).toBe(',');
  });
});
