import { ActionIcon, Popover, Tooltip } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Task } from '../../api/types.js';

export interface Reminders {
  today: string;
  day_ends_at: string;
  count: number;
  data: Task[];
}

/** The browser's time zone: it decides when the user's day ends (an all-day task is late after it). */
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * My open tasks due today or overdue. Under ['tasks'], so that saving or completing any task
 * refreshes it; polled every minute and on window focus, so the count moves without a reload.
 */
export function useReminders() {
  return useQuery({
    queryKey: ['tasks', 'reminders'],
    queryFn: ({ signal }) =>
      api<Reminders>('GET', `/tasks/reminders?tz=${encodeURIComponent(zone())}&limit=20`, undefined, {
        signal,
      }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

// the list opens on demand: the header carries only the bell and its count
const ReminderList = lazy(() => import('./ReminderList.js'));

/** The header's bell: how many of my tasks are due today or late, and the list of them. */
export default function ReminderBell() {
  const { t } = useTranslation('tasks');
  const reminders = useReminders();
  const [opened, setOpened] = useState(false);
  const count = reminders.data?.count ?? 0;
  // no count until it is known: "0 tasks" while loading (or after a failed load) would be a false all-clear
  const label = reminders.data ? t('remindersLabel', { count }) : t('remindersUnknown');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md">
      <Popover.Target>
        <Tooltip label={label}>
          <ActionIcon
            variant="subtle"
            onClick={() => setOpened((o) => !o)}
            aria-label={label}
            pos="relative"
            data-testid="reminder-bell"
            aria-busy={reminders.isPending || undefined}
          >
            <IconBell size={18} aria-hidden />
            {count > 0 && (
              <span className="reminder-count" aria-hidden>
                {count > 99 ? '99+' : count}
              </span>
            )}
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      {/* named here: the target is wrapped in a tooltip, so Mantine's aria-labelledby finds no element */}
      <Popover.Dropdown aria-label={t('remindersTitle')}>
        {opened && (
          <Suspense fallback={null}>
            <ReminderList reminders={reminders.data} onNavigate={() => setOpened(false)} />
          </Suspense>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
