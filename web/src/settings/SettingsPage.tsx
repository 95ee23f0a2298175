import { Tabs } from '@mantine/core';
import {
  IconForms,
  IconKey,
  IconListNumbers,
  IconMoodSad,
  IconTags,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useMe } from '../api/queries.js';
import type { User } from '../api/types.js';
import { canEditLostReasons, isAdmin } from '../auth/permissions.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loading } from '../components/states.js';
import { TagsSection } from '../tags/TagsSection.js';
import { LostReasonsSection } from './LostReasonsSection.js';
import { ProfileSection } from './ProfileSection.js';
import { StagesSection } from './StagesSection.js';
import { TokensSection } from './TokensSection.js';
import { UsersSection } from './UsersSection.js';

const everyone = () => true;

// the fields' editor (drag and drop, every input type) is loaded only when an admin opens it
const LazyFields = lazy(() => import('./fields/FieldsSection.js'));
const FieldsSection = () => (
  <Suspense fallback={<Loading />}>
    <LazyFields />
  </Suspense>
);

/** each section with who is offered it (the server would refuse the others' changes anyway) */
const SECTIONS: {
  key: string;
  icon: typeof IconUser;
  offered: (me: User | null | undefined) => boolean;
  Component: () => React.ReactNode;
}[] = [
  { key: 'profile', icon: IconUser, offered: everyone, Component: ProfileSection },
  { key: 'tokens', icon: IconKey, offered: everyone, Component: TokensSection },
  { key: 'stages', icon: IconListNumbers, offered: isAdmin, Component: StagesSection },
  { key: 'lost-reasons', icon: IconMoodSad, offered: canEditLostReasons, Component: LostReasonsSection },
  // renaming, merging and deleting tags changes everyone's records: admins and managers
  { key: 'tags', icon: IconTags, offered: canEditLostReasons, Component: TagsSection },
  { key: 'fields', icon: IconForms, offered: isAdmin, Component: FieldsSection },
  { key: 'users', icon: IconUsers, offered: isAdmin, Component: UsersSection },
];

/** /settings/<section>: each section has its own address (the user menu links to /settings/profile). */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const me = useMe();
  const navigate = useNavigate();
  const section = useParams()['*']?.split('/')[0] ?? '';
  if (me.isLoading) return <Loading />;
  const visible = SECTIONS.filter((s) => s.offered(me.data));
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
