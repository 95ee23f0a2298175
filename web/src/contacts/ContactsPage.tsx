import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the contacts feature is built.
export default function ContactsPage() {
  const { t } = useTranslation('contacts');
  return <PageHeader title={t('title')} />;
}
