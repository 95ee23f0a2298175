import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the settings feature is built.
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  return <PageHeader title={t('title')} />;
}
