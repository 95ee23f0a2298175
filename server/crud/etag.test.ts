import { describe, expect, it } from 'vitest';
import { codedEtag, etagOf, ifMatchHolds } from './etag.js';

describe('etagOf', () => {
  it('is a strong, quoted tag that changes with any visible change', () => {
    const a = etagOf({ contact_id: 1, phone: '0102' });
    expect(a).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(a.startsWith('W/')).toBe(false);
    expect(etagOf({ contact_id: 1, phone: '0102' })).toBe(a);
    expect(etagOf({ contact_id: 1, phone: '0103' })).not.toBe(a);
    expect(etagOf({ contact_id: 1, phone: null })).not.toBe(a);
  });
});

describe('ifMatchHolds', () => {
  const tag = etagOf({ id: 1 });
  const other = etagOf({ id: 2 });

  it('holds without an If-Match header', () => {
    expect(ifMatchHolds(undefined, tag)).toBe(true);
  });

  it('holds for "*" (any current representation)', () => {
    expect(ifMatchHolds('*', tag)).toBe(true);
    expect(ifMatchHolds(' * ', tag)).toBe(true);
  });

  it('holds for the exact current tag', () => {
    expect(ifMatchHolds(tag, tag)).toBe(true);
    expect(ifMatchHolds(`  ${tag} `, tag)).toBe(true);
  });

  it('holds when the current tag is anywhere in a list', () => {
    expect(ifMatchHolds(`${other}, ${tag}`, tag)).toBe(true);
    expect(ifMatchHolds(`${tag},${other}`, tag)).toBe(true);
    expect(ifMatchHolds(`"x" ,  ${tag}  , "y"`, tag)).toBe(true);
  });

  it('fails for a stale tag or a list without the current one', () => {
    expect(ifMatchHolds(other, tag)).toBe(false);
    expect(ifMatchHolds(`${other}, "x"`, tag)).toBe(false);
  });

  it('never matches a weak tag, even one with the same opaque value (strong comparison)', () => {
    expect(ifMatchHolds(`W/${tag}`, tag)).toBe(false);
    expect(ifMatchHolds(`W/${tag}, ${other}`, tag)).toBe(false);
    expect(ifMatchHolds(`w/${tag}`, tag)).toBe(false);
  });

  it('does not match the value without its quotes, nor an empty header', () => {
    expect(ifMatchHolds(tag.slice(1, -1), tag)).toBe(false);
    expect(ifMatchHolds('', tag)).toBe(false);
    expect(ifMatchHolds(',', tag)).toBe(false);
    expect(ifMatchHolds('"*"', tag)).toBe(false);
  });
});

describe('codedEtag', () => {
  const tag = etagOf({ id: 1 });
  it('gives the compressed representation its own strong tag, which If-Match still takes', () => {
    expect(codedEtag(tag, 'gzip')).toBe(`${tag.slice(0, -1)}.gzip"`);
    expect(codedEtag(tag, 'br')).not.toBe(tag);
    expect(ifMatchHolds(codedEtag(tag, 'br'), tag)).toBe(true);
    expect(ifMatchHolds(`"x", ${codedEtag(tag, 'gzip')}`, tag)).toBe(true);
    expect(ifMatchHolds(`W/${codedEtag(tag, 'gzip')}`, tag)).toBe(false);
    expect(ifMatchHolds(codedEtag(etagOf({ id: 2 }), 'gzip'), tag)).toBe(false);
    expect(ifMatchHolds(`${tag.slice(0, -1)}.deflate"`, tag)).toBe(false);
  });
  it('leaves a weak or malformed tag alone', () => {
    expect(codedEtag(`W/${tag}`, 'gzip')).toBe(`W/${tag}`);
    expect(codedEtag('abc', 'gzip')).toBe('abc');
  });
});
