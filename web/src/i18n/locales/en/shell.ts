import type { shell as fr } from '../fr/shell.js';

export const shell: Record<keyof typeof fr, string> = {
  dashboard: 'Dashboard',
  contacts: 'Contacts',
  companies: 'Companies',
  opportunities: 'Opportunities',
  tasks: 'Tasks',
  imports: 'Import',
  settings: 'Settings',
  searchPlaceholder: 'Search contacts, companies, opportunities…',
  searchNothing: 'Nothing found',
  language: 'Language',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  menu: 'Menu',
  userMenu: 'User menu',
  skipToContent: 'Skip to content',
  notAllowedTitle: 'Not allowed',
  notAllowedImports:
    'Your role (read only) lets you see and export records, not import them. To import a file, ask an administrator to change your role.',
  notAllowedBack: 'Back to the dashboard',
};
