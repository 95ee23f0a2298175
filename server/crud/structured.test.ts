import { describe, expect, it } from 'vitest';
import { changedValues, readValue, writeValue } from './convert.js';
import type { ResourceDef } from './resource.js';

describe('list and map fields (JSON in a text column)', () => {
  it('store nothing when empty and show [] or {}', () => {
    expect(writeValue('tags', 'list', [], 'sqlite')).toBeNull();
    expect(writeValue('custom_fields', 'map', {}, 'postgres')).toBeNull();
    expect(readValue('list', null)).toEqual([]);
    expect(readValue('map', null)).toEqual({});
  });

  it('round-trip through their JSON text, whatever the driver gives back', () => {
    const stored = writeValue('tags', 'list', ['VIP', 'Salon 2026'], 'mysql');
    expect(stored).toBe('["VIP","Salon 2026"]');
    expect(readValue('list', stored)).toEqual(['VIP', 'Salon 2026']);
    expect(readValue('map', { a: 1 })).toEqual({ a: 1 });
    expect(readValue('list', 'not json')).toEqual([]);
  });

  it('are no change when written with what they hold', () => {
    const def = { fields: { tags: 'list', custom_fields: 'map' } } as unknown as ResourceDef;
    const existing = { tags: '["VIP"]', custom_fields: null };
    expect(changedValues(def, { tags: '["VIP"]', custom_fields: null }, existing)).toEqual({});
    expect(changedValues(def, { tags: null }, existing)).toEqual({ tags: null });
  });
});
