import type { settings as fr } from '../fr/settings.js';

export const settings: Record<keyof typeof fr, string> = {
  title: 'Settings',
};
