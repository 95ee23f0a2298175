import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Allowed } from './auth/Allowed.js';
import { canImport } from './auth/permissions.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { Layout } from './shell/Layout.js';

// Each page is its own chunk: the first screen downloads only the shell and that page.
const LoginPage = lazy(() => import('./auth/LoginPage.js'));
const SetupPage = lazy(() => import('./auth/SetupPage.js'));
const ForgotPasswordPage = lazy(() => import('./auth/ForgotPasswordPage.js'));
const SetPasswordPage = lazy(() => import('./auth/SetPasswordPage.js'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.js'));
const ContactsPage = lazy(() => import('./contacts/ContactsPage.js'));
const ContactPage = lazy(() => import('./contacts/ContactPage.js'));
const CompaniesPage = lazy(() => import('./companies/CompaniesPage.js'));
const CompanyPage = lazy(() => import('./companies/CompanyPage.js'));
const OpportunitiesPage = lazy(() => import('./opportunities/OpportunitiesPage.js'));
const OpportunityPage = lazy(() => import('./opportunities/OpportunityPage.js'));
const TasksPage = lazy(() => import('./tasks/TasksPage.js'));
const ImportsPage = lazy(() => import('./imports/ImportsPage.js'));
const SettingsPage = lazy(() => import('./settings/SettingsPage.js'));

/** Only roles that may import get the wizard (its chunk is not even loaded for the others). */
function ImportsRoute() {
  const { t } = useTranslation('shell');
  return (
    <Allowed when={canImport} reason={t('notAllowedImports')}>
      <ImportsPage />
    </Allowed>
  );
}

// exported for the tests, which walk them in a memory router
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  // the links mailed or handed out (server/auth/account-links.ts, LINK_PAGES)
  { path: '/reset-password', element: <SetPasswordPage /> },
  { path: '/invitation', element: <SetPasswordPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'contacts', element: <ContactsPage /> },
          { path: 'contacts/:id', element: <ContactPage /> },
          { path: 'companies', element: <CompaniesPage /> },
          { path: 'companies/:id', element: <CompanyPage /> },
          { path: 'opportunities', element: <OpportunitiesPage /> },
          { path: 'opportunities/:id', element: <OpportunityPage /> },
          { path: 'tasks', element: <TasksPage /> },
          { path: 'imports', element: <ImportsRoute /> },
          { path: 'settings/*', element: <SettingsPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
