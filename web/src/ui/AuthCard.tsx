import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** The card of the pages before signing in (login, forgotten password…), centred. */
export function AuthCard({ maw = 520, children }: { maw?: number; children: ReactNode }) {
  return (
    <Stack align="center">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={maw}>
        {children}
      </Paper>
    </Stack>
  );
}
