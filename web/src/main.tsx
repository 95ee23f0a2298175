import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import 'dayjs/locale/fr';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import i18n, { type Language, loadLanguage } from './i18n/index.js';

document.documentElement.lang = i18n.language;
// the first screen in the reader's language: its strings are there before anything renders
void loadLanguage(i18n.language as Language)
  .catch(() => undefined)
  .then(() => i18n.changeLanguage(i18n.language))
  .then(() =>
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
