import type { companies as fr } from '../fr/companies.js';

export const companies: Record<keyof typeof fr, string> = {
  title: 'Companies',
};
