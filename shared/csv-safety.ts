// What makes a CSV cell safe to open in a spreadsheet: one rule for the server's exports, the web
// app's selection export and the importer that reads those files back.

/**
 * What a spreadsheet may take for the start of a formula (OWASP's CSV injection list: = + - @, tab,
 * carriage return), and the full-width forms ＝ ＋ － ＠ that some spreadsheets fold to them.
 */
export const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * A phone number and nothing else: "+", then digit groups separated by at most one space, dot or
 * dash, a group possibly in parentheses ("+33 6 12 34 56 78", "+1 (555) 123-4567", "+33 (0)6 12…"),
 * 7 to 15 digits (E.164's most), then maybe an extension ("ext. 12", "x12", "poste 12", "#12").
 * Such a cell holds no quote, "!", "|", operator or function name: nothing a spreadsheet could run.
 */
// Each group starts with a separator or "(" (digits right after ")" belong to that group), so a run
// of digits can be split only one way: `\d+(?:[ .-]?\d+)*` split it in 2ⁿ ways, and a cell of 30
// digits then "!" held the event loop for seconds. The length bound keeps the rest linear and small.
const PHONE = /^(\+\d+(?:[ .-]\d+|[ .-]?\(\d+\)\d*)*)(?:[ ]?(?:ext\.?|x|poste|#)[ ]?\d{1,6})?$/i;
const PHONE_MAX = 40;
export const isPhoneNumber = (value: string) => {
  if (value.length > PHONE_MAX) return false;
  const number = PHONE.exec(value)?.[1];
  if (number === undefined) return false;
  const digits = number.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
};

/**
 * What goes before a phone number that starts with "+": U+2060 WORD JOINER, a character of no width
 * that no spreadsheet shows. How the three read a CSV cell "+33 6 12 34 56 78" (opened, not typed):
 * - as written, the "+" starts a formula: Excel and Google Sheets evaluate "+33 6 12 34 56 78" (a
 *   space is the intersection operator: an error such as #NULL! or #ERROR! instead of the number),
 *   LibreOffice too when its CSV import evaluates formulas, and "+33612345678" becomes the number
 *   33612345678, its "+" gone (3.36E+10 in a narrow column);
 * - with the apostrophe that neutralises other cells it is text, but a CSV is read, not typed:
 *   Excel keeps the apostrophe as a character of the cell, and shows it;
 * - `="+33 …"` shows it right in Excel, but it is a formula, which is what we must never write;
 * - a leading space or tab is trimmed by some importers (Google Sheets, LibreOffice's "trim spaces"),
 *   after which the "+" starts a formula again; OWASP lists the tab as a formula start itself.
 * The word joiner is not a space (nothing trims it) nor a formula start: the cell is text in all
 * three, shown as "+33 6 12 34 56 78", dialled as such (phone apps keep digits and "+"), and sorted
 * and searched by its digits. Carnet's importer takes it off again (unneutralizeText).
 */
export const TEXT_MARK = '\u2060';

/**
 * A text a spreadsheet could run as a formula gets a leading apostrophe, which spreadsheets read as
 * text (Carnet's importer takes it off again); a phone number gets TEXT_MARK instead, invisible,
 * so that it reads and dials as one.
 */
export function neutralizeText(value: string): string {
  if (!FORMULA_START.test(value)) return value;
  return isPhoneNumber(value) ? `${TEXT_MARK}${value}` : `'${value}`;
}

/** The value as written before neutralizeText: the apostrophe or the mark it added taken off. */
export function unneutralizeText(value: string): string {
  const rest = value.slice(1);
  if (value.startsWith("'") && FORMULA_START.test(rest)) return rest;
  if (value.startsWith(TEXT_MARK) && isPhoneNumber(rest)) return rest;
  return value;
}
