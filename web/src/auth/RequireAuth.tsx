import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useInstance, useMe } from '../api/queries.js';
import { ErrorState, Loading } from '../components/states.js';
import i18n, { type Language, setLanguage } from '../i18n/index.js';

// rarely shown, and it brings the password form (and its list of common passwords): loaded on demand
const ChangePasswordScreen = lazy(() =>
  import('./ChangePasswordScreen.js').then((m) => ({ default: m.ChangePasswordScreen })),
);

/** Routes behind it need a signed-in user; the first visit of a new instance goes to setup. */
export function RequireAuth() {
  const me = useMe();
  const instance = useInstance();
  const location = useLocation();

  // the user's own language wins over the browser's, once known
  const locale = me.data?.locale;
  useEffect(() => {
    if ((locale === 'fr' || locale === 'en') && locale !== i18n.language)
      void setLanguage(locale as Language);
  }, [locale]);

  if (me.isLoading || instance.isLoading) return <Loading />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (instance.data?.setup_needed) return <Navigate to="/setup" replace />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.data.must_change_password)
    return (
      <Suspense fallback={<Loading />}>
        <ChangePasswordScreen />
      </Suspense>
    );
  return <Outlet />;
}
