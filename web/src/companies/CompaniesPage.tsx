import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the companies feature is built.
export default function CompaniesPage() {
  const { t } = useTranslation('companies');
  return <PageHeader title={t('title')} />;
}
