// A stored value under a changed definition (server/custom-fields/rewrite.ts): its options renamed,
// its type changed. The value is brought to what the new type takes as input, then checked and
// written by checkCustomValue like any value a request sends, so a converted value is exactly what
// the same value typed anew would be.
import {
  type Checked,
  type CustomFieldOption,
  checkCustomValue,
  findOption,
  type ValueRule,
} from '../../shared/custom-fields.js';

const SELECTS = ['select', 'multi_select'];

/** An option's label → the label its option (same ID) has now; unknown labels stay as they are. */
function relabel(before: readonly CustomFieldOption[], after: readonly CustomFieldOption[], label: unknown) {
  if (typeof label !== 'string') return label;
  const o = findOption(before, label);
  const now = o ? after.find((n) => n.id === o.id) : undefined;
  return now ? now.label : label;
}

/** The value as the new type's input: the same data, in the shape that type reads. */
function asInput(from: ValueRule, to: ValueRule, value: unknown): unknown {
  if (Array.isArray(value)) {
    if (to.type === 'multi_select') return value;
    if (to.type === 'select') {
      // one option is that option; several do not fit in one (the check refuses the array)
      return value.length === 0 ? null : value.length === 1 ? value[0] : value;
    }
    return value.join(', ');
  }
  if (to.type === 'multi_select') return [value];
  const textual = !['number', 'money', 'boolean', 'user'].includes(to.type);
  if (textual && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (from.type === 'datetime' && to.type === 'date' && typeof value === 'string') return value.slice(0, 10); // the instant's day in UTC, as stored
  if (to.type === 'boolean' && typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (['true', 'yes', 'oui', '1'].includes(t)) return true;
    if (['false', 'no', 'non', '0'].includes(t)) return false;
  }
  if (to.type === 'user' && typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return value;
}

/**
 * A stored value of a field defined as `from` → its value once defined as `to` (same options by
 * ID: a renamed option's label follows), or why it cannot be.
 */
export function convertValue(from: ValueRule, to: ValueRule, value: unknown): Checked {
  if (value === null || value === undefined) return { value: null };
  let v: unknown = value;
  if (SELECTS.includes(from.type))
    v = Array.isArray(v)
      ? v.map((x) => relabel(from.options, to.options, x))
      : relabel(from.options, to.options, v);
  if (from.type === to.type && !SELECTS.includes(to.type)) return { value: v };
  return checkCustomValue(to, asInput(from, to, v));
}
