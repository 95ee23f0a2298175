import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the tasks feature is built.
export default function TasksPage() {
  const { t } = useTranslation('tasks');
  return <PageHeader title={t('title')} />;
}
