import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Page, Task } from '../api/types.js';

type TaskPages = InfiniteData<Page<Task>>;

/**
 * Marks a task done or open. The change shows at once in every cached task list (the tasks page,
 * an opportunity's or a contact's tasks, the dashboard), is rolled back if the API refuses it, and
 * the lists are refetched afterwards so that filters (status=open) apply again.
 */
export function useSetTaskStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ task, status }: { task: Task; status: Task['status'] }) =>
      api<Task>('PATCH', `/tasks/${task.task_id}`, { status }),
    onMutate: async ({ task, status }) => {
      await qc.cancelQueries({ queryKey: ['tasks', 'list'] });
      const before = qc.getQueriesData<TaskPages>({ queryKey: ['tasks', 'list'] });
      const completed_at = status === 'done' ? new Date().toISOString() : null;
      qc.setQueriesData<TaskPages>({ queryKey: ['tasks', 'list'] }, (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((p) => ({
                ...p,
                data: p.data.map((t) => (t.task_id === task.task_id ? { ...t, status, completed_at } : t)),
              })),
            }
          : old,
      );
      return { before };
    },
    onError: (_e, _v, ctx) => {
      for (const [key, data] of ctx?.before ?? []) qc.setQueryData(key, data);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
}

/** All loaded rows of a paged task list. */
export const rows = (data: TaskPages | undefined) => data?.pages.flatMap((p) => p.data) ?? [];
