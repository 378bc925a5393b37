import type { AttachmentPart, SituationDetail } from '@cerise/common';
import { Button, Group, NativeSelect, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCamera, IconDownload, IconFileUpload, IconTrash } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { downloadAttachment, useAddAttachment, useRemoveAttachment } from './passport.api.ts';

const PARTS: AttachmentPart[] = ['common', 'bacpro', 'bep'];

/**
 * Pièces jointes (docs/guide.md § 3.7.2): PDF, ZIP, and photos — a phone opens its camera with « Prendre
 * une photo ». Each is common to both parts or specific to one. Read-only for readers.
 */
export function AttachmentsPanel({ situation, editable, onChanged }: { situation: SituationDetail; editable: boolean; onChanged?: (s: SituationDetail) => void }) {
  const [part, setPart] = useState<AttachmentPart>('common');
  const add = useAddAttachment();
  const remove = useRemoveAttachment();
  const [error, setError] = useState<unknown>(null);
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const upload = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    add.mutate(
      { id: situation.id, file, part },
      {
        onSuccess: (s) => {
          notifySuccess(t('passport.attachments.added', { name: file.name }));
          onChanged?.(s);
        },
        onError: setError,
      },
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mt="lg" mb="xs">
        {t('passport.attachments.title')}
      </Title>
      {situation.attachments.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('passport.attachments.none')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {situation.attachments.map((a) => (
            <Group component="li" key={a.id} gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {a.filename} <Text span c="dimmed" size="xs">({t(`passport.parts.${a.part}`)})</Text>
              </Text>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-sm" variant="subtle" leftSection={<IconDownload size={14} aria-hidden="true" />} onClick={() => void downloadAttachment(situation.id, a.id, a.filename)}>
                  {t('passport.attachments.download')}
                  <VisuallyHidden> {a.filename}</VisuallyHidden>
                </Button>
                {editable && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('passport.attachments.remove', { name: a.filename })}
                    onClick={() => remove.mutate({ id: situation.id, attachmentId: a.id }, { onError: setError })}
                  >
                    <IconTrash size={16} aria-hidden="true" />
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {editable && (
        <Stack gap="xs" mt="sm">
          <NativeSelect
            label={t('passport.attachments.part')}
            value={part}
            onChange={(e) => setPart(e.currentTarget.value as AttachmentPart)}
            data={PARTS.map((p) => ({ value: p, label: t(`passport.parts.${p}`) }))}
          />
          <Text size="xs" c="dimmed">
            {t('passport.attachments.hint')}
          </Text>
          <Group gap="xs">
            <Button leftSection={<IconCamera size={16} aria-hidden="true" />} variant="light" loading={add.isPending} onClick={() => camera.current?.click()}>
              {t('passport.attachments.photo')}
            </Button>
            <Button leftSection={<IconFileUpload size={16} aria-hidden="true" />} variant="light" loading={add.isPending} onClick={() => picker.current?.click()}>
              {t('passport.attachments.file')}
            </Button>
          </Group>
          <input ref={camera} type="file" accept="image/*" capture="environment" hidden data-testid="attachment-camera" onChange={(e) => { upload(e.currentTarget.files); e.currentTarget.value = ''; }} />
          <input ref={picker} type="file" accept="image/jpeg,image/png,application/pdf,.pdf,.zip,application/zip" hidden data-testid="attachment-file" onChange={(e) => { upload(e.currentTarget.files); e.currentTarget.value = ''; }} />
          {error !== null && <ErrorAlert error={error} />}
        </Stack>
      )}
    </section>
  );
}
