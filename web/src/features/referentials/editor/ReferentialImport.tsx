import { MODULE_PATHS } from '@cerise/common';
import type { ImportReport } from '@cerise/common';
import { Alert, Anchor, Button, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconFileSearch, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SubmitButton } from '../../../ui/SubmitButton.tsx';
import { errorProblems, useImportReferential } from '../referentials.api.ts';
import classes from '../referentials.module.css';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Step =
  | { kind: 'choose' }
  | { kind: 'analysed'; content: string; fileName: string; report: ImportReport }
  | { kind: 'applied'; report: ImportReport };

function ReportLines({ report }: { report: ImportReport }) {
  // The first line repeats the summary, shown as the alert's title.
  const lines = report.lines[0] === report.summary ? report.lines.slice(1) : report.lines;
  if (lines.length === 0) return null;
  return (
    <ul className={classes.reportLines}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * « Importer un référentiel »: choose a file → analysis (dry run: nothing changes) → the French
 * report of what would change → « Appliquer l'import » → the result.
 */
export function ReferentialImport() {
  const { establishment } = useCurrentUser();
  const fileRef = useRef<HTMLButtonElement>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const importer = useImportReferential();

  useEffect(() => {
    if (step.kind !== 'choose') reportRef.current?.focus();
  }, [step]);

  const reset = () => {
    setStep({ kind: 'choose' });
    setError(null);
    setFile(null);
    requestAnimationFrame(() => fileRef.current?.focus());
  };

  const onAnalyse = async (event: FormEvent) => {
    event.preventDefault();
    if (importer.isPending) return;
    setError(null);
    if (!file) {
      setFieldError(t('referentials.import.fileRequired'));
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setFieldError(t('referentials.import.fileTooLarge'));
      fileRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    let content: string;
    try {
      content = await file.text();
    } catch {
      setFieldError(t('referentials.import.fileUnreadable'));
      fileRef.current?.focus();
      return;
    }
    importer.mutate(
      { content, dryRun: true },
      {
        onSuccess: (report) => setStep({ kind: 'analysed', content, fileName: file.name, report }),
        onError: setError,
      },
    );
  };

  const onApply = () => {
    if (step.kind !== 'analysed' || importer.isPending) return;
    setError(null);
    importer.mutate(
      { content: step.content, dryRun: false },
      {
        // The result (an alert) replaces the analysis and its heading takes the focus.
        onSuccess: (report) => setStep({ kind: 'applied', report }),
        onError: setError,
      },
    );
  };

  const problems = errorProblems(error);
  const errorBlock =
    error !== null ? (
      <div>
        <ErrorAlert error={error} />
        {problems.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('referentials.import.problemsTitle')}
            </Text>
            <List size="sm" mb="md">
              {problems.map((p, i) => (
                <List.Item key={i}>{p}</List.Item>
              ))}
            </List>
          </>
        )}
      </div>
    ) : null;

  if (step.kind === 'analysed') {
    const { report } = step;
    const nothing = report.action === 'none';
    return (
      <Stack gap="md">
        <Title order={3} size="h4" ref={reportRef} tabIndex={-1}>
          {t('referentials.import.analysisTitle', { file: step.fileName })}
        </Title>
        <Alert color={nothing ? 'gray' : 'blue'} variant="light" icon={<IconInfoCircle aria-hidden="true" />} title={report.summary}>
          <ReportLines report={report} />
          {!nothing && (
            <Text size="sm" mt="xs">
              {t('referentials.import.nothingYet')}
            </Text>
          )}
        </Alert>
        {errorBlock}
        <Group>
          {!nothing && (
            <Button onClick={onApply} aria-disabled={importer.isPending || undefined} leftSection={<IconCheck size={18} aria-hidden="true" />}>
              {t('referentials.import.apply')}
            </Button>
          )}
          <Button variant="default" onClick={reset}>
            {nothing ? t('referentials.import.another') : t('referentials.import.cancel')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (step.kind === 'applied') {
    const { report } = step;
    return (
      <Stack gap="md">
        <Title order={3} size="h4" ref={reportRef} tabIndex={-1}>
          {t('referentials.import.resultTitle')}
        </Title>
        <Alert color="green" variant="light" icon={<IconCheck aria-hidden="true" />} title={report.summary}>
          <ReportLines report={report} />
        </Alert>
        <Group>
          {report.referential.id && (
            <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}/referentiels/${report.referential.id}`}>
              {t('referentials.import.openReferential', { title: report.referential.title })}
            </Anchor>
          )}
          <Button variant="default" onClick={reset}>
            {t('referentials.import.another')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={(e) => void onAnalyse(e)} noValidate>
      <Stack gap="md" maw={560}>
        {errorBlock}
        <FileInput
          ref={fileRef}
          label={t('referentials.import.fileLabel')}
          description={t('referentials.import.fileHint')}
          placeholder={t('referentials.import.filePlaceholder')}
          accept="application/json,.json"
          leftSection={<IconFileUpload size={18} aria-hidden="true" />}
          clearable
          // The default placeholder grey is too pale for text that says what to do (WCAG 1.4.3).
          styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
          clearButtonProps={{ 'aria-label': t('referentials.import.clearFile') }}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setFieldError(undefined);
            setError(null);
          }}
          error={fieldError}
        />
        <Group>
          <SubmitButton pending={importer.isPending} leftSection={<IconFileSearch size={18} aria-hidden="true" />}>
            {t('referentials.import.analyse')}
          </SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
