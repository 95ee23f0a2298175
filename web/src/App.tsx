import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { Loading } from './components/states.js';
import { router } from './routes.js';
import { cssVariablesResolver, makeTheme } from './theme.js';

export const queryClient = new QueryClient({
  defaultOptions: {
    // a 4xx will not get better by asking again
    queries: {
      retry: (n, e) => n < 2 && ((e as { status?: number }).status ?? 0) < 400,
      refetchOnWindowFocus: false,
    },
  },
});

export function Providers({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const closeLabel = t('close');
  const theme = useMemo(() => makeTheme(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <DatesProvider settings={{ locale: i18n.language }}>
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            <Notifications position="top-right" />
            {children}
          </ModalsProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

export function App() {
  return (
    <Providers>
      <Suspense fallback={<Loading />}>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  );
}
