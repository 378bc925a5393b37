import { Fieldset, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { FileField } from './FileField.tsx';
import { tooLargeError } from './file-limits.ts';
import type { UploadFlow } from './use-upload-flow.ts';
import { UploadStatus } from './UploadStatus.tsx';

type Slot = 'eleves' | 'responsables' | 'zip';
type Errors = Partial<Record<Slot, string>>;

/** The choice of files, checked before sending: the two XML files, or one ZIP holding both. */
function validate(files: Partial<Record<Slot, File | null>>, busy: boolean): Errors {
  const errors: Errors = {};
  for (const slot of ['eleves', 'responsables', 'zip'] as const) {
    const file = files[slot];
    const problem = file ? tooLargeError(file) : undefined;
    if (problem) errors[slot] = problem;
  }
  if (Object.keys(errors).length > 0) return errors;
  if (busy) return { eleves: t('imports.form.otherInProgress') };
  // The two XML files, or the ZIP: never both (the server refuses the mix too, siecle.mixed_inputs).
  if (files.zip && (files.eleves || files.responsables)) return { zip: t('imports.learners.mixed') };
  if (files.zip) return errors;
  if (!files.eleves && !files.responsables) errors.eleves = t('imports.learners.missingBoth');
  else if (!files.eleves) errors.eleves = t('imports.learners.missingEleves');
  else if (!files.responsables) errors.responsables = t('imports.learners.missingResponsables');
  return errors;
}

/** « Importation des apprenants et de leurs parents » (docs/guide.md §3.1.2). */
export function LearnersImportForm({ flow }: { flow: UploadFlow }) {
  const [files, setFiles] = useState<Partial<Record<Slot, File | null>>>({});
  const [errors, setErrors] = useState<Errors>({});
  const refs = { eleves: useRef<HTMLInputElement>(null), responsables: useRef<HTMLInputElement>(null), zip: useRef<HTMLInputElement>(null) };
  const isMine = flow.state.phase !== 'idle' && flow.state.kind === 'learners';
  const pending = flow.isBusy && isMine;

  const choose = (slot: Slot) => (file: File | null) => {
    setFiles((f) => ({ ...f, [slot]: file }));
    setErrors({});
    flow.reset('learners');
  };

  /** What the three file fields have in common. */
  const slotProps = (slot: Slot) => ({ ref: refs[slot], name: slot, error: errors[slot], disabled: pending, onChange: choose(slot) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found = validate(files, flow.isBusy);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, [
        ['eleves', refs.eleves],
        ['responsables', refs.responsables],
        ['zip', refs.zip],
      ]);
      return;
    }
    flow.start({
      kind: 'learners',
      ...(files.eleves ? { eleves: files.eleves } : {}),
      ...(files.responsables ? { responsables: files.responsables } : {}),
      ...(files.zip ? { zip: files.zip } : {}),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="imports-learners-title">
      <Stack gap="md">
        <Fieldset legend={t('imports.learners.separateTitle')} variant="filled">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <FileField {...slotProps('eleves')} label={t('imports.learners.elevesLabel')} accept=".xml,text/xml,application/xml" />
            <FileField {...slotProps('responsables')} label={t('imports.learners.responsablesLabel')} accept=".xml,text/xml,application/xml" />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('imports.learners.zipTitle')} variant="filled">
          <Text size="sm" mb="sm">
            {t('imports.learners.zipIntro')}
          </Text>
          <FileField
            {...slotProps('zip')}
            label={t('imports.learners.zipLabel')}
            description={t('imports.learners.zipDescription')}
            accept=".zip,application/zip"
          />
        </Fieldset>
        <Group>
          <SubmitButton pending={pending}>{t('imports.form.submit')}</SubmitButton>
        </Group>
        <UploadStatus kind="learners" state={flow.state} onCancel={flow.cancel} />
      </Stack>
    </form>
  );
}
