import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Text,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBriefcase,
  IconBuilding,
  IconChecklist,
  IconFileImport,
  IconLayoutDashboard,
  IconMoon,
  IconSettings,
  IconSun,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { canImport } from '../auth/permissions.js';
import { Loading } from '../components/states.js';
import { SearchSpotlight } from './SearchSpotlight.js';
import { UserMenu } from './UserMenu.js';

// the bell loads after the first screen: the home page's first load stays within its budget
const ReminderBell = lazy(() => import('../tasks/reminders/ReminderBell.js'));

type NavItem = {
  to: string;
  key: string;
  icon: typeof IconUsers;
  /** who sees the entry: a role that could not use the page does not (everyone when absent) */
  allowed?: (me: User | null | undefined) => boolean;
};
const NAV: NavItem[] = [
  { to: '/', key: 'dashboard', icon: IconLayoutDashboard },
  { to: '/contacts', key: 'contacts', icon: IconUsers },
  { to: '/companies', key: 'companies', icon: IconBuilding },
  { to: '/opportunities', key: 'opportunities', icon: IconBriefcase },
  { to: '/tasks', key: 'tasks', icon: IconChecklist },
  { to: '/imports', key: 'imports', icon: IconFileImport, allowed: canImport },
  { to: '/settings', key: 'settings', icon: IconSettings },
];

export function Layout() {
  const { t } = useTranslation('shell');
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const me = useMe().data;
  const active = (to: string) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
            <Text fw={700} size="lg" component={Link} to="/">
              Carnet
            </Text>
          </Group>
          <SearchSpotlight />
          <Group gap="xs" wrap="nowrap">
            <Suspense fallback={null}>
              <ReminderBell />
            </Suspense>
            <Tooltip label={t('theme')}>
              <ActionIcon variant="subtle" onClick={toggleColorScheme} aria-label={t('theme')}>
                {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('menu')}>
        {NAV.filter((item) => !item.allowed || item.allowed(me)).map(({ to, key, icon: Icon }) => (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={t(key)}
            leftSection={<Icon size={18} aria-hidden />}
            active={active(to)}
            aria-current={active(to) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
