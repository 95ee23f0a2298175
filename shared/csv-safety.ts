// What makes a CSV cell safe to open in a spreadsheet: one rule for the server's exports, the web
// app's selection export and the importer that reads those files back.

/**
 * What a spreadsheet may take for the start of a formula (OWASP's CSV injection list: = + - @, tab,
 * carriage return), and the full-width forms ＝ ＋ － ＠ that some spreadsheets fold to them.
 */
export const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Only a phone number written the international way: "+", then digit groups separated by at most
 * one space, dot or dash, a group possibly in parentheses ("+33 6 12 34 56 78", "+1 (555)
 * 123-4567", "+33 (0)6 12…"), 7 to 15 digits (E.164's most), nothing else. Such a cell holds no
 * letter, quote, "!" or "|": a spreadsheet that reads it as a formula can only add and subtract
 * digits, never call a function, a link or another program.
 */
const PHONE = /^\+\d+(?:[ .-]?(?:\d+|\(\d+\)))*$/;
export const isPhoneNumber = (value: string) => {
  if (!PHONE.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
};

/**
 * A text a spreadsheet could run as a formula gets a leading apostrophe, which spreadsheets show as
 * text (Carnet's importer takes it off again), except a phone number (isPhoneNumber), left as
 * written so that it reads and dials as one.
 */
export function neutralizeText(value: string): string {
  return FORMULA_START.test(value) && !isPhoneNumber(value) ? `'${value}` : value;
}

/** The value as written before neutralizeText: the apostrophe it added taken off. */
export function unneutralizeText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
