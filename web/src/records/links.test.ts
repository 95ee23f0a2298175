import { describe, expect, it } from 'vitest';
import { mailHref, telHref } from './links.js';

describe('telHref', () => {
  it.each([
    ['+33 6 12 34 56 78', 'tel:+33612345678'],
    ['06.12.34.56.78', 'tel:0612345678'],
    ['06-12-34-56-78', 'tel:0612345678'],
    ['+32 (0)2 123 45 67', 'tel:+3221234567'],
    ['(555) 010-9999 ext. 12', 'tel:5550109999;ext=12'],
    ['01 23 45 67 89 poste 204', 'tel:0123456789;ext=204'],
    ['  +41 44 668 18 00 ', 'tel:+41446681800'],
  ])('%s → %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });

  it('gives nothing to dial for a value without digits, or none', () => {
    expect(telHref('inconnu')).toBeNull();
    expect(telHref('')).toBeNull();
    expect(telHref(null)).toBeNull();
    expect(telHref(undefined)).toBeNull();
  });
});

describe('mailHref', () => {
  it('links an address, and nothing without one', () => {
    expect(mailHref('a.b@example.com')).toBe('mailto:a.b@example.com');
    expect(mailHref(null)).toBeNull();
  });
});
