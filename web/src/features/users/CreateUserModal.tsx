import { deName, PossibleDuplicateSchema, USER_SOURCE_LABELS, type CreateUserResponse, type Profile } from '@cerise/common';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { hasCode, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { EstablishmentIncompleteNotice } from '../settings/EstablishmentIncomplete.tsx';
import { useSettings } from '../settings/settings.api.ts';
import { DoneView } from './DoneView.tsx';
import { frenchDate, personName, profilesText } from './format.ts';
import { MailsLink } from './MailsLink.tsx';
import { TemporaryCredentials } from './TemporaryCredentials.tsx';
import { EMPTY_USER_FORM, USER_FORM_FIELD_ORDER, validateUserForm, type UserFormErrors, type UserFormValues } from './user-form.ts';
import { UserFields, type FieldInputs } from './UserFields.tsx';
import { useCreateUser, useLoginPreview } from './users.api.ts';

export type CreateKind = 'teacher' | 'other';

/** The profiles « Nouvel utilisateur » offers (teachers have their own button). */
const OTHER_PROFILES: readonly Profile[] = ['administrator', 'learner', 'parent'];

const DuplicatesSchema = PossibleDuplicateSchema.array();

function duplicatesOf(error: unknown) {
  const details = isApiError(error) ? (error.details as { duplicates?: unknown } | undefined) : undefined;
  const parsed = DuplicatesSchema.safeParse(details?.duplicates);
  return parsed.success ? parsed.data : [];
}

function LoginPreview({ firstName, lastName }: { firstName: string; lastName: string }) {
  const [debounced] = useDebouncedValue({ firstName, lastName }, 350);
  const preview = useLoginPreview(debounced.firstName, debounced.lastName);
  const ready = debounced.firstName.trim() && debounced.lastName.trim();
  return (
    <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} className="admin-login-preview">
      <Text size="sm" role="status">
        {!ready ? (
          t('users.create.loginPreviewEmpty')
        ) : preview.data ? (
          <>
            {t('users.create.loginPreview')} <strong className="admin-mono">{preview.data.login}</strong>
          </>
        ) : preview.isError ? (
          t('users.create.loginPreviewError')
        ) : (
          t('app.loading')
        )}
      </Text>
      <Text size="xs" mt={4}>
        {t('users.create.loginRule')}
      </Text>
    </Alert>
  );
}

function CreatedView({ result, onClose }: { result: CreateUserResponse; onClose: () => void }) {
  const { user } = result;
  return (
    <DoneView message={t('users.create.done', { ofName: deName(personName(user)), login: user.login })} onClose={onClose}>
      {result.initialPassword ? (
        <>
          <Text>{t('users.create.noEmailPassword')}</Text>
          <TemporaryCredentials login={user.login} password={result.initialPassword} />
          <Text size="sm">{t('users.create.passwordOnce')}</Text>
        </>
      ) : (
        <Text>
          {t('users.create.mailsQueued', { count: result.mailsQueued, email: user.email ?? '' })} <MailsLink />
        </Text>
      )}
    </DoneView>
  );
}

type CreateUserModalProps = { kind: CreateKind; onClose: () => void };

/** « Nouvel enseignant », « Nouvel utilisateur » (docs/guide.md §3.2.2). */
export function CreateUserModal({ kind, onClose }: CreateUserModalProps) {
  const fullScreen = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const settings = useSettings();
  const [values, setValues] = useState<UserFormValues>(() => ({ ...EMPTY_USER_FORM, profiles: kind === 'teacher' ? ['teacher'] : [] }));
  const [errors, setErrors] = useState<UserFormErrors>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<ReturnType<typeof duplicatesOf> | null>(null);
  const [result, setResult] = useState<CreateUserResponse | null>(null);
  const inputs: FieldInputs = useRef({});
  const create = useCreateUser();
  const title = kind === 'teacher' ? t('users.create.teacherTitle') : t('users.create.otherTitle');
  const incomplete = (settings.data && settings.data.missing.length > 0) || hasCode(alertError, 'settings.establishment_incomplete');

  const send = (allowDuplicate: boolean) => {
    if (create.isPending) return;
    setAlertError(null);
    create.mutate(
      {
        civility: values.civility || null,
        lastName: values.lastName,
        firstName: values.firstName,
        birthDate: values.birthDate,
        email: values.email.trim(),
        profiles: values.profiles,
        classIds: kind === 'teacher' ? values.classIds : [],
        discipline: kind === 'teacher' ? values.discipline.trim() || null : null,
        allowDuplicate,
      },
      {
        onSuccess: (created) => {
          setDuplicates(null);
          setResult(created);
        },
        onError: (error) => {
          if (hasCode(error, 'users.possible_duplicate')) {
            setDuplicates(duplicatesOf(error));
            return;
          }
          setDuplicates(null);
          setAlertError(error);
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateUserForm(values);
    // « Nouvel utilisateur » offers one profile among several (radio buttons): ask for one.
    if (found.profiles && kind !== 'teacher') found.profiles = t('admin.userForm.errors.profileRequired');
    setErrors(found);
    const first = USER_FORM_FIELD_ORDER.find((f) => found[f]);
    if (first) {
      inputs.current[first]?.focus();
      return;
    }
    send(false);
  };

  let body;
  if (result) {
    body = <CreatedView result={result} onClose={onClose} />;
  } else if (settings.isPending) {
    body = <PageLoader />;
  } else if (incomplete) {
    body = (
      <Stack gap="md">
        <EstablishmentIncompleteNotice onNavigate={onClose} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('admin.close')}
          </Button>
        </Group>
      </Stack>
    );
  } else if (duplicates) {
    body = (
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('users.create.duplicateTitle')}>
          {t('users.create.duplicateText', { name: `${values.firstName.trim()} ${values.lastName.trim()}` })}
        </Alert>
        <List spacing="xs">
          {duplicates.map((d) => (
            <List.Item key={d.id}>
              {personName(d)} — <span className="admin-mono">{d.login}</span> — {profilesText(d.profiles)}
              {d.birthDate ? ` — ${t('users.create.bornOn', { date: frenchDate(d.birthDate) })}` : ''} — {USER_SOURCE_LABELS[d.source]}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{t('users.create.duplicateAdvice')}</Text>
        {create.isError && !hasCode(create.error, 'users.possible_duplicate') && <ErrorAlert error={create.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setDuplicates(null)} data-autofocus>
            {t('users.create.backToForm')}
          </Button>
          <Button color="orange" onClick={() => send(true)} aria-disabled={create.isPending || undefined}>
            {t('users.create.createAnyway')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    body = (
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('users.create.importFirst')}</Text>
          <RequiredFieldsNote />
          {alertError !== null && <ErrorAlert error={alertError} />}
          <UserFields
            values={values}
            onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
            errors={errors}
            inputs={inputs}
            profileChoice={kind === 'teacher' ? { kind: 'none' } : { kind: 'single', among: OTHER_PROFILES }}
          />
          <LoginPreview firstName={values.firstName} lastName={values.lastName} />
          <Text size="sm">{values.email.trim() ? t('users.create.withEmail') : t('users.create.withoutEmail')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <SubmitButton pending={create.isPending}>{t('users.create.submit')}</SubmitButton>
          </Group>
        </Stack>
      </form>
    );
  }

  return (
    <Modal opened onClose={onClose} title={title} size="xl" fullScreen={fullScreen}>
      {body}
    </Modal>
  );
}
