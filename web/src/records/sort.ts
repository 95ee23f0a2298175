/** `last_name,first_name` → `-last_name,-first_name`: the same columns, descending. */
export const descending = (sort: string) =>
  sort
    .split(',')
    .map((f) => `-${f}`)
    .join(',');
