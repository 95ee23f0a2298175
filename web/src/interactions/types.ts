import { IconCalendarEvent, IconMail, IconNote, IconPhone } from '@tabler/icons-react';

export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const TYPE_ICONS: Record<InteractionType, typeof IconPhone> = {
  call: IconPhone,
  email: IconMail,
  meeting: IconCalendarEvent,
  note: IconNote,
};

export const isInteractionType = (v: unknown): v is InteractionType =>
  (INTERACTION_TYPES as readonly unknown[]).includes(v);

/**
 * Whose interactions: a contact's, an opportunity's or a company's (one of them, or a contact and
 * its opportunity).
 */
export interface InteractionScope {
  contactId?: number;
  opportunityId?: number;
  companyId?: number;
}
