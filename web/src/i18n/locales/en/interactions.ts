import type { interactions as fr } from '../fr/interactions.js';

export const interactions: Record<keyof typeof fr, string> = {
  timeline: 'Timeline',
  empty: 'No interactions yet.',
  logTitle: 'Log an interaction',
  type: 'Type',
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  note: 'Note',
  date: 'Date',
  notes: 'Notes',
  notesPlaceholder: 'What was said, what comes next…',
  log: 'Add',
  logged: 'Interaction added',
  dateRequired: 'Enter a date.',
  by: 'by {{name}}',
  opportunity: 'Opportunity: ',
  contact: 'Contact: ',
  deleteLabel: 'Delete this interaction',
  deleteWhat: 'This interaction ({{type}} on {{date}})',
};
