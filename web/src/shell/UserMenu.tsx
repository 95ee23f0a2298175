import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { IconLanguage, IconLogout, IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useMe } from '../api/queries.js';
import { notifyError } from '../components/feedback.js';
import { type Language, setLanguage } from '../i18n/index.js';

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

export function UserMenu() {
  const { t, i18n } = useTranslation('shell');
  const { t: ta } = useTranslation('auth');
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const user = me.data;

  const changeLanguage = async (lng: Language) => {
    await setLanguage(lng);
    // the choice follows the user to every browser
    if (user) {
      try {
        const updated = await api('PATCH', '/auth/me', { locale: lng });
        qc.setQueryData(['me'], updated);
      } catch (e) {
        notifyError(e);
      }
    }
  };

  const signOut = async () => {
    try {
      await api('POST', '/auth/logout');
    } catch (e) {
      // 401: the session had already ended (expired, or signed out in another tab), so this
      // browser is signed out all the same. Anything else left the session alive: say so.
      if (!(e instanceof ApiError && e.status === 401)) {
        notifyError(e);
        return;
      }
    }
    qc.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu')}>
          <Avatar radius="xl" size="sm" color="blue">
            {(user?.name ?? user?.email ?? '?').slice(0, 1).toUpperCase()}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user?.name ?? user?.email}</Menu.Label>
        <Menu.Item leftSection={<IconUser size={16} />} onClick={() => navigate('/settings/profile')}>
          {user?.email}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>
          <IconLanguage size={12} aria-hidden /> {t('language')}
        </Menu.Label>
        {(Object.keys(LANGUAGE_NAMES) as Language[]).map((lng) => (
          <Menu.Item
            key={lng}
            onClick={() => void changeLanguage(lng)}
            aria-checked={i18n.language === lng}
            role="menuitemradio"
            lang={lng}
          >
            {LANGUAGE_NAMES[lng]}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {ta('signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
