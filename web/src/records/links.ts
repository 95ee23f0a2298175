/**
 * A `tel:` link for a phone number as people type it: "+33 6 12 34 56 78", "06.12.34.56.78",
 * "(555) 010-9999 ext. 12". Spaces and punctuation go, and so does the "(0)" that international
 * forms show but one does not dial ("+32 (0)2…"); what follows the number's digits (an extension)
 * becomes RFC 3966's `;ext=`. Null when there is no digit to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const match = /^\s*(\+?)([\d\s().\-/]*\d)(.*)$/.exec(phone);
  if (!match) return null;
  const [, plus, written = '', rest] = match;
  const number = plus ? written.replace(/\(0\)/, '') : written;
  const ext = /\d+/.exec(rest ?? '')?.[0];
  return `tel:${plus}${number.replace(/\D/g, '')}${ext ? `;ext=${ext}` : ''}`;
}

export function mailHref(email: string | null | undefined): string | null {
  return email ? `mailto:${email}` : null;
}
