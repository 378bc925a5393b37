import type { BepChoice } from '@cerise/common';
import { Button, Group, Modal, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';

type Props = {
  opened: boolean;
  choices: BepChoice[];
  onChoose: (activityId: string | null) => void;
  onCancel: () => void;
};

const NONE = 'none';

/**
 * « Quelle activité du BEP MSA avez-vous réalisée ? » (docs/guide.md § 3.7.2): all the activities, those
 * the referential links to this situation first; « Aucune » keeps the situation BAC PRO only.
 */
export function BepPrompt({ opened, choices, onChoose, onCancel }: Props) {
  const [value, setValue] = useState<string>('');
  const suggested = choices.filter((c) => c.suggested);
  const others = choices.filter((c) => !c.suggested);
  const option = (c: BepChoice) => <Radio key={c.id} value={c.id} label={`${c.code} — ${c.label}`} />;
  return (
    <Modal opened={opened} onClose={onCancel} title={t('passport.bep.title')} size="lg" closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Text size="sm" mb="sm">
        {t('passport.bep.intro')}
      </Text>
      <Radio.Group value={value} onChange={setValue} label={t('passport.bep.legend')}>
        <Stack gap="xs" mt="xs">
          {suggested.length > 0 && (
            <Title order={3} size="h5">
              {t('passport.bep.suggested')}
            </Title>
          )}
          {suggested.map(option)}
          <Title order={3} size="h5" mt="sm">
            {t('passport.bep.others')}
          </Title>
          {others.map(option)}
          <Radio value={NONE} label={t('passport.bep.none')} mt="sm" />
        </Stack>
      </Radio.Group>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel}>
          {t('passport.cancel')}
        </Button>
        <Button disabled={!value} onClick={() => onChoose(value === NONE ? null : value)}>
          {t('passport.bep.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
