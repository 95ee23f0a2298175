import type { opportunities as fr } from '../fr/opportunities.js';

export const opportunities: Record<keyof typeof fr, string> = {
  title: 'Opportunities',
};
