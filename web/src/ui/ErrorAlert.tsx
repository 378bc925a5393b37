import { Alert, Button, Group } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorText } from '../app/api.ts';
import { t } from '../app/i18n/t.ts';

type ErrorAlertProps = {
  /** An error thrown by the API client, or a French sentence. */
  error: unknown;
  onRetry?: () => void;
};

/** An announced error message (role="alert") with an icon, never colour alone. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const message = typeof error === 'string' ? error : errorText(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} mb="md">
      {message}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="outline" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
