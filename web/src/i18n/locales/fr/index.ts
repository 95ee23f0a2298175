import { auth } from './auth.js';
import { common } from './common.js';
import { companies } from './companies.js';
import { contacts } from './contacts.js';
import { dashboard } from './dashboard.js';
import { errors } from './errors.js';
import { imports } from './imports.js';
import { interactions } from './interactions.js';
import { opportunities } from './opportunities.js';
import { settings } from './settings.js';
import { shell } from './shell.js';
import { tasks } from './tasks.js';

export const resources = {
  auth,
  common,
  companies,
  contacts,
  dashboard,
  errors,
  imports,
  interactions,
  opportunities,
  settings,
  shell,
  tasks,
};
