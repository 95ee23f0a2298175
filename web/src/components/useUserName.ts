import { useUsers } from '../api/queries.js';

/**
 * A user's display name from the cached list, for tables and cards. Apart from UserSelect, so that
 * a page showing names without a user picker (the dashboard) does not load the Select component.
 */
export function useUserName() {
  const users = useUsers();
  const byId = new Map((users.data?.data ?? []).map((u) => [u.user_id, u.name ?? u.email]));
  return (id: number | null | undefined) => (id == null ? '—' : (byId.get(id) ?? `#${id}`));
}
