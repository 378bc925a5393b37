import { Group, Stack } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { FileField } from './FileField.tsx';
import { tooLargeError } from './file-limits.ts';
import type { UploadFlow } from './use-upload-flow.ts';
import { UploadStatus } from './UploadStatus.tsx';

/** « Importation des enseignants »: one STSWEB file (sts_emp_….xml or a ZIP holding it). */
export function TeachersImportForm({ flow }: { flow: UploadFlow }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const isMine = flow.state.phase !== 'idle' && flow.state.kind === 'teachers';
  const pending = flow.isBusy && isMine;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const problem = flow.isBusy ? t('imports.form.otherInProgress') : !file ? t('imports.teachers.required') : tooLargeError(file);
    setError(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    flow.start({ kind: 'teachers', teachers: file });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="imports-teachers-title">
      <Stack gap="md">
        <FileField
          ref={inputRef}
          name="teachers"
          label={t('imports.teachers.fileLabel')}
          description={t('imports.teachers.fileDescription')}
          accept=".xml,.zip,text/xml,application/xml,application/zip"
          error={error}
          disabled={pending}
          onChange={(f) => {
            setFile(f);
            setError(undefined);
            flow.reset('teachers');
          }}
        />
        <Group>
          <SubmitButton pending={pending}>{t('imports.form.submit')}</SubmitButton>
        </Group>
        <UploadStatus kind="teachers" state={flow.state} onCancel={flow.cancel} />
      </Stack>
    </form>
  );
}
