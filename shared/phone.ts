// The rule a phone number as typed must follow, for the API's schema and the web form alike.
// A phone is kept as the person wrote it ("06 12 34 56 78", "+33 1 23 45 67 89 x12",
// "1-800-FLOWERS"): only its length (the column is VARCHAR(40) since migration 0023: the seed's 20
// did not hold a number with its extension) and control characters are refused. Understanding the
// number is the server's job (server/lib/phone.ts), not the schema's.

export const PHONE_MAX = 40;

/** No control character (C0, DEL, C1) nor a lone UTF-16 surrogate; the same with and without the `u` flag. */
export const PHONE_PATTERN =
  '^(?:[^\\u0000-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$';

const phoneRe = new RegExp(PHONE_PATTERN);

/** Whether `text` may be stored as a phone (already trimmed by the caller). */
export const isPhoneText = (text: string) => text.length <= PHONE_MAX && phoneRe.test(text);
