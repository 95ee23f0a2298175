// A record form's tags (contacts, companies, deals): the form holds them as names, beside its texts.

/** The TagsField props of a Mantine form holding `tags: string[]`. */
export function tagsProps(form: {
  getInputProps: (path: 'tags') => { value?: unknown; onChange?: unknown; error?: unknown };
}) {
  const p = form.getInputProps('tags');
  return {
    value: (p.value as string[]) ?? [],
    onChange: p.onChange as (names: string[]) => void,
    error: typeof p.error === 'string' ? p.error : undefined,
  };
}

/** two body values are the same (tags compared as lists): an edit sends only what changed */
export const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;
