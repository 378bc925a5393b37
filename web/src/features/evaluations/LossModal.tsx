import { Button, Group, Modal, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';

/** « Des résultats seront supprimés » : says how many, and asks before saving. */
export function LossModal({ count, pending, onCancel, onConfirm }: { count: number | null; pending: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Modal opened={count !== null} onClose={onCancel} title={t('evaluations.editor.lossTitle')} centered>
      <Text mb="md">{t('evaluations.editor.lossText', { count: count ?? 0 })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('evaluations.editor.cancel')}
        </Button>
        <Button color="red" loading={pending} onClick={onConfirm}>
          {t('evaluations.editor.lossConfirm')}
        </Button>
      </Group>
    </Modal>
  );
}
