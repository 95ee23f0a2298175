import type { contacts as fr } from '../fr/contacts.js';

export const contacts: Record<keyof typeof fr, string> = {
  title: 'Contacts',
};
