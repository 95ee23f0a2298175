import type { dashboard as fr } from '../fr/dashboard.js';

export const dashboard: Record<keyof typeof fr, string> = {
  title: 'Dashboard',
};
