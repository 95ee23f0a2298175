import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Timeline as MantineTimeline,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconMessage, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useList, useMe, useRecord, useRemove } from '../api/queries.js';
import type { Contact, Interaction, Opportunity, TimelineInteraction } from '../api/types.js';
import { canEdit } from '../auth/permissions.js';
import { confirmDelete, notifyError } from '../components/feedback.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { dateTime, personName } from '../lib/format.js';
import { EditInteractionModal } from './EditInteractionModal.js';
import { type InteractionScope, isInteractionType, TYPE_ICONS } from './types.js';

/** A deal's timeline also lists its contact's interactions, each saying why it is there. */
type Item = Interaction & { via?: TimelineInteraction['via'] };

/**
 * The interactions of a contact, a company (those with its contacts or about its opportunities) or
 * a deal (its own and its contact's, labelled), newest first, a page at a time. Pass one of
 * `contactId`, `opportunityId` or `companyId`. Each can be edited from here, its history beside it.
 */
export function Timeline({ contactId, opportunityId, companyId }: InteractionScope) {
  const { t } = useTranslation('interactions');
  const { t: tc } = useTranslation();
  const [editing, setEditing] = useState<Interaction | null>(null);
  const path =
    companyId !== undefined
      ? `companies/${companyId}/interactions`
      : opportunityId !== undefined
        ? `opportunities/${opportunityId}/timeline`
        : undefined;
  // cached under 'interactions' (a company's or a deal's through its related list, which the
  // filtered list cannot express), so logging, editing or deleting one refreshes every timeline
  const list = useList<Item>(
    'interactions',
    { contact_id: contactId, sort: '-interaction_date', limit: 20 },
    { path },
  );
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (items.length === 0) return <Empty>{t('empty')}</Empty>;
  return (
    <>
      <MantineTimeline bulletSize={28} lineWidth={2} aria-label={t('timeline')} role="list">
        {items.map((i) => (
          <MantineTimeline.Item
            key={i.interaction_id}
            role="listitem"
            bullet={<TypeIcon type={i.interaction_type} />}
            title={<ItemTitle item={i} onEdit={() => setEditing(i)} />}
          >
            <ItemBody
              item={i}
              showContact={contactId === undefined}
              showOpportunity={opportunityId === undefined || i.opportunity_id !== opportunityId}
            />
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
      {list.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {tc('loadMore')}
          </Button>
        </Group>
      )}
      <EditInteractionModal item={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function TypeIcon({ type }: { type: string | null }) {
  const Icon = isInteractionType(type) ? TYPE_ICONS[type] : IconMessage;
  return <Icon size={16} aria-hidden />;
}

function ItemTitle({ item, onEdit }: { item: Item; onEdit: () => void }) {
  const { t } = useTranslation('interactions');
  const me = useMe().data;
  const remove = useRemove('interactions');
  const type = isInteractionType(item.interaction_type)
    ? t(item.interaction_type)
    : (item.interaction_type ?? '');
  const when = dateTime(item.interaction_date);
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {type} · <time dateTime={item.interaction_date ?? undefined}>{when}</time>
        </Text>
        {item.via && (
          <Badge size="xs" variant="light" color={item.via === 'opportunity' ? 'blue' : 'gray'}>
            {t(item.via === 'opportunity' ? 'viaOpportunity' : 'viaContact')}
          </Badge>
        )}
      </Group>
      {canEdit(me, 'interactions', item) && (
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('editLabel')}>
            <ActionIcon variant="subtle" size="sm" aria-label={t('editLabel')} onClick={onEdit}>
              <IconPencil size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('deleteLabel')}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('deleteLabel')}
              onClick={() =>
                confirmDelete(t('deleteWhat', { type, date: when }), () =>
                  remove.mutate(item.interaction_id, { onError: notifyError }),
                )
              }
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}

function ItemBody({
  item,
  showContact,
  showOpportunity,
}: {
  item: Interaction;
  showContact: boolean;
  showOpportunity: boolean;
}) {
  const { t } = useTranslation('interactions');
  const userName = useUserName();
  return (
    <>
      <Text size="xs" c="dimmed">
        {t('by', { name: userName(item.user_id) })}
      </Text>
      {showContact && item.contact_id != null && <ContactRef id={item.contact_id} />}
      {showOpportunity && item.opportunity_id != null && <OpportunityRef id={item.opportunity_id} />}
      {item.notes && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {item.notes}
        </Text>
      )}
    </>
  );
}

function ContactRef({ id }: { id: number }) {
  const { t } = useTranslation('interactions');
  const contact = useRecord<Contact>('contacts', id);
  return (
    <Text size="xs">
      {t('contact')}
      <Anchor component={Link} to={`/contacts/${id}`} size="xs">
        {contact.data ? personName(contact.data) : `#${id}`}
      </Anchor>
    </Text>
  );
}

function OpportunityRef({ id }: { id: number }) {
  const { t } = useTranslation('interactions');
  const opportunity = useRecord<Opportunity>('opportunities', id);
  return (
    <Text size="xs">
      {t('opportunity')}
      <Anchor component={Link} to={`/opportunities/${id}`} size="xs">
        {opportunity.data?.opportunity_name ?? `#${id}`}
      </Anchor>
    </Text>
  );
}
