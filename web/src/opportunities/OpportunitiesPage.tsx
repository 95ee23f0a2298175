import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.js';

// Placeholder until the opportunities feature is built.
export default function OpportunitiesPage() {
  const { t } = useTranslation('opportunities');
  return <PageHeader title={t('title')} />;
}
