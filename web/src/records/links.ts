/**
 * A `tel:` link for a phone number as people type it: "+33 6 12 34 56 78", "06.12.34.56.78",
 * "(555) 010-9999 ext. 12". Spaces and punctuation go; what follows the number's digits (an
 * extension) is dialled after a pause (RFC 3966 `;ext=`). Null when there is no digit to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const match = /^\s*(\+?)([\d\s().\-/]*\d)(.*)$/.exec(phone);
  if (!match) return null;
  const [, plus, number, rest] = match;
  const ext = /\d+/.exec(rest ?? '')?.[0];
  return `tel:${plus}${number?.replace(/\D/g, '')}${ext ? `;ext=${ext}` : ''}`;
}

export function mailHref(email: string | null | undefined): string | null {
  return email ? `mailto:${email}` : null;
}
