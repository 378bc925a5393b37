import { Text } from '@mantine/core';
import { t } from '../app/i18n/t.ts';

/** The sentence explaining the asterisk of required fields (RGAA 11.10). */
export function RequiredFieldsNote() {
  return (
    <Text size="sm" c="dimmed" mb="sm">
      {t('app.requiredFieldsNote')}
    </Text>
  );
}
