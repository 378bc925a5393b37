import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/fr';
import { useState, type ReactNode } from 'react';
import { LoginPasswordProvider } from '../features/auth/login-password.tsx';
import { createQueryClient } from './query-client.ts';
import { cssVariablesResolver, theme } from './theme.ts';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <DatesProvider settings={{ locale: 'fr', firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          <LoginPasswordProvider>
            <Notifications position="bottom-right" />
            {children}
          </LoginPasswordProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
