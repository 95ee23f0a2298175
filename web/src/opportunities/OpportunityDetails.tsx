import { Anchor, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrency, useRecord } from '../api/queries.js';
import type { Company, Contact, Opportunity } from '../api/types.js';
import { useUserName } from '../components/UserSelect.js';
import { declaredLabel } from '../fields/declared.js';
import { date, dateTime, money, personName } from '../lib/format.js';
import { TagChips } from '../tags/TagChips.js';
import { fromCents, toCents, weightedCents } from './boardMove.js';
import { useStages } from './queries.js';
import { useCloseConfirmation } from './useCloseConfirmation.js';
import { useMoveOpportunity } from './useMoveOpportunity.js';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

/** The deal's fields; its stage can be changed right here (the non-drag way, for keyboards and phones). */
export function OpportunityDetails({
  opportunity,
  editable,
}: {
  opportunity: Opportunity;
  editable: boolean;
}) {
  const { t } = useTranslation('opportunities');
  const currency = useCurrency();
  const userName = useUserName();
  const stages = useStages();
  const move = useMoveOpportunity();
  // won and lost are confirmed here as on the board, a lost deal with its reason
  const close = useCloseConfirmation<null>(stages.data, (o, to, _c, lostReason) =>
    move.mutate({ opportunity: o, to, lost_reason: lostReason }),
  );
  const company = useRecord<Company>('companies', opportunity.company_id ?? undefined);
  const contact = useRecord<Contact>('contacts', opportunity.contact_id ?? undefined);
  // the deal's own probability, else its stage's
  const probability =
    opportunity.probability ?? stages.data?.find((s) => s.name === opportunity.stage)?.probability;
  const weighted =
    probability === undefined || opportunity.deal_value === null
      ? null
      : fromCents(weightedCents(toCents(opportunity.deal_value), probability));

  return (
    <Stack>
      {close.dialog}
      {editable ? (
        <Select
          label={t('stage')}
          maw={320}
          data={(stages.data ?? []).map((s) => s.name)}
          value={opportunity.stage}
          allowDeselect={false}
          onChange={(to) => to && close.request(opportunity, to, null)}
        />
      ) : (
        <Field label={t('stage')}>{opportunity.stage}</Field>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" m={0} spacing="md">
        <Field label={t('valueShort')}>{money(opportunity.deal_value, currency)}</Field>
        <Field label={t('weightedValue')}>
          {money(weighted, currency)}
          {probability !== undefined && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({t('probability', { value: probability })})
            </Text>
          )}
        </Field>
        <Field label={t('expectedClose')}>{date(opportunity.expected_close_date)}</Field>
        {opportunity.closed_at && <Field label={t('closedAt')}>{dateTime(opportunity.closed_at)}</Field>}
        {opportunity.lost_reason && <Field label={t('lostReason')}>{opportunity.lost_reason}</Field>}
        <Field label={t('company')}>
          {opportunity.company_id ? (
            <Anchor component={Link} to={`/companies/${opportunity.company_id}`} size="sm">
              {company.data?.company_name ?? `#${opportunity.company_id}`}
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('contact')}>
          {opportunity.contact_id ? (
            <Anchor component={Link} to={`/contacts/${opportunity.contact_id}`} size="sm">
              {contact.data ? personName(contact.data) : `#${opportunity.contact_id}`}
            </Anchor>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('owner')}>{userName(opportunity.owner_id)}</Field>
        {(opportunity.tags ?? []).length > 0 && (
          <Field label={declaredLabel('opportunities', 'tags') ?? 'Tags'}>
            <TagChips names={opportunity.tags} />
          </Field>
        )}
        <Field label={t('createdAt')}>{dateTime(opportunity.created_at)}</Field>
        <Field label={t('updatedAt')}>{dateTime(opportunity.updated_at)}</Field>
      </SimpleGrid>
    </Stack>
  );
}
