// The character sets a person importing a CSV file may name (the wizard's choice, `encoding=` of
// the API, `--encoding` of the CLI), over the one detected (server/imports/charset.ts). Each is a
// name iconv-lite decodes.
export const ENCODING_CHOICES = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'iso-8859-2',
  'windows-1250',
  'windows-1251',
  'koi8-r',
  'iso-8859-5',
  'windows-1253',
  'iso-8859-7',
  'windows-1254',
  'iso-8859-9',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
