import type { ScenarioAttachment } from '@cerise/common';
import { Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { fileSize } from './scenario-format.ts';
import { downloadAttachment, useAddAttachments, useRemoveAttachment } from './scenarios.api.ts';

const MAX_MB = 10;

/** The attachments of a scenario: download for every reader, « Retirer » for the author. */
export function AttachmentList({ scenarioId, attachments, removable }: { scenarioId: string; attachments: ScenarioAttachment[]; removable: boolean }) {
  const remove = useRemoveAttachment(scenarioId);
  const [error, setError] = useState<unknown>(null);
  if (attachments.length === 0) return <Text c="dimmed">{t('scenarios.attachments.none')}</Text>;
  return (
    <>
      {(remove.isError || error !== null) && <ErrorAlert error={remove.error ?? error} />}
      <Stack gap={6} component="ul" className="scenarios-cards" aria-label={t('scenarios.attachments.title')}>
        {attachments.map((a) => (
          <Group component="li" key={a.id} gap="sm" wrap="wrap">
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconPaperclip size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 4 }} />
              <Text>
                {a.filename}{' '}
                <Text span c="dimmed" size="sm">
                  ({a.mediaType === 'application/pdf' ? 'PDF' : 'ZIP'}, {fileSize(a.size)})
                </Text>
              </Text>
            </Group>
            <Button
              size="compact-sm"
              variant="subtle"
              className="scenario-no-print"
              leftSection={<IconDownload size={14} aria-hidden="true" />}
              aria-label={t('scenarios.attachments.download', { name: a.filename })}
              onClick={() => downloadAttachment(scenarioId, a.id, a.filename).catch(setError)}
            >
              {t('scenarios.attachments.downloadShort')}
            </Button>
            {removable && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} aria-hidden="true" />}
                aria-label={t('scenarios.attachments.removeOf', { name: a.filename })}
                onClick={() => remove.mutate(a.id, { onSuccess: () => notifySuccess(t('scenarios.attachments.removed', { name: a.filename })) })}
              >
                {t('scenarios.attachments.remove')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </>
  );
}

/** « Vous avez ensuite la possibilité d'ajouter des fichiers zip ou pdf » (author, after creation). */
export function AttachmentUpload({ scenarioId }: { scenarioId: string }) {
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  const add = useAddAttachments(scenarioId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (add.isPending) return;
    if (files.length === 0) {
      setMissing(true);
      return;
    }
    add.mutate(files, {
      onSuccess: () => {
        notifySuccess(t('scenarios.attachments.added', { count: files.length }));
        setFiles([]);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Text size="sm" mb="xs">
        {t('scenarios.attachments.intro', { size: MAX_MB })}
      </Text>
      {add.isError && <ErrorAlert error={add.error} />}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label={t('scenarios.attachments.choose')}
          multiple
          clearable
          accept=".pdf,.zip,application/pdf,application/zip"
          value={files}
          onChange={(v) => {
            setFiles(v);
            setMissing(false);
          }}
          error={missing ? t('scenarios.attachments.chooseFirst') : undefined}
          miw={260}
          maw={480}
          style={{ flexGrow: 1 }}
        />
        <SubmitButton pending={add.isPending} variant="outline">
          {add.isPending ? t('scenarios.attachments.sending') : t('scenarios.attachments.send')}
        </SubmitButton>
      </Group>
    </form>
  );
}
