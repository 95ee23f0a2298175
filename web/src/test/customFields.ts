// Custom field definitions for tests, whole as the API sends them.
import type { CustomField } from '../fields/customFields.js';

let id = 0;
export function def(over: Partial<CustomField> & Pick<CustomField, 'key' | 'type'>): CustomField {
  id += 1;
  return {
    field_id: id,
    entity: 'contacts',
    label: { fr: over.key, en: over.key },
    options: [],
    required: false,
    default: null,
    position: id,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export const segmentField = () =>
  def({
    key: 'segment',
    type: 'select',
    label: { fr: 'Segment', en: 'Segment' },
    options: [
      { id: 'a1', label: 'PME', color: 'blue' },
      { id: 'a2', label: 'Grand compte', color: 'grape' },
    ],
  });
