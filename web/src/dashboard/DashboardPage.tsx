import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the dashboard feature is built.
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  return <PageHeader title={t('title')} />;
}
