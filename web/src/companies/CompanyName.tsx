import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCompany } from './useCompany.js';

/** A link to a company, by ID (for tables and cards that hold only company_id). */
export function CompanyLink({ id }: { id: number | null | undefined }) {
  const company = useCompany(id);
  if (id == null)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Anchor component={Link} to={`/companies/${id}`} size="sm">
      {company.data?.company_name ?? `#${id}`}
    </Anchor>
  );
}
