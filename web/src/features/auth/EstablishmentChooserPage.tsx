import { errorMessage, UaiSchema } from '@cerise/common';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { useDefaultEstablishment } from './auth.api.ts';

/** `/`: goes to the only establishment of the instance, or asks for the establishment's code. */
export function EstablishmentChooserPage() {
  const defaultEstablishment = useDefaultEstablishment();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  if (defaultEstablishment.isPending) return <PageLoader />;
  if (defaultEstablishment.data) return <Navigate to={`/${defaultEstablishment.data.uai}`} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setError(t('auth.chooser.uaiRequired'));
      inputRef.current?.focus();
      return;
    }
    const parsed = UaiSchema.safeParse(code);
    if (!parsed.success) {
      setError(errorMessage('establishments.invalid_uai'));
      inputRef.current?.focus();
      return;
    }
    void navigate(`/${parsed.data}`);
  };

  return (
    <>
      <PageTitle>{t('auth.chooser.title')}</PageTitle>
      {defaultEstablishment.isError && <ErrorAlert error={defaultEstablishment.error} />}
      <Text mb="md">{t('auth.chooser.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={420}>
          <RequiredFieldsNote />
          <TextInput
            ref={inputRef}
            label={t('auth.chooser.uaiLabel')}
            description={t('auth.chooser.uaiDescription')}
            required
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={error}
          />
          <Group>
            <Button type="submit">{t('auth.chooser.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
