import { Tabs } from '@mantine/core';
import { IconKey, IconListNumbers, IconUser, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useMe } from '../api/queries.js';
import { isAdmin } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loading } from '../components/states.js';
import { ProfileSection } from './ProfileSection.js';
import { StagesSection } from './StagesSection.js';
import { TokensSection } from './TokensSection.js';
import { UsersSection } from './UsersSection.js';

const SECTIONS = [
  { key: 'profile', icon: IconUser, admin: false, Component: ProfileSection },
  { key: 'tokens', icon: IconKey, admin: false, Component: TokensSection },
  { key: 'stages', icon: IconListNumbers, admin: true, Component: StagesSection },
  { key: 'users', icon: IconUsers, admin: true, Component: UsersSection },
] as const;

/** /settings/<section>: each section has its own address (the user menu links to /settings/profile). */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const me = useMe();
  const navigate = useNavigate();
  const section = useParams()['*']?.split('/')[0] ?? '';
  if (me.isLoading) return <Loading />;
  // the admin sections are not offered to others (the server would refuse their changes anyway)
  const visible = SECTIONS.filter((s) => !s.admin || isAdmin(me.data));
  if (!visible.some((s) => s.key === section)) return <Navigate to="/settings/profile" replace />;

  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs value={section} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List aria-label={t('sections')} mb="md">
          {visible.map(({ key, icon: Icon }) => (
            <Tabs.Tab key={key} value={key} leftSection={<Icon size={16} aria-hidden />}>
              {t(key)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map(({ key, Component }) => (
          <Tabs.Panel key={key} value={key}>
            <Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
