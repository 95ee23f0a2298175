// The declared fields' labels (shared/record-fields.ts) without loading the declarations: they
// hold every field's limits and other tools' column names, too much for the first load, where the
// error messages (api/errorText.ts) name fields. web/src/fields/declared.ts provides the lookup
// when it loads, with the forms, record pages and imports that show those fields.

type Lookup = (resource: string, field: string) => string | undefined;
let lookup: Lookup | null = null;

export function provideDeclaredLabels(fn: Lookup) {
  lookup = fn;
}

/** The field's declared label in the user's language, once the declarations are loaded. */
export const declaredLabelIfLoaded = (resource: string, field: string) => lookup?.(resource, field);
