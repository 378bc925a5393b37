import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { t } from '../../app/i18n/t.ts';

type DoneViewProps = {
  /** What was done, announced to screen readers. */
  message: ReactNode;
  children?: ReactNode;
  /** Buttons before « Fermer » (« Imprimer »…). */
  actions?: ReactNode;
  onClose: () => void;
};

/** The end of an action in a dialog: what was done, what to know next, « Fermer » (focused). */
export function DoneView({ message, children, actions, onClose }: DoneViewProps) {
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" icon={<IconCheck aria-hidden="true" />} role="status">
        {message}
      </Alert>
      {children}
      <Group justify="flex-end" gap="sm">
        {actions}
        <Button onClick={onClose} data-autofocus>
          {t('admin.close')}
        </Button>
      </Group>
    </Stack>
  );
}
