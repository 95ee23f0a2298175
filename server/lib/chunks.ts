/**
 * `xs` in slices of at most `size`: one statement a slice keeps an `IN (…)` list or a multi-row
 * VALUES under every database's limit on bound parameters (SQLite's 32,766 the lowest).
 */
export const chunks = <T>(xs: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
