import { Anchor } from '@mantine/core';
import { useCurrency } from '../api/queries.js';
import { date, money, number } from '../lib/format.js';
import { Field } from '../records/Section.js';
import { TagChips } from '../tags/TagChips.js';
import { declaredLabel, type RecordResource, specOf } from './declared.js';

/** A link opened away from Carnet. */
const External = ({ href, children }: { href: string; children: string }) => (
  <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
    {children}
  </Anchor>
);

/** One declared field's value as a person reads it: a date, an amount, a number, a link. */
export function DeclaredValue({
  resource,
  name,
  value,
}: {
  resource: RecordResource;
  name: string;
  value: unknown;
}) {
  const currency = useCurrency();
  if (value === null || value === undefined || value === '') return null;
  const spec = specOf(resource, name);
  // the only list shown here: tags, as coloured chips
  if (spec.kind === 'list') return <TagChips names={value as string[]} />;
  if (spec.kind === 'date') return <>{date(String(value))}</>;
  if (spec.kind === 'money') return <>{money(Number(value), currency)}</>;
  if (spec.kind === 'int') return <>{number(Number(value))}</>;
  const text = String(value);
  // the API let only http(s) addresses in: the link cannot run a script
  if (spec.format === 'url') return <External href={text}>{text}</External>;
  if (spec.format === 'domain') return <External href={`https://${text}`}>{text}</External>;
  if (spec.format === 'phone')
    return (
      <Anchor href={`tel:${text.replace(/\s/g, '')}`} size="sm">
        {text}
      </Anchor>
    );
  return <span style={{ whiteSpace: 'pre-line' }}>{text}</span>;
}

/**
 * The rows of a record's details for these declared fields (shared/record-fields.ts), under their
 * labels, in the order given: the detail page's layout.
 */
export function DeclaredValues({
  resource,
  record,
  names,
}: {
  resource: RecordResource;
  record: object;
  names: readonly string[];
}) {
  return names.map((name) => (
    <Field key={name} label={declaredLabel(resource, name) ?? name}>
      <DeclaredValue resource={resource} name={name} value={(record as Record<string, unknown>)[name]} />
    </Field>
  ));
}
